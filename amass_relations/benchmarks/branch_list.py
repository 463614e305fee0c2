"""Benchmark (not a test): the desk's Support Request list, filtered by status, for an officer restricted
to one branch, against the same call on a bare doctype. Prints figures and EXPLAIN; asserts nothing.

    bench --site amass-bench.localhost execute amass_relations.benchmarks.branch_list.run \
        --kwargs "{'status': 'Pending Verification', 'samples': 50}"

Run data.py on the site first (the national-scale run: 1,000,000 beneficiaries, 3,000,000 requests).

- The officer (bench.officer@amass-bench.example.com, role Beneficiary Relations Officer, a new random
  password each run) is listed on one Branch Office, so the app writes their User Permission and its
  permission hook adds `branch_office in (…)` to every query.
- The bare doctype "Amass Bench Bare Request" is a custom DocType made here: Support Request's columns,
  indexes, sort and role permissions, its rows copied by INSERT … SELECT (again whenever the requests
  change), and no app code. The same User Permission limits it, by the framework's own filter.
- Both are called over HTTP, alternately, as the desk calls them (`frappe.desk.reportview.get`: the list
  view's columns, 20 rows, the doctype's sort, a status filter; `frappe.desk.reportview.get_count` with
  the list's limit of 1001), through gunicorn with 2 workers that the run starts on a free port and stops
  (or through `url`, a server already serving the site).
- EXPLAIN of each query, built as the framework builds it for the officer, and the rows MariaDB really
  read running it (the session's Handler_read counters).

`explain_lists` prints the same for every list, filter and lookup on the branch-walled doctypes, as the
officer and as an unrestricted user: the evidence for the indexes in the doctypes' on_doctype_update."""

import json
import re
import secrets
import statistics
import time

import frappe
from frappe.model import no_value_fields
from frappe.utils.password import update_password

from amass_relations import constants as c
from amass_relations.benchmarks import data
from amass_relations.rules.deadlines import percentile

APP_DOCTYPE = "Support Request"
BARE_DOCTYPE = "Amass Bench Bare Request"
OFFICER = "bench.officer@amass-bench.example.com"
COUNT_LIMIT = 1001  # list_view.js count_upper_bound
PAGE_LENGTH = 20
# frappe.model.std_fields_list in model.js: the columns every list view asks for.
STD_FIELDS = (
	"name",
	"owner",
	"creation",
	"modified",
	"modified_by",
	"_user_tags",
	"_comments",
	"_assign",
	"_liked_by",
	"docstatus",
	"idx",
)


def run(
	status: str = c.REQUEST_PENDING_VERIFICATION,
	samples: int = 50,
	branch: str | None = None,
	url: str | None = None,
	warmup: int = 5,
	buffer_pool_gb: float = 4,
):
	data.require_benchmark_site()
	data.raise_buffer_pool(buffer_pool_gb)
	if not frappe.db.count(APP_DOCTYPE):
		frappe.throw("no support requests: run amass_relations.benchmarks.data.run on this site first")
	branch = branch or data.BRANCHES[1][0]
	password = _officer(branch)
	_bare_doctype()
	frappe.db.commit()

	requests_total = frappe.db.count(APP_DOCTYPE)
	in_branch = frappe.db.count(APP_DOCTYPE, {"status": status, "branch_office": branch})
	print(
		f"{requests_total:,} support requests; status {status!r}: {frappe.db.count(APP_DOCTYPE, {'status': status}):,},"
		f" of which {in_branch:,} in {branch}; innodb_buffer_pool_size "
		f"{int(frappe.db.sql('select @@innodb_buffer_pool_size')[0][0]) // data.MiB:,} MiB"
	)
	calls = {
		(doctype, kind): _args(doctype, kind, status)
		for doctype in (APP_DOCTYPE, BARE_DOCTYPE)
		for kind in ("list", "count")
	}
	_explain_all(calls)

	server = None
	try:
		if not url:
			server, url = _start_gunicorn()
		timings = _measure(url, password, calls, samples, warmup)
	finally:
		if server:
			server.terminate()
			server.wait(timeout=30)
	print()
	print(f"over HTTP ({url}, gunicorn 2 workers), {samples} samples each, calls alternating:")
	for kind in ("list", "count"):
		app, bare = timings[APP_DOCTYPE, kind], timings[BARE_DOCTYPE, kind]
		for label, seconds in (("app (Support Request)", app), ("bare (same rows)", bare)):
			ms = [s * 1000 for s in seconds]
			print(
				f"  {kind:<5} {label:<22} median {statistics.median(ms):8.1f} ms   p95 {percentile(ms, 0.95):8.1f} ms"
			)
		print(
			f"  {kind:<5} ratio app/bare        median {statistics.median(app) / statistics.median(bare):8.2f}×"
			f"     p95 {percentile(app, 0.95) / percentile(bare, 0.95):8.2f}×   (target ≤ 1.2×)"
		)


# ---------------------------------------------------------------- the officer and the bare doctype
def _officer(branch: str) -> str:
	"""The officer, listed on `branch` only; returns a fresh password for this run."""
	if not frappe.db.exists("User", OFFICER):
		frappe.get_doc(
			{
				"doctype": "User",
				"email": OFFICER,
				"first_name": "Bench Officer",
				"send_welcome_email": 0,
				"roles": [{"role": c.ROLE_OFFICER}],
			}
		).insert(ignore_permissions=True)
	for name, *_ in data.BRANCHES:
		doc = frappe.get_doc("Branch Office", name)
		listed = any(row.user == OFFICER for row in doc.users)
		if name == branch and not listed:
			doc.append("users", {"user": OFFICER})
			doc.save(ignore_permissions=True)
		elif name != branch and listed:
			doc.users = [row for row in doc.users if row.user != OFFICER]
			doc.save(ignore_permissions=True)
	password = secrets.token_urlsafe(16)
	update_password(OFFICER, password)
	frappe.clear_cache(user=OFFICER)
	return password


def _bare_doctype():
	"""Support Request's columns, indexes, sort and permissions without the app: a custom DocType."""
	meta = frappe.get_meta(APP_DOCTYPE)
	if not frappe.db.exists("DocType", BARE_DOCTYPE):
		keep = ("fieldname", "label", "fieldtype", "options", "default", "in_list_view", "in_standard_filter")
		fields = [
			{key: df.get(key) for key in keep}
			for df in meta.fields
			if df.fieldtype not in no_value_fields and df.fieldtype not in ("Table", "Table MultiSelect")
		]
		permissions = [
			{key: p.get(key) for key in ("role", "permlevel", "if_owner", *frappe.permissions.rights)}
			for p in meta.permissions
		]
		frappe.get_doc(
			{
				"doctype": "DocType",
				"name": BARE_DOCTYPE,
				"module": c.MODULE_NAME,
				"custom": 1,
				"autoname": "hash",
				"title_field": meta.title_field,
				"sort_field": meta.sort_field,
				"sort_order": meta.sort_order,
				"fields": fields,
				"permissions": permissions,
			}
		).insert(ignore_permissions=True)
	else:
		frappe.db.set_value(
			"DocType",
			BARE_DOCTYPE,
			{"sort_field": meta.sort_field, "sort_order": meta.sort_order},
			update_modified=False,
		)
		frappe.clear_cache(doctype=BARE_DOCTYPE)
	app_table, bare_table = f"tab{APP_DOCTYPE}", f"tab{BARE_DOCTYPE}"
	fingerprint = "select count(*), max(modified), max(name) from `{}`"
	if frappe.db.sql(fingerprint.format(app_table)) != frappe.db.sql(fingerprint.format(bare_table)):
		started = time.perf_counter()
		# Loading without the secondary indexes and building them afterwards is several times faster.
		frappe.db.sql_ddl(f"truncate `{bare_table}`")
		for name in _indexes(bare_table):
			frappe.db.sql_ddl(f"alter table `{bare_table}` drop index `{name}`")
		columns = ", ".join(
			f"`{column}`"
			for column in frappe.db.get_table_columns(APP_DOCTYPE)
			if column in set(frappe.db.get_table_columns(BARE_DOCTYPE))
		)
		frappe.db.sql(f"insert into `{bare_table}` ({columns}) select {columns} from `{app_table}`")
		frappe.db.commit()
		print(f"bare doctype: copied the requests ({time.perf_counter() - started:.0f} s)")
	wanted, have = _indexes(app_table), _indexes(bare_table)
	changes = [f"drop index `{name}`" for name in have if wanted.get(name) != have[name]] + [
		f"add {'unique ' if unique else ''}index `{name}` ({', '.join(f'`{col}`' for col in columns)})"
		for name, (unique, columns) in wanted.items()
		if have.get(name) != (unique, columns)
	]
	if changes:
		started = time.perf_counter()
		frappe.db.sql_ddl(f"alter table `{bare_table}` {', '.join(changes)}")
		print(f"bare doctype: indexes made like Support Request's ({time.perf_counter() - started:.0f} s)")
	frappe.db.sql(f"analyze table `{bare_table}`")


def _indexes(table: str) -> dict[str, tuple[bool, tuple[str, ...]]]:
	"""Secondary indexes: name -> (unique, columns)."""
	indexes = {}
	for row in frappe.db.sql(f"show index from `{table}`", as_dict=True):
		if row.Key_name == "PRIMARY":
			continue
		unique, columns = indexes.get(row.Key_name, (not row.Non_unique, ()))
		indexes[row.Key_name] = (unique, (*columns, row.Column_name))
	return indexes


# ---------------------------------------------------------------- the calls
def _args(doctype: str, kind: str, status: str) -> dict:
	"""The form the desk posts (list_view.js, db.js), with the list view's columns of Support Request."""
	filters = [[doctype, "status", "=", status]]
	if kind == "count":
		return {"doctype": doctype, "filters": filters, "fields": [], "distinct": False, "limit": COUNT_LIMIT}
	meta = frappe.get_meta(APP_DOCTYPE)
	names = list(STD_FIELDS)
	names += [
		df.fieldname
		for df in meta.fields
		if (df.in_list_view and df.fieldtype not in no_value_fields)
		or df.fieldname == "status"
		or (df.fieldtype == "Currency" and df.options and ":" not in df.options)
	]
	names += [meta.title_field, "status", "committee_due_date", "deadline_state", meta.sort_field]
	names.append("workflow_state")
	fields = [f"`tab{doctype}`.`{name}`" for name in dict.fromkeys(n for n in names if n)]
	return {
		"doctype": doctype,
		"fields": fields,
		"filters": filters,
		"order_by": f"`tab{doctype}`.`{meta.sort_field}` {meta.sort_order.lower()}",
		"start": 0,
		"page_length": PAGE_LENGTH,
		"view": "List",
		"with_comment_count": 0,
	}


def _sql(args: dict, kind: str) -> str:
	"""The SQL the framework runs for this call, built as the officer (reportview.get / get_count)."""
	from frappe.desk.reportview import execute, get_form_params

	frappe.local.form_dict = frappe._dict(
		{k: json.dumps(v) if isinstance(v, list) else v for k, v in args.items()}
	)
	params = get_form_params()
	if kind == "list":
		return execute(**params, run=0)
	params.fields = [f"`tab{params.doctype}`.name"]
	params.order_by = None
	return f"select count(*) from ( {execute(**params, run=0)} ) p"


def _explain_all(calls: dict):
	frappe.set_user(OFFICER)
	try:
		for (doctype, kind), args in calls.items():
			print()
			explain(f"{kind} of {doctype}", _sql(args, kind))
	finally:
		frappe.set_user("Administrator")


def explain(label: str, sql: str):
	"""The query's conditions, its plan, and what running it read (the session's Handler_read counters)."""
	where = re.search(r"\bwhere\b(.*?)(\border by\b|\blimit\b|\)\s*p$|$)", sql, re.S | re.I)
	print(f"{label}: where {' '.join(where.group(1).split()) if where else '-'}")
	for row in frappe.db.sql(f"explain {sql}", as_dict=True):
		print(
			f"  EXPLAIN {row.table or '':<28} type={row.type or '':<6} key={row.key} rows={row.rows}"
			f" {row.Extra or ''}"
		)
	overhead = -_handler_reads() + _handler_reads()  # what reading the counters itself adds
	before = _handler_reads()
	started = time.perf_counter()
	frappe.db.sql(sql)
	elapsed = time.perf_counter() - started
	print(f"  ran in {elapsed * 1000:.1f} ms, read {_handler_reads() - before - overhead:,} index/table rows")


def _handler_reads() -> int:
	return sum(int(value) for _name, value in frappe.db.sql("show session status like 'Handler_read%'"))


def explain_lists(status: str = c.REQUEST_PENDING_VERIFICATION, branch: str | None = None):
	"""EXPLAIN of every list, filter and lookup the desk and the hooks run at national scale, for the
	branch-restricted officer and for an unrestricted user (Administrator: no permission conditions).

	bench --site amass-bench.localhost execute amass_relations.benchmarks.branch_list.explain_lists"""
	data.require_benchmark_site()
	branch = branch or data.BRANCHES[1][0]
	_officer(branch)
	frappe.db.commit()
	beneficiary = frappe.db.get_value(APP_DOCTYPE, {"branch_office": branch}, "beneficiary")
	day = frappe.utils.today()
	queries = (
		("requests, list", APP_DOCTYPE, {}, None),
		("requests, list by status", APP_DOCTYPE, {"status": status}, None),
		("requests, count by status", APP_DOCTYPE, {"status": status}, "count"),
		("requests, list overdue", APP_DOCTYPE, {"deadline_state": "Overdue"}, None),
		(
			"requests, overdue by due date",
			APP_DOCTYPE,
			{"status": c.REQUEST_PENDING_COMMITTEE, "committee_due_date": ("<", day)},
			"committee_due_date asc",
		),
		(
			"requests, overdue state by due date",
			APP_DOCTYPE,
			{"deadline_state": "Overdue"},
			"committee_due_date asc",
		),
		("requests of a beneficiary", APP_DOCTYPE, {"beneficiary": beneficiary}, None),
		("committee reviews, list", "Committee Review", {}, None),
		("beneficiaries, list", "Beneficiary", {}, None),
		("beneficiaries, list by status", "Beneficiary", {"status": "Applicant"}, None),
		("interactions, list", "Interaction", {}, None),
		("interactions, list by status", "Interaction", {"status": "Open"}, None),
		("interactions of a beneficiary", "Interaction", {"beneficiary": beneficiary}, None),
		("documents, list", "Beneficiary Document", {}, None),
		(
			"documents of a beneficiary",  # valid_documents()
			"Beneficiary Document",
			{"beneficiary": beneficiary, "verified_on": ("is", "set")},
			"creation desc",
		),
		("carers, list", "Carer Authorization", {}, None),
		("carers of a patient", "Carer Authorization", {"patient": beneficiary, "status": "Active"}, None),
	)
	for user in (OFFICER, "Administrator"):
		frappe.set_user(user)
		try:
			print(f"\n======== as {user}{f' (listed on {branch})' if user == OFFICER else ''}")
			for label, doctype, filters, order_by in queries:
				count = order_by == "count"
				sql = frappe.get_list(
					doctype,
					filters=filters,
					fields=["name"] if count else ["name", "owner"],
					order_by=None if count else order_by or frappe.model.db_query.DefaultOrderBy,
					limit_page_length=COUNT_LIMIT if count else PAGE_LENGTH,
					run=0,
				)
				print()
				explain(label, f"select count(*) from ( {sql} ) p" if count else sql)
		finally:
			frappe.set_user("Administrator")


# ---------------------------------------------------------------- HTTP
def _start_gunicorn():
	from amass_relations.tests.served_site import start_gunicorn

	return start_gunicorn(log_name="branch_list_gunicorn.log")


def _measure(url: str, password: str, calls: dict, samples: int, warmup: int) -> dict:
	import requests

	session = requests.Session()
	session.headers["Host"] = frappe.local.site
	response = session.post(f"{url}/api/method/login", data={"usr": OFFICER, "pwd": password})
	response.raise_for_status()
	methods = {"list": "frappe.desk.reportview.get", "count": "frappe.desk.reportview.get_count"}
	forms = {
		key: {k: json.dumps(v) if isinstance(v, list | bool) else v for k, v in args.items()}
		for key, args in calls.items()
	}
	timings = {key: [] for key in calls}
	for n in range(warmup + samples):
		for key, form in forms.items():
			started = time.perf_counter()
			response = session.post(f"{url}/api/method/{methods[key[1]]}", data=form)
			elapsed = time.perf_counter() - started
			response.raise_for_status()
			if n == 0:
				message = response.json()["message"]
				got = message if key[1] == "count" else len((message or {}).get("values", []))
				print(f"  {key[1]} of {key[0]} over HTTP: {got} {'(count)' if key[1] == 'count' else 'rows'}")
			if n >= warmup:
				timings[key].append(elapsed)
	return timings
