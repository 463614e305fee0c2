"""Shares and assignments cannot carry a record across the branch wall.

Frappe's `has_permission` falls back to "allowed" when a record is shared with the user, after the app's
hook has denied it (permissions.py, `false_if_not_shared`, which reads DocShare with no permission
query); list queries OR shared records in; and assigning a record shares it with the assignee.

A share that passed when it was made goes stale when the beneficiary moves branch, the user's branch
changes or a grant ends, and it would then open the record. A share can add nothing the user may not
already read, so the beneficiaries' records are not shared at all: access comes from the role, the
branch and a Branch Access Grant. A share of a walled record is refused; shares left by an older
version or an import are removed by the migrate patch and the daily sweep (`remove_shares`). An
assignment is refused to someone who could not read the record (the framework would share it)."""

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


# Feedback is not shared either: a complaint is read by the manager and its owner, never by the member
# of staff it names; a share would win over permissions/feedback.py.
NOT_SHARED = (*BRANCH_OF, "Feedback")


def validate_share(doc, method=None):
	"""DocShare.validate"""
	if doc.share_doctype not in NOT_SHARED:
		return
	if doc.share_doctype == "Feedback":
		frappe.throw(
			_("Feedback is not shared: the manager and the complaint's owner read it."),
			frappe.PermissionError,
			title=_("Not Permitted"),
		)
	frappe.throw(
		_(
			"Beneficiaries' records are not shared: access comes from the user's role and branch, or a Branch Access Grant."
		),
		frappe.PermissionError,
		title=_("Not Permitted"),
	)


def remove_shares():
	"""Daily and on migrate: delete every share of a walled record (left by an older version or written
	straight to the database), so none can open a record the walls close."""
	frappe.db.delete("DocShare", {"share_doctype": ("in", list(NOT_SHARED))})


def validate_assignment(doc, method=None):
	"""ToDo.validate: an assignment is refused to someone who may not read the record, and a complaint
	is never assigned to the member of staff it names."""
	if doc.reference_type not in NOT_SHARED or not doc.reference_name or not doc.allocated_to:
		return
	if doc.status == "Cancelled" or not frappe.db.exists(doc.reference_type, doc.reference_name):
		return
	if doc.reference_type == "Feedback":
		from amass_relations.permissions.feedback import feedback_has_permission

		feedback = frappe.get_doc("Feedback", doc.reference_name)
		if feedback.staff_member and feedback.staff_member == doc.allocated_to:
			frappe.throw(
				_("This complaint is about {0}: it cannot be assigned to them.").format(
					frappe.bold(doc.allocated_to)
				),
				frappe.PermissionError,
			)
		if not feedback_has_permission(feedback, "read", doc.allocated_to):
			frappe.throw(
				_(
					"{0} may not see this feedback (only the manager and its owner do), so it cannot be assigned to them."
				).format(frappe.bold(doc.allocated_to)),
				frappe.PermissionError,
			)
		return
	if not could_read_without_share(doc.reference_type, doc.reference_name, doc.allocated_to):
		frappe.throw(
			_(
				"{0} may not see this record (another branch, or medical data), so it cannot be assigned to them."
			).format(frappe.bold(doc.allocated_to)),
			frappe.PermissionError,
		)
