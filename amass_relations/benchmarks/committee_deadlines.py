"""Benchmark (not a test): the committee's deadline views with 200,000 support requests. Prints figures
and the EXPLAIN of each query; asserts nothing.

    bench --site BENCH_SITE execute amass_relations.benchmarks.committee_deadlines.run \
        --kwargs "{'rows': 200000}"

Run it on a benchmark site: amass_relations/benchmarks/data.py loads the synthetic requests (SRB-…, with
a submitted Committee Review for each decided one) the first time and keeps them for reruns."""

import time

import frappe
from frappe.utils import add_days, today

from amass_relations import constants as c
from amass_relations.amass_relations.report.decision_time import decision_time as decision_time_report
from amass_relations.benchmarks import data
from amass_relations.benchmarks.common import print_explain, print_figures
from amass_relations.services.deadlines import escalate_committee_deadlines


def _setup(rows: int):
	# Three requests a beneficiary, as in the national-scale run.
	data.fill(max(rows // 3, 1), requests=rows, interactions=0, documents=0, carers=0)
	for email, role in (
		("bench.chair@amass-bench.example.com", c.ROLE_COMMITTEE_CHAIR),
		("bench.manager@amass-bench.example.com", c.ROLE_MANAGER),
	):
		if not frappe.db.exists("User", email):
			frappe.get_doc(
				{
					"doctype": "User",
					"email": email,
					"first_name": "Bench",
					"send_welcome_email": 0,
					"roles": [{"role": role}],
				}
			).insert()
	frappe.db.commit()


def _time(fn, repeat):
	seconds = []
	for _ in range(repeat):
		started = time.perf_counter()
		result = fn()
		seconds.append(time.perf_counter() - started)
	return seconds, result


def run(rows: int = 200_000, repeat: int = 20):
	_setup(rows)
	frappe.flags.mute_messages = True
	print(
		f"support requests: {frappe.db.count('Support Request'):,}; submitted reviews: {frappe.db.count('Committee Review', {'docstatus': 1}):,}"
	)

	overdue = dict(
		filters={"status": c.REQUEST_PENDING_COMMITTEE, "committee_due_date": ("<", today())},
		fields=["name", "beneficiary_name", "committee_due_date"],
		order_by="committee_due_date asc",
		limit_page_length=20,
	)
	seconds, _ = _time(lambda: frappe.get_list("Support Request", **overdue), repeat)
	print_figures("overdue list (first page of 20)", seconds)
	print_explain("overdue list", frappe.get_list("Support Request", run=0, **overdue))
	by_state = dict(
		filters={"deadline_state": "Overdue"},
		fields=["name"],
		order_by="committee_due_date asc",
		limit_page_length=20,
	)
	seconds, _ = _time(lambda: frappe.get_list("Support Request", **by_state), repeat)
	print_figures("overdue filter (deadline state)", seconds)
	print_explain("deadline state filter", frappe.get_list("Support Request", run=0, **by_state))
	due_soon = dict(filters={"deadline_state": "Due Soon"}, fields=["name"], limit_page_length=20)
	print_explain("due soon filter", frappe.get_list("Support Request", run=0, **due_soon))

	started = time.perf_counter()
	sent = escalate_committee_deadlines()
	print(
		f"{'sweep, first run':<44} {1000 * (time.perf_counter() - started):9.0f} ms   ({sent:,} escalations sent)"
	)
	seconds, sent_again = _time(escalate_committee_deadlines, 5)
	print_figures("sweep, rerun (nothing new to send)", seconds)
	print(f"{'':<44} ({sent_again} sent by the last rerun)")
	print_explain(
		"sweep selection",
		frappe.get_all(
			"Support Request",
			filters={
				"status": c.REQUEST_PENDING_COMMITTEE,
				"committee_due_date": ("<=", add_days(today(), 2)),
			},
			fields=["name"],
			run=0,
		),
	)

	filters = {"from_date": add_days(today(), -365), "to_date": today()}
	seconds, (_cols, data) = _time(lambda: decision_time_report.execute(filters), 5)
	print_figures("Decision Time report, 12 months", seconds)
	print(f"{'':<44} ({len(data)} rows, {sum(r['decided'] for r in data):,} decisions)")
	sql, values = decision_time_report.query(filters)
	print_explain("decision time report", sql, values)
	frappe.db.rollback()
