"""Benchmark (not a test): the beneficiaries' portal as a signed-in carer sees it, against the framework's
own floor, all in one run. Prints figures and EXPLAIN; asserts nothing.

    bench --site amass-bench.localhost execute amass_relations.benchmarks.portal.run \
        --kwargs "{'samples': 200, 'connections': 4}"

Run data.py on the site first (the national-scale run: 1,000,000 beneficiaries, 3,000,000 requests).

- The account (bench.portal@amass-bench.example.com, a Website User, a new random password each run) is
  linked to a generated beneficiary who holds an Active carer authorization for a patient, so "my
  requests" reads the own file and the patient's, their decisions, letters and deliveries.
- Served by gunicorn (2 workers, started and stopped by the run, or `url`); a loopback load generator of
  `connections` threads, each its own signed-in session, asks in turn: `/api/method/ping`, the
  `my_requests` method, the `/my-requests` page and an empty Web Page under the same base template
  (`/amass-bench-empty`, made here), and the public service guide `/services` (served from Frappe's page
  cache once warm). p95 of each, the targets' ratios (method ≤ 1.5× ping, page ≤ 1.3×
  the empty page), then requests/s of each alone at the same concurrency.
- EXPLAIN of each query the portal runs for the account.

The portal's reads are rate-limited per IP (api/portal.py); the loopback generator is one IP, so the run
sets the site's `amass_portal_reads_per_minute` high first (a benchmark site only)."""

import secrets
import statistics
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import frappe
from frappe.utils.password import update_password

from amass_relations import constants as c
from amass_relations.benchmarks import data
from amass_relations.benchmarks.common import print_explain
from amass_relations.rules.deadlines import percentile
from amass_relations.services import portal

ACCOUNT = "bench.portal@amass-bench.example.com"
EMPTY_ROUTE = "amass-bench-empty"


def run(
	samples: int = 200, connections: int = 4, url: str | None = None, warmup: int = 10, seconds: int = 10
):
	data.require_benchmark_site()
	if not frappe.db.count("Support Request"):
		frappe.throw("no support requests: run amass_relations.benchmarks.data.run on this site first")
	frappe.conf.amass_portal_reads_per_minute = 10**9
	from frappe.installer import update_site_config

	update_site_config("amass_portal_reads_per_minute", 10**9)
	password, carer = _account()
	_empty_page()
	frappe.db.commit()
	frappe.set_user(ACCOUNT)
	files = portal.files_of(ACCOUNT)
	shown = portal.requests_of(ACCOUNT)
	frappe.set_user("Administrator")
	print(
		f"{frappe.db.count('Beneficiary'):,} beneficiaries, {frappe.db.count('Support Request'):,} requests; "
		f"the account's files: {len(files)} ({carer} and {len(files) - 1} patient(s)), {len(shown)} requests shown"
	)
	_explain(carer, [r["name"] for r in shown])

	paths = {
		"ping": "/api/method/ping",
		"my_requests method": "/api/method/amass_relations.api.portal.my_requests",
		"/my-requests page": "/my-requests",
		"empty page (same base)": f"/{EMPTY_ROUTE}",
		"/services (warm)": "/services",
	}
	server = None
	try:
		if not url:
			from amass_relations.tests.served_site import start_gunicorn

			server, url = start_gunicorn(log_name="portal_benchmark_gunicorn.log")
		mixed = _mixed(url, password, paths, samples, warmup, connections)
		alone = {
			label: _throughput(url, password, path, connections, seconds) for label, path in paths.items()
		}
	finally:
		if server:
			server.terminate()
			server.wait(timeout=30)
	print()
	print(
		f"over HTTP ({url}, gunicorn 2 workers), {connections} connections, {samples} rounds each, in turn:"
	)
	for label in paths:
		ms = [s * 1000 for s in mixed[label]]
		print(
			f"  {label:<24} median {statistics.median(ms):8.1f} ms   p95 {percentile(ms, 0.95):8.1f} ms"
			f"   alone: {alone[label]:7.1f} requests/s"
		)
	p95 = {label: percentile(mixed[label], 0.95) for label in paths}
	print(
		f"  ratio my_requests/ping       p95 {p95['my_requests method'] / p95['ping']:6.2f}×   (target ≤ 1.5×)"
	)
	print(
		f"  ratio /my-requests/empty     p95 {p95['/my-requests page'] / p95['empty page (same base)']:6.2f}×"
		"   (target ≤ 1.3×)"
	)
	print(
		f"  ratio /services/ping         p95 {p95['/services (warm)'] / p95['ping']:6.2f}×   (issue 15: warm, beside ping)"
	)


def _account() -> tuple[str, str]:
	"""The bench account, linked to a carer with an Active authorization (and requests of their own)."""
	ca = frappe.qb.DocType("Carer Authorization")
	ben = frappe.qb.DocType("Beneficiary")
	today = frappe.utils.today()
	carer = (
		frappe.qb.from_(ca)
		.join(ben)
		.on(ben.name == ca.patient)
		.select(ca.carer)
		.where(
			(ca.status == c.CARER_ACTIVE)
			& (ca.valid_from <= today)
			& (ca.valid_until.isnull() | (ca.valid_until >= today))
			& ben.status.isin(["Registered", "Applicant"])
		)
		.limit(1)
		.run(pluck=True)
	)
	carer = carer[0] if carer else frappe.db.get_value("Beneficiary", {}, "name")
	if not frappe.db.exists("User", ACCOUNT):
		frappe.get_doc(
			{"doctype": "User", "email": ACCOUNT, "first_name": "Portal Bench", "send_welcome_email": 0}
		).insert(ignore_permissions=True)
	frappe.db.set_value("User", ACCOUNT, {"user_type": "Website User", "language": "ar"})
	frappe.db.set_value("Beneficiary", {"user": ACCOUNT}, "user", None)
	frappe.db.set_value("Beneficiary", carer, "user", ACCOUNT)
	frappe.get_doc("User", ACCOUNT).add_roles(c.ROLE_BENEFICIARY)
	password = secrets.token_urlsafe(16)
	update_password(ACCOUNT, password)
	return password, carer


def _empty_page():
	"""An empty page rendered as the portal's are: on every request (a dynamic template, so Frappe does
	not serve it from its page cache), under web.html with the sidebar."""
	values = {
		"title": "Amass bench empty page",
		"published": 1,
		"content_type": "Rich Text",
		"dynamic_template": 1,
		"main_section": "{{ '' }}",
		"show_sidebar": 1,
	}
	name = frappe.db.get_value("Web Page", {"route": EMPTY_ROUTE})
	page = frappe.get_doc("Web Page", name) if name else frappe.new_doc("Web Page")
	page.update({"route": EMPTY_ROUTE, **values})
	page.save(ignore_permissions=True)
	from frappe.website.utils import clear_website_cache

	clear_website_cache()


def _session(url: str, password: str, site: str):
	import requests

	session = requests.Session()
	session.headers["Host"] = site
	session.post(f"{url}/api/method/login", data={"usr": ACCOUNT, "pwd": password}).raise_for_status()
	return session


def _mixed(url, password, paths, samples, warmup, connections) -> dict[str, list[float]]:
	timings = {label: [] for label in paths}
	lock = threading.Lock()
	site = frappe.local.site  # the threads have no frappe.local

	def worker(_n):
		session = _session(url, password, site)
		for n in range(warmup + samples):
			for label, path in paths.items():
				started = time.perf_counter()
				response = session.get(f"{url}{path}")
				elapsed = time.perf_counter() - started
				response.raise_for_status()
				if n >= warmup:
					with lock:
						timings[label].append(elapsed)

	with ThreadPoolExecutor(connections) as pool:
		list(pool.map(worker, range(connections)))
	return timings


def _throughput(url, password, path, connections, seconds) -> float:
	done = []
	site = frappe.local.site

	def worker(_n):
		session = _session(url, password, site)
		count, deadline = 0, time.monotonic() + seconds
		while time.monotonic() < deadline:
			session.get(f"{url}{path}").raise_for_status()
			count += 1
		done.append(count)

	started = time.monotonic()
	with ThreadPoolExecutor(connections) as pool:
		list(pool.map(worker, range(connections)))
	return sum(done) / (time.monotonic() - started)


def _explain(carer: str, requests: list[str]):
	names = tuple(requests) or ("",)
	print_explain("account's file", "select name, status from tabBeneficiary where user = %s", (ACCOUNT,))
	print_explain(
		"carer authorizations",
		"select ca.patient from `tabCarer Authorization` ca join tabBeneficiary b on b.name = ca.patient "
		"where ca.carer = %s and ca.status = 'Active'",
		(carer,),
	)
	files = tuple(portal.files_of(ACCOUNT)) or ("",)
	print_explain(
		"requests of the files",
		"select name from `tabSupport Request` where beneficiary in %s order by creation desc limit 500",
		(files,),
	)
	print_explain(
		"standing decisions",
		"select support_request from `tabCommittee Review` where support_request in %s and docstatus = 1",
		(names,),
	)
	print_explain(
		"deliveries",
		"select support_request from `tabService Delivery` where support_request in %s and docstatus = 1",
		(names,),
	)
	print_explain(
		"one request's history",
		"select creation, data from tabVersion where ref_doctype = 'Support Request' and docname = %s",
		(names[0],),
	)
