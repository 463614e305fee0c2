import frappe

from amass_relations.amass_relations.doctype.beneficiary.beneficiary import (
	BeneficiaryLinkedError,
	DuplicateBeneficiaryError,
	InvalidBeneficiaryDataError,
)
from amass_relations.constants import ROLE_BRANCH_REPRESENTATIVE, ROLE_OFFICER
from amass_relations.tests.utils import (
	AmassTestCase,
	make_beneficiary,
	make_branch,
	make_user,
	test_national_id,
)

ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")

# (bad input, the words the Arabic message must contain)
BAD_IDS = (
	("123456789", "10 أرقام"),
	("12345678901", "10 أرقام"),
	("1000900abc", "أرقام فقط"),
	("abcdefghij", "أرقام فقط"),
	("1000 90001", "أرقام فقط"),
	("1000-90001", "أرقام فقط"),
	("<b>1000900018</b>", "أرقام فقط"),
	("<script>alert(1)</script>", "أرقام فقط"),
	("1' OR '1'='1", "أرقام فقط"),
	("-100090001", "أرقام فقط"),
	("10009000.1", "أرقام فقط"),
	("１０００９０００１８", "أرقام فقط"),
	("0000900018", "1"),
	("3000900018", "1"),
	("9000900018", "1"),
	("1000900019", "رقم التحقق"),
	("1000900010", "رقم التحقق"),
	("2000900011", "رقم التحقق"),
	("١٠٠٠9٠٠٠١٨", "نوع واحد"),
	("10٠٠900018", "نوع واحد"),
	("", "الهوية"),
	("   ", "الهوية"),
)


class TestBeneficiaryIdentity(AmassTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.branch = make_branch("فرع اختبار الهوية", "مدينة اختبار الهوية")

	def tearDown(self):
		frappe.local.lang = "en"
		frappe.set_user("Administrator")

	def test_bad_ids_are_refused_in_arabic_and_nothing_is_saved(self):
		self.assertGreaterEqual(len(BAD_IDS), 20)
		before = frappe.db.count("Beneficiary")
		frappe.local.lang = "ar"
		for bad, words in BAD_IDS:
			with self.subTest(national_id=bad):
				doc = frappe.get_doc(
					{
						"doctype": "Beneficiary",
						"national_id": bad,
						"full_name": "مستفيد بهوية خاطئة",
						"gender": "Male",
						"date_of_birth": "1990-01-01",
						"branch_office": self.branch,
						"beneficiary_category": "Patient",
					}
				)
				with self.assertRaises(frappe.ValidationError) as caught:
					doc.insert()
				self.assertIn(words, str(caught.exception))
		self.assertEqual(frappe.db.count("Beneficiary"), before)

	def test_the_english_message_names_the_problem(self):
		doc = frappe.get_doc(
			{
				"doctype": "Beneficiary",
				"national_id": "1000900019",
				"full_name": "Check digit",
				"gender": "Male",
				"date_of_birth": "1990-01-01",
				"branch_office": self.branch,
				"beneficiary_category": "Patient",
			}
		)
		with self.assertRaises(InvalidBeneficiaryDataError) as caught:
			doc.insert()
		self.assertIn("check digit", str(caught.exception))

	def test_arabic_indic_digits_are_stored_as_ascii(self):
		national_id = test_national_id(1)
		doc = make_beneficiary(1, self.branch, national_id=national_id.translate(ARABIC_DIGITS))
		self.assertEqual(doc.national_id, national_id)
		self.assertEqual(doc.id_kind, "Citizen")
		self.assertTrue(doc.name.startswith("BEN-"))
		self.assertNotIn(national_id, doc.name)

	def test_mobile_numbers_are_normalized_or_refused(self):
		for typed in ("0551234567", "+966 55 123 4567", "00966551234567", "٠٥٥١٢٣٤٥٦٧"):
			with self.subTest(mobile=typed):
				doc = frappe.get_doc("Beneficiary", make_beneficiary(2, self.branch).name)
				doc.mobile_no = typed
				doc.save()
				self.assertEqual(doc.mobile_no, "+966551234567")
				frappe.delete_doc("Beneficiary", doc.name, force=True)
		for bad in ("0112345678", "05512345", "055123456789", "mobile", "+1 202 555 0100"):
			with self.subTest(mobile=bad), self.assertRaises(InvalidBeneficiaryDataError):
				make_beneficiary(3, self.branch, mobile_no=bad)
		self.assertFalse(frappe.db.exists("Beneficiary", {"national_id": test_national_id(3)}))

	def test_hijri_birth_date_sets_the_gregorian_date(self):
		doc = make_beneficiary(4, self.branch, date_of_birth=None, date_of_birth_hijri="1446-09-01")
		self.assertEqual(str(doc.date_of_birth), "2025-03-01")
		self.assertEqual(doc.date_of_birth_hijri, "1446-09-01")
		doc.date_of_birth_hijri = "١٤٤٧/١/١"
		doc.save()
		self.assertEqual(str(doc.date_of_birth), "2025-06-26")
		doc.date_of_birth = "1990-01-01"
		doc.save()
		self.assertEqual(doc.date_of_birth_hijri, "1410-06-04")

	def test_impossible_dates_are_refused(self):
		with self.assertRaises(InvalidBeneficiaryDataError):
			make_beneficiary(5, self.branch, date_of_birth=None, date_of_birth_hijri="1446-13-01")
		with self.assertRaises(InvalidBeneficiaryDataError):
			make_beneficiary(5, self.branch, date_of_birth="2999-01-01")

	def test_consent_records_who_and_when(self):
		officer = make_user("officer.consent@amass-test.example.com", [ROLE_OFFICER])
		frappe.set_user(officer)
		doc = make_beneficiary(6, self.branch, data_processing_consent=1)
		self.assertEqual(doc.data_consent_by, officer)
		self.assertTrue(doc.data_consent_on)
		self.assertFalse(doc.contact_consent_on)
		doc.data_processing_consent = 0
		doc.save()
		self.assertFalse(doc.data_consent_by)

	def test_the_portal_user_cannot_be_set_by_editing(self):
		from amass_relations.permissions.code_owned import CodeOwnedFieldError

		with self.assertRaises(CodeOwnedFieldError):
			make_beneficiary(7, self.branch, user="Administrator")
		doc = make_beneficiary(7, self.branch)
		doc.user = "Guest"
		with self.assertRaises(CodeOwnedFieldError):
			doc.save()
		self.assertFalse(frappe.db.get_value("Beneficiary", doc.name, "user"))


class TestBeneficiaryDuplicates(AmassTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.officer = make_user("officer.duplicates@amass-test.example.com", [ROLE_OFFICER])
		cls.rep = make_user("rep.duplicates@amass-test.example.com", [ROLE_BRANCH_REPRESENTATIVE])
		cls.branch_a = make_branch("فرع اختبار التكرار أ", "مدينة التكرار أ")
		cls.branch_b = make_branch("فرع اختبار التكرار ب", "مدينة التكرار ب", users=(cls.rep,))

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_the_same_id_is_refused_and_named_to_who_may_read_it(self):
		first = make_beneficiary(20, self.branch_a)
		frappe.set_user(self.officer)
		with self.assertRaises(DuplicateBeneficiaryError) as caught:
			make_beneficiary(20, self.branch_a, full_name="شخص آخر")
		self.assertIn(first.name, str(caught.exception))

	def test_the_refusal_does_not_leak_the_record_to_another_branch(self):
		first = make_beneficiary(21, self.branch_a)
		frappe.set_user(self.rep)
		with self.assertRaises(DuplicateBeneficiaryError) as caught:
			make_beneficiary(21, self.branch_b, full_name="شخص آخر")
		message = str(caught.exception)
		self.assertNotIn(first.name, message)
		self.assertNotIn(first.full_name, message)
		self.assertIn("contact the association", message)

	def test_same_mobile_or_same_name_and_birth_date_warns(self):
		first = make_beneficiary(22, self.branch_a, full_name="عبدالله أحمد التجربة")
		frappe.message_log = []
		make_beneficiary(23, self.branch_a, full_name="عبد الله احمد التجربه", mobile_no="0512345678")
		self.assertIn(first.name, " ".join(str(m) for m in frappe.message_log))
		frappe.message_log = []
		make_beneficiary(24, self.branch_a, full_name="اسم مختلف تماما", mobile_no=first.mobile_no)
		self.assertIn(first.name, " ".join(str(m) for m in frappe.message_log))

	def test_the_three_lookups_use_an_index(self):
		make_beneficiary(25, self.branch_a)
		for condition, values in (
			("national_id = %s", (test_national_id(25),)),
			("mobile_no = %s", ("+966500009025",)),
			("name_key = %s and date_of_birth = %s", ("مستفيداختبار25", "1980-01-15")),
		):
			with self.subTest(condition=condition):
				plan = frappe.db.sql(
					f"EXPLAIN SELECT name FROM `tabBeneficiary` WHERE {condition}", values, as_dict=True
				)
				self.assertNotEqual(plan[0]["type"], "ALL", plan)
				self.assertTrue(plan[0]["key"], plan)


class TestBeneficiaryDeletion(AmassTestCase):
	def test_a_beneficiary_with_linked_records_cannot_be_deleted(self):
		branch = make_branch("فرع اختبار الحذف", "مدينة الحذف")
		doc = make_beneficiary(30, branch)
		frappe.get_doc(
			{"doctype": "Beneficiary Medical Profile", "beneficiary": doc.name, "diagnosis": "x"}
		).insert()
		with self.assertRaises(BeneficiaryLinkedError):
			frappe.delete_doc("Beneficiary", doc.name)
		self.assertTrue(frappe.db.exists("Beneficiary", doc.name))

	def test_changes_are_tracked(self):
		branch = make_branch("فرع اختبار الحذف", "مدينة الحذف")
		doc = make_beneficiary(31, branch)
		doc.mobile_no = "0551234567"
		doc.save(ignore_version=False)  # tests skip versions unless asked
		self.assertTrue(frappe.db.exists("Version", {"ref_doctype": "Beneficiary", "docname": doc.name}))


class TestBeneficiaryContract(AmassTestCase):
	def test_the_rest_fieldnames_integrators_rely_on(self):
		meta = frappe.get_meta("Beneficiary")
		for fieldname in (
			"national_id",
			"full_name",
			"full_name_en",
			"mobile_no",
			"email",
			"branch_office",
			"beneficiary_category",
			"status",
			"preferred_language",
			"user",
		):
			self.assertTrue(meta.has_field(fieldname), fieldname)
		self.assertEqual(meta.autoname, "BEN-.#######")
		self.assertEqual(meta.title_field, "full_name")
