"""Benchmark of the quality dashboard (not a test): every Number Card and Dashboard Chart of the Service
Quality workspace, and the Service Quality report, at a national scale of Feedback rows.

    bench --site amass-bench.localhost execute amass_relations.benchmarks.quality.run \
        --kwargs "{'feedback': 1000000, 'samples': 50}"

On a benchmark site only (data.py's guard). It fills the site with the one generator (data.py: 100,000
beneficiaries, 300,000 requests and `feedback` Feedback rows, 12 % of them complaints and suggestions,
unless the site has them), rebuilds the maintained sums from them (timed: what the migrate patch does
once), adds the sums of five rated questions per survey answer (the generator makes no answer rows),
then times each card's and chart's method as the desk calls it (as the manager; each call a fresh read,
no cache) and prints the EXPLAIN of the queries behind them. The target: each within 50 ms."""

import time

import frappe
import requests

from amass_relations.api import quality as api
from amass_relations.benchmarks.common import print_explain, print_figures
from amass_relations.benchmarks.data import fill, require_benchmark_site
from amass_relations.services import quality

QUESTIONS = tuple(f"سؤال القياس {n}\nBenchmark question {n}" for n in range(1, 6))
CARDS = (
	"csat",
	"average_rating",
	"response_rate",
	"complaints_received",
	"median_resolution_days",
	"open_complaints",
	"overdue_complaints",
	"open_actions",
	"overdue_actions",
)
CHARTS = (
	("csat", "month"),
	("average", "question"),
	("csat", "service"),
	("csat", "branch"),
	("responses", "channel"),
	("response_rate", "month"),
	("complaints", "month"),
	("median_days", "month"),
)


def run(feedback: int = 1_000_000, beneficiaries: int = 100_000, requests_: int = 300_000, samples: int = 50):
	require_benchmark_site()
	frappe.set_user("Administrator")
	fill(beneficiaries, requests_, feedback=feedback)
	total = frappe.db.count("Feedback")
	answered = frappe.db.sql(
		"select count(*) from `tabFeedback` where feedback_type in ('Complaint', 'Suggestion')"
	)[0][0]
	print(f"Feedback rows: {total:,}; complaints and suggestions: {answered:,}")

	started = time.perf_counter()
	quality.rebuild()
	add_answer_sums()
	frappe.db.commit()
	rows = frappe.db.count(quality.FIGURE)
	print(f"rebuild of the maintained sums: {time.perf_counter() - started:.1f} s, {rows:,} rows")

	for card in CARDS:
		method = getattr(api, card)
		print_figures(f"card {card}", timed(lambda m=method: m(), samples))
	for figure, group in CHARTS:
		filters = frappe.as_json({"figure": figure, "group_by": group})
		print_figures(f"chart {figure} by {group}", timed(lambda f=filters: api.chart(f), samples))
	from amass_relations.amass_relations.report.service_quality.service_quality import execute

	print_figures("report Service Quality (12 months)", timed(lambda: execute({}), max(samples // 5, 5)))
	over_http(samples)
	explain()


MANAGER = "quality-bench-manager@amass-bench.example.com"
PASSWORD = "Quality-Bench-Only-1!"


def over_http(samples: int):
	"""The same cards and charts as the desk asks them: signed in as a manager, through gunicorn."""
	from frappe.utils.password import update_password

	from amass_relations import constants as c
	from amass_relations.tests.served_site import start_gunicorn, stop

	if not frappe.db.exists("User", MANAGER):
		frappe.get_doc(
			{
				"doctype": "User",
				"email": MANAGER,
				"first_name": "Benchmark",
				"send_welcome_email": 0,
				"roles": [{"role": c.ROLE_MANAGER}],
			}
		).insert(ignore_permissions=True)
	update_password(MANAGER, PASSWORD)
	frappe.db.commit()
	server, url = start_gunicorn(log_name="quality_benchmark.log")
	headers = {"Host": frappe.local.site}
	try:
		session = requests.Session()
		session.post(
			f"{url}/api/method/login", data={"usr": MANAGER, "pwd": PASSWORD}, headers=headers, timeout=60
		)
		calls = [(f"HTTP card {card}", f"amass_relations.api.quality.{card}", {}) for card in CARDS]
		source = "amass_relations.amass_relations.dashboard_chart_source.service_quality.service_quality.get"
		calls += [
			(
				f"HTTP chart {figure} by {group}",
				source,
				{"filters": frappe.as_json({"figure": figure, "group_by": group})},
			)
			for figure, group in CHARTS
		]
		for label, method, data in calls:
			seconds = []
			for i in range(samples + 1):
				started = time.perf_counter()
				response = session.post(f"{url}/api/method/{method}", data=data, headers=headers, timeout=60)
				if i:  # the first warms the worker
					seconds.append(time.perf_counter() - started)
				assert response.status_code == 200, (label, response.status_code, response.text[:200])
			print_figures(label, seconds)
	finally:
		stop(server)


def timed(call, samples: int) -> list[float]:
	call()  # the first read warms MariaDB's pages, as a dashboard opened twice a day finds them
	seconds = []
	for _ in range(samples):
		started = time.perf_counter()
		call()
		seconds.append(time.perf_counter() - started)
	return seconds


def add_answer_sums():
	"""Five rated questions per survey answer: their sums, as surveys.record would have added them."""
	for month, branch, service, channel, rated, rating_sum, satisfied in frappe.db.sql(
		"""select month, branch_office, service_type, channel, rated, rating_sum, satisfied
		from `tabFeedback Figure` where kind = 'Survey Response' and rated > 0"""
	):
		for question in QUESTIONS:
			quality.add(
				month,
				quality.ANSWER,
				branch=branch,
				service=service,
				channel=channel,
				question=question,
				count=rated,
				sums=(rated, rating_sum, satisfied),
			)


def explain():
	where, args = quality._where({}, (quality.SURVEY_RESPONSE,))
	print_explain(
		"csat (12 months)",
		f"select sum(rated), sum(satisfied) from `tabFeedback Figure` where {where}",
		args,
	)
	print_explain(
		"csat by branch",
		f"select branch_office, sum(rated) from `tabFeedback Figure` where {where} group by branch_office",
		args,
	)
	where, args = quality._where({}, (quality.RESOLUTION,))
	print_explain(
		"median days",
		f"select month, days, sum(`count`) from `tabFeedback Figure` where {where} group by month, days",
		args,
	)
	print_explain(
		"open complaints",
		"select count(*) from `tabFeedback` where status in ('New', 'In Progress') and feedback_type = 'Complaint'",
	)
	print_explain(
		"overdue complaints",
		"""select count(*) from `tabFeedback` where status in ('New', 'In Progress')
		and feedback_type = 'Complaint' and due_on < curdate()""",
	)
	print_explain(
		"open actions",
		"select count(*) from `tabImprovement Action` where status in ('Open', 'In Progress')",
	)
