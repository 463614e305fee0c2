# Copyright (c) 2026, Amass Association and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint

from amass_relations import constants as c
from amass_relations.services.committee import conflict_reason, holds_committee_role, tally_review
from amass_relations.services.signatures import check_signature
from amass_relations.services.staff import notify_staff, users_with_roles

# What one meeting can discuss when the settings say nothing.
DEFAULT_AGENDA_LIMIT = 25


class CommitteeMeetingError(frappe.ValidationError):
	pass


class CommitteeMeeting(Document):
	def validate(self):
		check_signature(self, "chair_signature")
		if not self.quorum:
			self.quorum = cint(frappe.db.get_single_value(c.SETTINGS_DOCTYPE, "committee_quorum")) or 1
		for user, label in ((self.chair, _("chair")), (self.vice_chair, _("vice-chair"))):
			if user and c.ROLE_COMMITTEE_CHAIR not in frappe.get_roles(user):
				frappe.throw(
					_("The {0} must hold the Research Committee Chair role.").format(label),
					CommitteeMeetingError,
				)
		if self.vice_chair and self.vice_chair == self.chair:
			frappe.throw(_("The vice-chair must be another person than the chair."), CommitteeMeetingError)
		present = {row.member for row in self.members_present}
		if self.chair not in present:
			self.append("members_present", {"member": self.chair})
		requests = [row.support_request for row in self.agenda]
		if len(requests) != len(set(requests)):
			frappe.throw(_("A request is on the agenda twice."), CommitteeMeetingError)
		if self.docstatus == 0 and len(requests) > agenda_limit():
			frappe.throw(
				_(
					"An agenda holds at most {0} requests (the committee's settings); this one has {1}. Take some off for another meeting."
				).format(agenda_limit(), len(requests)),
				CommitteeMeetingError,
				title=_("Agenda Too Long"),
			)

	def on_update(self):
		# A request taken off the agenda leaves no draft review behind to keep it out of other meetings.
		on_agenda = {row.committee_review for row in self.agenda if row.committee_review}
		for review in frappe.get_all(
			"Committee Review", filters={"committee_meeting": self.name, "docstatus": 0}, pluck="name"
		):
			if review not in on_agenda:
				frappe.delete_doc("Committee Review", review, ignore_permissions=True)

	def before_submit(self):
		"""Every agenda row is checked before anything is written, and every row that blocks the meeting is
		named in one message: a meeting's decisions are recorded all together or not at all."""
		self.check_quorum()
		self.check_who_records()
		problems = [
			_("Row {0} ({1}): {2}").format(row.idx, frappe.bold(row.support_request), problem)
			for row in self.agenda
			for problem in self.row_problems(row)
		]
		if problems:
			frappe.throw(
				_("Nothing was recorded. Each of these rows blocks the meeting:")
				+ "<ul>"
				+ "".join(f"<li>{p}</li>" for p in problems)
				+ "</ul>",
				CommitteeMeetingError,
				title=_("The Meeting Cannot Be Submitted"),
			)

	def check_quorum(self):
		# Only members who hold a committee role count towards the quorum (a branch representative
		# listed as present does not).
		present = len({row.member for row in self.members_present if holds_committee_role(row.member)})
		if present < cint(self.quorum):
			frappe.throw(
				_(
					"The meeting has {0} members present; its quorum is {1}. Its decisions cannot be recorded."
				).format(present, self.quorum),
				CommitteeMeetingError,
				title=_("Below Quorum"),
			)

	def row_problems(self, row) -> list[str]:
		"""Why this row's decision cannot be recorded now (none: it can)."""
		review = row.committee_review and frappe.db.exists("Committee Review", row.committee_review)
		if not review:
			return [_("it has no committee review; pull the request again")]
		review = frappe.get_doc("Committee Review", row.committee_review)
		if review.docstatus != 0 or review.committee_meeting != self.name:
			return [_("its review {0} is not this meeting's draft").format(review.name)]
		if not review.decision:
			return [_("record the committee's decision first")]
		problems = []
		status = frappe.db.get_value("Support Request", row.support_request, "status")
		if status != c.REQUEST_PENDING_COMMITTEE:
			problems.append(
				_(
					"the request is no longer pending the committee (it is {0}); take it off the agenda"
				).format(frappe.bold(_(status)))
			)
		# The review's own rules, on today's data (the request or service may have changed since).
		muted, frappe.flags.mute_messages = frappe.flags.mute_messages, True
		try:
			review.validate_approval()
			review.validate_reasons()
		except frappe.ValidationError as error:
			problems.append(str(error))
		finally:
			frappe.flags.mute_messages = muted
		problem = review.override_problem(tally_review(review, self))
		if problem:
			problems.append(problem)
		return problems

	def check_who_records(self):
		"""Whoever submits the meeting records its decisions (they are each request's `decided_by`): the
		meeting's chair or vice-chair, with no conflict of interest on any request of the agenda. Every
		blocking row is named before anything is written."""
		user = frappe.session.user
		if user == "Administrator":
			return
		if user not in (self.chair, self.vice_chair):
			frappe.throw(
				_("Only the meeting's chair or vice-chair submits its decisions."),
				CommitteeMeetingError,
				title=_("Not Permitted"),
			)
		conflicted = [row for row in self.agenda if conflict_reason(user, row.support_request)]
		if conflicted:
			other = self.vice_chair if user == self.chair else self.chair
			frappe.throw(
				_("You have a conflict of interest on {0}.").format(
					", ".join(frappe.bold(row.support_request) for row in conflicted)
				)
				+ " "
				+ (
					_("{0} submits this meeting's decisions.").format(
						frappe.bold(frappe.utils.get_fullname(other))
					)
					if other and not any(conflict_reason(other, row.support_request) for row in conflicted)
					else _("Those requests need another meeting.")
				),
				CommitteeMeetingError,
				title=_("Conflict of Interest"),
			)

	def on_submit(self):
		# Submitting the meeting is the only way its reviews are submitted; all in this transaction, with
		# no rendering in it (each decision letter is made by a worker after the commit).
		overridden = []
		for row in self.agenda:
			review = frappe.get_doc("Committee Review", row.committee_review)
			review.flags.from_meeting = True
			review.flags.ignore_permissions = True  # the meeting's own submit permission is the gate
			review.submit()
			if review.chair_override:
				overridden.append(review)
		if overridden:
			self.record_overrides(overridden)

	def record_overrides(self, reviews):
		"""Decisions recorded against the votes: listed in the minutes and sent to the managers."""
		lines = [
			_("{0}: {1} recorded against the votes ({2}). Reason: {3}").format(
				review.support_request, _(review.decision), review.tally_summary, review.override_reason
			)
			for review in reviews
		]
		self.db_set("decisions_against_votes", "\n".join(lines))
		subject = _("Committee meeting {0}: {1} decisions recorded against the votes").format(
			self.name, len(reviews)
		)
		notify_staff(
			users_with_roles(c.ROLE_MANAGER),
			self.doctype,
			self.name,
			subject,
			"<br>".join(frappe.utils.escape_html(line) for line in lines),
		)

	def after_insert(self):
		if self.amended_from:
			self.renew_agenda_reviews()

	def renew_agenda_reviews(self):
		"""An amended meeting copies its agenda, not the cancelled reviews: each row gets a fresh draft
		review of this meeting (the cancelled ones stay as the record of the cancelled meeting)."""
		for row in self.agenda:
			current = row.committee_review and frappe.db.get_value(
				"Committee Review", row.committee_review, ["docstatus", "committee_meeting"], as_dict=True
			)
			if current and current.docstatus == 0 and current.committee_meeting == self.name:
				continue
			review = frappe.get_doc(
				{
					"doctype": "Committee Review",
					"support_request": row.support_request,
					"committee_meeting": self.name,
				}
			).insert()
			row.db_set("committee_review", review.name, update_modified=False)

	def on_cancel(self):
		for row in self.agenda:
			review = frappe.get_doc("Committee Review", row.committee_review)
			if review.docstatus == 1:
				review.flags.from_meeting = True
				review.flags.ignore_permissions = True
				review.cancel()

	@frappe.whitelist()
	def pull_pending_requests(self):
		"""Put the requests waiting for the committee on the agenda, each with its draft review: the
		meeting's branch and service only when set, the earliest due first, up to the agenda's size."""
		self.check_permission("write")
		if self.get("__islocal") or not self.name or not frappe.db.exists(self.doctype, self.name):
			self.insert()
		limit = agenda_limit()
		on_agenda = {row.support_request for row in self.agenda}
		in_other_meetings = set(
			frappe.get_all(
				"Committee Review",
				filters={"docstatus": 0, "committee_meeting": ("!=", self.name)},
				pluck="support_request",
			)
		)
		filters = {"status": c.REQUEST_PENDING_COMMITTEE}
		if self.agenda_branch_office:
			filters["branch_office"] = self.agenda_branch_office
		if self.agenda_service_type:
			filters["service_type"] = self.agenda_service_type
		pending = [
			request
			for request in frappe.get_all(
				"Support Request", filters=filters, pluck="name", order_by="committee_due_date asc, name asc"
			)
			if request not in on_agenda and request not in in_other_meetings
		]
		taken = pending[: max(limit - len(self.agenda), 0)]
		for request in taken:
			review = frappe.get_doc(
				{"doctype": "Committee Review", "support_request": request, "committee_meeting": self.name}
			).insert()
			self.append("agenda", {"support_request": request, "committee_review": review.name})
		self.save()
		return {"added": len(taken), "waiting": len(pending) - len(taken), "limit": limit}


def agenda_limit() -> int:
	return (
		cint(frappe.db.get_single_value(c.SETTINGS_DOCTYPE, "committee_agenda_limit")) or DEFAULT_AGENDA_LIMIT
	)
