"""Decision Time: how long the research committee takes (policy S5), per month, service type and branch:
requests decided, median and 90th-percentile days from the entry into Pending Committee to the
decision, and the share decided within the committee's period. Each decision is measured against its own
period, the one its Committee Review kept: a request returned for information and sent again has two."""

import frappe
from frappe import _
from frappe.utils import cint, flt


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


def query(filters) -> tuple[str, dict]:
	"""The report's SQL and its values: MariaDB counts the decisions of each group by number of days,
	and the figures come from those counts (benchmarks/committee_deadlines.py times it). Everything is
	read from the review's own columns (its period, its service, the branch its request was in), all in
	one covering index: no table rows, no join."""
	conditions = [
		"review.docstatus = 1",
		"review.decision_date is not null",
		"review.committee_entered_on is not null",
	]
	if filters.get("from_date"):
		conditions.append("review.decision_date >= %(from_date)s")
	if filters.get("to_date"):
		conditions.append("review.decision_date <= %(to_date)s")
	if filters.get("service_type"):
		conditions.append("review.service_type = %(service_type)s")
	if filters.get("branch_office"):
		conditions.append("review.branch_office = %(branch_office)s")
	# `running` decisions of the group took at most `days` days, so the decision of rank k took the fewest
	# days whose running count reaches k. The median is the mean of ranks (n + 1) div 2 and n div 2 + 1
	# (one rank twice when n is odd), as PERCENTILE_CONT(0.5); the 90th percentile is nearest-rank, rank
	# ceil(0.9 n), as PERCENTILE_DISC(0.9) and rules/deadlines.py's percentile. Those window functions
	# sort every decision: over 293,000 decisions they took twice as long as these counts.
	median = f"({days_at_rank('(total + 1) div 2')} + {days_at_rank('total div 2 + 1')}) / 2"
	p90 = days_at_rank("ceil(9 * total / 10)")
	group = "partition by month, service_type, branch_office"
	sql = f"""
		select month, service_type, branch_office, sum(decisions) as decided,
			{median} as median_days, {p90} as p90_days,
			round(100 * sum(within_period) / sum(decisions), 1) as share_within
		from (
			select per_day.*,
				sum(decisions) over ({group} order by days) as running,
				sum(decisions) over ({group}) as total
			from (
				select left(review.decision_date, 7) as month, review.service_type, review.branch_office,
					datediff(review.decision_date, date(review.committee_entered_on)) as days,
					count(*) as decisions,
					sum(ifnull(review.decision_date <= review.committee_due_date, 0)) as within_period
				from `tabCommittee Review` review
				where {" and ".join(conditions)}
				group by month, review.service_type, review.branch_office, days
			) per_day
		) counted
		group by month, service_type, branch_office
		order by month, service_type, branch_office"""
	return sql, {key: filters.get(key) for key in ("from_date", "to_date", "service_type", "branch_office")}


def days_at_rank(rank: str) -> str:
	return f"min(if(running >= {rank}, days, null))"


def rows(filters) -> list[dict]:
	sql, values = query(filters)
	return [
		{
			"month": row.month,
			"service_type": row.service_type,
			"branch_office": row.branch_office,
			"decided": cint(row.decided),
			"median_days": flt(row.median_days),
			"p90_days": flt(row.p90_days),
			"share_within": flt(row.share_within),
		}
		for row in frappe.db.sql(sql, values, as_dict=True)
	]
