"""Shares and assignments cannot carry a record across the branch wall.

Frappe's `has_permission` falls back to "allowed" when a record is shared with the user, after the app's
hook has denied it; list queries OR shared records in; and assigning a record shares it with the
assignee. So a share (or an assignment) is refused when its user could not read the record without it:
the doctype's role permission, the branch wall and the medical wall."""

import frappe
from frappe import _

from amass_relations.permissions.branches import BRANCH_OF, branch_has_permission


def could_read_without_share(doctype: str, name: str, user: str) -> bool:
	if user == "Administrator":
		return True
	roles_allow = frappe.permissions.get_role_permissions(frappe.get_meta(doctype), user=user).get("read")
	if not roles_allow:
		return False
	return branch_has_permission(frappe.get_doc(doctype, name), "read", user)


def validate_share(doc, method=None):
	"""DocShare.validate"""
	if doc.share_doctype not in BRANCH_OF:
		return
	if doc.everyone:
		frappe.throw(_("Beneficiaries' records cannot be shared with everyone."), frappe.PermissionError)
	if doc.user and not could_read_without_share(doc.share_doctype, doc.share_name, doc.user):
		frappe.throw(
			_(
				"{0} may not see this record (another branch, or medical data), so it cannot be shared with them."
			).format(frappe.bold(doc.user)),
			frappe.PermissionError,
		)


def validate_assignment(doc, method=None):
	"""ToDo.validate: an assignment is refused to someone who may not read the record."""
	if doc.reference_type not in BRANCH_OF or not doc.reference_name or not doc.allocated_to:
		return
	if doc.status == "Cancelled" or not frappe.db.exists(doc.reference_type, doc.reference_name):
		return
	if not could_read_without_share(doc.reference_type, doc.reference_name, doc.allocated_to):
		frappe.throw(
			_(
				"{0} may not see this record (another branch, or medical data), so it cannot be assigned to them."
			).format(frappe.bold(doc.allocated_to)),
			frappe.PermissionError,
		)
