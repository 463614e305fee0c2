"""Benchmark (not a test): the committee's deadline views with 200,000 support requests. Prints figures
and the EXPLAIN of each query; asserts nothing.

    bench --site BENCH_SITE execute amass_relations.benchmarks.committee_deadlines.run \
        --kwargs "{'rows': 200000}"

Run it on a throwaway site with the app installed: it bulk-loads synthetic requests (names SRB-…) across
states and dates, with a submitted Committee Review for each decided one, the first time."""

import random
import time

import frappe
from frappe.utils import add_days, getdate, now, today

from amass_relations import constants as c
from amass_relations.amass_relations.report.decision_time.decision_time import execute as decision_time
from amass_relations.benchmarks.common import benchmark_branch, print_explain, print_figures
from amass_relations.services.deadlines import escalate_committee_deadlines

BATCH = 10000
# (status, share of requests)
MIX = (
	(c.REQUEST_CLOSED, 0.55),
	(c.REQUEST_REJECTED, 0.15),
	(c.REQUEST_SERVICE_DELIVERED, 0.1),
	(c.REQUEST_PENDING_VERIFICATION, 0.1),
	(c.REQUEST_DRAFT, 0.07),
	(c.REQUEST_PENDING_COMMITTEE, 0.03),
)


def _setup():
	branch = benchmark_branch()
	services = []
	for n in range(6):
		name = f"خدمة القياس {n}"
		if not frappe.db.exists("Support Service Type", name):
			frappe.get_doc(
				{
					"doctype": "Support Service Type",
					"service_name": name,
					"eligible_categories": [{"beneficiary_category": c.CATEGORY_PATIENT}],
				}
			).insert()
		services.append(name)
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
	beneficiary = frappe.db.get_value("Beneficiary", {}, "name")
	meeting = (
		frappe.db.get_value("Committee Meeting", {}, "name")
		or frappe.db.sql(
			"insert into `tabCommittee Meeting` (name, meeting_date, chair, quorum, docstatus, creation, modified, owner, modified_by)"
			" values ('CM-BENCH', %s, 'Administrator', 1, 1, %s, %s, 'Administrator', 'Administrator')",
			(today(), now(), now()),
		)
		or "CM-BENCH"
	)
	frappe.db.commit()
	return branch, services, beneficiary, meeting


def _fill(rows, branch, services, beneficiary, meeting):
	have = frappe.db.count("Support Request", {"name": ("like", "SRB-%")})
	if have >= rows:
		return
	rng = random.Random(rows)
	statuses = [s for s, share in MIX for _ in range(int(share * 100))]
	stamp = now()
	request_fields = [
		"name",
		"beneficiary",
		"beneficiary_name",
		"service_type",
		"channel",
		"branch_office",
		"description",
		"status",
		"workflow_state",
		"committee_entered_on",
		"committee_due_date",
		"deadline_state",
		"creation",
		"modified",
		"owner",
		"modified_by",
		"docstatus",
	]
	review_fields = [
		"name",
		"support_request",
		"committee_meeting",
		"decision",
		"decision_date",
		"docstatus",
		"creation",
		"modified",
		"owner",
		"modified_by",
	]
	start_day = getdate(today())
	started = time.perf_counter()
	for start in range(have, rows, BATCH):
		requests, reviews = [], []
		for n in range(start, min(start + BATCH, rows)):
			status = rng.choice(statuses)
			entered = add_days(start_day, -rng.randrange(0, 730))
			due = add_days(entered, 14)
			decided = status in (c.REQUEST_CLOSED, c.REQUEST_REJECTED, c.REQUEST_SERVICE_DELIVERED)
			in_committee = decided or status == c.REQUEST_PENDING_COMMITTEE
			name = f"SRB-{n:07d}"
			state = ""
			if status == c.REQUEST_PENDING_COMMITTEE:
				state = "Overdue" if getdate(due) < start_day else "On Time"
			requests.append(
				(
					name,
					beneficiary,
					"مستفيد قياس",
					rng.choice(services),
					"Phone",
					branch,
					"قياس",
					status,
					status,
					f"{entered} 10:00:00" if in_committee else None,
					due if in_committee else None,
					state,
					stamp,
					stamp,
					"Administrator",
					"Administrator",
					0,
				)
			)
			if decided:
				decision = c.DECISION_REJECTED if status == c.REQUEST_REJECTED else c.DECISION_APPROVED
				reviews.append(
					(
						f"CRB-{n:07d}",
						name,
						meeting,
						decision,
						add_days(entered, rng.choice((3, 7, 10, 13, 14, 18, 25))),
						1,
						stamp,
						stamp,
						"Administrator",
						"Administrator",
					)
				)
		frappe.db.bulk_insert("Support Request", request_fields, requests, ignore_duplicates=True)
		if reviews:
			frappe.db.bulk_insert("Committee Review", review_fields, reviews, ignore_duplicates=True)
		frappe.db.commit()
		print(f"  loaded {min(start + BATCH, rows):>8,} requests ({time.perf_counter() - started:.0f}s)")


def _time(fn, repeat):
	seconds = []
	for _ in range(repeat):
		started = time.perf_counter()
		result = fn()
		seconds.append(time.perf_counter() - started)
	return seconds, result


def run(rows: int = 200_000, repeat: int = 20):
	frappe.flags.mute_messages = True
	_fill(rows, *_setup())
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
	seconds, (_cols, data) = _time(lambda: decision_time(filters), 5)
	print_figures("Decision Time report, 12 months", seconds)
	print(f"{'':<44} ({len(data)} rows, {sum(r['decided'] for r in data):,} decisions)")
	review, request = frappe.qb.DocType("Committee Review"), frappe.qb.DocType("Support Request")
	sql = str(
		frappe.qb.from_(review)
		.join(request)
		.on(review.support_request == request.name)
		.select(
			review.decision_date, request.service_type, request.branch_office, request.committee_entered_on
		)
		.where(review.docstatus == 1)
		.where(review.decision_date >= filters["from_date"])
		.where(review.decision_date <= filters["to_date"])
	)
	print_explain("decision time report", sql)
	frappe.db.rollback()
