"""Benchmark (not a test): requests submitted from the portal, beside a bare baseline, all in one run.
Prints figures; asserts nothing.

    bench --site amass-bench.localhost execute amass_relations.benchmarks.portal_submissions.run \
        --kwargs "{'submissions': 500, 'connections': 4, 'burst': 200}"

On a benchmark site only (`amass_benchmark_site: 1` in its config: data.py's guard; the per-account
limits of the portal do not apply there). Served by gunicorn with 2 workers (started and stopped here).

- A submission is what a beneficiary's browser sends: the draft (save_request), two uploads of 200 KB
  (upload_document: a PDF and a PNG, checked by their magic bytes, private, owned by the system) and the
  submit (submit_request: the declaration accepted, the workflow's Beneficiary transition). `connections`
  sessions of one linked account send `submissions` of them in all: submissions/s, p50/p95 of one.
- The baseline: a bare doctype with two Attach fields (made here, custom) and one method that inserts it
  with the same two files (`bare_submit`, a benchmark site only), from the same sessions.
- Then `burst` submissions at once (one thread each): every one arrived exactly once — the requests that
  answered, the rows in Support Request and the files attached, counted.
- `/services` p95 warm, beside `/api/method/ping`."""

import secrets
import statistics
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import frappe
import requests
from frappe.utils.password import update_password

from amass_relations import constants as c
from amass_relations.benchmarks import data
from amass_relations.rules.deadlines import percentile
from amass_relations.services.portal_accounts import link_account

ACCOUNT = "bench.applicant@amass-bench.example.com"
SERVICE = "Bench Portal Service"
BARE = "Amass Bench Bare Submission"
PORTAL = "/api/method/amass_relations.api.portal"
PDF = b"%PDF-1.4\n" + b"0" * (200 * 1024)
PNG = b"\x89PNG\r\n\x1a\n" + b"1" * (200 * 1024)
VALID_UNTIL = "2099-12-31"  # both documents expire: the upload asks their date


def run(submissions: int = 500, connections: int = 4, burst: int = 200, samples: int = 100):
	data.require_benchmark_site()
	from frappe.installer import update_site_config

	for key in ("amass_portal_reads_per_minute", "amass_portal_writes_per_hour"):
		update_site_config(key, 10**9)
	password, file = _account()
	_service()
	_bare_doctype()
	frappe.db.commit()
	site = frappe.local.site
	before_rows = frappe.db.count("Support Request")
	print(f"{before_rows:,} requests on the site before; account {ACCOUNT} linked to {file}")

	from amass_relations.tests.served_site import start_gunicorn, stop

	server, url = start_gunicorn(log_name="portal_submissions_benchmark.log")
	try:
		portal_times = _load(url, site, password, submissions, connections, _submission)
		bare_times = _load(url, site, password, submissions, connections, _bare)
		marker = f"burst {secrets.token_hex(4)}"
		burst_started = time.monotonic()
		answered = _burst(url, site, password, burst, marker)
		burst_seconds = time.monotonic() - burst_started
		pings, guide = _reads(url, site, password, samples, connections)
	finally:
		stop(server)

	frappe.db.rollback()
	names = frappe.get_all("Support Request", filters={"description": marker}, pluck="name")
	files = frappe.db.count(
		"File", {"attached_to_doctype": "Support Request", "attached_to_name": ("in", names or [""])}
	)
	submitted = frappe.db.count(
		"Support Request", {"description": marker, "status": c.REQUEST_PENDING_VERIFICATION}
	)
	print()
	print(
		f"over HTTP ({url}, gunicorn 2 workers), {connections} sessions, {submissions} submissions each way"
	)
	for label, times in (
		("portal submission (4 calls)", portal_times),
		("bare doctype, 2 files, 1 call", bare_times),
	):
		ms = [t * 1000 for t in times["each"]]
		print(
			f"  {label:<30} {len(ms) / times['seconds']:7.1f} submissions/s   "
			f"p50 {statistics.median(ms):8.1f} ms   p95 {percentile(ms, 0.95):8.1f} ms"
		)
	print(
		f"  ratio portal/bare             p95 "
		f"{percentile(portal_times['each'], 0.95) / percentile(bare_times['each'], 0.95):6.2f}×"
	)
	print(
		f"  {burst} at once ({burst_seconds:.1f} s): {answered} answered, {len(names)} requests, "
		f"{submitted} submitted, {files} files (expected {burst}, {burst}, {2 * burst})"
	)
	print(
		f"  /services warm p95 {percentile(guide, 0.95) * 1000:7.1f} ms   ping p95 "
		f"{percentile(pings, 0.95) * 1000:7.1f} ms   ratio {percentile(guide, 0.95) / percentile(pings, 0.95):5.2f}×"
	)
	print(f"  requests on the site after: {frappe.db.count('Support Request'):,}")


def _account() -> tuple[str, str]:
	if not frappe.db.exists("User", ACCOUNT):
		frappe.get_doc(
			{"doctype": "User", "email": ACCOUNT, "first_name": "Bench Applicant", "send_welcome_email": 0}
		).insert(ignore_permissions=True)
	frappe.db.set_value("User", ACCOUNT, {"user_type": "Website User", "language": "en"})
	file = frappe.db.get_value("Beneficiary", {"user": ACCOUNT})
	if not file:
		file = frappe.db.get_value(
			"Beneficiary",
			{
				"user": ("is", "not set"),
				"status": ("in", ["Registered", "Applicant"]),
				"beneficiary_category": c.CATEGORY_PATIENT,
			},
		)
		link_account(frappe.get_doc("Beneficiary", file), ACCOUNT)
	password = secrets.token_urlsafe(16)
	update_password(ACCOUNT, password)
	return password, file


def _service():
	if frappe.db.exists("Support Service Type", SERVICE):
		return
	frappe.get_doc(
		{
			"doctype": "Support Service Type",
			"service_name": SERVICE,
			"enabled": 1,
			"is_financial": 1,
			"maximum_amount": 5000,
			"eligible_categories": [{"beneficiary_category": c.CATEGORY_PATIENT}],
			"required_documents": [
				{"document_type": c.DOCUMENT_INCOME_PROOF, "mandatory": 1},
				{"document_type": c.DOCUMENT_PRICE_QUOTATION, "mandatory": 1},
			],
		}
	).insert(ignore_permissions=True)


def _bare_doctype():
	if frappe.db.exists("DocType", BARE):
		return
	frappe.get_doc(
		{
			"doctype": "DocType",
			"name": BARE,
			"module": "Amass Relations",
			"custom": 1,
			"autoname": "hash",
			"fields": [
				{"fieldname": "description", "fieldtype": "Data", "label": "Description"},
				{"fieldname": "first", "fieldtype": "Attach", "label": "First"},
				{"fieldname": "second", "fieldtype": "Attach", "label": "Second"},
			],
			"permissions": [{"role": "System Manager", "read": 1, "write": 1, "create": 1}],
		}
	).insert(ignore_permissions=True)


@frappe.whitelist(methods=["POST"])
def bare_submit(description: str | None = None):
	"""The baseline: one bare record with two private files, in one call (a benchmark site only)."""
	if not frappe.conf.get("amass_benchmark_site") or frappe.session.user == "Guest":
		raise frappe.PermissionError
	doc = frappe.get_doc({"doctype": BARE, "description": description})
	doc.insert(ignore_permissions=True)
	for field in ("first", "second"):
		upload = frappe.request.files[field]
		file = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": f"bench-bare-{frappe.generate_hash(length=12)}{upload.filename[-4:]}",
				"is_private": 1,
				"content": upload.stream.read(),
				"attached_to_doctype": BARE,
				"attached_to_name": doc.name,
			}
		)
		file.flags.ignore_permissions = True
		file.flags.own_copy = True  # as the portal's uploads: written every time
		file.insert()
		doc.db_set(field, file.file_url)
	return {"name": doc.name}


def _session(url: str, site: str, password: str) -> requests.Session:
	session = requests.Session()
	session.headers["Host"] = site
	session.post(f"{url}/api/method/login", data={"usr": ACCOUNT, "pwd": password}).raise_for_status()
	return session


def _submission(session: requests.Session, url: str, description: str = "bench submission") -> str:
	post = session.post
	name = post(
		f"{url}{PORTAL}.save_request",
		data={"service_type": SERVICE, "description": description, "amount_requested": 100},
		timeout=300,
	)
	name.raise_for_status()
	name = name.json()["message"]["name"]
	for document_type, content, file_name in (
		(c.DOCUMENT_INCOME_PROOF, PDF, "income.pdf"),
		(c.DOCUMENT_PRICE_QUOTATION, PNG, "quote.png"),
	):
		post(
			f"{url}{PORTAL}.upload_document",
			data={"request": name, "document_type": document_type, "expiry_date": VALID_UNTIL},
			files={"file": (file_name, content)},
			timeout=300,
		).raise_for_status()
	post(
		f"{url}{PORTAL}.submit_request",
		data={"request": name, "accept": 1, "signer_name": "Bench Applicant"},
		timeout=300,
	).raise_for_status()
	return name


def _bare(session: requests.Session, url: str, description: str = "bench bare") -> str:
	response = session.post(
		f"{url}/api/method/amass_relations.benchmarks.portal_submissions.bare_submit",
		data={"description": description},
		files={"first": ("income.pdf", PDF), "second": ("quote.png", PNG)},
		timeout=300,
	)
	response.raise_for_status()
	return response.json()["message"]["name"]


def _load(url, site, password, total, connections, one) -> dict:
	each, lock = [], threading.Lock()
	counter = iter(range(total))

	def worker(_n):
		session = _session(url, site, password)
		one(session, url)  # warm-up, not counted
		while True:
			with lock:
				if next(counter, None) is None:
					return
			started = time.perf_counter()
			one(session, url)
			with lock:
				each.append(time.perf_counter() - started)

	started = time.monotonic()
	with ThreadPoolExecutor(connections) as pool:
		list(pool.map(worker, range(connections)))
	return {"each": each, "seconds": time.monotonic() - started}


def _burst(url, site, password, burst: int, marker: str) -> int:
	barrier = threading.Barrier(burst)

	def one(_n):
		session = _session(url, site, password)  # each its own session, signed in before the start
		barrier.wait()
		try:
			_submission(session, url, marker)
			return 1
		except requests.RequestException:
			return 0

	with ThreadPoolExecutor(burst) as pool:
		return sum(pool.map(one, range(burst)))


def _reads(url, site, password, samples, connections) -> tuple[list[float], list[float]]:
	pings, guide, lock = [], [], threading.Lock()

	def worker(_n):
		session = _session(url, site, password)
		for n in range(samples + 5):
			for path, into in (("/api/method/ping", pings), ("/services", guide)):
				started = time.perf_counter()
				session.get(f"{url}{path}", timeout=60).raise_for_status()
				if n >= 5:
					with lock:
						into.append(time.perf_counter() - started)

	with ThreadPoolExecutor(connections) as pool:
		list(pool.map(worker, range(connections)))
	return pings, guide
