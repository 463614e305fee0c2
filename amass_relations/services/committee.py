"""The research committee's rules that read the database: who may vote on a request, what the votes
carry under the manager's settings, and who has a conflict of interest. Used by the meeting, the review
and the vote; the arithmetic is `rules.committee.tally`."""

import frappe
from frappe import _
from frappe.utils import cint

from amass_relations import constants as c
from amass_relations.rules.committee import Tally, tally
from amass_relations.rules.requests import conflict_of_interest
from amass_relations.services.staff import users_with_roles

COMMITTEE_ROLES = (c.ROLE_COMMITTEE_MEMBER, c.ROLE_COMMITTEE_CHAIR)
MAJORITY_OF_ALL = "All Members"


def conflict_reason(user: str, support_request: str) -> str | None:
	"""The intake issue's conflict rule, for a member or chair of the committee."""
	request = frappe.get_cached_doc("Support Request", support_request)
	return conflict_of_interest(
		user,
		request.verified_by,
		request.get_researcher(),
		request.applied_by(),
		frappe.db.get_value("Beneficiary", request.beneficiary, "user"),
	)


def holds_committee_role(user: str) -> bool:
	return bool(set(COMMITTEE_ROLES) & set(frappe.get_roles(user)))


def voting_members(meeting, support_request: str) -> list[str]:
	"""Who may vote on this request: the members present (or all members, by the settings) who hold a
	committee role and have no conflict of interest on it."""
	if frappe.db.get_single_value(c.SETTINGS_DOCTYPE, "committee_majority_of") == MAJORITY_OF_ALL:
		members = users_with_roles(*COMMITTEE_ROLES)
	else:
		members = {row.member for row in meeting.members_present if holds_committee_role(row.member)}
	return sorted(m for m in members if not conflict_reason(m, support_request))


def presiding(meeting, support_request: str) -> str | None:
	"""The chair, or the vice-chair where the chair has a conflict on this request."""
	if meeting.chair and not conflict_reason(meeting.chair, support_request):
		return meeting.chair
	return meeting.vice_chair


def tally_review(review, meeting=None) -> Tally:
	meeting = meeting or frappe.get_doc("Committee Meeting", review.committee_meeting)
	voters = voting_members(meeting, review.support_request)
	# Only the votes of those who may vote count (a member not present, or who has left, does not).
	votes = {
		member: vote
		for member, vote in frappe.get_all(
			"Committee Vote",
			filters={"committee_review": review.name},
			fields=["member", "vote"],
			as_list=True,
		)
		if member in voters
	}
	setting = lambda field: bool(cint(frappe.db.get_single_value(c.SETTINGS_DOCTYPE, field)))  # noqa: E731
	return tally(
		votes,
		members=len(voters),
		abstentions_count=setting("committee_abstentions_count"),
		chair=presiding(meeting, review.support_request),
		casting_vote=setting("committee_casting_vote"),
	)


def tally_text(result: Tally) -> str:
	"""The count as the minutes and the review show it."""
	parts = [f"{_(decision)}: {count}" for decision, count in sorted(result.counts.items())]
	if result.abstentions:
		parts.append(_("Abstained: {0}").format(result.abstentions))
	counted = ", ".join(parts) if parts else _("No votes")
	carried = (
		_("carried: {0}").format(_(result.decision))
		+ (" " + _("(the chair's casting vote)") if result.by_casting_vote else "")
		if result.decision
		else _("no decision has a majority")
	)
	return _("{0} — {1} of {2} needed; {3}").format(counted, result.needed, result.base, carried)


def differs_from_votes(review, result: Tally) -> bool:
	return bool(review.decision) and review.decision != result.decision


@frappe.whitelist()
@frappe.validate_and_sanitize_search_inputs
def chair_query(doctype, txt, searchfield, start, page_len, filters):
	"""The link search of a meeting's chair and vice-chair: enabled users who hold the chair role (Frappe's
	user_query cannot filter by role). For those who may edit meetings only."""
	if not frappe.has_permission("Committee Meeting", "write"):
		frappe.throw(_("Only the research committee prepares meetings."), frappe.PermissionError)
	user, has_role = frappe.qb.DocType("User"), frappe.qb.DocType("Has Role")
	like = f"%{txt or ''}%"
	return (
		frappe.qb.from_(user)
		.join(has_role)
		.on((has_role.parent == user.name) & (has_role.parenttype == "User"))
		.select(user.name, user.full_name)
		.distinct()
		.where(has_role.role == c.ROLE_COMMITTEE_CHAIR)
		.where(user.enabled == 1)
		.where(user.name.like(like) | user.full_name.like(like))
		.orderby(user.full_name)
		.limit(page_len)
		.offset(start)
		.run()
	)
