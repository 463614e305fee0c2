"""The permission matrix over HTTP: the site served by gunicorn (2 workers), one user per principal,
two branches of records carrying unique markers, and every cell asked through every route below. Any
answer the matrix (matrix.py) does not allow fails the test, all of them listed at once."""

import json
import time
from dataclasses import dataclass

import frappe
import requests
from frappe.utils import now_datetime, today

from amass_relations.constants import CATEGORY_PATIENT, DOCUMENT_MEDICAL_REPORT, DOCUMENT_NATIONAL_ID_COPY
from amass_relations.tests.security.http import PASSWORD, make_login
from amass_relations.tests.security.matrix import PRINCIPALS, may, may_read_record
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
			users=(cls.users["officer@A"], cls.users["researcher@A"], cls.users["rep@A"]),
		)
		make_branch(BRANCHES["B"], "مدينة المصفوفة ب")
		cls.records = []
		for branch in BRANCHES:
			cls.records += seed_branch(branch, n=800 + list(BRANCHES).index(branch) * 10)
		cls.records += seed_framework_records(cls.records, cls.users["manager"])
		frappe.db.commit()
		global BASE_URL
		cls.server, BASE_URL = start_gunicorn()
		cls.addClassCleanup(stop, cls.server)

	def test_every_cell_through_every_route(self):
		unexpected, refused, asked = [], 0, 0
		started = time.monotonic()
		for principal in PRINCIPALS:
			session = login(self.users.get(principal))
			for record in self.records:
				readable = may_read_record(principal, record)
				# Writes are asked of the app's records; framework records follow their own rules.
				writable = record.about is not None or may(
					principal, record.doctype, "w", record.branch, record.medical
				)
				for route, ask in READ_ROUTES.items():
					asked += 1
					saw = ask(session, record)
					if saw is None:
						continue  # the route does not apply to this record
					if saw != readable:
						unexpected.append(
							f"{principal} {route} {record.doctype} {record.branch}: read={saw}, matrix says {readable}"
						)
					elif not readable:
						refused += 1
				if not writable:
					for route, write in WRITE_ROUTES.items():
						asked += 1
						write(session, record)
						frappe.db.commit()  # a new snapshot: see what the server committed
						stored = frappe.db.get_value(record.doctype, record.name, record.field)
						if stored != record.marker:
							unexpected.append(
								f"{principal} {route} {record.doctype} {record.branch}: changed without right"
							)
							frappe.db.set_value(record.doctype, record.name, record.field, record.marker)
							frappe.db.commit()
						else:
							refused += 1
		cells = len(PRINCIPALS) * len(self.records)
		print(
			f"matrix: {cells} cells × {len(READ_ROUTES) + len(WRITE_ROUTES)} routes, {asked} answers, "
			f"{refused} refused as expected, {len(unexpected)} unexpected ({time.monotonic() - started:.0f} s)"
		)
		self.assertEqual(unexpected, [], "\n".join(unexpected[:60]))


# ---------------------------------------------------------------- the served site
def host() -> dict:
	return {"Host": frappe.local.site}


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
	meta = frappe.get_meta(doctype)
	return meta.title_field if meta.show_title_field_in_link else None


def _put(s, r):
	s.put(url(f"/api/resource/{r.doctype}/{r.name}"), json={r.field: "MTX-CHANGED"}, timeout=60)


def _set_value(s, r):
	call(
		s,
		"frappe.client.set_value",
		http="POST",
		doctype=r.doctype,
		name=r.name,
		fieldname=r.field,
		value="MTX-CHANGED",
	)


WRITE_ROUTES = {"REST v1 put": _put, "frappe.client.set_value": _set_value}


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
			"service_type": frappe.db.get_value("Support Service Type", {}, "name"),
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
	insert(
		"Committee Review",
		"reason_for_applicant",  # what the decision letter, its print format, shows
		{
			"support_request": request.name,
			"beneficiary": ben.name,
			"committee_meeting": "MTX-MEETING",
		},
	)
	return records


def seed_framework_records(records: list[Record], assignee: str) -> list[Record]:
	"""For each branch: a comment on the beneficiary, the files of its documents, and an assignment of
	the beneficiary to `assignee` — each carrying its own marker."""
	framework = []
	for record in [r for r in records if r.doctype in ("Beneficiary", "Beneficiary Document")]:
		about = (record.doctype, record.branch, record.medical)
		if record.doctype == "Beneficiary":
			mark = marker("Comment", record.branch)
			name = frappe.db.get_value("Comment", {"reference_name": record.name, "content": mark})
			if not name:
				name = frappe.get_doc("Beneficiary", record.name).add_comment("Comment", mark).name
			framework.append(Record("Comment", name, record.branch, "content", mark, about=about))
			mark = marker("ToDo", record.branch)
			name = frappe.db.get_value("ToDo", {"reference_name": record.name, "description": mark})
			if not name:
				todo = frappe.get_doc(
					{
						"doctype": "ToDo",
						"allocated_to": assignee,
						"reference_type": "Beneficiary",
						"reference_name": record.name,
						"description": mark,
					}
				)
				todo.db_insert()
				name = todo.name
			framework.append(
				Record("ToDo", name, record.branch, "description", mark, about=about, assignee="manager")
			)
		if record.file_url:
			name = frappe.db.get_value("File", {"file_url": record.file_url}, "name")
			mark = marker("File", record.branch, record.medical)
			frappe.db.set_value("File", name, "file_name", mark, update_modified=False)
			framework.append(
				Record("File", name, record.branch, "file_name", mark, record.medical, about=about)
			)
	return framework
