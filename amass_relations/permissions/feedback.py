"""Who reads a complaint or suggestion (policy G6): the manager, and the complaint's owner (its triage
owner, whom the Assignment Rule assigns) — never the member of staff a complaint names, whatever the
route. Survey answers stay the manager's alone. Shares of a Feedback are refused (permissions/sharing.py):
in Frappe a share wins over this hook. An Improvement Action is read by the officers and changed by the
manager and its owner."""

import frappe

from amass_relations.constants import ROLE_MANAGER

ALL_READERS = {ROLE_MANAGER, "System Manager"}
ANSWERED = ("Complaint", "Suggestion")
# Doctypes whose rows are walled by these hooks (the routes that aggregate with no permission refuse
# them, as the branch-walled ones: permissions/routes.py is_walled).
ROW_WALLED = ("Feedback", "Feedback Answer", "Improvement Action", "Improvement Action Feedback")


def reads_all(user: str) -> bool:
	return user == "Administrator" or bool(ALL_READERS & set(frappe.get_roles(user)))


def feedback_query(user=None, doctype=None) -> str:
	user = user or frappe.session.user
	if user == "Administrator":
		return ""
	me = frappe.db.escape(user)
	# Never the member of staff a complaint names, whatever their role (a named manager included).
	not_named = f"ifnull(`tabFeedback`.`staff_member`, '') != {me}"
	if reads_all(user):
		return not_named
	return (
		"(`tabFeedback`.`feedback_type` in ('Complaint', 'Suggestion')"
		f" and `tabFeedback`.`triage_owner` = {me} and {not_named})"
	)


def feedback_has_permission(doc, ptype=None, user=None, **kwargs) -> bool:
	user = user or frappe.session.user
	if user == "Administrator":
		return True
	if doc.get("staff_member") == user:
		return False
	if reads_all(user):
		return True
	return bool(
		doc.get("feedback_type") in ANSWERED
		and doc.get("triage_owner") == user
		and ptype in (None, "read", "select", "print", "email")
	)


def feedback_answer_query(user=None, doctype=None) -> str:
	"""Survey answers are the manager's: the framework checks only the parent's role for a child
	table's list, so the answers have their own condition."""
	user = user or frappe.session.user
	return "" if reads_all(user) else "1 = 0"


def feedback_answer_has_permission(doc, ptype=None, user=None, **kwargs) -> bool:
	return reads_all(user or frappe.session.user)


def improvement_action_query(user=None, doctype=None) -> str:
	"""An officer reads the actions they own (its feedback items name complaints, perhaps about them)."""
	user = user or frappe.session.user
	if reads_all(user):
		return ""
	return f"`tabImprovement Action`.`action_owner` = {frappe.db.escape(user)}"


def improvement_action_feedback_query(user=None, doctype=None) -> str:
	user = user or frappe.session.user
	if reads_all(user):
		return ""
	return (
		"`tabImprovement Action Feedback`.`parent` in (select `name` from `tabImprovement Action`"
		f" where `action_owner` = {frappe.db.escape(user)})"
	)


def improvement_action_has_permission(doc, ptype=None, user=None, **kwargs) -> bool:
	user = user or frappe.session.user
	if reads_all(user):
		return True
	if doc.is_new() or doc.get("action_owner") != user:
		return False
	return ptype in (None, "read", "select", "print", "report", "email", "write")
