"""Health data and branch isolation, through the same APIs the desk and integrators use."""

import json

import frappe
from frappe.desk.form.load import getdoc
from frappe.desk.reportview import get as reportview_get
from frappe.desk.reportview import get_count as reportview_count
from frappe.desk.search import search_widget

from amass_relations.constants import (
	DOCUMENT_MEDICAL_REPORT,
	DOCUMENT_NATIONAL_ID_COPY,
	ROLE_BRANCH_REPRESENTATIVE,
	ROLE_OFFICER,
	ROLE_SOCIAL_RESEARCHER,
)
from amass_relations.tests.utils import AmassTestCase, make_beneficiary, make_branch, make_user

DIAGNOSIS = "DIAGNOSIS-SECRET-7431 ورم تجريبي"


def get_count(doctype, filters):
	"""What the desk's count (and /api/method/frappe.desk.reportview.get_count) runs."""
	frappe.local.form_dict = frappe._dict(doctype=doctype, filters=filters)
	try:
		return reportview_count()
	finally:
		frappe.local.form_dict = frappe._dict()


def payload_text(*parts) -> str:
	return json.dumps(json.loads(frappe.as_json(parts)), ensure_ascii=False)


def _attach(doctype, name, content, file_name):
	return frappe.get_doc(
		{
			"doctype": "File",
			"file_name": file_name,
			"attached_to_doctype": doctype,
			"attached_to_name": name,
			"is_private": 1,
			"content": content,
		}
	).insert(ignore_permissions=True)


class TestMedicalDataApart(AmassTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.rep = make_user("rep.privacy@amass-test.example.com", [ROLE_BRANCH_REPRESENTATIVE])
		cls.researcher = make_user("researcher.privacy@amass-test.example.com", [ROLE_SOCIAL_RESEARCHER])
		cls.branch = make_branch("فرع اختبار الخصوصية", "مدينة الخصوصية", users=(cls.rep,))
		cls.beneficiary = make_beneficiary(100, cls.branch)
		profile = frappe.get_doc(
			{
				"doctype": "Beneficiary Medical Profile",
				"beneficiary": cls.beneficiary.name,
				"diagnosis": "أولي",
			}
		).insert()
		# An old value too: version history must not carry it to the beneficiary's form.
		profile.diagnosis = DIAGNOSIS
		profile.save()
		cls.medical_file = _attach(profile.doctype, profile.name, "medical report", "medical-report-test.txt")
		cls.profile = profile

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_the_beneficiary_form_payload_carries_no_medical_data(self):
		frappe.set_user(self.rep)
		getdoc("Beneficiary", self.beneficiary.name)
		payload = payload_text(frappe.response.get("docs"), frappe.response.get("docinfo"))
		self.assertIn(self.beneficiary.full_name, payload)
		self.assertNotIn("DIAGNOSIS-SECRET-7431", payload)
		self.assertNotIn("medical-report-test", payload)

	def test_a_branch_representative_cannot_open_the_medical_profile(self):
		frappe.set_user(self.rep)
		self.assertFalse(frappe.has_permission("Beneficiary Medical Profile", "read", doc=self.profile.name))
		with self.assertRaises(frappe.PermissionError):
			getdoc("Beneficiary Medical Profile", self.profile.name)

	def test_the_medical_attachment_is_refused(self):
		# download_private_file is what /private/files/... runs; PermissionError becomes HTTP 403.
		from frappe.utils.response import download_private_file
		from werkzeug.exceptions import Forbidden
		from werkzeug.test import EnvironBuilder

		frappe.local.request = EnvironBuilder(path=self.medical_file.file_url).get_request()
		self.addCleanup(setattr, frappe.local, "request", None)
		frappe.set_user(self.rep)
		with self.assertRaises(Forbidden) as refused:
			download_private_file(self.medical_file.file_url)
		self.assertEqual(refused.exception.code, 403)
		frappe.set_user(self.researcher)
		response = download_private_file(self.medical_file.file_url)
		self.assertEqual(response.status_code, 200)

	def test_filtering_or_counting_on_medical_fields_is_refused(self):
		frappe.set_user(self.rep)
		with self.assertRaises(frappe.PermissionError):
			get_count("Beneficiary Medical Profile", filters={"diagnosis": ("like", "%SECRET%")})
		with self.assertRaises(Exception):
			get_count("Beneficiary", filters={"diagnosis": ("like", "%SECRET%")})

	def test_the_social_researcher_reads_it_and_views_are_tracked(self):
		frappe.set_user(self.researcher)
		getdoc("Beneficiary Medical Profile", self.profile.name)
		self.assertIn("DIAGNOSIS-SECRET-7431", payload_text(frappe.response.docs))
		self.assertTrue(frappe.get_meta("Beneficiary Medical Profile").track_views)

	def test_medical_documents_of_the_person_are_hidden_from_the_branch(self):
		frappe.set_user("Administrator")
		medical = frappe.get_doc(
			{
				"doctype": "Beneficiary Document",
				"beneficiary": self.beneficiary.name,
				"document_type": DOCUMENT_MEDICAL_REPORT,
				"file": "/private/files/medical-report-test.txt",
				"expiry_date": "2099-01-01",
			}
		).insert()
		identity = frappe.get_doc(
			{
				"doctype": "Beneficiary Document",
				"beneficiary": self.beneficiary.name,
				"document_type": DOCUMENT_NATIONAL_ID_COPY,
				"file": "/private/files/id-copy-test.txt",
				"expiry_date": "2099-01-01",
			}
		).insert()
		frappe.set_user(self.rep)
		visible = frappe.get_list(
			"Beneficiary Document", filters={"beneficiary": self.beneficiary.name}, pluck="name"
		)
		self.assertEqual(visible, [identity.name])
		self.assertFalse(frappe.has_permission("Beneficiary Document", "read", doc=medical.name))


class TestBranchIsolation(AmassTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.rep_a = make_user("rep.a@amass-test.example.com", [ROLE_BRANCH_REPRESENTATIVE])
		cls.officer = make_user("officer.hq@amass-test.example.com", [ROLE_OFFICER])
		cls.branch_a = make_branch("فرع اختبار العزل أ", "مدينة العزل أ", users=(cls.rep_a,))
		cls.branch_b = make_branch("فرع اختبار العزل ب", "مدينة العزل ب")
		cls.own = make_beneficiary(200, cls.branch_a, full_name="مستفيد العزل الأول")
		cls.other = make_beneficiary(201, cls.branch_b, full_name="مستفيد العزل الثاني")
		# A record with no branch (written past validation, as an import or a bug might): still hidden.
		cls.orphan = make_beneficiary(202, cls.branch_b, full_name="مستفيد العزل الثالث")
		frappe.db.set_value("Beneficiary", cls.orphan.name, "branch_office", None)
		for beneficiary in (cls.own, cls.other):
			frappe.get_doc(
				{
					"doctype": "Interaction",
					"channel": "Phone",
					"beneficiary": beneficiary.name,
					"inquiry": "استفسار اختبار العزل",
				}
			).insert()

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.local.form_dict = frappe._dict()

	def others(self):
		return {self.other.name, self.orphan.name}

	def test_list_and_rest(self):
		frappe.set_user(self.rep_a)
		names = set(frappe.get_list("Beneficiary", pluck="name", limit_page_length=0))
		self.assertIn(self.own.name, names)
		self.assertFalse(names & self.others())
		rest = {row.name for row in frappe.client.get_list("Beneficiary", limit_page_length=0)}
		self.assertFalse(rest & self.others())
		self.assertIn(self.own.name, rest)

	def test_report_view(self):
		frappe.set_user(self.rep_a)
		frappe.local.form_dict = frappe._dict(
			doctype="Beneficiary", fields=["`tabBeneficiary`.`name`"], filters=[], page_length=0
		)
		result = reportview_get()
		names = {row[0] for row in result["values"]} if result else set()
		self.assertFalse(names & self.others())

	def test_counts(self):
		frappe.set_user(self.rep_a)
		self.assertEqual(get_count("Beneficiary", filters={"branch_office": self.branch_b}), 0)
		self.assertEqual(get_count("Beneficiary", filters={"branch_office": ("is", "not set")}), 0)
		self.assertEqual(get_count("Interaction", filters={"branch_office": self.branch_b}), 0)
		self.assertGreaterEqual(get_count("Beneficiary", filters={"branch_office": self.branch_a}), 1)

	def test_search(self):
		frappe.set_user(self.rep_a)
		results = search_widget("Beneficiary", txt="مستفيد العزل", page_length=50, as_dict=True)
		names = {row["name"] for row in results}
		self.assertIn(self.own.name, names)
		self.assertFalse(names & self.others())

	def test_opening_another_branchs_record_is_refused(self):
		frappe.set_user(self.rep_a)
		self.assertFalse(frappe.has_permission("Beneficiary", "read", doc=self.other.name))
		self.assertFalse(frappe.has_permission("Beneficiary", "read", doc=self.orphan.name))
		with self.assertRaises(frappe.PermissionError):
			frappe.client.get("Beneficiary", self.other.name)

	def test_a_representative_cannot_register_into_another_branch(self):
		frappe.set_user(self.rep_a)
		with self.assertRaises(frappe.PermissionError):
			make_beneficiary(203, self.branch_b)

	def test_headquarters_staff_see_every_branch(self):
		frappe.set_user(self.officer)
		names = set(frappe.get_list("Beneficiary", pluck="name", limit_page_length=0))
		self.assertTrue({self.own.name, self.other.name} <= names)

	def test_the_branch_office_user_list_is_the_one_source_of_truth(self):
		permissions = frappe.get_all(
			"User Permission", filters={"user": self.rep_a, "allow": "Branch Office"}, pluck="for_value"
		)
		self.assertEqual(permissions, [self.branch_a])
		branch = frappe.get_doc("Branch Office", self.branch_a)
		branch.set("users", [])
		branch.save()
		self.assertFalse(frappe.db.exists("User Permission", {"user": self.rep_a, "allow": "Branch Office"}))
		branch.append("users", {"user": self.rep_a})
		branch.save()
