"""Decision Time: how long the research committee takes (policy S5), per month, service type and branch:
requests decided, median and 90th-percentile days from the latest entry into Pending Committee to the
decision, and the share decided within the committee's period."""

from collections import defaultdict

import frappe
from frappe import _
from frappe.utils import getdate

from amass_relations.rules.deadlines import decision_time_stats


def execute(filters=None):
	filters = frappe._dict(filters or {})
	return columns(), rows(filters)


def columns():
	return [
		{"fieldname": "month", "label": _("Month"), "fieldtype": "Data", "width": 100},
		{
			"fieldname": "service_type",
			"label": _("Service Type"),
			"fieldtype": "Link",
			"options": "Support Service Type",
			"width": 200,
		},
		{
			"fieldname": "branch_office",
			"label": _("Branch Office"),
			"fieldtype": "Link",
			"options": "Branch Office",
			"width": 180,
		},
		{"fieldname": "decided", "label": _("Requests Decided"), "fieldtype": "Int", "width": 130},
		{
			"fieldname": "median_days",
			"label": _("Median Days"),
			"fieldtype": "Float",
			"precision": 1,
			"width": 110,
		},
		{
			"fieldname": "p90_days",
			"label": _("90th Percentile Days"),
			"fieldtype": "Float",
			"precision": 1,
			"width": 150,
		},
		{
			"fieldname": "share_within",
			"label": _("Decided Within the Period (%)"),
			"fieldtype": "Percent",
			"width": 200,
		},
	]


def decisions(filters) -> list[dict]:
	review, request = frappe.qb.DocType("Committee Review"), frappe.qb.DocType("Support Request")
	query = (
		frappe.qb.from_(review)
		.join(request)
		.on(review.support_request == request.name)
		.select(
			review.decision_date,
			request.service_type,
			request.branch_office,
			request.committee_entered_on,
			request.committee_due_date,
		)
		.where(review.docstatus == 1)
	)
	if filters.from_date:
		query = query.where(review.decision_date >= filters.from_date)
	if filters.to_date:
		query = query.where(review.decision_date <= filters.to_date)
	if filters.service_type:
		query = query.where(request.service_type == filters.service_type)
	if filters.branch_office:
		query = query.where(request.branch_office == filters.branch_office)
	return query.run(as_dict=True)


def rows(filters) -> list[dict]:
	groups = defaultdict(lambda: ([], []))
	for row in decisions(filters):
		if not (row.decision_date and row.committee_entered_on):
			continue
		decided, entered = getdate(row.decision_date), getdate(row.committee_entered_on)
		key = (decided.strftime("%Y-%m"), row.service_type, row.branch_office)
		groups[key][0].append((decided - entered).days)
		groups[key][1].append(bool(row.committee_due_date) and decided <= getdate(row.committee_due_date))
	return [
		{
			"month": month,
			"service_type": service,
			"branch_office": branch,
			**decision_time_stats(days, within),
		}
		for (month, service, branch), (days, within) in sorted(groups.items())
	]
