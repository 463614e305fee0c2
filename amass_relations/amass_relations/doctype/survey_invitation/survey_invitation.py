# Copyright (c) 2026, Amass Association and contributors
# For license information, please see license.txt

import frappe
from frappe.model.document import Document


class SurveyInvitation(Document):
	"""Written once by services/surveys.py; never changed."""


def on_doctype_update():
	frappe.db.add_index("Survey Invitation", ["sent_on"], "sent_on_index")
	frappe.db.add_index(
		"Survey Invitation", ["service_type", "branch_office", "expires_on"], "cell_expires_index"
	)
	frappe.db.add_index("Survey Invitation", ["rated_staff", "expires_on"], "rated_staff_expires_index")
