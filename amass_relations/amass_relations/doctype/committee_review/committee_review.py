# Copyright (c) 2026, Amass Association and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import flt, today

from amass_relations import constants as c
from amass_relations.permissions.code_owned import set_by_code
from amass_relations.services.committee import (
	differs_from_votes,
	tally_review,
	tally_text,
)
from amass_relations.services.contact import contact_of
from amass_relations.services.letters import queue_letter, retry_letter
from amass_relations.services.money import money
from amass_relations.services.workflow import apply_step

# The request's workflow action for each decision (the intake issue's transitions; none are added here).
ACTION_FOR_DECISION = {
	c.DECISION_APPROVED: "Approve",
	c.DECISION_PARTIALLY_APPROVED: "Approve",
	c.DECISION_REJECTED: "Reject",
	c.DECISION_RETURNED: "Return for Information",
}
REOPEN_ACTION = "Reopen for Committee"


class CommitteeReviewError(frappe.ValidationError):
	pass


class CommitteeReview(Document):
	def before_insert(self):
		# Each review keeps the period of its own entry into Pending Committee: a request returned for
		# information and sent again gets a new entry, a new due date and a new review.
		entered_on, due_date, branch = frappe.db.get_value(
			"Support Request",
			self.support_request,
			["committee_entered_on", "committee_due_date", "branch_office"],
		)
		set_by_code(self, committee_entered_on=entered_on, committee_due_date=due_date, branch_office=branch)

	def validate(self):
		self.validate_approval()
		self.validate_reasons()
		self.set_contact()
		if self.docstatus == 0 and not self.is_new():
			self.set_tally()

	def validate_approval(self):
		request = frappe.get_cached_doc("Support Request", self.support_request)
		if self.decision not in (c.DECISION_APPROVED, c.DECISION_PARTIALLY_APPROVED):
			self.approved_service = None
			self.approved_amount = 0
			return
		self.approved_service = self.approved_service or request.service_type
		service = frappe.get_cached_doc("Support Service Type", self.approved_service)
		if not service.is_financial:
			self.approved_amount = 0
			return
		if self.decision == c.DECISION_APPROVED and not self.approved_amount:
			self.approved_amount = request.amount_requested
		# The maximum the request was written under (its own copy): a maximum lowered since does not stop
		# the committee deciding it. Another service approved instead is held to its own maximum.
		maximum = flt(
			request.maximum_amount
			if self.approved_service == request.service_type and request.maximum_amount
			else service.maximum_amount
		)
		ceiling = min(flt(request.amount_requested) or maximum, maximum)
		if flt(self.approved_amount) <= 0 or flt(self.approved_amount) > ceiling:
			frappe.throw(
				_(
					"The approved amount must be more than zero and at most {0} (the amount requested and the service's maximum)."
				).format(frappe.bold(money(ceiling))),
				CommitteeReviewError,
				title=_("Invalid Approved Amount"),
			)
		requested = flt(request.amount_requested)
		if (
			self.decision == c.DECISION_PARTIALLY_APPROVED
			and requested
			and flt(self.approved_amount) >= requested
		):
			frappe.throw(
				_(
					"A partial approval is for less than the amount requested ({0}); approve it in full instead."
				).format(frappe.bold(money(requested))),
				CommitteeReviewError,
				title=_("Invalid Approved Amount"),
			)
		if self.decision == c.DECISION_APPROVED and requested and flt(self.approved_amount) < requested:
			frappe.throw(
				_(
					"An approval is for the amount requested ({0}); a smaller amount is a partial approval."
				).format(frappe.bold(money(requested))),
				CommitteeReviewError,
				title=_("Invalid Approved Amount"),
			)

	def validate_reasons(self):
		"""A decision other than a plain approval gives both reasons; every missing one is named."""
		if not self.decision or self.decision == c.DECISION_APPROVED:
			return
		missing = [
			label
			for field, label in (
				("decision_reason", _("the committee's reason for this decision (internal)")),
				("reason_for_applicant", _("the reason to be given to the applicant in the decision letter")),
			)
			if not (self.get(field) or "").strip()
		]
		if missing:
			frappe.throw(
				_("A decision of {0} needs {1}.").format(
					frappe.bold(_(self.decision)), _(" and ").join(missing)
				),
				CommitteeReviewError,
				title=_("Reason Required"),
			)

	def set_contact(self):
		"""Whom the decision is sent to, and whether it may be (the one consent gate, services/contact.py)."""
		person = contact_of(self.support_request)
		self.contact_email = person.email
		self.contact_language = person.preferred_language or "ar"
		self.contact_user = person.user
		self.may_notify = int(person.may_contact)

	def set_tally(self, meeting=None):
		"""What the votes carry, shown on the review and checked against the decision recorded."""
		result = tally_review(self, meeting)
		set_by_code(
			self,
			tally_decision=result.decision or "",
			tally_summary=tally_text(result),
		)
		return result

	def override_problem(self, result) -> str | None:
		"""Why this decision cannot be recorded against the votes, or None."""
		if not differs_from_votes(self, result):
			return None
		if self.chair_override and (self.override_reason or "").strip():
			return None
		return _(
			"the votes carry {0} ({1}), and the decision recorded is {2}: record the votes' decision, or the chair overrides them with a reason"
		).format(
			frappe.bold(_(result.decision) if result.decision else _("no decision")),
			tally_text(result),
			frappe.bold(_(self.decision)),
		)

	def before_submit(self):
		if not self.flags.from_meeting:
			frappe.throw(
				_("A committee review is submitted by submitting its meeting."), CommitteeReviewError
			)
		if not self.decision:
			frappe.throw(_("Record the committee's decision first."), CommitteeReviewError)
		result = self.set_tally()
		problem = self.override_problem(result)
		if problem:
			frappe.throw(f"{self.support_request}: {problem}", CommitteeReviewError)
		if not differs_from_votes(self, result):
			self.chair_override, self.override_reason = 0, None  # nothing was overridden
		# Who records the decision is who submits the meeting (its chair or vice-chair, checked with the
		# conflict-of-interest rule by the meeting before anything is written).
		set_by_code(self, decided_by=frappe.session.user)
		self.decision_date = today()

	def on_submit(self):
		frappe.db.set_value(
			"Support Request",
			self.support_request,
			{
				"committee_decision": self.decision,
				"transition_comment": self.reason_for_applicant
				if self.decision in c.REQUEST_STATUSES_NEEDING_COMMENT or self.decision == c.DECISION_REJECTED
				else None,
			},
		)
		# Applied by whoever submits the meeting (they hold the chair's role), recorded as the decider.
		apply_step(
			"Support Request",
			self.support_request,
			ACTION_FOR_DECISION[self.decision],
			decided_by=self.decided_by,
			# Returned for information: the applicant reads the committee's reason on the portal.
			applicant_message=self.reason_for_applicant,
		)
		# Rendered after the commit, by a worker: nothing in the decisions' transaction renders.
		queue_letter(self.name)

	def on_cancel(self):
		if frappe.db.table_exists("Service Delivery") and frappe.db.exists(
			"Service Delivery", {"support_request": self.support_request, "docstatus": ("!=", 2)}
		):
			frappe.throw(
				_("The service has been delivered against this decision: it cannot be cancelled."),
				CommitteeReviewError,
			)
		frappe.db.set_value("Support Request", self.support_request, "committee_decision", None)
		apply_step("Support Request", self.support_request, REOPEN_ACTION)

	@frappe.whitelist()
	def prepare_letter_again(self):
		"""Staff's retry of a failed (or lost) decision letter."""
		return retry_letter(self.name)


def on_doctype_update():
	# The Decision Time report reads submitted reviews by decision date.
	frappe.db.add_index("Committee Review", ["docstatus", "decision_date"], "docstatus_decision_date_index")
	# The Decision Time report reads nothing else: it aggregates from this index alone (no table rows, no
	# join), under 1 s at 800,000 reviews (benchmarks/committee_deadlines.py).
	frappe.db.add_index(
		"Committee Review",
		[
			"docstatus",
			"decision_date",
			"committee_entered_on",
			"committee_due_date",
			"service_type",
			"branch_office",
		],
		"decision_time_index",
	)
	# The list's sort: a branch-restricted user's list then reads its page in creation order and checks
	# each review's request by primary key, instead of sorting every review of the branch.
	frappe.db.add_index("Committee Review", ["creation"], "creation")
