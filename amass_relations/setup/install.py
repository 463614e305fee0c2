"""Install steps. Each inserts what is missing and never overwrites, so admins' edits survive
`bench migrate` (the same functions run from the post_model_sync patch). Each has its undo in
uninstall.py."""

import frappe

from amass_relations.constants import (
	APP_ROLES,
	DEFAULT_COMMITTEE_RESPONSE_DAYS,
	PORTAL_ROLES,
	SETTINGS_DOCTYPE,
	STANDARD_CATEGORIES,
	STANDARD_CHANNELS,
	STANDARD_DOCUMENT_TYPES,
)
from amass_relations.permissions.imports import ensure_import_permissions
from amass_relations.services.standard_records import insert_standard_record
from amass_relations.setup.notifications import ensure_decision_notifications
from amass_relations.setup.workflow import sync_request_workflow


def after_install():
	ensure_standard_records()
	ensure_portal_settings()
	ensure_service_questions()


def ensure_standard_records():
	ensure_roles()
	ensure_contact_channels()
	ensure_beneficiary_categories()
	ensure_document_types()
	ensure_settings()
	sync_request_workflow()
	ensure_decision_notifications()
	ensure_import_permissions()
	ensure_surveys()
	ensure_public_holidays()
	ensure_complaint_assignment_rule()


COMPLAINT_RULE = "Complaints and Suggestions to Their Owner"


def ensure_complaint_assignment_rule():
	"""The framework's Assignment Rule "based on field": a new complaint or suggestion is assigned to its
	triage owner (services/complaints.py computes it). Admins may edit it; it is never overwritten."""
	if frappe.db.exists("Assignment Rule", COMPLAINT_RULE):
		return
	frappe.get_doc(
		{
			"doctype": "Assignment Rule",
			"name": COMPLAINT_RULE,
			"document_type": "Feedback",
			"description": "A new complaint or suggestion goes to the branch's complaints owner (headquarters' when the branch has none).",
			"priority": 1,
			"assign_condition": 'feedback_type in ("Complaint", "Suggestion") and status in ("New", "In Progress") and triage_owner',
			"close_condition": 'status == "Closed"',
			"rule": "Based on Field",
			"field": "triage_owner",
			"assignment_days": [
				{"day": day}
				for day in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
			],
		}
	).insert(ignore_permissions=True)


def ensure_roles():
	for role in APP_ROLES:
		if frappe.db.exists("Role", role):
			continue
		frappe.get_doc(
			{
				"doctype": "Role",
				"role_name": role,
				"desk_access": 0 if role in PORTAL_ROLES else 1,
			}
		).insert(ignore_permissions=True)


def ensure_contact_channels():
	for position, channel in enumerate(STANDARD_CHANNELS, start=1):
		insert_standard_record(
			{
				"doctype": "Contact Channel",
				"name_field": "channel_name",
				"channel_name": channel,
				"enabled": 1,
				"sort_order": position * 10,
			}
		)


def ensure_beneficiary_categories():
	for category in STANDARD_CATEGORIES:
		insert_standard_record(
			{"doctype": "Beneficiary Category", "name_field": "category_name", "category_name": category}
		)


def ensure_document_types():
	for document_type, scope, expires, is_medical in STANDARD_DOCUMENT_TYPES:
		insert_standard_record(
			{
				"doctype": "Document Type",
				"name_field": "document_type_name",
				"document_type_name": document_type,
				"scope": scope,
				"expires": int(expires),
				"is_medical": int(is_medical),
			}
		)


def ensure_settings():
	"""Defaults for single fields that have never been set (a single's JSON default is applied only when
	the form is opened, not to code reading the value)."""
	defaults = {
		"committee_response_days": DEFAULT_COMMITTEE_RESPONSE_DAYS,
		"committee_quorum": 3,
		"max_attachment_mb": 5,
		"survey_delay_days": 1,
		"survey_valid_days": 14,
		"survey_reminder_days": 5,
		"feedback_k": 5,
		"survey_by_email": 1,
		"survey_by_sms": 1,
		"weekend_days": "Friday, Saturday",
		"complaint_resolution_days": 10,
	}
	meta = frappe.get_meta(SETTINGS_DOCTYPE)
	for fieldname in ("committee_notice", "committee_notice_en", "declaration_text", "declaration_text_en"):
		defaults[fieldname] = meta.get_field(fieldname).default
	for fieldname, value in defaults.items():
		if frappe.db.get_single_value(SETTINGS_DOCTYPE, fieldname) in (None, "", 0):
			frappe.db.set_single_value(SETTINGS_DOCTYPE, fieldname, value)


# Framework settings the portal turns on; uninstall puts back what was there (setup/uninstall.py).
# Where a website user lands after signing in (Portal Settings' default portal home): My requests, which
# sends an account not yet linked on to Link my file.
PORTAL_FRAMEWORK_SETTINGS = (
	("System Settings", "allow_login_using_mobile_number", 1),
	("Website Settings", "show_language_picker", 1),
	("Portal Settings", "default_portal_home", "my-requests"),
)
MISSING = "<missing>"


def previous_value_key(doctype: str, fieldname: str) -> str:
	return f"amass_relations_before_install|{doctype}|{fieldname}"


def _stored_single(doctype: str, fieldname: str):
	singles = frappe.qb.DocType("Singles")
	row = (
		frappe.qb.from_(singles)
		.select(singles.value)
		.where((singles.doctype == doctype) & (singles.field == fieldname))
		.run()
	)
	return row[0][0] if row else MISSING


def _remember_and_set(doctype: str, fieldname: str, value):
	key = previous_value_key(doctype, fieldname)
	if frappe.db.get_default(key) is None:
		frappe.db.set_default(key, str(_stored_single(doctype, fieldname)))
	frappe.db.set_single_value(doctype, fieldname, value)


def ensure_portal_settings():
	"""Once, at install (and the migrate patch that brought the portal): beneficiaries sign in with their
	mobile number as well as their email, and a guest sees Frappe's language picker on the sign-in page.
	The portal's own settings get their defaults when never stored (zero is an admin's choice)."""
	for doctype, fieldname, value in PORTAL_FRAMEWORK_SETTINGS:
		_remember_and_set(doctype, fieldname, value)
	meta = frappe.get_meta(SETTINGS_DOCTYPE)
	for fieldname in ("portal_session_minutes", "portal_carer_days_after_death"):
		if _stored_single(SETTINGS_DOCTYPE, fieldname) == MISSING:
			frappe.db.set_single_value(SETTINGS_DOCTYPE, fieldname, meta.get_field(fieldname).default)
	frappe.clear_cache()


# The public service guide's first questions (/services): inserted once when there are none; the
# managers edit, add and delete them in the desk.
SERVICE_QUESTIONS = (
	(
		"من يستطيع التقدم بطلب دعم؟",
		"Who may apply for support?",
		"مرضى السرطان وأسرهم المسجلون لدى الجمعية، أو من يتقدم نيابة عنهم بتفويض. لكل خدمة فئات مستفيدين تظهر في وصفها أعلاه.",
		"Cancer patients and their families registered with the association, or someone applying for them with an authorization. Each service lists the groups it is open to above.",
	),
	(
		"هل أحتاج إلى زيارة الفرع؟",
		"Do I need to visit a branch?",
		"لا يلزم ذلك دائمًا: يمكنك التقدم في الفرع أو بالهاتف أو عبر البوابة الإلكترونية، وقد يطلب منك الباحث الاجتماعي مقابلة أو زيارة.",
		"Not always: you may apply at a branch, by phone or on the portal; the social researcher may ask to meet or visit you.",
	),
	(
		"كيف أتابع طلبي؟",
		"How do I follow my request?",
		"سجّل الدخول إلى البوابة الإلكترونية واربط ملفك، ثم افتح «طلباتي». نرسل إليك كذلك رسالة عند كل تغيّر في حالة الطلب إن وافقت على التواصل.",
		"Sign in to the portal, link your file, then open My Requests. We also send you a message at each step of your request if you agreed to be contacted.",
	),
	(
		"هل يعني التقدم بالطلب الموافقة عليه؟",
		"Does applying mean the request is approved?",
		"لا. تدرس لجنة البحث كل طلب وتقرر فيه، ويصلك خطاب بالقرار وسببه.",
		"No. The research committee studies and decides on every request; you receive a letter with the decision and its reason.",
	),
)


def ensure_service_questions():
	if frappe.db.count("Service Question"):
		return
	for order, (question, question_en, answer, answer_en) in enumerate(SERVICE_QUESTIONS, start=1):
		frappe.get_doc(
			{
				"doctype": "Service Question",
				"question": question,
				"question_en": question_en,
				"answer": answer,
				"answer_en": answer_en,
				"published": 1,
				"sort_order": order,
			}
		).insert(ignore_permissions=True)


# The default satisfaction survey (policy G5, G7): the manager edits it or adds one per service.
DEFAULT_SURVEY = {
	"template_name": "Default Survey",
	"overall_question": "بشكل عام، ما مدى رضاك عن الخدمة؟",
	"overall_question_en": "Overall, how satisfied are you with the service?",
	"questions": [
		("هل كان التواصل معك واضحاً؟", "Was what we told you clear?", "Yes/No", "Service", 0, ""),
		(
			"كيف تقيّم سرعة إنجاز طلبك؟",
			"How do you rate how quickly your request was handled?",
			"Rating",
			"Service",
			0,
			"",
		),
		(
			"كيف تقيّم تعامل الموظف الذي خدمك؟",
			"How do you rate the member of staff who served you?",
			"Rating",
			"Staff Member",
			0,
			"",
		),
		(
			"كيف تقيّم الفرع الذي خدمك؟",
			"How do you rate the branch that served you?",
			"Rating",
			"Branch",
			0,
			"",
		),
		(
			"كيف عرفت بخدمات الجمعية؟",
			"How did you hear about the association's services?",
			"One Choice",
			"Service",
			0,
			"المستشفى | The hospital\nالأهل أو الأصدقاء | Family or friends\nالإنترنت | The internet\nغير ذلك | Other",
		),
	],
}


def ensure_surveys():
	"""The site's survey secret (site config) and the default survey template, when missing."""
	from amass_relations.services.surveys import ensure_secret

	ensure_secret()
	if frappe.db.exists("Survey Template", DEFAULT_SURVEY["template_name"]) or frappe.db.exists(
		"Survey Template", {"is_default": 1}
	):
		return
	frappe.get_doc(
		{
			"doctype": "Survey Template",
			"template_name": DEFAULT_SURVEY["template_name"],
			"enabled": 1,
			"is_default": 1,
			"overall_question": DEFAULT_SURVEY["overall_question"],
			"overall_question_en": DEFAULT_SURVEY["overall_question_en"],
			"questions": [
				{
					"question": q,
					"question_en": q_en,
					"question_type": kind,
					"about": about,
					"required": required,
					"options": options,
				}
				for q, q_en, kind, about, required, options in DEFAULT_SURVEY["questions"]
			],
		}
	).insert(ignore_permissions=True)


# The fixed days off of the Kingdom; the manager adds each year's Eid al-Fitr and Eid al-Adha.
FIXED_HOLIDAYS = (
	("يوم التأسيس", "Founding Day", "2026-02-22"),
	("اليوم الوطني", "National Day", "2026-09-23"),
)


def ensure_public_holidays():
	for name, name_en, day in FIXED_HOLIDAYS:
		if frappe.db.exists("Public Holiday", {"holiday_name_en": name_en}):
			continue
		frappe.get_doc(
			{
				"doctype": "Public Holiday",
				"holiday_name": name,
				"holiday_name_en": name_en,
				"holiday_date": day,
				"every_year": 1,
			}
		).insert(ignore_permissions=True)
