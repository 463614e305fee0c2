# Copyright (c) 2026, Amass Association and contributors
# For license information, please see license.txt
"""Service Quality: the dashboard's figures month by month (services/quality.py's maintained sums),
filterable by branch, service type and channel, exportable, with the satisfaction trend as its chart.
A filter by branch, service or channel keeps the k rule: a month of fewer than k ratings shows none."""

import re

import frappe
from frappe import _

from amass_relations.services import quality

MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def execute(filters=None):
	quality.require_reader()
	filters = frappe._dict(filters or {})
	for key in ("from_month", "to_month"):
		if filters.get(key) and not MONTH.match(str(filters[key])):
			frappe.throw(_("Write the month as YYYY-MM, for example 2026-01."))
	narrowed = any(filters.get(k) for k in ("branch_office", "service_type", "channel"))
	least = quality.k() if narrowed else 1
	figures = {name: dict(quality.figure(name, filters, "month")) for name in quality.FIGURES}
	responses = figures["responses"]
	months = sorted(set().union(*(set(v) for v in figures.values())))
	data = []
	for month in months:
		hidden = narrowed and (responses.get(month) or 0) < least
		data.append(
			{
				"month": month,
				"responses": responses.get(month) or 0,
				"csat": None if hidden else figures["csat"].get(month),
				"average": None if hidden else figures["average"].get(month),
				"response_rate": figures["response_rate"].get(month),
				"complaints": figures["complaints"].get(month) or 0,
				"median_days": figures["median_days"].get(month),
			}
		)
	columns = [
		{"fieldname": "month", "label": _("Month"), "fieldtype": "Data", "width": 100},
		{"fieldname": "responses", "label": _("Survey Responses"), "fieldtype": "Int", "width": 130},
		{"fieldname": "csat", "label": _("Satisfaction (CSAT %)"), "fieldtype": "Percent", "width": 150},
		{
			"fieldname": "average",
			"label": _("Average Rating"),
			"fieldtype": "Float",
			"precision": 2,
			"width": 120,
		},
		{"fieldname": "response_rate", "label": _("Response Rate %"), "fieldtype": "Percent", "width": 130},
		{
			"fieldname": "complaints",
			"label": _("Complaints Received"),
			"fieldtype": "Int",
			"width": 200,
		},
		{
			"fieldname": "median_days",
			"label": _("Median Working Days to Answer"),
			"fieldtype": "Float",
			"precision": 1,
			"width": 200,
		},
	]
	chart = {
		"data": {
			"labels": [row["month"] for row in data],
			"datasets": [{"name": _("Satisfaction (CSAT %)"), "values": [row["csat"] or 0 for row in data]}],
		},
		"type": "line",
	}
	return columns, data, None, chart
