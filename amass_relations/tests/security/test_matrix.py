"""The permission matrix over HTTP: the site served by gunicorn (2 workers), one user per principal,
two branches of records carrying unique markers, and every cell asked through every route below. Any
answer the matrix (matrix.py) does not allow fails the test, all of them listed at once."""

import json
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import frappe
import requests
from frappe.utils import now_datetime, today

from amass_relations.constants import CATEGORY_PATIENT, DOCUMENT_MEDICAL_REPORT, DOCUMENT_NATIONAL_ID_COPY
from amass_relations.permissions.branches import BRANCH_OF
from amass_relations.permissions.code_owned import CODE_OWNED, FROZEN_IN_STATES
from amass_relations.permissions.sharing import remove_shares
from amass_relations.tests.security.http import PASSWORD, make_login
from amass_relations.tests.security.matrix import (
	FRAMEWORK_DOCTYPES,
	PORTAL_FILES,
	PRINCIPALS,
	RIGHTS,
	may,
	may_read_on_portal,
	may_read_record,
)
from amass_relations.tests.served_site import start_gunicorn, stop
from amass_relations.tests.utils import AmassTestCase, make_branch, test_national_id

BASE_URL = ""  # the served site, set when the server starts
BRANCHES = {"A": "فرع المصفوفة أ", "B": "فرع المصفوفة ب"}


@dataclass
class Record:
	doctype: str
	name: str
	branch: str
	field: str  # a text field carrying the marker
	marker: str
	medical: bool = False
	file_url: str | None = None  # a private file attached to the record, carrying the marker
	about: tuple | None = None  # for a framework record: (doctype, branch, medical) of the app record
	assignee: str | None = None  # for a ToDo: the principal it is assigned to


def marker(doctype: str, branch: str, medical: bool = False) -> str:
	return f"MTX{doctype.replace(' ', '')}{branch}{'Med' if medical else ''}Z"


class TestPermissionMatrix(AmassTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.users = {}
		for principal, (_role, roles, _limit, user_type) in PRINCIPALS.items():
			if roles is None:
				continue
			email = f"mtx.{principal.replace('@', '.at.')}@amass-test.example.com"
			cls.users[principal] = make_login(email, roles, user_type=user_type)
		make_branch(
			BRANCHES["A"],
			"مدينة المصفوفة أ",
			users=(
				cls.users["officer@A"],
				cls.users["researcher@A"],
				cls.users["rep@A"],
				cls.users["rep@A+shared"],
			),
		)
		make_branch(BRANCHES["B"], "مدينة المصفوفة ب")
		cls.records = []
		for branch in BRANCHES:
			cls.records += seed_branch(branch, n=800 + list(BRANCHES).index(branch) * 10)
		cls.records += seed_unwalled(next(r.name for r in cls.records if r.doctype == "Beneficiary"))
		cls.records += seed_framework_records(cls.records, cls.users)
		# The shares of branch B's records left for rep@A+shared go as on an upgraded site: the migrate
		# patch and the daily sweep remove them (Frappe would open a shared record past the app's hook).
		seed_portal(cls.records, cls.users)
		remove_shares()
		assert not frappe.db.exists(
			"DocShare", {"user": cls.users["rep@A+shared"], "share_doctype": ("in", list(BRANCH_OF))}
		)
		frappe.db.commit()
		global BASE_URL, SITE
		SITE = frappe.local.site
		for doctype in {r.doctype for r in cls.records}:
			meta = frappe.get_meta(doctype)
			TITLE_FIELDS[doctype] = meta.title_field if meta.show_title_field_in_link else None
		cls.server, BASE_URL = start_gunicorn()
		cls.addClassCleanup(stop, cls.server)

	def test_every_cell_through_every_route(self):
		unexpected, refused, asked = [], 0, 0
		started = time.monotonic()
		app_records = [r for r in self.records if r.about is None]
		for principal in PRINCIPALS:
			session = login(self.users.get(principal))
			# Reads in parallel (the server has two workers), each thread with its own session.
			for record, route, saw in ask_all(self.users.get(principal), self.records):
				asked += 1
				if saw is None:
					continue  # the route does not apply to this record
				readable = may_read_record(principal, record)
				if route in PORTAL_ROUTES:
					readable = may_read_on_portal(principal, record)
				if route in SEARCH_ROUTES and record.doctype in SEARCHED_BY_EVERY_READER:
					readable = may(principal, record.doctype, "r", "any")
				if route == "export_query":
					readable = readable and may(principal, record.doctype, "e", record.branch, record.medical)
				if saw != readable:
					unexpected.append(
						f"{principal} {route} {record.doctype} {record.branch}: read={saw}, matrix says {readable}"
					)
				elif not readable:
					refused += 1
			for record in self.records:
				# Writes are asked of the app's records; framework records follow their own rules.
				if record.about is not None:
					continue
				for right, routes in (("w", WRITE_ROUTES), ("d", DELETE_ROUTES), ("s", SUBMIT_ROUTES)):
					if may(principal, record.doctype, right, record.branch, record.medical):
						continue
					for route, (applies, write) in routes.items():
						if not applies(record):
							continue
						asked += 1
						before = fingerprint(record)
						write(session, record)
						frappe.db.commit()  # a new snapshot: see what the server committed
						if fingerprint(record) != before:
							unexpected.append(
								f"{principal} {route} {record.doctype} {record.branch}: changed without right"
							)
							restore(record, before)
						else:
							refused += 1
				# Cancelling: the record submitted for the question, then put back.
				if _submittable(record) and not may(
					principal, record.doctype, "x", record.branch, record.medical
				):
					asked += 1
					if cancelled_without_right(session, record):
						unexpected.append(
							f"{principal} frappe.client.cancel {record.doctype} {record.branch}"
						)
					else:
						refused += 1
			# Creating: a copy of each seeded record, refused where the matrix gives no create right
			# (for a walled doctype: no create right in that branch).
			for record in app_records:
				if may(principal, record.doctype, "c", record.branch, record.medical):
					continue
				for route, create in CREATE_ROUTES.items():
					asked += 1
					response = create(session, record)
					frappe.db.commit()
					made = frappe.db.exists(record.doctype, {record.field: NEW_MARK})
					if made or response.status_code != 403:
						unexpected.append(
							f"{principal} {route} {record.doctype} {record.branch}: "
							f"{'created' if made else response.status_code} without right"
						)
						if made:
							frappe.db.delete(record.doctype, {record.field: NEW_MARK})
							frappe.db.commit()
					else:
						refused += 1
			answers, refusals = code_owned_rows(principal, session, app_records, unexpected)
			asked += answers
			refused += refusals
			answers, refusals = portal_leaks(principal, session, app_records, unexpected)
			asked += answers
			refused += refusals
			answers, refusals = portal_writes(principal, session, app_records, unexpected)
			asked += answers
			refused += refusals
		cells = len(PRINCIPALS) * len(self.records)
		routes = (
			len(READ_ROUTES)
			+ len(WRITE_ROUTES)
			+ len(DELETE_ROUTES)
			+ len(SUBMIT_ROUTES)
			+ len(CREATE_ROUTES)
			+ 1  # frappe.client.cancel
		)
		print(
			f"matrix: {cells} cells × {routes} routes, {asked} answers, "
			f"{refused} refused as expected, {len(unexpected)} unexpected ({time.monotonic() - started:.0f} s)"
		)
		self.assertEqual(unexpected, [], "\n".join(unexpected))

	def test_every_doctype_holding_app_data_is_in_the_matrix(self):
		"""Every doctype of the app, and every framework doctype whose rows point at an app record, has
		its rows in the matrix — or is named here with the reason it holds no app data."""
		app = set(
			frappe.get_all("DocType", filters={"module": "Amass Relations", "istable": 0}, pluck="name")
		)
		self.assertEqual(sorted(app - set(RIGHTS)), [], "app doctypes missing from matrix.RIGHTS")
		self.assertEqual(sorted(set(RIGHTS) - app), [], "matrix.RIGHTS names doctypes the app does not have")
		pointing = set()
		for field in frappe.get_all(
			"DocField",
			filters={"fieldtype": "Dynamic Link", "parenttype": "DocType"},
			fields=["parent", "fieldname", "options"],
		):
			if (
				field.parent in app
				or frappe.get_meta(field.parent).istable
				or frappe.get_meta(field.parent).issingle
			):
				continue
			if frappe.db.sql(
				f"select 1 from `tab{field.parent}` where `{field.options}` in %(app)s limit 1",
				{"app": tuple(app)},
			):
				pointing.add(field.parent)
		missing = pointing - FRAMEWORK_DOCTYPES - set(HOLDS_NO_APP_DATA)
		self.assertEqual(
			sorted(missing), [], "framework doctypes holding app records, missing from the matrix"
		)


# Framework doctypes whose rows may point at an app record but carry nothing of it beyond its name.
HOLDS_NO_APP_DATA = {
	"User Permission": "which branch office a user is limited to: System Manager only, names a branch",
	"Workflow Action": "who is to act on a request: its name and the role, never its data",
	"Activity Log": "sign-ins and edits: System Manager only (framework permission), subject is the name",
	"Document Follow": "the user's own list of record names to follow",
	"View Log": "the user's own list of record names viewed",
	"Route History": "the user's own list of routes",
	"Energy Point Log": "points for the user, reference name only (energy points are off)",
	"Assignment Rule": "names the doctype, not a record",
	"Dashboard Chart": "names the doctype, not a record",
}

NEW_MARK = "MTXNEWRECORDZ"


# ---------------------------------------------------------------- the served site
READERS = 3  # client threads asking reads at once
SEARCH_ROUTES = {"search_widget", "search_link"}
# The branch fields ignore User Permissions (the app's hooks are the one wall), so a link search for a
# branch office offers every office to whoever reads offices; opening another office is refused.
SEARCHED_BY_EVERY_READER = {"Branch Office"}


def ask_all(user: str | None, records: list[Record]):
	"""Every read route for every record, asked by READERS threads, each signed in as `user`."""
	local = threading.local()

	def ask(task):
		record, route, read = task
		if not hasattr(local, "session"):
			local.session = login(user)
		return record, route, read(local.session, record)

	tasks = [(record, route, read) for record in records for route, read in READ_ROUTES.items()]
	with ThreadPoolExecutor(READERS) as pool:
		yield from pool.map(ask, tasks)


PORTAL = "amass_relations.api.portal"

PORTAL_ROUTES = {
	"portal my_requests",
	"portal /my-requests",
	"portal my_request",
	"portal /my-requests/<name>",
	"portal download_letter",
	"portal services_for",
	"portal /apply",
	"portal download_my_data",
}

# The portal's writes, each tried on every request outside the principal's files.
PORTAL_WRITES = {
	"save_request": lambda s, r: call(
		s, f"{PORTAL}.save_request", http="POST", request=r.name, service_type="x", description="MTXNEW"
	),
	"upload_document": lambda s, r: s.post(
		url(f"/api/method/{PORTAL}.upload_document"),
		files={"file": ("a.pdf", b"%PDF-1.4\n0")},
		data={"request": r.name, "document_type": "Income Proof"},
		timeout=60,
	),
	"submit_request": lambda s, r: call(
		s, f"{PORTAL}.submit_request", http="POST", request=r.name, accept=1, signer_name="MTX"
	),
	"answer_request": lambda s, r: call(
		s, f"{PORTAL}.answer_request", http="POST", request=r.name, answer="MTX", accept=1, signer_name="MTX"
	),
	"withdraw_request": lambda s, r: call(s, f"{PORTAL}.withdraw_request", http="POST", request=r.name),
	"ask_reconsideration": lambda s, r: call(
		s, f"{PORTAL}.ask_reconsideration", http="POST", request=r.name, reason="MTX"
	),
}


def portal_writes(principal: str, session, records: list[Record], unexpected: list) -> tuple[int, int]:
	"""No principal changes, through the portal, a request outside its files (each write refused, the
	record as it was), nor applies for a file outside them (no request made for it)."""
	visible = PORTAL_FILES.get(principal, set())
	answers = refusals = 0
	for r in records:
		if r.branch in visible:
			continue
		if r.doctype == "Support Request":
			for route, write in PORTAL_WRITES.items():
				answers += 1
				before = fingerprint(r)
				response = write(session, r)
				frappe.db.commit()
				if response.status_code == 200 or fingerprint(r) != before:
					unexpected.append(
						f"{principal} portal {route} {r.doctype} {r.branch}: {response.status_code}"
					)
					restore(r, before)
				else:
					refusals += 1
		if r.doctype == "Interaction":
			answers += 1
			before = fingerprint(r)
			response = call(
				session, f"{PORTAL}.follow_up_question", http="POST", question=r.name, message="MTX"
			)
			frappe.db.commit()
			if response.status_code == 200 or fingerprint(r) != before:
				unexpected.append(f"{principal} portal follow_up_question {r.branch}: {response.status_code}")
				restore(r, before)
			else:
				refusals += 1
		if r.doctype == "Beneficiary":
			answers += 1
			made = frappe.db.count("Support Request", {"beneficiary": r.name})
			response = call(
				session,
				f"{PORTAL}.save_request",
				http="POST",
				person=r.name,
				service_type=frappe.db.get_value("Support Service Type", {"enabled": 1}, "name"),
				description="MTXNEW",
			)
			frappe.db.commit()
			if (
				response.status_code == 200
				or frappe.db.count("Support Request", {"beneficiary": r.name}) != made
			):
				unexpected.append(
					f"{principal} portal save_request for {r.branch}'s file: {response.status_code}"
				)
			else:
				refusals += 1
	return answers, refusals


def letter_mark(branch: str) -> str:
	return f"MTXPortalLetter{branch}Z"


def portal_leaks(principal: str, session, records: list[Record], unexpected: list) -> tuple[int, int]:
	"""Everything the portal shows this principal, asked without naming a record (the lists and pages as
	opened) and by guessed names: no marker of a record outside the principal's files ever appears, and
	of their own records only the beneficiary's name and the letter (never a request's description, a
	review's reason for the committee, a vote, a report or a medical record)."""
	visible = PORTAL_FILES.get(principal, set())
	allowed = {r.marker for r in records if r.doctype == "Beneficiary" and r.branch in visible}
	allowed |= {letter_mark(branch) for branch in visible}
	s = session
	responses = [
		call(s, f"{PORTAL}.my_requests"),
		call(s, f"{PORTAL}.my_questions"),
		s.get(url("/my-requests"), allow_redirects=False, timeout=60),
		s.get(url("/my-questions"), allow_redirects=False, timeout=60),
		s.get(url("/apply"), allow_redirects=False, timeout=60),
		s.get(url("/link-my-file"), allow_redirects=False, timeout=60),
		s.get(url("/my-profile"), allow_redirects=False, timeout=60),
	]
	for guess in ("SR-2026-00001", "MTX-SupportRequest-C", "%", "' or 1=1 -- "):
		responses += [
			call(s, f"{PORTAL}.my_request", name=guess),
			call(s, f"{PORTAL}.download_letter", request=guess),
			call(s, f"{PORTAL}.my_requests", person=guess),
		]
	answers = refusals = 0
	markers = {r.marker for r in records}
	for response in responses:
		answers += 1
		seen = (
			body(response) if not response.content.startswith(b"%PDF") else response.content.decode("latin-1")
		)
		leaked = {m for m in markers | {letter_mark(b) for b in BRANCHES} if m in seen} - allowed
		if leaked:
			unexpected.append(f"{principal} portal {response.url}: shows {sorted(leaked)}")
		else:
			refusals += 1
	return answers, refusals


SITE = ""  # the site's name, set when the server starts (threads have no frappe.local)
TITLE_FIELDS: dict[str, str | None] = {}  # doctype -> title field shown in links, set before asking


def host() -> dict:
	return {"Host": SITE}


def login(user: str | None) -> requests.Session:
	session = requests.Session()
	session.headers.update(host())
	if user:
		response = session.post(url("/api/method/login"), data={"usr": user, "pwd": PASSWORD}, timeout=60)
		assert response.status_code == 200, f"login of {user}: {response.status_code}"
	return session


def url(path: str) -> str:
	return f"{BASE_URL}{path}"


def body(response: requests.Response) -> str:
	try:
		return json.dumps(response.json(), ensure_ascii=False)
	except ValueError:
		return response.text


def call(session, method: str, http: str = "GET", **params):
	data = {k: (json.dumps(v) if isinstance(v, dict | list) else v) for k, v in params.items()}
	if http == "GET":
		return session.get(url(f"/api/method/{method}"), params=data, timeout=60)
	return session.post(url(f"/api/method/{method}"), data=data, timeout=60)


# Each read route answers whether the record's marker (or, for lists, its name) reached the client.
def shows(response, record: Record) -> bool:
	return response.status_code == 200 and record.marker in body(response)


def lists(response, record: Record) -> bool:
	return response.status_code == 200 and record.name in body(response)


READ_ROUTES = {
	"REST v1 get": lambda s, r: shows(s.get(url(f"/api/resource/{r.doctype}/{r.name}"), timeout=60), r),
	"REST v2 get": lambda s, r: shows(s.get(url(f"/api/v2/document/{r.doctype}/{r.name}"), timeout=60), r),
	"REST v1 list": lambda s, r: lists(
		s.get(
			url(f"/api/resource/{r.doctype}"),
			params={"fields": '["name"]', "filters": json.dumps([["name", "=", r.name]])},
			timeout=60,
		),
		r,
	),
	"REST v2 list": lambda s, r: lists(
		s.get(
			url(f"/api/v2/document/{r.doctype}"),
			params={"fields": '["name"]', "filters": json.dumps([["name", "=", r.name]])},
			timeout=60,
		),
		r,
	),
	"export_query": lambda s, r: (
		(lambda resp: resp.status_code == 200 and r.name in resp.text)(
			s.post(
				url("/api/method/frappe.desk.reportview.export_query"),
				data={
					"doctype": r.doctype,
					"file_format_type": "CSV",
					"fields": json.dumps([f"`tab{r.doctype}`.`name`"]),
					"filters": json.dumps([[r.doctype, "name", "=", r.name]]),
				},
				timeout=60,
			)
		)
		if r.about is None
		else None
	),
	"frappe.client.get": lambda s, r: shows(call(s, "frappe.client.get", doctype=r.doctype, name=r.name), r),
	"frappe.client.get_value": lambda s, r: shows(
		call(s, "frappe.client.get_value", doctype=r.doctype, filters={"name": r.name}, fieldname=r.field), r
	),
	"frappe.client.get_list": lambda s, r: lists(
		call(s, "frappe.client.get_list", doctype=r.doctype, filters={"name": r.name}, fields=["name"]), r
	),
	"frappe.client.get_count": lambda s, r: (
		lambda resp: resp.status_code == 200 and resp.json().get("message") == 1
	)(call(s, "frappe.client.get_count", doctype=r.doctype, filters={"name": r.name})),
	"getdocinfo": lambda s, r: (
		call(s, "frappe.desk.form.load.get_docinfo", doctype=r.doctype, name=r.name).status_code == 200
		if r.about is None
		else None
	),
	"search_widget": lambda s, r: (
		lists(
			call(
				s,
				"frappe.desk.search.search_widget",
				doctype=r.doctype,
				txt=r.name,
				ignore_user_permissions=1,
				filter_fields='["name"]',
			),
			r,
		)
		if r.about is None
		else None
	),
	"get_transitions": lambda s, r: (
		call(
			s,
			"frappe.model.workflow.get_transitions",
			http="POST",
			doc={"doctype": r.doctype, "name": r.name},
		).status_code
		== 200
		if r.doctype == "Support Request"
		else None
	),
	"getdoc": lambda s, r: shows(call(s, "frappe.desk.form.load.getdoc", doctype=r.doctype, name=r.name), r),
	"reportview.get": lambda s, r: lists(
		call(
			s,
			"frappe.desk.reportview.get",
			http="POST",
			doctype=r.doctype,
			fields=[f"`tab{r.doctype}`.`name`"],
			filters=[[r.doctype, "name", "=", r.name]],
		),
		r,
	),
	"reportview.get_count": lambda s, r: (
		lambda resp: resp.status_code == 200 and resp.json().get("message") == 1
	)(
		call(
			s,
			"frappe.desk.reportview.get_count",
			http="POST",
			doctype=r.doctype,
			filters=[[r.doctype, "name", "=", r.name]],
		)
	),
	"search_link": lambda s, r: (
		None
		if r.about
		else lists(
			call(
				s, "frappe.desk.search.search_link", doctype=r.doctype, txt=r.name, ignore_user_permissions=1
			),
			r,
		)
	),
	"get_link_title": lambda s, r: (
		shows(call(s, "frappe.desk.search.get_link_title", doctype=r.doctype, docname=r.name), r)
		if r.field == title_field(r.doctype)
		else None
	),
	"private file URL": lambda s, r: (
		(lambda resp: resp.status_code == 200 and r.marker.encode() in resp.content)(
			s.get(url(r.file_url), timeout=60)
		)
		if r.file_url
		else None
	),
	# The portal's methods and pages: a beneficiary's own file and requests, a carer's patients'.
	"portal my_requests": lambda s, r: (
		shows(call(s, f"{PORTAL}.my_requests", person=r.name), r) if r.doctype == "Beneficiary" else None
	),
	"portal /my-requests": lambda s, r: (
		shows(s.get(url("/my-requests"), params={"person": r.name}, allow_redirects=False, timeout=60), r)
		if r.doctype == "Beneficiary"
		else None
	),
	"portal my_request": lambda s, r: (
		lists(call(s, f"{PORTAL}.my_request", name=r.name), r) if r.doctype == "Support Request" else None
	),
	"portal /my-requests/<name>": lambda s, r: (
		lists(s.get(url(f"/my-requests/{r.name}"), allow_redirects=False, timeout=60), r)
		if r.doctype == "Support Request"
		else None
	),
	"portal download_my_data": lambda s, r: (
		(lambda resp: resp.status_code == 200 and r.marker in resp.content.decode("utf-8", "replace"))(
			call(s, f"{PORTAL}.download_my_data", person=r.name)
		)
		if r.doctype == "Beneficiary"
		else None
	),
	"portal services_for": lambda s, r: (
		call(s, f"{PORTAL}.services_for", person=r.name).status_code == 200
		if r.doctype == "Beneficiary"
		else None
	),
	"portal /apply": lambda s, r: (
		s.get(url("/apply"), params={"person": r.name}, allow_redirects=False, timeout=60).status_code == 200
		if r.doctype == "Beneficiary"
		else None
	),
	"portal download_letter": lambda s, r: (
		(lambda resp: resp.status_code == 200 and letter_mark(r.branch).encode() in resp.content)(
			call(s, f"{PORTAL}.download_letter", request=r.name)
		)
		if r.doctype == "Support Request"
		else None
	),
	# One PDF per doctype and principal (branch B's record): wkhtmltopdf is slow.
	"download_pdf": lambda s, r: (
		(lambda resp: resp.status_code == 200 and resp.content.startswith(b"%PDF"))(
			s.get(
				url("/api/method/frappe.utils.print_format.download_pdf"),
				params={"doctype": r.doctype, "name": r.name, "format": "Standard"},
				timeout=120,
			)
		)
		if r.branch == "B" and not r.medical and r.about is None
		else None
	),
	"printview": lambda s, r: (
		None
		if r.about
		else shows(
			s.get(
				url("/printview"),
				params={"doctype": r.doctype, "name": r.name, "format": "Standard", "trigger_print": 0},
				timeout=120,
			),
			r,
		)
	),
}


def title_field(doctype: str) -> str | None:
	return TITLE_FIELDS[doctype]


CHANGED = "MTX-CHANGED"


def _put(s, r, field=None, value=CHANGED):
	s.put(url(f"/api/resource/{r.doctype}/{r.name}"), json={field or r.field: value}, timeout=60)


def _patch_v2(s, r, field=None, value=CHANGED):
	s.patch(url(f"/api/v2/document/{r.doctype}/{r.name}"), json={field or r.field: value}, timeout=60)


def _set_value(s, r, field=None, value=CHANGED):
	call(
		s,
		"frappe.client.set_value",
		http="POST",
		doctype=r.doctype,
		name=r.name,
		fieldname=field or r.field,
		value=value,
	)


def _stored(r) -> dict:
	doc = frappe.get_doc(r.doctype, r.name).as_dict(convert_dates_to_str=True)
	return json.loads(frappe.as_json(doc))


def _save(s, r, field=None, value=CHANGED):
	call(s, "frappe.client.save", http="POST", doc={**_stored(r), field or r.field: value})


def _savedocs(s, r, field=None, value=CHANGED):
	call(
		s,
		"frappe.desk.form.save.savedocs",
		http="POST",
		doc={**_stored(r), field or r.field: value},
		action="Save",
	)


def _apply_workflow(s, r):
	call(
		s,
		"frappe.model.workflow.apply_workflow",
		http="POST",
		doc=_stored(r),
		action="Submit for Verification",
	)


def _delete(s, r):
	s.delete(url(f"/api/resource/{r.doctype}/{r.name}"), timeout=60)


def _client_delete(s, r):
	call(s, "frappe.client.delete", http="POST", doctype=r.doctype, name=r.name)


def _submit(s, r):
	call(s, "frappe.client.submit", http="POST", doc=_stored(r))


def _is_app(r) -> bool:
	return r.about is None


def _submittable(r) -> bool:
	return bool(frappe.get_meta(r.doctype).is_submittable)


# route -> (applies to the record, write); each is refused unless the matrix gives the right.
WRITE_ROUTES = {
	"REST v1 put": (_is_app, _put),
	"REST v2 patch": (_is_app, _patch_v2),
	"frappe.client.set_value": (_is_app, _set_value),
	"frappe.client.save": (_is_app, _save),
	"savedocs": (_is_app, _savedocs),
	"apply_workflow": (lambda r: r.doctype == "Support Request", _apply_workflow),
}
# The routes that save a whole record, for the code-owned rows.
FIELD_WRITE_ROUTES = {
	route: WRITE_ROUTES[route][1]
	for route in ("REST v1 put", "REST v2 patch", "frappe.client.set_value", "frappe.client.save", "savedocs")
}
DELETE_ROUTES = {
	"REST v1 delete": (_is_app, _delete),
	"REST v2 delete": (
		_is_app,
		lambda s, r: s.delete(url(f"/api/v2/document/{r.doctype}/{r.name}"), timeout=60),
	),
	"frappe.client.delete": (_is_app, _client_delete),
}
SUBMIT_ROUTES = {"frappe.client.submit": (_submittable, _submit)}


def code_owned_rows(principal: str, session, records: list[Record], unexpected: list) -> tuple[int, int]:
	"""Each code-owned field — and each field frozen once a request is with the committee — written by a
	principal who may write the record, through each route that saves it: it must come back unchanged."""
	asked = refused = 0
	for record in records:
		if not may(principal, record.doctype, "w", record.branch, record.medical):
			continue
		meta = frappe.get_meta(record.doctype)
		checks = [(field, False) for field in CODE_OWNED.get(record.doctype, ())]
		frozen = FROZEN_IN_STATES.get(record.doctype)
		if frozen:
			checks += [(field, True) for field in frozen[2] if meta.get_field(field).fieldtype != "Table"]
		for field, in_frozen_state in checks:
			value = forged_value(record, field)
			if in_frozen_state:
				state = frozen[1][0]
				frappe.db.set_value(
					record.doctype,
					record.name,
					{frozen[0]: state, "workflow_state": state},
					update_modified=False,
				)
				frappe.db.commit()
			for route, write in FIELD_WRITE_ROUTES.items():
				asked += 1
				before = frappe.db.get_value(record.doctype, record.name, [field, "modified"])
				write(session, record, field, value)
				frappe.db.commit()
				if frappe.db.get_value(record.doctype, record.name, [field, "modified"]) != before:
					unexpected.append(
						f"{principal} {route} {record.doctype} {record.branch}: wrote {field} "
						f"{'(frozen)' if in_frozen_state else '(code-owned)'}"
					)
					frappe.db.set_value(
						record.doctype,
						record.name,
						{field: before[0], "modified": before[1]},
						update_modified=False,
					)
					frappe.db.commit()
				else:
					refused += 1
			if in_frozen_state:
				frappe.db.set_value(
					record.doctype,
					record.name,
					{frozen[0]: "Draft", "workflow_state": "Draft"},
					update_modified=False,
				)
				frappe.db.commit()
	return asked, refused


def forged_value(record: Record, field: str):
	"""A valid value other than the stored one, so that only the code-owned rule can refuse it."""
	df = frappe.get_meta(record.doctype).get_field(field)
	current = frappe.db.get_value(record.doctype, record.name, field)
	if df.fieldtype == "Link":
		return {
			"User": "Administrator",
			"Support Request": f"MTX-SupportRequest-{record.branch}",
			"Social Research Report": f"MTX-SocialResearchReport-{record.branch}",
			"Beneficiary": f"MTX-Carer-{record.branch}",
			"Support Service Type": "MTX-Service",
			"Beneficiary Document": f"MTX-BeneficiaryDocument-{record.branch}",
			"Branch Office": BRANCHES["B" if record.branch == "A" else "A"],
		}.get(df.options, current)
	if df.fieldtype == "Select":
		return next(o for o in (df.options or "").split("\n") if o and o != current)
	if df.fieldtype == "Datetime":
		return "2020-01-02 03:04:05"
	if df.fieldtype == "Date":
		return "2020-01-02"
	if df.fieldtype == "Check":
		return 0 if current else 1
	if df.fieldtype in ("Int", "Float", "Currency"):
		return 777
	return "MTX-FORGED"


def cancelled_without_right(session, r) -> bool:
	frappe.db.set_value(r.doctype, r.name, "docstatus", 1, update_modified=False)
	frappe.db.commit()
	call(session, "frappe.client.cancel", http="POST", doctype=r.doctype, name=r.name)
	frappe.db.commit()
	cancelled = frappe.db.get_value(r.doctype, r.name, "docstatus") != 1
	frappe.db.set_value(r.doctype, r.name, "docstatus", 0, update_modified=False)
	frappe.db.commit()
	return cancelled


def fingerprint(r) -> tuple:
	"""What a refused write must leave as it was: the marker field, the state, the record itself."""
	if not frappe.db.exists(r.doctype, r.name):
		return ("deleted",)
	fields = [r.field, "docstatus", "modified"]
	if frappe.get_meta(r.doctype).has_field("workflow_state"):
		fields.append("workflow_state")
	return tuple(frappe.db.get_value(r.doctype, r.name, fields))


def restore(r, before: tuple):
	if before == ("deleted",) or not frappe.db.exists(r.doctype, r.name):
		raise AssertionError(f"{r.doctype} {r.name} was deleted without right: the matrix cannot go on")
	fields = [r.field, "docstatus", "modified"]
	if frappe.get_meta(r.doctype).has_field("workflow_state"):
		fields.append("workflow_state")
	frappe.db.set_value(r.doctype, r.name, dict(zip(fields, before, strict=True)), update_modified=False)
	frappe.db.commit()


def _copy(r) -> dict:
	values = {
		k: v
		for k, v in _stored(r).items()
		if k not in ("name", "creation", "modified", "owner", "modified_by", "idx", "docstatus")
		and not isinstance(v, list)
	}
	values[r.field] = NEW_MARK
	if r.doctype == "Beneficiary":
		values["national_id"] = None
	return values


CREATE_ROUTES = {
	"REST v1 post": lambda s, r: s.post(url(f"/api/resource/{r.doctype}"), json=_copy(r), timeout=60),
	"REST v2 post": lambda s, r: s.post(url(f"/api/v2/document/{r.doctype}"), json=_copy(r), timeout=60),
	"frappe.client.insert": lambda s, r: call(
		s, "frappe.client.insert", http="POST", doc={**_copy(r), "doctype": r.doctype}
	),
}


# ---------------------------------------------------------------- seeds: one record per doctype and branch
def attach_private_file(record: Record) -> str:
	"""A real private file on the record, its bytes carrying the record's marker."""
	existing = frappe.db.get_value(
		"File", {"attached_to_doctype": record.doctype, "attached_to_name": record.name}, "file_url"
	)
	if existing:
		return existing
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": f"{record.name}.txt",
			"is_private": 1,
			"attached_to_doctype": record.doctype,
			"attached_to_name": record.name,
			"attached_to_field": "file",
			"content": f"{record.marker} {frappe.generate_hash()}".encode(),
		}
	).insert(ignore_permissions=True)
	frappe.db.set_value(record.doctype, record.name, "file", file.file_url, update_modified=False)
	return file.file_url


def any_service_type() -> str:
	"""A service for the seeded requests other than MTX-Service (the value forged_value writes); a fresh
	site may have none yet."""
	name = frappe.db.get_value("Support Service Type", {"name": ("!=", "MTX-Service")}, "name")
	if not name:
		name = "MTX-Service-Seeded"
		frappe.get_doc(
			{"doctype": "Support Service Type", "name": name, "service_name": name, "enabled": 1}
		).db_insert()
	return name


def seed_branch(branch: str, n: int) -> list[Record]:
	"""Records written straight to the database (db_insert): the matrix is about who reads and changes
	them, not about the steps that create them."""
	branch_office = BRANCHES[branch]
	records = []

	def insert(doctype, field, values, medical=False, name=None) -> Record:
		mark = marker(doctype, branch, medical)
		name = name or f"MTX-{doctype.replace(' ', '')}-{branch}{'-MED' if medical else ''}"
		if not frappe.db.exists(doctype, name):
			doc = frappe.get_doc({"doctype": doctype, "name": name, field: mark, **values})
			doc.db_insert()
		record = Record(doctype, name, branch, field, mark, medical)
		records.append(record)
		return record

	ben = insert(
		"Beneficiary",
		"full_name",
		{
			"national_id": test_national_id(n),
			"gender": "Female",
			"date_of_birth": "1980-01-15",
			"branch_office": branch_office,
			"beneficiary_category": CATEGORY_PATIENT,
			"status": "Registered",
		},
	)
	carer = f"MTX-Carer-{branch}"
	if not frappe.db.exists("Beneficiary", carer):
		frappe.get_doc(
			{
				"doctype": "Beneficiary",
				"name": carer,
				"full_name": f"MTX carer {branch}",
				"national_id": test_national_id(n + 1),
				"gender": "Male",
				"date_of_birth": "1975-01-15",
				"branch_office": branch_office,
				"beneficiary_category": CATEGORY_PATIENT,
				"status": "Registered",
			}
		).db_insert()
	insert(
		"Beneficiary Medical Profile", "diagnosis", {"beneficiary": ben.name}, name=f"MTX-Profile-{branch}"
	)
	for document_type, medical in ((DOCUMENT_NATIONAL_ID_COPY, False), (DOCUMENT_MEDICAL_REPORT, True)):
		document = insert(
			"Beneficiary Document",
			"beneficiary_name",
			{
				"beneficiary": ben.name,
				"document_type": document_type,
				"file": f"/private/files/mtx-{branch}-{int(medical)}.pdf",
				"is_medical": int(medical),
				"branch_office": branch_office,
			},
			medical=medical,
		)
		document.file_url = attach_private_file(document)
	insert(
		"Carer Authorization",
		"revocation_reason",
		{
			"patient": ben.name,
			"carer": carer,
			"relationship": "Sibling",
			"status": "Active",
			"valid_from": today(),
			"branch_office": branch_office,
		},
	)
	insert(
		"Interaction",
		"inquiry",
		{
			"beneficiary": ben.name,
			"channel": frappe.db.get_value("Contact Channel", {}, "name"),
			"direction": "Inbound",
			"interaction_time": now_datetime(),
			"status": "Open",
			"branch_office": branch_office,
		},
	)
	request = insert(
		"Support Request",
		"description",
		{
			"beneficiary": ben.name,
			"service_type": any_service_type(),
			"channel": frappe.db.get_value("Contact Channel", {}, "name"),
			"branch_office": branch_office,
			"status": "Draft",
			"workflow_state": "Draft",
		},
	)
	insert(
		"Social Research Report",
		"needs_found",
		{
			"support_request": request.name,
			"beneficiary": ben.name,
			"researcher": "Administrator",
			"assessment_date": today(),
			"assessment_mode": frappe.get_meta("Social Research Report")
			.get_field("assessment_mode")
			.options.split("\n")[-1],
			"recommendation": frappe.get_meta("Social Research Report")
			.get_field("recommendation")
			.options.split("\n")[-1],
		},
	)
	review = insert(
		"Committee Review",
		"reason_for_applicant",  # what the decision letter, its print format, shows
		{
			"support_request": request.name,
			"beneficiary": ben.name,
			"committee_meeting": "MTX-MEETING",
		},
	)
	insert(
		"Committee Vote",
		"comment",
		{
			"committee_review": review.name,
			"support_request": request.name,
			"member": "Administrator",  # another member's vote, for every principal
			"vote": frappe.get_meta("Committee Vote").get_field("vote").options.split("\n")[1],
		},
	)
	insert(
		"Committee Escalation",
		"recipients",
		{
			"support_request": request.name,
			"threshold": "Overdue",
			"committee_entered_on": now_datetime(),
			"committee_due_date": today(),
		},
	)
	insert(
		"SMS Outbox",
		"message",
		{
			"recipient": "+966500000999",
			"purpose": "Matrix",
			"status": "Sent",
			"reference_doctype": "Beneficiary",
			"reference_name": ben.name,
		},
	)
	insert(
		"Service Delivery",
		"description",
		{
			"support_request": request.name,
			"beneficiary": ben.name,
			"service_type": frappe.db.get_value("Support Request", request.name, "service_type"),
			"branch_office": branch_office,
			"delivery_date": today(),
			"delivered_by": "Administrator",
			"mode": "In Person",
		},
	)
	return records


def seed_portal(records: list[Record], users: dict):
	"""Portal accounts linked to the seeded files, the carers' authorizations, and for each branch's
	request a standing decision with its letter (a private file attached to the request)."""
	ben = {r.branch: r.name for r in records if r.doctype == "Beneficiary" and r.about is None}
	request = {r.branch: r.name for r in records if r.doctype == "Support Request"}
	links = {"portal-A": ben["A"], "portal-B": ben["B"], "carer-C": "MTX-Carer-A"}
	revoked_carer = "MTX-Carer-Revoked"
	if not frappe.db.exists("Beneficiary", revoked_carer):
		frappe.get_doc(
			{
				"doctype": "Beneficiary",
				"name": revoked_carer,
				"full_name": "MTX carer revoked",
				"national_id": test_national_id(990),
				"gender": "Male",
				"date_of_birth": "1970-01-15",
				"branch_office": BRANCHES["A"],
				"beneficiary_category": CATEGORY_PATIENT,
				"status": "Registered",
			}
		).db_insert()
		frappe.get_doc(
			{
				"doctype": "Carer Authorization",
				"name": "MTX-CarerRevoked-A",
				"patient": ben["A"],
				"carer": revoked_carer,
				"relationship": "Sibling",
				"status": "Revoked",
				"valid_from": today(),
				"revocation_reason": "matrix",
				"branch_office": BRANCHES["A"],
			}
		).db_insert()
	links["carer-C-revoked"] = revoked_carer
	for principal, beneficiary in links.items():
		frappe.db.set_value("Beneficiary", beneficiary, "user", users[principal], update_modified=False)
	for branch, name in request.items():
		review = f"MTX-PortalReview-{branch}"
		url = frappe.db.get_value("Committee Review", review, "decision_letter")
		if url and frappe.db.exists("File", {"file_url": url, "attached_to_name": name}):
			continue
		frappe.db.delete("Committee Review", review)  # a site whose files were emptied: made again
		file = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": f"decision-letter-{name}.pdf",
				"is_private": 1,
				"attached_to_doctype": "Support Request",
				"attached_to_name": name,
				"content": f"%PDF-1.4\n% {letter_mark(branch)}\n".encode(),
			}
		).insert(ignore_permissions=True)
		frappe.get_doc(
			{
				"doctype": "Committee Review",
				"name": review,
				"support_request": name,
				"beneficiary": ben[branch],
				"committee_meeting": "MTX-MEETING",
				"decision": "Approved",
				"decision_date": today(),
				"letter_state": "Ready",
				"decision_letter": file.file_url,
				"docstatus": 1,
			}
		).db_insert()


def seed_unwalled(beneficiary: str) -> list[Record]:
	"""One record of each doctype that no branch walls: the meeting, a grant, the masters."""
	records = []

	def insert(doctype, field, values, name, branch="A") -> None:
		mark = marker(doctype, branch)
		if frappe.get_meta(doctype).has_field("enabled"):
			values = {"enabled": 1, **values}  # searches offer enabled records only
		if frappe.db.exists(doctype, name):
			frappe.db.set_value(doctype, name, {field: mark, **values}, update_modified=False)
		else:
			frappe.get_doc({"doctype": doctype, "name": name, field: mark, **values}).db_insert()
		records.append(Record(doctype, name, branch, field, mark))

	insert("Committee Meeting", "minutes", {"meeting_date": today(), "chair": "Administrator"}, "MTX-MEETING")
	insert(
		"Branch Access Grant",
		"reason",
		{"user": "Administrator", "beneficiary": beneficiary, "valid_until": today(), "status": "Active"},
		"MTX-GRANT",
	)
	insert("Beneficiary Category", "description", {"category_name": "MTX-Category"}, "MTX-Category")
	# A third branch: its office is read as "another branch" by branch-limited users.
	insert("Branch Office", "phone", {"branch_name": "MTX-Branch", "city": "MTX-City"}, "MTX-Branch", "B")
	insert("Contact Channel", "description", {"channel_name": "MTX-Channel"}, "MTX-Channel")
	insert(
		"Document Type",
		"description",
		{"document_type_name": "MTX-DocType", "scope": "Beneficiary"},
		"MTX-DocType",
	)
	insert("Support Service Type", "description", {"service_name": "MTX-Service"}, "MTX-Service")
	insert(
		"Service Question",
		"answer_en",
		{"question": "MTX?", "question_en": "MTX?", "answer": "MTX", "published": 0},
		"MTX-Question",
	)
	insert(
		"Feedback",
		"comment",
		{"feedback_type": "Survey Response", "rating": 2, "is_anonymous": 1, "month": today()[:7]},
		"MTX-Feedback",
	)
	insert(
		"Survey Template",
		"overall_question_en",
		{"template_name": "MTX-Survey", "overall_question": "MTX?"},
		"MTX-Survey",
	)
	insert(
		"Survey Invitation",
		"channels",
		{
			"purpose": "Service Delivered",
			"marker": "MTX-Marker",
			"beneficiary": beneficiary,
			"sent_on": today(),
			"expires_on": today(),
		},
		"MTX-Invitation",
	)
	insert(
		"Staff Rating",
		"question",
		{"subject": "Staff Member", "staff": "Administrator", "month": today()[:7], "answers": 1, "total": 1},
		"MTX-StaffRating",
	)
	insert(
		"Public Holiday",
		"holiday_name_en",
		{"holiday_name": "MTX", "holiday_date": "2020-01-01"},
		"MTX-Holiday",
	)
	insert(
		"Improvement Action",
		"plan",
		{"title": "MTX", "action_owner": "Administrator", "due_on": today(), "status": "Open"},
		"MTX-Action",
	)
	if not frappe.db.exists("Improvement Action Feedback", "MTX-ActionRow"):
		frappe.get_doc(
			{
				"doctype": "Improvement Action Feedback",
				"name": "MTX-ActionRow",
				"parent": "MTX-Action",
				"parenttype": "Improvement Action",
				"parentfield": "feedback_items",
				"feedback": "MTX-Feedback",
			}
		).db_insert()
	insert(
		"Feedback Figure",
		"question",
		{"month": today()[:7], "kind": "Survey Response", "count": 1},
		"MTX-Figure",
	)
	insert(
		"Quality Escalation",
		"recipients",
		{
			"reference_doctype": "Improvement Action",
			"reference_name": "MTX-Action",
			"threshold": "Overdue",
			"due_on": today(),
		},
		"MTX-QualityEscalation",
	)
	return records


def seed_framework_records(records: list[Record], users: dict) -> list[Record]:
	"""For each branch: a comment, a version, an email, a deleted copy and a notification about the
	beneficiary, the files of its documents, an assignment of the beneficiary to the manager; and the
	shares and the assignment of branch B's records held by rep@A+shared — each carrying a marker."""
	framework = []

	def add(doctype, about, values, field, mark, assignee=None, stored=None):
		"""One record whose `field` holds `stored` (default: the marker itself)."""
		if field == "name":
			name = frappe.db.exists(doctype, mark)
		else:
			name = frappe.db.get_value(doctype, {field: ("like", f"%{mark}%")})
		if not name:
			doc = frappe.get_doc({"doctype": doctype, **values, field: stored or mark})
			if field == "name":
				doc.name = mark
			doc.db_insert()
			name = doc.name
		framework.append(
			Record(doctype, name, about[1], field, mark, about[2], about=about, assignee=assignee)
		)

	for record in [
		r for r in records if r.doctype in ("Beneficiary", "Beneficiary Document", "Support Request")
	]:
		about = (record.doctype, record.branch, record.medical)

		def mark(doctype, branch=record.branch):
			return marker(doctype, branch)

		if record.doctype == "Beneficiary":
			name = frappe.db.get_value("Comment", {"reference_name": record.name, "content": mark("Comment")})
			if not name:
				name = frappe.get_doc("Beneficiary", record.name).add_comment("Comment", mark("Comment")).name
			framework.append(Record("Comment", name, record.branch, "content", mark("Comment"), about=about))
			reference = {"reference_type": "Beneficiary", "reference_name": record.name}
			add(
				"ToDo",
				about,
				{**reference, "allocated_to": users["manager"]},
				"description",
				mark("ToDo"),
				"manager",
			)
			add(
				"Version",
				about,
				{"ref_doctype": "Beneficiary", "docname": record.name},
				"data",
				mark("Version"),
				stored=json.dumps({"changed": [["full_name", record.marker, mark("Version")]]}),
			)
			reference = {"reference_doctype": "Beneficiary", "reference_name": record.name}
			add(
				"Communication",
				about,
				{
					**reference,
					"communication_type": "Communication",
					"communication_medium": "Email",
					"subject": "MTX",
				},
				"content",
				mark("Communication"),
			)
			add("Email Queue", about, {**reference, "status": "Sent"}, "message", mark("EmailQueue"))
			add(
				"Deleted Document",
				about,
				{"deleted_doctype": "Beneficiary", "deleted_name": record.name + "-deleted"},
				"data",
				mark("DeletedDocument"),
				stored=json.dumps({"doctype": "Beneficiary", "full_name": mark("DeletedDocument")}),
			)
			add(
				"Access Log",
				about,
				{"reference_document": record.name, "export_from": "Beneficiary", "user": users["manager"]},
				"filters",
				mark("AccessLog"),
			)
			add(
				"Notification Log",
				about,
				{
					"for_user": users["officer@A"],
					"document_type": "Beneficiary",
					"document_name": record.name,
					"type": "Alert",
				},
				"subject",
				mark("NotificationLog"),
				"officer@A",
			)
			add(
				"Prepared Report",
				about,
				{"report_name": "Decision Time", "status": "Completed"},
				"filters",
				mark("PreparedReport"),
				stored=json.dumps({"branch_office": mark("PreparedReport")}),
			)
			if frappe.db.exists("DocType", "SMS Log"):
				add("SMS Log", about, {"sent_on": today()}, "message", mark("SMSLog"))
		if record.branch == "B" and record.doctype in ("Beneficiary", "Support Request"):
			# Shares and an assignment of branch B's records to a branch A representative: left by an
			# import or an old version (written to the database, the validation would refuse them).
			share = frappe.get_doc(
				{
					"doctype": "DocShare",
					"user": users["rep@A+shared"],
					"share_doctype": record.doctype,
					"share_name": record.name,
					"read": 1,
					"write": 1,
				}
			)
			share.db_insert()
			add(
				"ToDo",
				about,
				{
					"reference_type": record.doctype,
					"reference_name": record.name,
					"allocated_to": users["rep@A+shared"],
				},
				"description",
				marker("ToDoShared" + record.doctype.replace(" ", ""), "B"),
				"rep@A+shared",
			)
		if record.file_url:
			name = frappe.db.get_value("File", {"file_url": record.file_url}, "name")
			mark_file = marker("File", record.branch, record.medical)
			frappe.db.set_value("File", name, "file_name", mark_file, update_modified=False)
			framework.append(
				Record("File", name, record.branch, "file_name", mark_file, record.medical, about=about)
			)
	return framework
