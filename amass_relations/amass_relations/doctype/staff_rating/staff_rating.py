# Copyright (c) 2026, Amass Association and contributors
# For license information, please see license.txt

import frappe
from frappe.model.document import Document


class StaffRating(Document):
	"""Sums of ratings by subject, month and question (services/surveys.add_staff_rating): no role reads
	a row; services/feedback_figures.py reads sums of at least k answers."""


def on_doctype_update():
	frappe.db.add_index("Staff Rating", ["subject", "month", "staff"], "subject_month_index")
