import frappe
from frappe.utils import add_days, today

from amass_relations.amass_relations.doctype.beneficiary_document.beneficiary_document import (
	BeneficiaryDocumentError,
)
from amass_relations.amass_relations.doctype.carer_authorization.carer_authorization import (
	CarerAuthorizationError,
	expire_lapsed_authorizations,
	is_active_carer,
)
from amass_relations.constants import (
	CATEGORY_FAMILY_MEMBER,
	DOCUMENT_NATIONAL_ID_COPY,
	DOCUMENT_PRICE_QUOTATION,
	ROLE_OFFICER,
	ROLE_SOCIAL_RESEARCHER,
)
from amass_relations.services.branches import branch_for_city
from amass_relations.services.documents import valid_documents
from amass_relations.tests.utils import AmassTestCase, make_beneficiary, make_branch, make_user


class TestBranchRouting(AmassTestCase):
	def test_a_city_goes_to_the_branch_that_serves_it_else_headquarters(self):
		frappe.db.set_value("Branch Office", {"is_headquarters": 1}, "is_headquarters", 0)
		hq = make_branch("مقر اختبار التوجيه", "عاصمة الاختبار", headquarters=1)
		branch = frappe.get_doc(
			{
				"doctype": "Branch Office",
				"branch_name": "فرع اختبار التوجيه",
				"city": "مدينة التوجيه",
				"cities_served": [{"city": "قرية التوجيه"}],
			}
		).insert()
		self.assertEqual(branch_for_city("مدينة التوجيه"), branch.name)
		self.assertEqual(branch_for_city("قرية التوجيه"), branch.name)
		self.assertEqual(branch_for_city("مدينة لا يخدمها فرع"), hq)
		self.assertEqual(branch_for_city(None), hq)

	def test_a_city_is_served_by_one_branch_and_there_is_one_headquarters(self):
		make_branch("فرع المدينة الأولى", "مدينة مشتركة")
		with self.assertRaises(frappe.ValidationError):
			frappe.get_doc(
				{
					"doctype": "Branch Office",
					"branch_name": "فرع منافس",
					"city": "أخرى",
					"cities_served": [{"city": "مدينة مشتركة"}],
				}
			).insert()
		frappe.db.set_value("Branch Office", {"is_headquarters": 1}, "is_headquarters", 0)
		make_branch("مقر أول", "مدينة المقر الأول", headquarters=1)
		with self.assertRaises(frappe.ValidationError):
			make_branch("مقر ثان", "مدينة المقر الثاني", headquarters=1)


class TestCarers(AmassTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.officer = make_user("officer.carers@amass-test.example.com", [ROLE_OFFICER])
		cls.branch = make_branch("فرع اختبار المرافقين", "مدينة المرافقين")
		cls.patient = make_beneficiary(300, cls.branch)
		cls.carer = make_beneficiary(301, cls.branch, beneficiary_category=CATEGORY_FAMILY_MEMBER)

	def setUp(self):
		frappe.db.delete("Carer Authorization", {"patient": ("like", "BEN-%")})

	def tearDown(self):
		frappe.set_user("Administrator")

	def authorization(self, **values):
		return frappe.get_doc(
			{
				"doctype": "Carer Authorization",
				"patient": self.patient.name,
				"carer": self.carer.name,
				"relationship": "Son or Daughter",
				"valid_from": add_days(today(), -10),
				"valid_until": add_days(today(), 30),
				"authorization_document": "/private/files/authorization-test.pdf",
				**values,
			}
		)

	def test_activation_records_the_verifier_and_grants_rights(self):
		frappe.set_user(self.officer)
		authorization = self.authorization().insert()
		self.assertFalse(is_active_carer(self.carer.name, self.patient.name))
		authorization.status = "Active"
		authorization.save()
		self.assertEqual(authorization.verified_by, self.officer)
		self.assertTrue(is_active_carer(self.carer.name, self.patient.name))
		self.assertEqual(authorization.branch_office, self.branch)

	def test_revoking_ends_rights_at_once_and_needs_a_reason(self):
		authorization = self.authorization(status="Active").insert()
		authorization.status = "Revoked"
		with self.assertRaises(CarerAuthorizationError):
			authorization.save()
		authorization.reload()
		authorization.status = "Revoked"
		authorization.revocation_reason = "طلب المريض"
		authorization.save()
		self.assertFalse(is_active_carer(self.carer.name, self.patient.name))

	def test_expiry_ends_rights_before_the_nightly_job_runs(self):
		authorization = self.authorization(status="Active").insert()
		frappe.db.set_value("Carer Authorization", authorization.name, "valid_until", add_days(today(), -1))
		self.assertFalse(is_active_carer(self.carer.name, self.patient.name))
		expire_lapsed_authorizations()
		self.assertEqual(frappe.db.get_value("Carer Authorization", authorization.name, "status"), "Expired")

	def test_bad_authorizations_are_refused(self):
		with self.assertRaises(CarerAuthorizationError):
			self.authorization(carer=self.patient.name).insert()
		with self.assertRaises(CarerAuthorizationError):
			self.authorization(valid_until=add_days(today(), -20)).insert()
		with self.assertRaises(CarerAuthorizationError):
			self.authorization(status="Active", authorization_document=None).insert()
		self.authorization().insert()
		with self.assertRaises(CarerAuthorizationError):
			self.authorization().insert()

	def test_a_patient_may_have_several_carers_and_a_carer_several_patients(self):
		other_carer = make_beneficiary(302, self.branch, beneficiary_category=CATEGORY_FAMILY_MEMBER)
		other_patient = make_beneficiary(303, self.branch)
		self.authorization(status="Active").insert()
		self.authorization(status="Active", carer=other_carer.name).insert()
		self.authorization(status="Active", patient=other_patient.name).insert()
		self.assertTrue(is_active_carer(other_carer.name, self.patient.name))
		self.assertTrue(is_active_carer(self.carer.name, other_patient.name))


class TestBeneficiaryDocuments(AmassTestCase):
	def test_documents_are_reused_while_valid_and_verified(self):
		branch = make_branch("فرع اختبار المستندات", "مدينة المستندات")
		beneficiary = make_beneficiary(400, branch)
		document = frappe.get_doc(
			{
				"doctype": "Beneficiary Document",
				"beneficiary": beneficiary.name,
				"document_type": DOCUMENT_NATIONAL_ID_COPY,
				"file": "/private/files/id-copy-400.pdf",
				"expiry_date": add_days(today(), 100),
			}
		).insert()
		self.assertEqual(valid_documents(beneficiary.name), {}, "not verified yet")
		document.verify()
		self.assertEqual(valid_documents(beneficiary.name), {DOCUMENT_NATIONAL_ID_COPY: document.name})
		self.assertEqual(valid_documents(beneficiary.name, on=add_days(today(), 101)), {})

	def test_expiring_types_need_a_date_and_request_documents_are_refused(self):
		branch = make_branch("فرع اختبار المستندات", "مدينة المستندات")
		beneficiary = make_beneficiary(401, branch)
		for values in (
			{"document_type": DOCUMENT_NATIONAL_ID_COPY},
			{"document_type": DOCUMENT_PRICE_QUOTATION, "expiry_date": "2099-01-01"},
		):
			with self.subTest(values=values), self.assertRaises(BeneficiaryDocumentError):
				frappe.get_doc(
					{
						"doctype": "Beneficiary Document",
						"beneficiary": beneficiary.name,
						"file": "/private/files/x.pdf",
						**values,
					}
				).insert()


class TestInteractions(AmassTestCase):
	def test_an_unregistered_caller_is_routed_and_referred_to_social_research(self):
		frappe.db.set_value("Branch Office", {"is_headquarters": 1}, "is_headquarters", 0)
		hq = make_branch("مقر اختبار التواصل", "عاصمة التواصل", headquarters=1)
		researcher = make_user("researcher.referral@amass-test.example.com", [ROLE_SOCIAL_RESEARCHER])
		officer = make_user("officer.referral@amass-test.example.com", [ROLE_OFFICER])
		frappe.set_user(officer)
		try:
			interaction = frappe.get_doc(
				{
					"doctype": "Interaction",
					"channel": "Phone",
					"caller_name": "متصل غير مسجل",
					"caller_mobile": "٠٥٥١١١٢٢٢٣",
					"caller_city": "مدينة بلا فرع",
					"inquiry": "لا أفهم خطوات التسجيل",
				}
			).insert()
			self.assertEqual(interaction.branch_office, hq)
			self.assertEqual(interaction.caller_mobile, "+966551112223")
			interaction.refer_to_social_researcher(researcher)
			self.assertEqual(interaction.status, "Referred")
			self.assertTrue(
				frappe.db.exists(
					"ToDo", {"reference_name": interaction.name, "allocated_to": researcher, "status": "Open"}
				)
			)
			with self.assertRaises(frappe.ValidationError):
				interaction.refer_to_social_researcher(officer)
			frappe.set_user(researcher)
			answered = frappe.get_doc("Interaction", interaction.name)
			answered.research_answer = "شُرحت خطوات التسجيل بالتفصيل"
			answered.save()
			self.assertEqual(answered.status, "Answered")
			self.assertFalse(frappe.db.exists("ToDo", {"reference_name": interaction.name, "status": "Open"}))
		finally:
			frappe.set_user("Administrator")

	def test_a_caller_without_name_or_beneficiary_is_refused(self):
		with self.assertRaises(frappe.ValidationError):
			frappe.get_doc({"doctype": "Interaction", "channel": "Phone", "inquiry": "؟"}).insert()
