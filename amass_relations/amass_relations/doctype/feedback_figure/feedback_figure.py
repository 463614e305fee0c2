# Copyright (c) 2026, Amass Association and contributors
# For license information, please see license.txt

import frappe
from frappe.model.document import Document


class FeedbackFigure(Document):
	"""Maintained sums for the quality dashboard, written by services/quality.py only."""


def on_doctype_update():
	frappe.db.add_index(
		"Feedback Figure", ["kind", "month", "branch_office", "service_type", "channel"], "kind_month_index"
	)
