# Copyright (c) 2026, Amass Association and contributors
# For license information, please see license.txt

import frappe
from frappe.model.document import Document


class QualityEscalation(Document):
	"""The marker of one escalation (services/complaints.py escalate_overdue)."""


def on_doctype_update():
	frappe.db.add_unique(
		"Quality Escalation",
		["reference_doctype", "reference_name", "threshold", "due_on"],
		constraint_name="quality_escalation_once",
	)
