# Copyright (c) 2026, Amass Association and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint

from amass_relations import constants as c
from amass_relations.services.signatures import check_signature


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

	def on_update(self):
		# A request taken off the agenda leaves no draft review behind to keep it out of other meetings.
		on_agenda = {row.committee_review for row in self.agenda if row.committee_review}
		for review in frappe.get_all(
			"Committee Review", filters={"committee_meeting": self.name, "docstatus": 0}, pluck="name"
		):
			if review not in on_agenda:
				frappe.delete_doc("Committee Review", review, ignore_permissions=True)

	def before_submit(self):
		# Only members who hold a committee role count towards the quorum (a branch representative
		# listed as present does not).
		committee = {c.ROLE_COMMITTEE_MEMBER, c.ROLE_COMMITTEE_CHAIR}
		present = len(
			{row.member for row in self.members_present if committee & set(frappe.get_roles(row.member))}
		)
		if present < cint(self.quorum):
			frappe.throw(
				_(
					"The meeting has {0} members present; its quorum is {1}. Its decisions cannot be recorded."
				).format(present, self.quorum),
				CommitteeMeetingError,
				title=_("Below Quorum"),
			)
		for row in self.agenda:
			decision = row.committee_review and frappe.db.get_value(
				"Committee Review", row.committee_review, "decision"
			)
			if not decision:
				frappe.throw(
					_("Row {0}: record the committee's decision on {1} first.").format(
						row.idx, frappe.bold(row.support_request)
					),
					CommitteeMeetingError,
				)
		self.check_who_records()

	def check_who_records(self):
		"""Whoever submits the meeting records its decisions (they are each request's `decided_by`): the
		meeting's chair or vice-chair, with no conflict of interest on any request of the agenda. Every
		blocking row is named before anything is written."""
		from amass_relations.amass_relations.doctype.committee_review.committee_review import conflict_reason

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
		# Submitting the meeting is the only way its reviews are submitted.
		for row in self.agenda:
			review = frappe.get_doc("Committee Review", row.committee_review)
			review.flags.from_meeting = True
			review.flags.ignore_permissions = True  # the meeting's own submit permission is the gate
			review.submit()

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
		"""Put every request waiting for the committee on the agenda, each with its draft review."""
		self.check_permission("write")
		if self.get("__islocal") or not self.name or not frappe.db.exists(self.doctype, self.name):
			self.insert()
		on_agenda = {row.support_request for row in self.agenda}
		in_other_meetings = set(
			frappe.get_all(
				"Committee Review",
				filters={"docstatus": 0, "committee_meeting": ("!=", self.name)},
				pluck="support_request",
			)
		)
		pending = frappe.get_all(
			"Support Request",
			filters={"status": c.REQUEST_PENDING_COMMITTEE},
			pluck="name",
			order_by="committee_due_date asc",
		)
		added = 0
		for request in pending:
			if request in on_agenda or request in in_other_meetings:
				continue
			review = frappe.get_doc(
				{"doctype": "Committee Review", "support_request": request, "committee_meeting": self.name}
			).insert()
			self.append("agenda", {"support_request": request, "committee_review": review.name})
			added += 1
		self.save()
		return added
