"""Benchmark of satisfaction surveys (not a test): the dispatch sweep, CSAT by service and month, and one
`/survey/<token>` render and submission over HTTP, at a national scale of Feedback rows.

    bench --site amass-bench.localhost execute amass_relations.benchmarks.feedback.run \
        --kwargs "{'feedback': 1000000, 'samples': 100}"

On a benchmark site only (data.py's guard). It fills the site with the one generator (data.py:
100,000 beneficiaries, 300,000 requests and `feedback` Feedback rows unless the site has them), then:
- the first sweep over a month of deliveries (`survey_valid_days` 30, no delay): every request delivered,
  rejected or closed-after-delivery in the last 30 days gets its invitation (messages written; the SMS
  jobs are not handed to a worker, so no gateway is called);
- the steady-state sweep: the same window, every one already invited;
- CSAT by service, branch and month over the last 12 months, as the manager reads it;
- over HTTP (gunicorn, 2 workers): a survey page rendered and an answer sent, each a fresh invitation;
- EXPLAIN of each query. The settings it changes are put back."""

import time

import frappe
import requests
from frappe.utils import add_months, nowdate

from amass_relations import constants as c
from amass_relations.benchmarks.common import print_explain, print_figures
from amass_relations.benchmarks.data import fill, require_benchmark_site
from amass_relations.services import feedback_figures, outbox, surveys

SETTINGS = ("survey_delay_days", "survey_valid_days", "survey_by_email", "survey_by_sms")


def run(
	feedback: int = 1_000_000, beneficiaries: int = 100_000, requests_: int = 300_000, samples: int = 100
):
	require_benchmark_site()
	frappe.set_user("Administrator")
	fill(beneficiaries, requests_, feedback=feedback)
	before = {f: frappe.db.get_single_value(c.SETTINGS_DOCTYPE, f) for f in SETTINGS}
	handed = outbox._hand_to_worker
	outbox._hand_to_worker = lambda name: None  # rows written, no job: no gateway is called
	try:
		for field, value in (
			("survey_delay_days", 0),
			("survey_valid_days", 30),
			("survey_by_email", 1),
			("survey_by_sms", 1),
		):
			frappe.db.set_single_value(c.SETTINGS_DOCTYPE, field, value)
		frappe.db.commit()
		sweeps()
		figures(samples)
		over_http(samples)
	finally:
		outbox._hand_to_worker = handed
		for field, value in before.items():
			frappe.db.set_single_value(c.SETTINGS_DOCTYPE, field, value)
		frappe.db.commit()


def sweeps():
	print(
		f"Feedback rows: {frappe.db.count('Feedback'):,}; Support Requests: {frappe.db.count('Support Request'):,}"
	)
	# The synthetic people: nine in ten consent to be contacted and have an email (the generator's
	# rows have neither), so the first sweep sends what a real month would.
	frappe.db.sql(
		"""update `tabBeneficiary` set contact_consent = (mod(crc32(name), 10) < 9),
			email = concat(lower(name), '@bench.example.invalid') where name like 'BENB-%%'"""
	)
	if not frappe.db.exists("Email Account", "Benchmark Outgoing"):
		# Mail is muted for the run: the invitations' emails are queued, never sent.
		frappe.get_doc(
			{
				"doctype": "Email Account",
				"email_account_name": "Benchmark Outgoing",
				"email_id": "benchmark@bench.example.invalid",
				"enable_outgoing": 1,
				"default_outgoing": 1,
				"smtp_server": "127.0.0.1",
				"smtp_port": 9,
				"no_smtp_authentication": 1,
				"name": "Benchmark Outgoing",
			}
		).db_insert()  # no connection check: nothing is sent
	# A first sweep from nothing: the previous run's invitations, messages and answers go.
	for table, where in (
		("Email Queue", "reference_doctype = 'Survey Invitation'"),
		("SMS Outbox", "reference_doctype = 'Survey Invitation'"),
		("Survey Invitation", "1 = 1"),
		("Survey Token Use", "1 = 1"),
		("Feedback Answer", "1 = 1"),
		("Feedback", "name not like 'FBB-%%'"),
	):
		frappe.db.sql(f"delete from `tab{table}` where {where}")
	frappe.db.commit()
	started = time.perf_counter()
	invited = surveys.dispatch(include_demo=True)
	first = time.perf_counter() - started
	decided = frappe.db.count(surveys.INVITATION)
	print(
		f"dispatch, first run over a month of deliveries: {decided:,} decided, {invited:,} sent, in {first:.1f} s"
		f" ({1000 * first / max(decided, 1):.1f} ms each, messages included)"
	)
	times = []
	for _ in range(5):
		started = time.perf_counter()
		again = surveys.dispatch(include_demo=True)
		times.append(time.perf_counter() - started)
		assert again == 0, f"a second sweep invited {again}"
	print_figures("dispatch, steady state (all invited)", times)
	cutoff = nowdate()
	earliest = frappe.utils.add_days(cutoff, -30)
	print_explain(
		"dispatch requests",
		"""select sr.name from `tabSupport Request` sr
		where sr.modified between %(e)s and %(c)s and sr.status in ('Service Delivered', 'Closed', 'Rejected')
			and (sr.status != 'Closed' or exists (select 1 from `tabService Delivery` sd
				where sd.support_request = sr.name and sd.docstatus = 1))
			and not exists (select 1 from `tabSurvey Invitation` si where si.marker = concat('Support Request:', sr.name))""",
		{"e": f"{earliest} 00:00:00", "c": f"{cutoff} 23:59:59"},
	)
	print_explain(
		"dispatch inquiries",
		"""select i.name from `tabInteraction` i where i.modified between %(e)s and %(c)s and i.status = 'Closed'
			and not exists (select 1 from `tabSurvey Invitation` si where si.marker = concat('Interaction:', i.name))""",
		{"e": f"{earliest} 00:00:00", "c": f"{cutoff} 23:59:59"},
	)


def figures(samples: int):
	low, high = add_months(nowdate(), -11)[:7], nowdate()[:7]
	times = []
	for _ in range(max(samples // 10, 5)):
		started = time.perf_counter()
		cells = feedback_figures.satisfaction(low, high)
		times.append(time.perf_counter() - started)
	print_figures(f"CSAT by service and month, 12 months ({len(cells)} cells)", times)
	print_explain(
		"CSAT",
		"""select month, branch_office, service_type, count(*), sum(rating >= 4), sum(rating) from `tabFeedback`
		where feedback_type = 'Survey Response' and rating is not null and month between %(l)s and %(h)s
		group by month, branch_office, service_type""",
		{"l": low, "h": high},
	)


def over_http(samples: int):
	from amass_relations.tests.served_site import start_gunicorn, stop

	invitations = frappe.get_all(
		surveys.INVITATION,
		filters={"expires_on": (">=", nowdate()), "channels": ("!=", "")},
		fields=["name", "expires_on"],
		limit=samples,
	)
	tokens = [surveys.token_of(i.name, i.expires_on) for i in invitations]
	server, url = start_gunicorn(log_name="feedback_benchmark.log")
	headers = {"Host": frappe.local.site}
	try:
		session = requests.Session()
		session.get(f"{url}/survey/{tokens[0]}", headers=headers, timeout=60)  # warm the workers
		renders, answers = [], []
		for token in tokens:
			started = time.perf_counter()
			page = session.get(f"{url}/survey/{token}", headers=headers, timeout=60)
			renders.append(time.perf_counter() - started)
			assert page.status_code == 200 and 'name="overall"' in page.text, page.status_code
			started = time.perf_counter()
			sent = session.post(
				f"{url}/survey/{token}", data={"overall": "4", "anonymous": "1"}, headers=headers, timeout=60
			)
			answers.append(time.perf_counter() - started)
			assert sent.status_code == 200 and "amass-done" in sent.text, sent.status_code
		print_figures("/survey/<token> render (GET)", renders)
		print_figures("/survey/<token> anonymous answer (POST)", answers)
	finally:
		stop(server)
	print_explain(
		"answer's cell count",
		"""select count(*) from `tabSurvey Invitation` where service_type = %(s)s and branch_office = %(b)s
		and sent_on <= %(d)s and expires_on >= %(d)s""",
		{"s": "x", "b": "y", "d": nowdate()},
	)
