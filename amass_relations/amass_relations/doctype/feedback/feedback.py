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

	def validate(self):
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
