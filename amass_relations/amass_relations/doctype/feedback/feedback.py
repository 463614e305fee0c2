# Copyright (c) 2026, Amass Association and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document


class Feedback(Document):
	"""One answer or message received. Survey answers are written by services/surveys.py as they are
	(no hooks); anything else saving a Feedback meets these checks."""

	def autoname(self):
		# Fully random: the framework's hash names begin with the time they were made.
		self.name = frappe.generate_hash(length=20)

	def onload(self):
		# The desk's buttons (public/js/feedback.js) follow what the server allows.
		from amass_relations.services import complaints

		self.set_onload("may_handle", complaints.may_handle(self))
		self.set_onload("is_manager", complaints.is_manager())

	def validate(self):
		if not self.flags.from_service and self.feedback_type in ("Complaint", "Suggestion"):
			# Complaints come in and move through services/complaints.py; answers through the surveys.
			frappe.throw(
				_("Feedback is recorded and changed through its own actions only."), frappe.PermissionError
			)
		if self.rating is not None and self.rating != 0 and not 1 <= int(self.rating) <= 5:
			frappe.throw(_("The overall rating is a whole number from 1 to 5."))
		if self.is_anonymous and (self.beneficiary or self.support_request or self.interaction):
			frappe.throw(_("An anonymous answer is linked to no one."))


def on_doctype_update():
	# Covering the figures' GROUP BY (services/feedback_figures.py): read from the index alone.
	frappe.db.add_index(
		"Feedback",
		["month", "feedback_type", "branch_office", "service_type", "rating"],
		"month_cell_rating_index",
	)
	frappe.db.add_index("Feedback", ["support_request"], "support_request_index")
	frappe.db.add_index("Feedback", ["interaction"], "interaction_index")
	# The open and overdue complaints: the few open rows, by index (services/quality.py).
	frappe.db.add_index("Feedback", ["status", "feedback_type", "due_on"], "open_complaints_index")
	frappe.db.add_index("Feedback", ["triage_owner", "status"], "triage_owner_index")
	frappe.db.add_index("Feedback", ["beneficiary"], "beneficiary_index")
