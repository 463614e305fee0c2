"""Applying from the portal over the served site's real routes: a draft, two uploads checked by their
content, the declaration accepted and the workflow's own step into the desk; the officer's return with a
message and the applicant's answer; withdrawal; reconsideration once; hostile inputs refused with nothing
saved; a worker killed mid-upload leaves no record, and its file is found and removed."""

import os
import re
import secrets
import signal
import subprocess
import sys
import time

import frappe

from amass_relations import constants as c
from amass_relations.rules import portal as rule
from amass_relations.rules.phone import normalize_saudi_mobile, sign_in_form
from amass_relations.services import limits, portal_requests
from amass_relations.services.portal_accounts import link_account
from amass_relations.tests import test_portal_accounts  # its read_mail (a module: its tests stay there)
from amass_relations.tests.security.http import Client, base_url, make_login, text
from amass_relations.tests.sms_gateway import UsesFakeGateway
from amass_relations.tests.utils import AmassTestCase, make_beneficiary, make_branch, test_national_id

BRANCH = "فرع طلبات البوابة (اختبار)"
PORTAL = "amass_relations.api.portal"
FINANCIAL = "مساعدة مالية للبوابة (اختبار)"
FAMILY_ONLY = "خدمة لأفراد الأسرة (اختبار)"
DISABLED = "خدمة موقوفة (اختبار)"
PDF = b"%PDF-1.4\n" + b"0" * 2048
PNG = b"\x89PNG\r\n\x1a\n" + b"1" * 2048
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"2" * 2048


def website_user(local: str) -> str:
	user = make_login(f"{local}@amass-test.example.com", [], user_type="Website User")
	frappe.db.set_value("User", user, "language", "en")
	return user


def service(name: str, categories, financial=0, maximum=0, documents=(), enabled=1) -> str:
	if frappe.db.exists("Support Service Type", name):
		frappe.delete_doc("Support Service Type", name, force=True, ignore_permissions=True)
	return (
		frappe.get_doc(
			{
				"doctype": "Support Service Type",
				"service_name": name,
				"enabled": enabled,
				"is_financial": financial,
				"maximum_amount": maximum,
				"eligible_categories": [{"beneficiary_category": cat} for cat in categories],
				"required_documents": [{"document_type": d, "mandatory": m} for d, m in documents],
				"description": "وصف الخدمة",
				"description_en": "What the service is",
			}
		)
		.insert(ignore_permissions=True)
		.name
	)


class PortalRequestsCase(AmassTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.officer = make_login("portal.requests.officer@amass-test.example.com", [c.ROLE_OFFICER])
		make_branch(BRANCH, "مدينة تقديم البوابة", users=(cls.officer,))
		frappe.db.delete(
			"Beneficiary", {"national_id": ("in", [test_national_id(n) for n in range(740, 744)])}
		)
		cls.a_user, cls.b_user = website_user("portal.req.a"), website_user("portal.req.b")
		for user in (cls.a_user, cls.b_user):
			frappe.db.set_value("Beneficiary", {"user": user}, "user", None)
		cls.a = make_beneficiary(
			740, BRANCH, full_name="متقدمة البوابة", contact_consent=1, data_processing_consent=1
		)
		cls.p = make_beneficiary(
			741, BRANCH, full_name="مريض متقدم", contact_consent=1, data_processing_consent=1
		)
		cls.b = make_beneficiary(742, BRANCH, full_name="مستفيد آخر OTHERZ", contact_consent=1)
		link_account(frappe.get_doc("Beneficiary", cls.a.name), cls.a_user)
		link_account(frappe.get_doc("Beneficiary", cls.b.name), cls.b_user)
		frappe.db.delete("Carer Authorization", {"carer": cls.a.name})
		frappe.get_doc(
			{
				"doctype": "Carer Authorization",
				"name": f"CA-PORTAL-REQ-{cls.a.name[-5:]}",
				"patient": cls.p.name,
				"carer": cls.a.name,
				"relationship": "Sibling",
				"status": c.CARER_ACTIVE,
				"valid_from": frappe.utils.add_days(frappe.utils.today(), -3),
				"branch_office": BRANCH,
			}
		).db_insert()
		cls.financial = service(
			FINANCIAL,
			[c.CATEGORY_PATIENT],
			financial=1,
			maximum=5000,
			documents=(
				(c.DOCUMENT_INCOME_PROOF, 1),
				(c.DOCUMENT_PRICE_QUOTATION, 1),
				(c.DOCUMENT_MEDICAL_REPORT, 0),
			),
		)
		cls.family_only = service(FAMILY_ONLY, [c.CATEGORY_FAMILY_MEMBER])
		cls.disabled = service(DISABLED, [c.CATEGORY_PATIENT], enabled=0)
		frappe.db.commit()

	def setUp(self):
		super().setUp()
		frappe.set_user("Administrator")
		for pattern in ("*rl:amass_relations.api*", f"amass_relations|{frappe.local.site}|portal-requests|*"):
			for key in frappe.cache.scan_iter(pattern):
				frappe.cache.delete(key)

	# -- helpers ------------------------------------------------------------------------------------
	def ok(self, response):
		self.assertEqual(response.status_code, 200, text(response)[:600])
		frappe.db.rollback()  # a fresh snapshot: what the server has just committed
		return response.json()["message"]

	def draft(self, client, **values) -> str:
		values = {
			"service_type": self.financial,
			"description": "I need help with the cost of treatment travel.",
			"amount_requested": 1200,
			**values,
		}
		return self.ok(client.call(f"{PORTAL}.save_request", **values))["name"]

	def upload(self, client, request, document_type, content, file_name="scan.pdf", expiry=None):
		return client.session.post(
			f"{base_url()}/api/method/{PORTAL}.upload_document",
			files={"file": (file_name, content)},
			data={
				"request": request,
				"document_type": document_type,
				"expiry_date": expiry or frappe.utils.add_days(frappe.utils.today(), 200),
			},
			timeout=60,
		)

	def ready(self, client, **values) -> str:
		name = self.draft(client, **values)
		for document_type, content in ((c.DOCUMENT_INCOME_PROOF, PDF), (c.DOCUMENT_PRICE_QUOTATION, PNG)):
			self.ok(self.upload(client, name, document_type, content))
		return name

	def submit(self, client, name):
		return client.call(f"{PORTAL}.submit_request", request=name, accept=1, signer_name="Sara Portal")

	def state(self) -> tuple:
		"""Everything a portal call could have written for these files."""
		frappe.db.rollback()  # a fresh snapshot: what the server committed
		people = [self.a.name, self.p.name, self.b.name]
		requests_ = frappe.get_all(
			"Support Request",
			filters={"beneficiary": ("in", people)},
			fields=[
				"name",
				"status",
				"modified",
				"description",
				"amount_requested",
				"signed_on",
				"applicant_answer",
			],
			order_by="name",
		)
		rows = frappe.get_all(
			"Support Request Document",
			filters={"parent": ("in", [r.name for r in requests_] or [""])},
			fields=["parent", "document_type", "file", "beneficiary_document", "from_portal"],
			order_by="parent, idx",
		)
		files = frappe.db.count("File", {"file_name": ("like", f"{portal_requests.UPLOAD_PREFIX}%")})
		return (
			tuple(map(tuple, (r.values() for r in requests_))),
			tuple(map(tuple, (r.values() for r in rows))),
			files,
		)


class TestApplyingOnThePortal(PortalRequestsCase):
	def test_a_beneficiary_applies_uploads_accepts_and_the_request_lands_in_the_desk(self):
		client = Client(self.a_user)
		offered = self.ok(client.call(f"{PORTAL}.services_for", http="GET"))
		names = [s["service_type"] for s in offered["services"]]
		self.assertIn(self.financial, names)
		self.assertNotIn(self.family_only, names, "not open to the patient category")
		self.assertNotIn(self.disabled, names)
		page = client.get("/apply")
		self.assertEqual(page.status_code, 200, page.text[:300])
		self.assertIn("Apply for a Service", page.text)

		name = self.draft(client)
		draft = frappe.get_doc("Support Request", name)
		self.assertEqual(
			(draft.status, draft.channel, draft.beneficiary),
			(c.REQUEST_DRAFT, c.CHANNEL_WEBSITE, self.a.name),
		)
		self.assertEqual(
			[r.document_type for r in draft.documents],
			[c.DOCUMENT_INCOME_PROOF, c.DOCUMENT_PRICE_QUOTATION, c.DOCUMENT_MEDICAL_REPORT],
		)
		# Come back to the draft: its page offers the uploads and the declaration.
		html = client.get(f"/my-requests/{name}").text
		self.assertIn("Send the request", html)
		self.assertIn(frappe.db.get_single_value(c.SETTINGS_DOCTYPE, "declaration_text_en") or "", html)

		# Sent before the documents and the acceptance: each problem by its field, nothing changed.
		before = self.state()
		refused = client.call(f"{PORTAL}.submit_request", request=name)
		self.assertEqual(refused.status_code, 417, text(refused)[:300])
		errors = refused.json()["field_errors"]
		self.assertEqual(
			set(errors),
			{
				"accept",
				"signer_name",
				f"document:{c.DOCUMENT_INCOME_PROOF}",
				f"document:{c.DOCUMENT_PRICE_QUOTATION}",
			},
		)
		self.assertEqual(self.state(), before)

		self.ok(self.upload(client, name, c.DOCUMENT_INCOME_PROOF, PDF, "income.pdf"))
		self.ok(self.upload(client, name, c.DOCUMENT_PRICE_QUOTATION, PNG, "quote.png"))
		# A medical report goes behind the medical wall, as from the desk.
		self.ok(self.upload(client, name, c.DOCUMENT_MEDICAL_REPORT, PDF))
		sent = self.ok(self.submit(client, name))
		self.assertEqual(sent["status"], c.REQUEST_PENDING_VERIFICATION)

		frappe.db.rollback()
		doc = frappe.get_doc("Support Request", name)
		self.assertEqual(doc.status, c.REQUEST_PENDING_VERIFICATION)
		self.assertTrue(doc.signed_on and doc.accepted_on_portal)
		self.assertEqual(doc.signer_name, "Sara Portal")
		self.assertEqual(doc.accepted_from_ip, "127.0.0.1")
		self.assertEqual(
			doc.declaration_text, frappe.db.get_single_value(c.SETTINGS_DOCTYPE, "declaration_text_en")
		)
		rows = {r.document_type: r for r in doc.documents}
		self.assertTrue(all(r.from_portal for r in doc.documents))
		self.assertTrue(rows[c.DOCUMENT_MEDICAL_REPORT].beneficiary_document)
		self.assertFalse(rows[c.DOCUMENT_MEDICAL_REPORT].file, "medical files stay behind the wall")
		for row in (rows[c.DOCUMENT_INCOME_PROOF], rows[c.DOCUMENT_PRICE_QUOTATION]):
			file = frappe.db.get_value(
				"File", {"file_url": row.file}, ["is_private", "owner", "file_name"], as_dict=True
			)
			self.assertEqual((file.is_private, file.owner), (1, "Administrator"))
			self.assertTrue(file.file_name.startswith(portal_requests.UPLOAD_PREFIX))
			# The file's URL is not the applicant's to read, nor anyone's on the portal.
			self.assertIn(client.get(row.file).status_code, (403, 404))
		self.assertTrue(rows[c.DOCUMENT_PRICE_QUOTATION].file.endswith(".png"), "named by its content")
		# The officers of the branch have it in their tasks.
		self.assertTrue(
			frappe.db.exists(
				"ToDo",
				{
					"reference_type": "Support Request",
					"reference_name": name,
					"allocated_to": self.officer,
					"status": "Open",
				},
			)
		)
		# A second submit (a double click) changes nothing.
		before = self.state()
		again = self.submit(client, name)
		self.assertNotEqual(again.status_code, 200)
		self.assertEqual(self.state(), before)
		# Its page now shows the plain status, no upload, no declaration form.
		html = client.get(f"/my-requests/{name}").text
		self.assertNotIn("amass_relations.api.portal.upload_document", html)
		self.assertIn("Withdraw the request", html)

	def test_a_carer_applies_for_the_patient(self):
		client = Client(self.a_user)
		name = self.draft(client, person=self.p.name)
		doc = frappe.get_doc("Support Request", name)
		self.assertEqual(
			(doc.beneficiary, doc.applicant, doc.contact_person), (self.p.name, self.a.name, self.a.name)
		)

	def test_the_officer_returns_it_with_a_message_and_the_applicant_answers(self):
		client = Client(self.a_user)
		name = self.ready(client)
		self.ok(self.submit(client, name))
		officer = Client(self.officer)
		frappe.db.rollback()
		# The message to the applicant is required, apart from the internal comment.
		refused = officer.doc_method(
			"Support Request", name, "return_to_applicant", comment="internal only", message=""
		)
		self.assertNotEqual(refused.status_code, 200)
		self.ok(
			officer.doc_method(
				"Support Request",
				name,
				"return_to_applicant",
				comment="INTERNALRETURNZ the quotation looks altered",
				message="Please send a price quotation stamped by the supplier.",
			)
		)
		frappe.db.rollback()
		self.assertEqual(frappe.db.get_value("Support Request", name, "status"), c.REQUEST_RETURNED)
		html = client.get(f"/my-requests/{name}").text
		self.assertIn("Please send a price quotation stamped by the supplier.", html)
		self.assertNotIn("INTERNALRETURNZ", html)
		self.assertNotIn("INTERNALRETURNZ", client.call(f"{PORTAL}.my_request", http="GET", name=name).text)
		# The applicant uploads a new quotation (the declaration is voided by it) and answers.
		self.ok(self.upload(client, name, c.DOCUMENT_PRICE_QUOTATION, PDF))
		refused = client.call(f"{PORTAL}.answer_request", request=name, answer="Here it is.")
		self.assertEqual(set(refused.json()["field_errors"]), {"accept", "signer_name"})
		self.ok(
			client.call(
				f"{PORTAL}.answer_request",
				request=name,
				answer="Here it is, stamped.",
				accept=1,
				signer_name="Sara Portal",
			)
		)
		frappe.db.rollback()
		doc = frappe.get_doc("Support Request", name)
		self.assertEqual(doc.status, c.REQUEST_PENDING_VERIFICATION)
		self.assertEqual(doc.applicant_answer, "Here it is, stamped.")
		self.assertFalse(doc.verified_on, "verified again by the officer")
		self.assertTrue(doc.signed_on)
		self.assertTrue(
			frappe.db.exists(
				"ToDo",
				{
					"reference_name": name,
					"allocated_to": self.officer,
					"description": ("like", "%answered the return%"),
				},
			)
		)

	def test_the_applicant_withdraws_while_undecided_and_asks_reconsideration_once(self):
		client = Client(self.a_user)
		name = self.ready(client)
		self.ok(self.submit(client, name))
		self.ok(client.call(f"{PORTAL}.withdraw_request", request=name, reason="Another charity helped."))
		frappe.db.rollback()
		self.assertEqual(frappe.db.get_value("Support Request", name, "status"), c.REQUEST_WITHDRAWN)
		# A rejected request: reconsideration once, a new draft linked to it with its documents.
		rejected = self.ready(client)
		self.ok(self.submit(client, rejected))
		frappe.db.set_value(
			"Support Request", rejected, {"status": c.REQUEST_REJECTED, "workflow_state": c.REQUEST_REJECTED}
		)
		frappe.db.commit()
		refused = client.call(f"{PORTAL}.withdraw_request", request=rejected)
		self.assertNotEqual(refused.status_code, 200, "decided: not withdrawn")
		again = self.ok(
			client.call(
				f"{PORTAL}.ask_reconsideration", request=rejected, reason="My income has fallen since."
			)
		)
		new = frappe.get_doc("Support Request", again["name"])
		self.assertEqual(
			(new.reconsideration_of, new.status, new.service_type),
			(rejected, c.REQUEST_DRAFT, self.financial),
		)
		self.assertEqual(
			[r.file for r in new.documents],
			[r.file for r in frappe.get_doc("Support Request", rejected).documents],
		)
		before = self.state()
		twice = client.call(f"{PORTAL}.ask_reconsideration", request=rejected, reason="Again.")
		self.assertNotEqual(twice.status_code, 200)
		self.assertEqual(self.state(), before)

	def test_per_account_limits_count_and_refuse_with_nothing_saved(self):
		client = Client(self.a_user)
		frappe.cache.set(limits.key(portal_requests.SCOPE, "requests", self.a_user), rule.REQUESTS_PER_DAY)
		before = self.state()
		refused = client.call(
			f"{PORTAL}.save_request",
			service_type=self.financial,
			description="One more.",
			amount_requested=10,
		)
		self.assertEqual(refused.status_code, 429, text(refused)[:300])
		self.assertEqual(self.state(), before)


class TestHostileInputs(PortalRequestsCase):
	def test_hostile_inputs_are_refused_cleanly_with_nothing_saved(self):
		client = Client(self.a_user)
		mine = self.draft(client)
		theirs = self.draft(Client(self.b_user))
		sent = self.ready(client)
		self.ok(self.submit(client, sent))
		megabyte = "x" * (1024 * 1024)
		big = b"%PDF-1.4\n" + b"0" * (6 * 1024 * 1024)
		save = f"{PORTAL}.save_request"
		good = {"service_type": self.financial, "description": "Fine.", "amount_requested": 100}
		cases = [
			("script tag", save, {**good, "description": '<script>alert("x")</script>'}, "description"),
			("img onerror", save, {**good, "description": "<img src=x onerror=alert(1)>"}, "description"),
			("entity", save, {**good, "description": "&#60;script&#62;"}, "description"),
			("javascript url", save, {**good, "description": "javascript:alert(1)"}, "description"),
			("1 MB string", save, {**good, "description": megabyte}, "description"),
			("empty need", save, {**good, "description": "   "}, "description"),
			("nul byte", save, {**good, "description": "a\x00b"}, "description"),
			("SQL in service", save, {**good, "service_type": "' OR '1'='1"}, "service_type"),
			(
				"SQL union",
				save,
				{**good, "service_type": "x' UNION SELECT name FROM tabUser -- "},
				"service_type",
			),
			(
				"service not open to the category",
				save,
				{**good, "service_type": self.family_only, "amount_requested": ""},
				"service_type",
			),
			(
				"disabled service",
				save,
				{**good, "service_type": self.disabled, "amount_requested": ""},
				"service_type",
			),
			("unknown service", save, {**good, "service_type": "No Such Service"}, "service_type"),
			("negative amount", save, {**good, "amount_requested": -5}, "amount_requested"),
			("zero amount", save, {**good, "amount_requested": 0}, "amount_requested"),
			("over the maximum", save, {**good, "amount_requested": 5000.01}, "amount_requested"),
			("amount not a number", save, {**good, "amount_requested": "1e999abc"}, "amount_requested"),
			("another's file", save, {**good, "person": self.b.name}, None),
			("SQL in person", save, {**good, "person": "%' OR 1=1 -- "}, None),
			("another's draft", save, {**good, "request": theirs}, None),
			("a sent request changed", save, {**good, "request": sent}, None),
			(
				"submit another's",
				f"{PORTAL}.submit_request",
				{"request": theirs, "accept": 1, "signer_name": "X"},
				None,
			),
			(
				"submit twice",
				f"{PORTAL}.submit_request",
				{"request": sent, "accept": 1, "signer_name": "X"},
				None,
			),
			(
				"script as the name",
				f"{PORTAL}.submit_request",
				{"request": mine, "accept": 1, "signer_name": "<script>x</script>"},
				"signer_name",
			),
			("withdraw another's", f"{PORTAL}.withdraw_request", {"request": theirs}, None),
			(
				"withdraw with markup",
				f"{PORTAL}.withdraw_request",
				{"request": mine, "reason": "<b>x</b>"},
				"reason",
			),
			(
				"reconsider undecided",
				f"{PORTAL}.ask_reconsideration",
				{"request": mine, "reason": "Because."},
				None,
			),
			(
				"answer when not returned",
				f"{PORTAL}.answer_request",
				{"request": sent, "answer": "x", "accept": 1, "signer_name": "X"},
				None,
			),
			("request name wildcard", f"{PORTAL}.withdraw_request", {"request": "%"}, None),
		]
		uploads = [
			("executable renamed .pdf", mine, c.DOCUMENT_INCOME_PROOF, EXE, "scan.pdf", "file"),
			(
				"html renamed .png",
				mine,
				c.DOCUMENT_INCOME_PROOF,
				b"<html><script>alert(1)</script>",
				"x.png",
				"file",
			),
			("oversized", mine, c.DOCUMENT_INCOME_PROOF, big, "big.pdf", "file"),
			("empty file", mine, c.DOCUMENT_INCOME_PROOF, b"", "empty.pdf", "file"),
			(
				"document the request does not list",
				mine,
				c.DOCUMENT_BANK_CERTIFICATE,
				PDF,
				"a.pdf",
				"document_type",
			),
			("another's request", theirs, c.DOCUMENT_INCOME_PROOF, PDF, "a.pdf", None),
			("a sent request", sent, c.DOCUMENT_INCOME_PROOF, PDF, "a.pdf", None),
			("path in the name", mine, c.DOCUMENT_INCOME_PROOF, EXE, "../../../sites/x.pdf", "file"),
		]
		expired = [
			("an expired document", "2020-01-01"),
			("a date that is not one", "31/31/2031' OR 1=1"),
		]
		self.assertGreaterEqual(len(cases) + len(uploads) + len(expired), 30)
		for label, method, params, field in cases:
			before = self.state()
			response = client.call(method, **params)
			self.assertGreaterEqual(response.status_code, 400, f"{label}: {text(response)[:300]}")
			self.assertLess(response.status_code, 500, f"{label}: {text(response)[:300]}")
			if field:
				self.assertIn(field, response.json().get("field_errors", {}), label)
			self.assertEqual(self.state(), before, f"{label}: something was saved")
		for label, request, document_type, content, file_name, field in uploads:
			before = self.state()
			response = self.upload(client, request, document_type, content, file_name)
			self.assertIn(response.status_code, (403, 404, 413, 417), f"{label}: {text(response)[:300]}")
			if field:
				self.assertIn(field, response.json().get("field_errors", {}), label)
			self.assertEqual(self.state(), before, f"{label}: something was saved")
		for label, expiry in expired:
			before = self.state()
			response = self.upload(client, mine, c.DOCUMENT_INCOME_PROOF, PDF, "a.pdf", expiry=expiry)
			self.assertEqual(response.status_code, 417, f"{label}: {text(response)[:300]}")
			self.assertIn("expiry_date", response.json().get("field_errors", {}), label)
			self.assertEqual(self.state(), before, f"{label}: something was saved")
		# Guests and desk users are refused at the door.
		for other in (Client(), Client(self.officer)):
			response = other.call(save, **good)
			self.assertIn(response.status_code, (403, 404))


KILLED = """
import io, os, signal, sys
import frappe
frappe.init(site=sys.argv[1], sites_path=sys.argv[2])
frappe.connect()
frappe.set_user(sys.argv[3])
frappe.local.lang = "en"
from werkzeug.test import EnvironBuilder
from werkzeug.wrappers import Request
frappe.local.request = Request(
	EnvironBuilder(method="POST", data={"file": (io.BytesIO(b"%PDF-1.4\\n" + os.urandom(4096)), "scan.pdf")}).get_environ()
)
frappe.local.request_ip = "127.0.0.1"
from amass_relations.services import portal_requests
portal_requests.upload_document(sys.argv[3], sys.argv[4], sys.argv[5], "2099-01-01")
os.kill(os.getpid(), signal.SIGKILL)  # killed before the transaction commits
"""


class TestKilledMidRequest(PortalRequestsCase):
	def test_a_worker_killed_mid_upload_leaves_nothing_and_the_check_finds_its_file(self):
		name = self.draft(Client(self.a_user))
		orphans_before = set(portal_requests.orphaned_uploads(older_than_seconds=0))
		before = self.state()
		run = subprocess.run(
			[
				sys.executable,
				"-c",
				KILLED,
				frappe.local.site,
				os.path.abspath(frappe.local.sites_path),
				self.a_user,
				name,
				c.DOCUMENT_INCOME_PROOF,
			],
			cwd=os.path.abspath(frappe.local.sites_path),
			capture_output=True,
			text=True,
			timeout=120,
		)
		self.assertEqual(run.returncode, -signal.SIGKILL, run.stderr[-2000:])
		self.assertEqual(self.state(), before, "no File record, no row changed")
		orphans = set(portal_requests.orphaned_uploads(older_than_seconds=0)) - orphans_before
		self.assertEqual(len(orphans), 1, "the file written before the kill is found")
		self.assertEqual(
			portal_requests.remove_orphaned_uploads(older_than_seconds=0), len(orphans_before) + 1
		)
		self.assertEqual(portal_requests.orphaned_uploads(older_than_seconds=0), [])
		# A file with its record is never an orphan.
		self.ok(self.upload(Client(self.a_user), name, c.DOCUMENT_INCOME_PROOF, PDF))
		self.assertEqual(portal_requests.orphaned_uploads(older_than_seconds=0), [])


class TestQuestions(PortalRequestsCase):
	def test_a_question_its_reply_and_a_follow_up_internal_notes_stay_internal(self):
		client = Client(self.a_user)
		asked = self.ok(client.call(f"{PORTAL}.ask_question", message="When does the committee meet?"))
		name = asked["name"]
		doc = frappe.get_doc("Interaction", name)
		self.assertEqual(
			(doc.channel, doc.direction, doc.status, doc.beneficiary, doc.branch_office),
			(c.CHANNEL_WEBSITE, "Inbound", "Open", self.a.name, BRANCH),
		)
		self.assertEqual(
			[(m.direction, m.message) for m in doc.messages], [("Inbound", "When does the committee meet?")]
		)
		self.assertTrue(
			frappe.db.exists(
				"ToDo",
				{"reference_type": "Interaction", "reference_name": name, "allocated_to": self.officer},
			)
		)
		officer = Client(self.officer)
		self.ok(
			officer.doc_method(
				"Interaction",
				name,
				"reply_to_beneficiary",
				message="INTERNALNOTEZ check the file",
				internal=1,
			)
		)
		self.ok(
			officer.doc_method(
				"Interaction", name, "reply_to_beneficiary", message="Every Sunday; you will hear by SMS."
			)
		)
		frappe.db.rollback()
		self.assertEqual(frappe.db.get_value("Interaction", name, "status"), "Answered")
		# The beneficiary is told of the reply (not of the note), through the outbox.
		told = frappe.get_all(
			"SMS Outbox",
			filters={"reference_doctype": "Interaction", "reference_name": name},
			pluck="purpose",
		)
		self.assertEqual(told, ["Question Reply"])
		html = client.get("/my-questions").text
		self.assertIn("Every Sunday; you will hear by SMS.", html)
		self.assertIn("When does the committee meet?", html)
		self.assertNotIn("INTERNALNOTEZ", html)
		self.assertNotIn("INTERNALNOTEZ", client.call(f"{PORTAL}.my_questions", http="GET").text)
		# A follow-up opens it again for the officers.
		self.ok(
			client.call(f"{PORTAL}.follow_up_question", question=name, message="Thank you. And on holidays?")
		)
		frappe.db.rollback()
		doc = frappe.get_doc("Interaction", name)
		self.assertEqual(doc.status, "Open")
		self.assertEqual([m.direction for m in doc.messages], ["Inbound", "Outbound", "Outbound", "Inbound"])
		# Another account neither reads nor writes in it; hostile text is refused with nothing saved.
		other = Client(self.b_user)
		self.assertNotIn(name, other.call(f"{PORTAL}.my_questions", http="GET").text)
		self.assertNotIn(name, other.get("/my-questions").text)
		refused = other.call(f"{PORTAL}.follow_up_question", question=name, message="Mine now")
		self.assertEqual(refused.status_code, 404, text(refused)[:300])
		for hostile in ('<script>alert("x")</script>', "x" * 2001, ""):
			refused = client.call(f"{PORTAL}.follow_up_question", question=name, message=hostile)
			self.assertEqual(refused.status_code, 417)
			self.assertIn("message", refused.json()["field_errors"])
		frappe.db.rollback()
		self.assertEqual(len(frappe.get_doc("Interaction", name).messages), 4)
		# The thread is the code's: staff cannot rewrite or remove a message through REST.
		thread = frappe.parse_json(frappe.as_json(frappe.get_doc("Interaction", name).as_dict()["messages"]))
		for changed in ([{**thread[0], "message": "rewritten"}, *thread[1:]], thread[1:]):
			response = officer.put(f"/api/resource/Interaction/{name}", {"messages": changed})
			self.assertEqual(response.status_code, 403, text(response)[:300])
		frappe.db.rollback()
		self.assertEqual(
			frappe.get_doc("Interaction", name).messages[0].message, "When does the committee meet?"
		)


class TestMyData(PortalRequestsCase):
	def test_my_data_has_what_is_held_and_nothing_internal_medical_only_where_allowed(self):
		client = Client(self.a_user)
		name = self.ready(client, person=self.p.name)
		self.ok(self.submit(client, name))
		frappe.db.set_value("Support Request", name, "transition_comment", "INTERNALEXPORTZ")
		for person in (self.a.name, self.p.name):
			if not frappe.db.exists("Beneficiary Medical Profile", {"beneficiary": person}):
				frappe.get_doc(
					{
						"doctype": "Beneficiary Medical Profile",
						"beneficiary": person,
						"diagnosis": f"DIAGNOSISZ {person}",
						"notes": "INTERNALEXPORTZ staff note",
					}
				).insert(ignore_permissions=True)
		authorization = frappe.db.get_value(
			"Carer Authorization", {"carer": self.a.name, "patient": self.p.name}
		)
		frappe.db.set_value("Carer Authorization", authorization, "includes_medical_data", 0)
		frappe.db.commit()

		own = client.call(f"{PORTAL}.download_my_data", http="GET")
		self.assertEqual(own.status_code, 200, own.text[:300])
		self.assertIn("attachment", own.headers.get("Content-Disposition", ""))
		data = frappe.parse_json(own.content.decode())
		self.assertEqual(data["person"]["name"], self.a.name)
		self.assertEqual(data["person"]["national_id"], self.a.national_id, "their own data, whole")
		self.assertIn(f"DIAGNOSISZ {self.a.name}", own.text, "their own medical data")
		self.assertNotIn("INTERNALEXPORTZ", own.text)

		patient = client.call(f"{PORTAL}.download_my_data", http="GET", person=self.p.name)
		self.assertEqual(patient.status_code, 200, patient.text[:300])
		self.assertIn(name, patient.text)
		self.assertNotIn("DIAGNOSISZ", patient.text, "the authorization does not include medical data")
		self.assertNotIn(c.DOCUMENT_MEDICAL_REPORT, patient.text)
		self.assertNotIn("INTERNALEXPORTZ", patient.text)
		frappe.db.set_value("Carer Authorization", authorization, "includes_medical_data", 1)
		frappe.db.commit()
		patient = client.call(f"{PORTAL}.download_my_data", http="GET", person=self.p.name)
		self.assertIn(f"DIAGNOSISZ {self.p.name}", patient.text)
		self.assertNotIn("INTERNALEXPORTZ", patient.text)
		# Nobody else's: another account, a guest, a desk user.
		for other in (Client(self.b_user), Client(), Client(self.officer)):
			refused = other.call(f"{PORTAL}.download_my_data", http="GET", person=self.p.name)
			self.assertIn(refused.status_code, (403, 404))
			self.assertNotIn("DIAGNOSISZ", refused.text)
		self.assertIn("Download my data", client.get("/my-profile").text)


def link(client, path: str):
	"""A link opened as a mail reader's browser would, its redirect not followed."""
	return client.session.get(f"{base_url()}{path}", allow_redirects=False, timeout=60)


class TestContactChange(UsesFakeGateway, PortalRequestsCase):
	def code_to(self, mobile: str) -> str:
		deadline = time.monotonic() + 30
		while time.monotonic() < deadline:
			frappe.db.rollback()
			recipient = frappe.db.get_value(
				"SMS Outbox",
				{"purpose": "Mobile Change Code", "reference_name": self.a.name},
				"recipient",
				order_by="creation desc",
			)
			texts = recipient and self.gateway.texts_to(recipient)
			if texts:
				return re.search(r"\b\d{6}\b", texts[-1]).group(0)
			time.sleep(0.3)
		self.fail("no code reached the gateway")

	def test_a_new_mobile_is_confirmed_by_the_code_sent_to_it_and_signs_in(self):
		client = Client(self.a_user)
		for bad, field in (
			("12345", "mobile_no"),
			("<script>", "mobile_no"),
			(self.a.mobile_no, "mobile_no"),
		):
			refused = client.call(f"{PORTAL}.request_mobile_change", mobile_no=bad)
			self.assertEqual(refused.status_code, 417, text(refused)[:300])
			self.assertIn(field, refused.json()["field_errors"])
		frappe.db.set_value("User", self.b_user, "mobile_no", "0557000741")
		frappe.db.commit()
		taken = client.call(f"{PORTAL}.request_mobile_change", mobile_no="0557000741")
		self.assertIn("mobile_no", taken.json().get("field_errors", {}), "another account's number")
		new = f"0556{secrets.randbelow(10**6):06d}"
		self.ok(client.call(f"{PORTAL}.request_mobile_change", mobile_no=new))
		code = self.code_to(new)
		wrong = client.call(
			f"{PORTAL}.confirm_mobile_change", code="000000" if code != "000000" else "111111"
		)
		self.assertIn("code", wrong.json()["field_errors"])
		self.ok(client.call(f"{PORTAL}.confirm_mobile_change", code=code))
		frappe.db.rollback()
		self.assertEqual(
			frappe.db.get_value("Beneficiary", self.a.name, "mobile_no"), normalize_saudi_mobile(new)[0]
		)
		self.assertEqual(frappe.db.get_value("User", self.a_user, "mobile_no"), sign_in_form(new))
		# The account signs in with the new number.
		self.assertEqual(
			self.ok(Client(new).call(f"{PORTAL}.my_requests", http="GET"))["people"][0]["name"], self.a.name
		)

	def test_a_new_email_is_confirmed_by_its_link_and_becomes_the_login_id(self):
		frappe.db.delete("Beneficiary", {"national_id": test_national_id(743)})
		old = website_user(f"portal.req.mail.{frappe.generate_hash(length=6)}")
		ben = make_beneficiary(743, BRANCH, full_name="مغيرة البريد", contact_consent=1, email=old)
		link_account(frappe.get_doc("Beneficiary", ben.name), old)
		frappe.db.commit()
		client = Client(old)
		new = f"new.{old}"
		for bad in ("not-an-address", "<script>@x", old):
			refused = client.call(f"{PORTAL}.request_email_change", email=bad)
			self.assertIn("email", refused.json().get("field_errors", {}), bad)
		self.ok(client.call(f"{PORTAL}.request_email_change", email=new))
		mail = frappe.get_all(
			"Email Queue",
			filters={"reference_name": ben.name},
			fields=["message"],
			order_by="creation desc",
			limit=1,
		)
		_subject, body = test_portal_accounts.read_mail(mail[0].message)
		path = re.search(
			r"(/api/method/amass_relations\.api\.portal\.confirm_email_change\?token=[\w-]+)", body
		).group(1)
		# Another account cannot use the link; a guest is sent to sign in first.
		self.assertNotEqual(link(Client(self.b_user), path).status_code, 302)
		guest = link(Client(), path)
		self.assertIn("/login?redirect-to=", guest.headers.get("Location", ""))
		done = link(client, path)
		self.assertIn(done.status_code, (301, 302, 303), done.text[-3000:])
		self.assertIn("/login", done.headers["Location"])
		frappe.db.rollback()
		self.assertTrue(frappe.db.exists("User", new))
		self.assertFalse(frappe.db.exists("User", old))
		self.assertEqual(frappe.db.get_value("Beneficiary", ben.name, ["email", "user"]), (new, new))
		# The old session has ended; the new login id signs in and sees the file.
		self.assertEqual(client.call(f"{PORTAL}.my_requests", http="GET").status_code, 403)
		self.assertEqual(
			self.ok(Client(new).call(f"{PORTAL}.my_requests", http="GET"))["people"][0]["name"], ben.name
		)
		# The link works once.
		self.assertNotEqual(link(Client(new), path).status_code, 302)


class TestBenchmarkDoors(AmassTestCase):
	def test_the_benchmarks_bare_method_is_shut_outside_a_benchmark_site(self):
		self.assertFalse(frappe.conf.get("amass_benchmark_site"))
		user = make_login("bench.door@amass-test.example.com", [])
		frappe.db.commit()
		response = Client(user).call(
			"amass_relations.benchmarks.portal_submissions.bare_submit", description="x"
		)
		self.assertEqual(response.status_code, 403, text(response)[:300])
