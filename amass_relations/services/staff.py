"""The association's staff as the app addresses them: who holds a role, and a message in their desk."""

import frappe


def users_with_roles(*roles: str) -> list[str]:
	"""Enabled users who hold any of `roles`."""
	users = frappe.get_all(
		"Has Role", filters={"role": ("in", roles), "parenttype": "User"}, pluck="parent", distinct=True
	)
	return sorted(frappe.get_all("User", filters={"name": ("in", users), "enabled": 1}, pluck="name"))


def notify_staff(users, doctype: str, name: str, subject: str, content: str | None = None):
	"""One desk notification (Notification Log) each, written in the caller's transaction, so it exists
	only if what it tells of commits; the framework mails it through the Email Queue."""
	for user in users:
		frappe.get_doc(
			{
				"doctype": "Notification Log",
				"for_user": user,
				"type": "Alert",
				"document_type": doctype,
				"document_name": name,
				"from_user": frappe.session.user,
				"subject": subject,
				"email_content": content or subject,
			}
		).insert(ignore_permissions=True)
