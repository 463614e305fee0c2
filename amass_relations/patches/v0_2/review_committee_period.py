"""Committee Reviews written before each review kept its own period get it from their request: the
request's entry into Pending Committee and its due date. A review the request has since left — it was
returned for information and sent to the committee again — would get the later entry, after its own
decision: it gets its own creation instead, with the due date the settings' response period gives.
Only reviews without an entry date are touched, so the patch can run again. Each review also records its
request's branch (the Decision Time report counts the decision under it)."""

import frappe
from frappe.utils import cint

from amass_relations import constants as c


def execute():
	response_days = (
		cint(frappe.db.get_single_value(c.SETTINGS_DOCTYPE, "committee_response_days"))
		or c.DEFAULT_COMMITTEE_RESPONSE_DAYS
	)
	# A review is written while its request waits for the committee: a request that entered after the
	# review was created, or after the review's decision, entered again for another review. (A draft
	# has no decision date: ifnull keeps the comparison true or false, never NULL, for `not`.)
	later_entry = (
		"(request.committee_entered_on > review.creation"
		" or ifnull(date(request.committee_entered_on) > review.decision_date, 0))"
	)
	missing = (
		"review.committee_entered_on is null and review.docstatus < 2"
		" and request.committee_entered_on is not null"
	)
	frappe.db.sql(
		f"""update `tabCommittee Review` review
		join `tabSupport Request` request on request.name = review.support_request
		set review.committee_entered_on = review.creation,
			review.committee_due_date = date(review.creation) + interval %(days)s day
		where {missing} and {later_entry}""",
		{"days": response_days},
	)
	frappe.db.sql(
		f"""update `tabCommittee Review` review
		join `tabSupport Request` request on request.name = review.support_request
		set review.committee_entered_on = request.committee_entered_on,
			review.committee_due_date = request.committee_due_date
		where {missing} and not {later_entry}"""
	)
	frappe.db.sql(
		"""update `tabCommittee Review` review
		join `tabSupport Request` request on request.name = review.support_request
		set review.branch_office = request.branch_office
		where review.branch_office is null"""
	)
