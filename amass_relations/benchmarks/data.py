"""The one synthetic-data generator for the app's benchmarks (not a test).

    bench --site amass-bench.localhost execute amass_relations.benchmarks.data.run \
        --kwargs "{'beneficiaries': 1000000, 'requests': 3000000}"

Try it small first (`{'beneficiaries': 20000, 'requests': 60000}`). It refuses to run unless the site's
config has `amass_benchmark_site: 1` (`bench --site S set-config amass_benchmark_site 1`): it is for a
throwaway site. It checks the free disk first and raises MariaDB's innodb_buffer_pool_size for the run
(a dynamic, server-wide setting that lasts until MariaDB restarts; it prints how to put it back).

Bulk SQL only: every table is filled by INSERT … SELECT from MariaDB's SEQUENCE engine (seq_1_to_N), in
chunks committed one by one. Every value is a function of the row's number, so a rerun adds only the
chunks that are missing, and a bigger run adds rows to a smaller one. What it makes, all flagged as demo
records and named so they cannot be taken for real ones:

- four Branch Offices (فرع القياس …; the first is the headquarters unless the site has one), six
  Support Service Types and a committee meeting (CM-BENCH);
- beneficiaries BENB-0000001…: national IDs 11xxxxxxxx (Luhn-valid), mobiles +9665xxxxxxxx, names from
  a short list (so the name/birth-date duplicate check finds matches), 40/25/20/15 across the branches;
- support requests SRB-0000001… created over the last three years, each for a random beneficiary and
  in that beneficiary's branch; the last 90 days mostly open, older ones mostly closed; committee entry,
  due date, deadline state and decision as the app keeps them; a submitted Committee Review (CRB-…) for
  each approved or rejected one, keeping its request's committee entry and due date as the app does;
- interactions (INTB-…), beneficiary documents (BDOCB-…) and carer authorizations (CAB-…), so the
  lookups on them have national-scale tables to EXPLAIN;
- feedback (FBB-…, `feedback`, none unless asked): survey answers (85 %), complaints (7 %), suggestions
  (5 %) and praise over the last three years, 60 % anonymous (no request, no person), ratings leaning to
  4 and 5; complaints and suggestions with a reference (CMPB-…), status, due date and answer (the last
  month's open). Answer rows are not made: the quality benchmark adds their sums."""

import os
import shutil
import time

import frappe
from frappe.utils import add_days, getdate, today

from amass_relations import constants as c
from amass_relations.rules.deadlines import SOON_DAYS
from amass_relations.rules.identity import luhn_check_digit
from amass_relations.rules.names import name_key

GiB = 1024**3
MiB = 1024**2
CHUNK = 100_000
DIGITS = 7  # BENB-0000001: names sort in number order, which the chunk check relies on
DAY = 86_400
REQUEST_SPAN_DAYS = 3 * 365
BENEFICIARY_SPAN_DAYS = 5 * 365
RECENT_DAYS = 90

# (name, city, share of beneficiaries in %). Cities are the branch's own: a city is served by one branch.
BRANCHES = (
	("فرع القياس الرياض", "مدينة القياس ١", 40),
	("فرع القياس جدة", "مدينة القياس ٢", 25),
	("فرع القياس الدمام", "مدينة القياس ٣", 20),
	("فرع القياس أبها", "مدينة القياس ٤", 15),
)
SERVICES = tuple(f"خدمة القياس {n}" for n in range(6))
MEETING = "CM-BENCH"
FIRST = ("محمد", "أحمد", "عبدالله", "خالد", "فهد", "نورة", "فاطمة", "سارة", "مريم", "هند", "ريم", "منيرة")
FAMILY = ("القحطاني", "العتيبي", "الشهري", "الغامدي", "الزهراني", "الدوسري", "المطيري", "الحربي", "الشمري")

# (status, per mille). A request from the last 90 days is still being worked on more often than not.
RECENT_MIX = (
	(c.REQUEST_DRAFT, 80),
	(c.REQUEST_PENDING_VERIFICATION, 150),
	(c.REQUEST_UNDER_RESEARCH, 130),
	(c.REQUEST_PENDING_COMMITTEE, 150),
	(c.REQUEST_RETURNED, 50),
	(c.REQUEST_APPROVED, 60),
	(c.REQUEST_REGISTRATION_COMPLETE, 100),
	(c.REQUEST_SERVICE_DELIVERED, 100),
	(c.REQUEST_CLOSED, 120),
	(c.REQUEST_REJECTED, 40),
	(c.REQUEST_WITHDRAWN, 20),
)
OLDER_MIX = (
	(c.REQUEST_CLOSED, 600),
	(c.REQUEST_REJECTED, 160),
	(c.REQUEST_SERVICE_DELIVERED, 100),
	(c.REQUEST_WITHDRAWN, 80),
	(c.REQUEST_REGISTRATION_COMPLETE, 30),
	(c.REQUEST_DRAFT, 15),
	(c.REQUEST_PENDING_VERIFICATION, 5),
	(c.REQUEST_PENDING_COMMITTEE, 5),
	(c.REQUEST_APPROVED, 5),
)
DECISION_OF = {
	c.REQUEST_APPROVED: c.DECISION_APPROVED,
	c.REQUEST_REGISTRATION_COMPLETE: c.DECISION_APPROVED,
	c.REQUEST_SERVICE_DELIVERED: c.DECISION_APPROVED,
	c.REQUEST_CLOSED: c.DECISION_APPROVED,
	c.REQUEST_REJECTED: c.DECISION_REJECTED,
	c.REQUEST_RETURNED: c.DECISION_RETURNED,
}
IN_COMMITTEE = (c.REQUEST_PENDING_COMMITTEE, *DECISION_OF)

# Bytes a row takes with its indexes (measured on a filled site, rounded up), to check the disk first.
ROW_BYTES = {
	"Beneficiary": 900,
	"Support Request": 1600,
	"Committee Review": 600,
	"Interaction": 900,
	"Beneficiary Document": 800,
	"Carer Authorization": 800,
	"Feedback": 500,
}


class NotABenchmarkSite(frappe.ValidationError):
	pass


def run(
	beneficiaries: int = 1_000_000,
	requests: int = 3_000_000,
	interactions: int | None = None,
	documents: int | None = None,
	carers: int | None = None,
	buffer_pool_gb: float = 4,
	feedback: int = 0,
):
	"""Fill the site; interactions and documents default to one per beneficiary, carers to one in ten."""
	started = time.perf_counter()
	fill(beneficiaries, requests, interactions, documents, carers, buffer_pool_gb, feedback)
	print(f"generator: {time.perf_counter() - started:.0f} s wall time")


def fill(
	beneficiaries: int,
	requests: int = 0,
	interactions: int | None = None,
	documents: int | None = None,
	carers: int | None = None,
	buffer_pool_gb: float = 4,
	feedback: int = 0,
) -> frappe._dict:
	"""Make sure the site has at least these many synthetic rows; returns the reference records."""
	require_benchmark_site()
	sizes = {
		"Beneficiary": beneficiaries,
		"Support Request": requests,
		"Interaction": beneficiaries if interactions is None else interactions,
		"Beneficiary Document": beneficiaries if documents is None else documents,
		"Carer Authorization": beneficiaries // 10 if carers is None else carers,
		"Feedback": feedback,
	}
	if max(sizes.values()) >= 10**DIGITS:
		frappe.throw(f"at most {10**DIGITS - 1:,} rows a table")
	if not beneficiaries and any(sizes.values()):
		frappe.throw("requests, interactions, documents and carers need beneficiaries")
	_check_disk(sizes)
	raise_buffer_pool(buffer_pool_gb)
	refs = setup()
	anchor = getdate(today())
	_fill_beneficiaries(beneficiaries, anchor)
	_fill_requests(requests, beneficiaries, anchor)
	_fill_interactions(sizes["Interaction"], beneficiaries, anchor)
	_fill_documents(sizes["Beneficiary Document"], beneficiaries, anchor)
	_fill_carers(sizes["Carer Authorization"], beneficiaries, anchor)
	_fill_feedback(feedback, requests, anchor)
	for doctype in (*sizes, "Committee Review"):
		frappe.db.sql(f"analyze table `tab{doctype}`")
	print(
		"rows: "
		+ ", ".join(f"{doctype} {frappe.db.count(doctype):,}" for doctype in (*sizes, "Committee Review"))
	)
	return refs


def require_benchmark_site():
	"""Every benchmark starts here: only on a throwaway site, and with mail muted for the run (the sweep
	and the workflow would otherwise queue real messages to the synthetic records' people)."""
	if not frappe.conf.get("amass_benchmark_site"):
		raise NotABenchmarkSite(
			f"{frappe.local.site} is not a benchmark site: the generator writes millions of synthetic rows. "
			f"On a throwaway site: bench --site {frappe.local.site} set-config amass_benchmark_site 1"
		)
	frappe.flags.mute_emails = True


# ---------------------------------------------------------------- the server
def _check_disk(sizes: dict[str, int]):
	rows = dict(sizes)
	rows["Committee Review"] = sizes["Support Request"]
	need = sum(ROW_BYTES[doctype] * max(0, n - _have(doctype)) for doctype, n in rows.items())
	# The branch-list benchmark copies the requests into a bare doctype.
	need += ROW_BYTES["Support Request"] * max(0, sizes["Support Request"] - _have("Support Request"))
	datadir = frappe.db.sql("select @@datadir")[0][0]
	if not os.path.isdir(datadir):
		print(f"disk: MariaDB's data directory {datadir} is not on this machine; not checked")
		return
	free = shutil.disk_usage(datadir).free
	wanted = need + 2 * GiB
	print(f"disk: {free / GiB:.1f} GiB free at {datadir}, about {need / GiB:.1f} GiB needed (+2 GiB margin)")
	if free < wanted:
		frappe.throw(f"not enough free disk: {free / GiB:.1f} GiB free, {wanted / GiB:.1f} GiB wanted")


def _have(doctype: str) -> int:
	# The optimizer's estimate is enough to size the disk check, and instant on millions of rows.
	row = frappe.db.sql(
		"select table_rows from information_schema.tables where table_schema = database() and table_name = %s",
		f"tab{doctype}",
	)
	return int(row[0][0] or 0) if row else 0


def raise_buffer_pool(gigabytes: float):
	"""InnoDB's buffer pool is resizable at run time: at MariaDB's default 128 MiB a 3-million-row table
	does not fit, and both loading and reading it measure the disk instead of the query."""
	want = int(gigabytes * GiB)
	have = int(frappe.db.sql("select @@innodb_buffer_pool_size")[0][0])
	if have >= want:
		print(f"MariaDB: innodb_buffer_pool_size is {have / MiB:,.0f} MiB")
		return
	if not set_global("innodb_buffer_pool_size", want):
		print(
			f"MariaDB: could not raise innodb_buffer_pool_size from {have / MiB:,.0f} MiB (needs a user "
			f"with SUPER): as MariaDB root, SET GLOBAL innodb_buffer_pool_size = {want}; going on"
		)
		return
	for _ in range(120):  # the resize runs in the background
		if int(frappe.db.sql("select @@innodb_buffer_pool_size")[0][0]) >= want:
			break
		time.sleep(0.5)
	print(
		f"MariaDB: raised innodb_buffer_pool_size from {have / MiB:,.0f} MiB to {want / MiB:,.0f} MiB for "
		f"this run. It is server-wide and lasts until MariaDB restarts; to put it back: "
		f"SET GLOBAL innodb_buffer_pool_size = {have}"
	)


def set_global(variable: str, value: int) -> bool:
	"""SET GLOBAL as the site's database user, else as MariaDB's root over the local socket."""
	statement = f"set global {variable} = {int(value)}"
	try:
		frappe.db.sql(statement)
		return True
	except Exception:
		pass
	try:
		import pymysql

		socket = frappe.db.sql("select @@socket")[0][0]
		connection = pymysql.connect(
			unix_socket=socket,
			user=frappe.conf.get("root_login") or "root",
			password=frappe.conf.get("root_password") or "",
		)
	except Exception:
		return False
	try:
		with connection.cursor() as cursor:
			cursor.execute(statement)
		return True
	except Exception:
		return False
	finally:
		connection.close()


# ---------------------------------------------------------------- reference records
def setup() -> frappe._dict:
	have_headquarters = frappe.db.exists("Branch Office", {"is_headquarters": 1})
	for n, (name, city, _share) in enumerate(BRANCHES):
		if not frappe.db.exists("Branch Office", name):
			frappe.get_doc(
				{
					"doctype": "Branch Office",
					"branch_name": name,
					"city": city,
					"is_headquarters": int(n == 0 and not have_headquarters),
					"is_demo": 1,
				}
			).insert(ignore_permissions=True)
	for name in SERVICES:
		if not frappe.db.exists("Support Service Type", name):
			frappe.get_doc(
				{
					"doctype": "Support Service Type",
					"service_name": name,
					"eligible_categories": [
						{"beneficiary_category": c.CATEGORY_PATIENT},
						{"beneficiary_category": c.CATEGORY_FAMILY_MEMBER},
					],
				}
			).insert(ignore_permissions=True)
	if not frappe.db.exists("Committee Meeting", MEETING):
		frappe.db.sql(
			"insert into `tabCommittee Meeting` (name, meeting_date, chair, quorum, docstatus, creation,"
			" modified, owner, modified_by) values (%s, %s, 'Administrator', 1, 1, now(), now(),"
			" 'Administrator', 'Administrator')",
			(MEETING, today()),
		)
	frappe.db.commit()
	return frappe._dict(branches=[b[0] for b in BRANCHES], services=list(SERVICES), meeting=MEETING)


# ---------------------------------------------------------------- one row's values, in Python and SQL
def national_id(n: int) -> str:
	"""Beneficiary n's national ID: 1, then 10000000 + n, then the Luhn digit (11xxxxxxxx)."""
	first_nine = f"1{10000000 + n}"
	return first_nine + luhn_check_digit(first_nine)


def mobile(n: int) -> str:
	return f"+9665{n:08d}"


def record_name(prefix: str, n: int) -> str:
	return f"{prefix}{n:0{DIGITS}d}"


def random_full_name(rng) -> str:
	return f"{rng.choice(FIRST)} {rng.choice(FIRST)} {rng.choice(FAMILY)}"


def _hash(salt: str, column: str, modulo: int) -> str:
	"""A deterministic pseudo-random number in 0..modulo-1 for the row: reruns produce the same rows."""
	return f"mod(crc32(concat('{salt}', {column})), {modulo})"


def _literal(value) -> str:
	return "null" if value is None else frappe.db.escape(str(value))


def _pick(number: str, choices) -> str:
	"""CASE over `number` in 0..sum(weights)-1, choosing each value by its weight."""
	parts, upto = [], 0
	for value, weight in choices[:-1]:
		upto += weight
		parts.append(f"when {number} < {upto} then {_literal(value)}")
	return f"(case {' '.join(parts)} else {_literal(choices[-1][0])} end)"


def _elt(number: str, values) -> str:
	return f"elt(1 + {number}, {', '.join(_literal(v) for v in values)})"


def _name_sql(prefix: str, column: str) -> str:
	return f"concat('{prefix}', lpad({column}, {DIGITS}, '0'))"


def _branch_sql(b: str, pick_city: bool = False) -> str:
	return _pick(
		_hash("branch", b, 100), [(city if pick_city else name, share) for name, city, share in BRANCHES]
	)


def _full_name_sql(b: str) -> str:
	return (
		f"concat({_elt(_hash('n1', b, len(FIRST)), FIRST)}, ' ', {_elt(_hash('n2', b, len(FIRST)), FIRST)},"
		f" ' ', {_elt(_hash('n3', b, len(FAMILY)), FAMILY)})"
	)


def _name_key_sql(b: str) -> str:
	# name_key(first + " " + father + " " + family) is the three keys run together for these names.
	first, family = [name_key(n) for n in FIRST], [name_key(n) for n in FAMILY]
	return (
		f"concat({_elt(_hash('n1', b, len(FIRST)), first)}, {_elt(_hash('n2', b, len(FIRST)), first)},"
		f" {_elt(_hash('n3', b, len(FAMILY)), family)})"
	)


def _national_id_sql(first_nine: str) -> str:
	# Luhn: with the check digit appended, the 1st, 3rd, 5th, 7th and 9th digits are the doubled ones.
	digits = [f"cast(substr({first_nine}, {i}, 1) as unsigned)" for i in range(1, 10)]
	doubled = [f"(2 * {d} - 9 * ({d} > 4))" for d in digits[0::2]]
	total = " + ".join(doubled + digits[1::2])
	return f"concat({first_nine}, mod(10 - mod({total}, 10), 10))"


def _random_beneficiary(salt: str, column: str, beneficiaries: int) -> str:
	return f"1 + {_hash(salt, column, beneficiaries)}"


def _ago(anchor, seconds: str) -> str:
	return f"(timestamp '{anchor} 00:00:00' - interval {seconds} second)"


def _age(column: str, total: int, span_days: int) -> str:
	"""Seconds before the anchor: row 1 oldest, the last row at the anchor; evenly spread."""
	return f"floor(({total} - {column}) * {span_days * DAY} / {total})"


# ---------------------------------------------------------------- the tables
def _fill_table(doctype: str, prefix: str, total: int, columns: list[str], select, after=None):
	"""INSERT … SELECT chunk by chunk; `select(first, last)` gives the SELECT for rows first..last. A chunk
	whose rows are all there is skipped; `after(first, last)` writes what goes with it, in its commit."""
	if total <= 0:
		return
	table = f"`tab{doctype}`"
	started = time.perf_counter()
	added = 0
	for first in range(1, total + 1, CHUNK):
		last = min(first + CHUNK - 1, total)
		have = frappe.db.sql(
			f"select count(*) from {table} where name between %s and %s",
			(record_name(prefix, first), record_name(prefix, last)),
		)[0][0]
		if have == last - first + 1:
			continue
		frappe.db.sql(f"insert ignore into {table} ({', '.join(columns)}) {select(first, last)}")
		if after:
			after(first, last)
		frappe.db.commit()
		added += last - first + 1 - have
		elapsed = time.perf_counter() - started
		print(
			f"  {doctype}: {last:>9,} of {total:,} ({elapsed:.0f} s, {added / max(elapsed, 1e-3):,.0f} rows/s)"
		)
	if not added:
		print(f"  {doctype}: all {total:,} there")


def _fill_beneficiaries(total: int, anchor):
	columns = [
		"name",
		"national_id",
		"id_kind",
		"full_name",
		"name_key",
		"gender",
		"date_of_birth",
		"nationality",
		"mobile_no",
		"preferred_language",
		"city",
		"branch_office",
		"beneficiary_category",
		"status",
		"is_demo",
		"data_processing_consent",
		"creation",
		"modified",
		"owner",
		"modified_by",
	]
	created = _ago(anchor, _age("b", total, BENEFICIARY_SPAN_DAYS))

	def select(first, last):
		return f"""select
			{_name_sql("BENB-", "b")}, {_national_id_sql("f")}, 'Citizen', {_full_name_sql("b")},
			{_name_key_sql("b")}, {_elt(_hash("g", "b", 2), ("Male", "Female"))},
			date '1940-01-01' + interval {_hash("dob", "b", 80 * 365)} day, 'Saudi Arabia',
			concat('+9665', lpad(b, 8, '0')), 'ar', {_branch_sql("b", pick_city=True)}, {_branch_sql("b")},
			{_pick(_hash("cat", "b", 100), ((c.CATEGORY_PATIENT, 65), (c.CATEGORY_FAMILY_MEMBER, 35)))},
			{_pick(_hash("bs", "b", 100), (("Registered", 85), ("Applicant", 7), ("Inactive", 5), ("Deceased", 3)))},
			1, 1, {created}, {created}, 'Administrator', 'Administrator'
		from (select seq as b, concat('1', 10000000 + seq) as f from seq_{first}_to_{last}) t"""

	_fill_table("Beneficiary", "BENB-", total, columns, select)


def _fill_requests(total: int, beneficiaries: int, anchor):
	columns = [
		"name",
		"beneficiary",
		"beneficiary_name",
		"service_type",
		"channel",
		"branch_office",
		"urgency",
		"status",
		"workflow_state",
		"description",
		"is_financial",
		"amount_requested",
		"committee_entered_on",
		"committee_due_date",
		"deadline_state",
		"committee_decision",
		"is_demo",
		"creation",
		"modified",
		"owner",
		"modified_by",
	]
	status = f"(case when age < {RECENT_DAYS * DAY} then {_pick('u', RECENT_MIX)} else {_pick('u', OLDER_MIX)} end)"
	entered = (
		f"(case when status in ({', '.join(_literal(s) for s in IN_COMMITTEE)})"
		f" then least(creation + interval 3 + {_hash('ce', 'r', 12)} day, timestamp '{anchor} 00:00:00') end)"
	)
	deadline_state = (
		f"(case when status = {_literal(c.REQUEST_PENDING_COMMITTEE)} then (case"
		f" when due < date '{anchor}' then 'Overdue'"
		f" when due <= date '{add_days(anchor, SOON_DAYS)}' then 'Due Soon'"
		" else 'On Time' end) else '' end)"
	)
	decision = " ".join(f"when status = {_literal(s)} then {_literal(d)}" for s, d in DECISION_OF.items())

	def select(first, last):
		# Each level names what the next one reads: the row's numbers, its status, its committee dates.
		numbered = f"""select seq as r, {_random_beneficiary("rb", "seq", beneficiaries)} as b,
			{_hash("st", "seq", 1000)} as u, {_age("seq", total, REQUEST_SPAN_DAYS)} as age
			from seq_{first}_to_{last}"""
		with_status = (
			f"select t1.*, {status} as status, {_ago(anchor, 'age')} as creation from ({numbered}) t1"
		)
		with_entry = f"select t2.*, {entered} as entered from ({with_status}) t2"
		with_due = (
			f"select t3.*, date(entered) + interval {c.DEFAULT_COMMITTEE_RESPONSE_DAYS} day as due"
			f" from ({with_entry}) t3"
		)
		return f"""select
			{_name_sql("SRB-", "r")}, {_name_sql("BENB-", "b")}, {_full_name_sql("b")},
			{_elt(_hash("sv", "r", len(SERVICES)), SERVICES)},
			{_elt(_hash("ch", "r", len(c.STANDARD_CHANNELS)), c.STANDARD_CHANNELS)}, {_branch_sql("b")},
			{_pick(_hash("ur", "r", 100), (("Normal", 80), ("Urgent", 15), ("Critical", 5)))},
			status, status, 'طلب دعم للقياس', {_hash("fi", "r", 2)},
			{_hash("fi", "r", 2)} * (500 + 50 * {_hash("am", "r", 400)}),
			entered, due, {deadline_state}, (case {decision} end), 1, creation,
			least(timestamp '{anchor} 00:00:00', ifnull(entered, creation) + interval {_hash("mo", "r", 30)} day),
			'Administrator', 'Administrator'
		from ({with_due}) t4"""

	def reviews(first, last):
		frappe.db.sql(
			f"""insert ignore into `tabCommittee Review` (name, support_request, beneficiary,
				beneficiary_name, service_type, committee_meeting, decision, decision_date,
				committee_entered_on, committee_due_date, branch_office, docstatus, creation, modified, owner,
				modified_by)
			select concat('CRB-', substr(name, 5)), name, beneficiary, beneficiary_name, service_type,
				'{MEETING}', committee_decision,
				least(date(committee_entered_on) + interval elt(1 + {_hash("dd", "name", 7)},
					3, 7, 10, 13, 14, 18, 25) day, date '{anchor}'),
				committee_entered_on, committee_due_date, branch_office,
				1, committee_entered_on, committee_entered_on, 'Administrator', 'Administrator'
			from `tabSupport Request`
			where name between %s and %s and committee_decision in (%s, %s)""",
			(record_name("SRB-", first), record_name("SRB-", last), c.DECISION_APPROVED, c.DECISION_REJECTED),
		)

	_fill_table("Support Request", "SRB-", total, columns, select, after=reviews)


def _fill_interactions(total: int, beneficiaries: int, anchor):
	columns = [
		"name",
		"channel",
		"direction",
		"interaction_time",
		"status",
		"handled_by",
		"beneficiary",
		"caller_name",
		"caller_mobile",
		"branch_office",
		"inquiry",
		"is_demo",
		"creation",
		"modified",
		"owner",
		"modified_by",
	]
	# Open and referred calls are the last week's; older ones were answered or closed.
	status = (
		f"(case when age < {7 * DAY} then {_pick('u', (('Open', 50), ('Referred', 20), ('Answered', 30)))}"
		f" else {_pick('u', (('Closed', 60), ('Answered', 40)))} end)"
	)

	def select(first, last):
		numbered = f"""select seq as i, {_random_beneficiary("ib", "seq", beneficiaries)} as b,
			{_hash("is", "seq", 100)} as u, {_age("seq", total, REQUEST_SPAN_DAYS)} as age
			from seq_{first}_to_{last}"""
		return f"""select
			{_name_sql("INTB-", "i")}, {_elt(_hash("ch", "i", len(c.STANDARD_CHANNELS)), c.STANDARD_CHANNELS)},
			{_pick(_hash("dr", "i", 10), (("Inbound", 8), ("Outbound", 2)))}, {_ago(anchor, "age")}, {status},
			'Administrator', {_name_sql("BENB-", "b")}, {_full_name_sql("b")}, concat('+9665', lpad(b, 8, '0')),
			{_branch_sql("b")}, 'استفسار للقياس', 1, {_ago(anchor, "age")}, {_ago(anchor, "age")},
			'Administrator', 'Administrator'
		from ({numbered}) t"""

	_fill_table("Interaction", "INTB-", total, columns, select)


def _fill_documents(total: int, beneficiaries: int, anchor):
	columns = [
		"name",
		"beneficiary",
		"beneficiary_name",
		"document_type",
		"file",
		"expiry_date",
		"is_medical",
		"branch_office",
		"verified_by",
		"verified_on",
		"creation",
		"modified",
		"owner",
		"modified_by",
	]
	kinds = (
		(c.DOCUMENT_NATIONAL_ID_COPY, 40),
		(c.DOCUMENT_MEDICAL_REPORT, 30),
		(c.DOCUMENT_INCOME_PROOF, 20),
		(c.DOCUMENT_BANK_CERTIFICATE, 10),
	)

	def select(first, last):
		numbered = f"""select seq as d, {_random_beneficiary("db", "seq", beneficiaries)} as b,
			{_pick(_hash("dt", "seq", 100), kinds)} as kind, {_hash("dv", "seq", 100)} as v,
			{_ago(anchor, _age("seq", total, BENEFICIARY_SPAN_DAYS))} as created
			from seq_{first}_to_{last}"""
		return f"""select
			{_name_sql("BDOCB-", "d")}, {_name_sql("BENB-", "b")}, {_full_name_sql("b")}, kind,
			'/private/files/amass-bench-document.pdf',
			case when kind = {_literal(c.DOCUMENT_NATIONAL_ID_COPY)} then date(created) + interval 5 year end,
			kind = {_literal(c.DOCUMENT_MEDICAL_REPORT)}, {_branch_sql("b")},
			case when v < 85 then 'Administrator' end, case when v < 85 then created + interval 1 day end,
			created, created, 'Administrator', 'Administrator'
		from ({numbered}) t"""

	_fill_table("Beneficiary Document", "BDOCB-", total, columns, select)


def _fill_carers(total: int, beneficiaries: int, anchor):
	columns = [
		"name",
		"patient",
		"patient_name",
		"carer",
		"carer_name",
		"relationship",
		"status",
		"valid_from",
		"valid_until",
		"branch_office",
		"authorization_document",
		"creation",
		"modified",
		"owner",
		"modified_by",
	]
	relationships = (
		("Spouse", 30),
		("Father or Mother", 20),
		("Son or Daughter", 25),
		("Sibling", 15),
		("Relative", 5),
		("Legal Guardian", 5),
	)

	def select(first, last):
		numbered = f"""select seq as a, {_random_beneficiary("cp", "seq", beneficiaries)} as p,
			{_hash("cs", "seq", 100)} as u,
			{_ago(anchor, _age("seq", total, REQUEST_SPAN_DAYS))} as created
			from seq_{first}_to_{last}"""
		# The carer is another beneficiary, 1 to 999 places along from the patient.
		with_carer = (
			f"select t.*, 1 + mod(p + {_hash('cc', 'a', 999)}, {beneficiaries}) as k from ({numbered}) t"
		)
		return f"""select
			{_name_sql("CAB-", "a")}, {_name_sql("BENB-", "p")}, {_full_name_sql("p")},
			{_name_sql("BENB-", "k")}, {_full_name_sql("k")}, {_pick(_hash("cr", "a", 100), relationships)},
			{_pick("u", (("Active", 50), ("Expired", 20), ("Revoked", 10), ("Pending", 20)))},
			date(created), date(created) + interval 1 year, {_branch_sql("p")},
			'/private/files/amass-bench-authorization.pdf', created, created, 'Administrator', 'Administrator'
		from ({with_carer}) t2"""

	_fill_table("Carer Authorization", "CAB-", total, columns, select)


def _fill_feedback(total: int, requests: int, anchor):
	columns = [
		"name",
		"feedback_type",
		"channel",
		"is_anonymous",
		"rating",
		"month",
		"service_type",
		"branch_office",
		"support_request",
		"comment",
		"reference",
		"status",
		"received_on",
		"due_on",
		"resolved_on",
		"resolution_days",
		"creation",
		"modified",
		"owner",
		"modified_by",
	]
	kind = _pick("k", (("Survey Response", 85), ("Complaint", 7), ("Suggestion", 5), ("Praise", 3)))
	rating = _pick(_hash("fr", "f", 100), ((1, 5), (2, 7), (3, 13), (4, 35), (5, 40)))

	# Complaints and suggestions (12 %) carry their reference, status, deadline and answer: those of the
	# last month open, the rest closed within 1–20 days (the figures' resolution sums).
	answered = "k between 85 and 96"

	def select(first, last):
		numbered = f"""select seq as f, {_hash("fk", "seq", 100)} as k, {_hash("fa", "seq", 100)} as a,
			1 + {_hash("fs", "seq", max(requests, 1))} as r, {_age("seq", total, REQUEST_SPAN_DAYS)} as age
			from seq_{first}_to_{last}"""
		day = f"date({_ago(anchor, 'age')})"
		return f"""select
			{_name_sql("FBB-", "f")}, {kind}, (case when k < 85 then 'Website' else 'Phone' end),
			a < 60, (case when k < 85 then {rating} end), date_format({day}, '%Y-%m'),
			{_elt(_hash("sv", "f", len(SERVICES)), SERVICES)}, {_branch_sql("f")},
			(case when a >= 60 and {requests} > 0 then {_name_sql("SRB-", "r")} end), 'رأي للقياس',
			(case when {answered} then {_name_sql("CMPB-", "f")} end),
			(case when not {answered} then null when age < {RECENT_DAYS // 3} * {DAY} then
				(case when a < 50 then 'New' else 'In Progress' end) else 'Closed' end),
			(case when {answered} then {day} end),
			(case when {answered} then {day} + interval 14 day end),
			(case when {answered} and age >= {RECENT_DAYS // 3} * {DAY} then {day} + interval (1 + a % 20) day end),
			(case when {answered} and age >= {RECENT_DAYS // 3} * {DAY} then 1 + (a % 20) * 5 div 7 end),
			{day}, {day}, 'Guest', 'Guest'
		from ({numbered}) t"""

	_fill_table("Feedback", "FBB-", total, columns, select)
