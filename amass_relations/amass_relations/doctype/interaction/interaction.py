# Copyright (c) 2026, Amass Association and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.desk.form.assign_to import close_all_assignments
from frappe.model.document import Document
from frappe.utils import now_datetime

from amass_relations.rules.phone import normalize_saudi_mobile
from amass_relations.services import messages, surveys
from amass_relations.services.branches import branch_for_city
from amass_relations.services.questions import reply
from amass_relations.services.referral import assign_to_social_researcher, check_social_researcher

OPEN, REFERRED, ANSWERED, CLOSED = "Open", "Referred", "Answered", "Closed"


class InteractionError(frappe.ValidationError):
	pass


class Interaction(Document):
	def onload(self):
		if not self.is_new():
			# The desk's "Record a Survey by Phone" (services/surveys.py decides who and when).
			self.set_onload("survey_by_phone", surveys.may_record_by_phone(self))

	def validate(self):
		self.set_person()
		self.set_branch()
		self.set_status()

	def set_person(self):
		if self.beneficiary:
			person = frappe.db.get_value(
				"Beneficiary", self.beneficiary, ["full_name", "mobile_no", "city"], as_dict=True
			)
			self.caller_name = person.full_name
			self.caller_mobile = self.caller_mobile or person.mobile_no
			self.caller_city = self.caller_city or person.city
		elif not self.caller_name:
			frappe.throw(_("Choose the beneficiary, or enter the caller's name."), InteractionError)
		if self.caller_mobile:
			mobile, problem = normalize_saudi_mobile(self.caller_mobile)
			if problem:
				frappe.throw(messages.mobile_message(problem), InteractionError)
			self.caller_mobile = mobile

	def set_branch(self):
		if self.branch_office:
			return
		if self.beneficiary:
			self.branch_office = frappe.db.get_value("Beneficiary", self.beneficiary, "branch_office")
		else:
			self.branch_office = branch_for_city(self.caller_city)

	def set_status(self):
		if self.status == CLOSED:
			return
		if self.referred_to and self.research_answer:
			self.status = ANSWERED
		elif self.referred_to:
			self.status = REFERRED

	def on_update(self):
		if self.status == ANSWERED and self.has_value_changed("research_answer"):
			close_all_assignments(self.doctype, self.name)

	@frappe.whitelist()
	def refer_to_social_researcher(self, researcher: str):
		"""Policy S3: when the procedures are unclear, the officer refers the person to a social researcher,
		who sees the referral in their ToDo list and records the answer here."""
		self.load_from_db()  # run_doc_method hands over the client's copy
		self.check_permission("write")
		check_social_researcher(researcher)
		self.referred_to = researcher
		self.referred_on = now_datetime()
		self.status = REFERRED
		self.save()
		assign_to_social_researcher(
			self,
			researcher,
			_("Answer the inquiry referred to social research: {0}").format(
				frappe.utils.strip_html(self.inquiry or "")[:140]
			),
		)
		return self.status

	@frappe.whitelist()
	def reply_to_beneficiary(self, message: str, internal: int = 0):
		"""A question from the portal answered in its thread, or an internal note (services/questions.py)."""
		self.load_from_db()
		self.check_permission("write")
		return reply(self, message, bool(int(internal or 0)))


def on_doctype_update():
	# The list sorts by interaction_time: alone, after the branch a branch-restricted user is limited
	# to, and after the beneficiary (their contact history, the Beneficiary form's connections).
	frappe.db.add_index("Interaction", ["interaction_time"], "interaction_time_index")
	frappe.db.add_index(
		"Interaction", ["branch_office", "interaction_time"], "branch_office_interaction_time_index"
	)
	frappe.db.add_index(
		"Interaction", ["beneficiary", "interaction_time"], "beneficiary_interaction_time_index"
	)
