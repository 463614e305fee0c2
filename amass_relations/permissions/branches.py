"""Permission hooks (mapped in hooks.py). Each returns an explicit answer: a SQL condition string, or
True/False (v16 treats None as deny).

Branch isolation: a user listed on a Branch Office sees only that branch's records. Frappe applies
User Permissions loosely (rows with an empty branch stay visible); these hooks apply them strictly, in
lists, report view, counts, link search and REST alike."""

import frappe

from amass_relations.constants import BRANCH_SCOPED_DOCTYPES
from amass_relations.services.branches import allowed_branches

MEDICAL_PROFILE = "Beneficiary Medical Profile"


def _reads_medical_data(user: str) -> bool:
	return frappe.has_permission(MEDICAL_PROFILE, "read", user=user)


def branch_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	user = user or frappe.session.user
	conditions = []
	branches = allowed_branches(user)
	if branches is not None:
		values = ", ".join(frappe.db.escape(branch) for branch in branches)
		conditions.append(f"`tab{doctype}`.`branch_office` in ({values})")
	if doctype == "Beneficiary Document" and not _reads_medical_data(user):
		conditions.append("ifnull(`tabBeneficiary Document`.`is_medical`, 0) = 0")
	return " and ".join(conditions)


def branch_has_permission(doc, ptype: str | None = None, user: str | None = None, **kwargs) -> bool:
	user = user or frappe.session.user
	if doc.doctype not in BRANCH_SCOPED_DOCTYPES:
		return True
	if doc.doctype == "Beneficiary Document" and doc.get("is_medical") and not _reads_medical_data(user):
		return False
	branches = allowed_branches(user)
	if branches is None:
		return True
	# A new record has no branch yet until the form fills it in; creating is checked again on save.
	if not doc.get("branch_office"):
		return ptype == "create" and doc.is_new()
	return doc.branch_office in branches


# One function each, named for hooks.py.
def beneficiary_query(user=None, doctype=None):
	return branch_query_conditions(user, "Beneficiary")


def beneficiary_document_query(user=None, doctype=None):
	return branch_query_conditions(user, "Beneficiary Document")


def interaction_query(user=None, doctype=None):
	return branch_query_conditions(user, "Interaction")


def carer_authorization_query(user=None, doctype=None):
	return branch_query_conditions(user, "Carer Authorization")


def support_request_query(user=None, doctype=None):
	return branch_query_conditions(user, "Support Request")
