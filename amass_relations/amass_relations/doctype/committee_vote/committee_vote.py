# Copyright (c) 2026, Amass Association and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from amass_relations import constants as c
from amass_relations.permissions.branches import branch_has_permission
from amass_relations.services.committee import conflict_reason

VOTERS = (c.ROLE_COMMITTEE_MEMBER, c.ROLE_COMMITTEE_CHAIR)


class CommitteeVoteError(frappe.ValidationError):
	pass


class CommitteeVote(Document):
	def validate(self):
		user = frappe.session.user
		self.member = self.member or user
		if self.member != user and not may_enter_votes_for_others(user):
			frappe.throw(_("Each member enters only their own vote."), frappe.PermissionError)
		self.entered_by = user
		if not set(VOTERS) & set(frappe.get_roles(self.member)):
			frappe.throw(
				_("{0} is not a member of the research committee.").format(frappe.bold(self.member)),
				CommitteeVoteError,
			)
		if frappe.db.get_value("Committee Review", self.committee_review, "docstatus") != 0:
			frappe.throw(_("The committee has already decided this request."), CommitteeVoteError)
		if frappe.db.exists(
			"Committee Vote",
			{"committee_review": self.committee_review, "member": self.member, "name": ("!=", self.name)},
		):
			frappe.throw(
				_("{0} has already voted on this request.").format(frappe.bold(self.member)),
				CommitteeVoteError,
			)
		request = frappe.db.get_value("Committee Review", self.committee_review, "support_request")
		if conflict_reason(self.member, request):
			frappe.throw(
				_(
					"{0} took part in this request (verified, studied or applied for it, or it is their own) and cannot vote on it."
				).format(frappe.bold(frappe.utils.get_fullname(self.member))),
				CommitteeVoteError,
				title=_("Conflict of Interest"),
			)


def may_enter_votes_for_others(user: str) -> bool:
	"""Where the association votes on paper, the committee secretary enters the votes."""
	return user == "Administrator" or bool(
		{c.ROLE_COMMITTEE_SECRETARY, "System Manager"} & set(frappe.get_roles(user))
	)


def has_permission(doc, ptype: str | None = None, user: str | None = None, **kwargs) -> bool:
	"""Members read all votes of the committee but change only their own; the branch wall first."""
	user = user or frappe.session.user
	if not branch_has_permission(doc, ptype, user):
		return False
	if ptype in ("read", "report", "print", "select") or may_enter_votes_for_others(user):
		return True
	return not doc.member or doc.member == user


def on_doctype_update():
	frappe.db.add_unique("Committee Vote", ["committee_review", "member"], "unique_review_member")
