"""Notifications of the committee's decision. Non-standard records created only when missing: v15 refuses
edits to standard notifications, and the association's admins must be able to change the texts.

Sent to the request's contact person, in their preferred language, only with contact consent and never for
an inactive or deceased beneficiary (`may_notify`, computed on the Committee Review)."""

import frappe

DECISION_NOTIFICATIONS = (
	{
		"name": "Committee Decision (Arabic)",
		"channel": "Email",
		"receiver": "contact_email",
		"condition": "doc.may_notify and doc.contact_email and doc.contact_language == 'ar'",
		"subject": "قرار لجنة البحث في طلبكم {{ doc.support_request }}",
		"message": (
			"<p>المكرم/ة {{ frappe.db.get_value('Beneficiary', frappe.db.get_value('Support Request', "
			"doc.support_request, 'contact_person'), 'full_name') }}،</p>"
			"<p>درست لجنة البحث في جمعية أمّس طلبكم رقم {{ doc.support_request }}، وقرارها: "
			"<strong>{{ _(doc.decision, 'ar') }}</strong>.</p>"
			"{% if doc.reason_for_applicant %}<p>{{ doc.reason_for_applicant }}</p>{% endif %}"
			"<p>رقم المرجع: {{ doc.name }}. ولأي استفسار يسعدنا تواصلكم مع موظف علاقات المستفيدين.</p>"
		),
	},
	{
		"name": "Committee Decision (English)",
		"channel": "Email",
		"receiver": "contact_email",
		"condition": "doc.may_notify and doc.contact_email and doc.contact_language != 'ar'",
		"subject": "The research committee's decision on your request {{ doc.support_request }}",
		"message": (
			"<p>The research committee of the Amass Association studied your request "
			"{{ doc.support_request }}. Its decision: <strong>{{ _(doc.decision, 'en') }}</strong>.</p>"
			"{% if doc.reason_for_applicant %}<p>{{ doc.reason_for_applicant }}</p>{% endif %}"
			"<p>Reference: {{ doc.name }}. For any question, please contact our beneficiary relations officers.</p>"
		),
	},
	{
		"name": "Committee Decision (In-App)",
		"channel": "System Notification",
		"receiver": "contact_user",
		"condition": "doc.may_notify and doc.contact_user",
		"subject": "قرار لجنة البحث في طلبكم {{ doc.support_request }}: {{ _(doc.decision, 'ar') }}",
		"message": "{{ doc.reason_for_applicant or '' }}",
	},
)


def ensure_decision_notifications():
	for spec in DECISION_NOTIFICATIONS:
		if frappe.db.exists("Notification", spec["name"]):
			continue
		notification = frappe.get_doc(
			{
				"doctype": "Notification",
				"document_type": "Committee Review",
				"event": "Submit",
				"channel": spec["channel"],
				"enabled": 1,
				"is_standard": 0,
				"condition": spec["condition"],
				"subject": spec["subject"],
				"message": spec["message"],
				"recipients": [{"receiver_by_document_field": spec["receiver"]}],
			}
		)
		notification.insert(ignore_permissions=True, set_name=spec["name"])
