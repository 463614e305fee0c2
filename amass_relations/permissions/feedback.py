"""Who reads a complaint or suggestion (policy G6): the manager, and the complaint's owner (its triage
owner, whom the Assignment Rule assigns) — never the member of staff a complaint names, whatever the
route. Survey answers stay the manager's alone. Shares of a Feedback are refused (permissions/sharing.py):
in Frappe a share wins over this hook. An Improvement Action is read by the officers and changed by the
manager and its owner."""

import frappe

from amass_relations.constants import ROLE_MANAGER

ALL_READERS = {ROLE_MANAGER, "System Manager"}
ANSWERED = ("Complaint", "Suggestion")


def reads_all(user: str) -> bool:
	return user == "Administrator" or bool(ALL_READERS & set(frappe.get_roles(user)))


def feedback_query(user=None, doctype=None) -> str:
	user = user or frappe.session.user
	if reads_all(user):
		return ""
	me = frappe.db.escape(user)
	return (
		"(`tabFeedback`.`feedback_type` in ('Complaint', 'Suggestion')"
		f" and `tabFeedback`.`triage_owner` = {me}"
		f" and ifnull(`tabFeedback`.`staff_member`, '') != {me})"
	)


def feedback_has_permission(doc, ptype=None, user=None, **kwargs) -> bool:
	user = user or frappe.session.user
	if reads_all(user):
		return True
	return bool(
		doc.get("feedback_type") in ANSWERED
		and doc.get("triage_owner") == user
		and doc.get("staff_member") != user
		and ptype in (None, "read", "select", "print", "email")
	)


def improvement_action_has_permission(doc, ptype=None, user=None, **kwargs) -> bool:
	user = user or frappe.session.user
	if ptype in (None, "read", "select", "print", "report", "email") or reads_all(user):
		return True
	return ptype == "write" and doc.get("action_owner") == user and not doc.is_new()
