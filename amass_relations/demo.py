"""Demo data for a dev or training site: clearly fake, flagged `is_demo`, safe to load twice."""

import frappe

# Channels an admin might add beside the policy's eight, to show that the list is theirs to extend.
# Named in Arabic, as the association's admins would name them.
DEMO_CHANNELS = (
	("واتساب (تجريبي)", "سجل تجريبي: الرسائل الواردة على رقم واتساب الجمعية."),
	("فعالية توعوية (تجريبي)", "سجل تجريبي: أيام التوعية والزيارات الميدانية للمستشفيات."),
)


def load_demo_data() -> dict[str, int]:
	"""Insert the demo records that are missing; returns how many of each were added."""
	added = {"Contact Channel": 0}
	for position, (name, description) in enumerate(DEMO_CHANNELS, start=1):
		if frappe.db.exists("Contact Channel", name):
			continue
		frappe.get_doc(
			{
				"doctype": "Contact Channel",
				"channel_name": name,
				"description": description,
				"sort_order": 1000 + position,
				"is_demo": 1,
			}
		).insert(ignore_permissions=True)
		added["Contact Channel"] += 1
		if position == 1:
			_attach_demo_guide(name)
	frappe.db.commit()
	return added


def _attach_demo_guide(channel: str):
	"""A private attachment and a comment, as staff would leave on a record."""
	frappe.get_doc(
		{
			"doctype": "File",
			"file_name": "demo-channel-guide.txt",
			"attached_to_doctype": "Contact Channel",
			"attached_to_name": channel,
			"is_private": 1,
			"content": "سجل تجريبي: دليل الرد على رسائل واتساب (بيانات غير حقيقية).",
		}
	).insert(ignore_permissions=True)
	frappe.get_doc("Contact Channel", channel).add_comment("Comment", "تعليق تجريبي: تُراجع الرسائل يوميًا.")
