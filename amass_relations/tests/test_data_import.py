"""Data Import of beneficiaries, through the framework's own importer: the roles that register
beneficiaries import them; every row the registry refuses (a registered ID, an ID twice in the file, an
invalid ID, another branch's row) is its own row error with the registry's message, and the other rows
are imported."""

import frappe

from amass_relations import constants as c
from amass_relations.services.imports import BENEFICIARY_COLUMNS, prepare_import
from amass_relations.tests.utils import (
	AmassTestCase,
	make_beneficiary,
	make_branch,
	make_user,
	test_national_id,
)

IMPORT_NUMBERS = range(850, 860)
HOME = "فرع الاستيراد (اختبار)"
OTHER = "فرع آخر للاستيراد (اختبار)"
OFFICER = "import.officer@amass-test.example.com"
BRANCH_OFFICER = "import.branch.officer@amass-test.example.com"


def row(n: int, branch: str = HOME, national_id: str | None = None) -> dict:
	return {
		"national_id": national_id or test_national_id(n),
		"full_name": f"مستورد اختبار {n}",
		"gender": "Male",
		"date_of_birth": "1975-03-02",
		"mobile_no": f"0501{n:06d}"[:10],
		"branch_office": branch,
		"beneficiary_category": c.CATEGORY_PATIENT,
	}


def import_beneficiaries(rows: list[dict], doctype: str = "Beneficiary") -> "frappe.model.document.Document":
	"""What the desk's Data Import does, as the session user, started at once (as Frappe does in tests)."""
	data_import = prepare_import(doctype, BENEFICIARY_COLUMNS, rows, "beneficiaries.csv")
	data_import.start_import()
	return frappe.get_doc("Data Import", data_import.name)


def row_errors(data_import) -> dict[int, str]:
	"""Row number in the file -> what the importer recorded against it."""
	import json

	errors = {}
	for log in frappe.get_all(
		"Data Import Log",
		filters={"data_import": data_import.name, "success": 0},
		fields=["row_indexes", "messages", "exception"],
	):
		for index in json.loads(log.row_indexes):
			errors[index] = f"{log.messages or ''} {log.exception or ''}"
	return errors


class TestBeneficiaryImport(AmassTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		make_user(OFFICER, [c.ROLE_OFFICER])
		make_user(BRANCH_OFFICER, [c.ROLE_OFFICER])
		make_branch(HOME, "مدينة الاستيراد", users=(BRANCH_OFFICER,))
		make_branch(OTHER, "مدينة أخرى للاستيراد")
		frappe.db.commit()

	def setUp(self):
		# The importer commits row by row: each test starts from none of the import IDs registered.
		frappe.set_user("Administrator")
		frappe.db.delete(
			"Beneficiary", {"national_id": ("in", [test_national_id(n) for n in IMPORT_NUMBERS])}
		)
		frappe.db.commit()

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_each_refused_row_is_its_own_error_and_the_rest_are_imported(self):
		registered = make_beneficiary(850, HOME)
		frappe.db.commit()
		frappe.set_user(OFFICER)
		data_import = import_beneficiaries(
			[
				row(851),
				row(850),  # registered already
				row(852),
				row(853, national_id="1000000000"),  # fails the check digit
				row(854),
				row(855, national_id=test_national_id(852)),  # the file's row 4 again
			]
		)
		frappe.set_user("Administrator")
		imported = set(
			frappe.get_all(
				"Beneficiary",
				filters={"national_id": ("in", [test_national_id(n) for n in (851, 852, 854)])},
				pluck="national_id",
			)
		)
		self.assertEqual(len(imported), 3)
		self.assertEqual(data_import.status, "Partial Success")
		errors = row_errors(data_import)
		# The file's rows are numbered from 2 (row 1 is the header).
		self.assertEqual(set(errors), {3, 5, 7}, errors)
		self.assertIn("DuplicateBeneficiaryError", errors[3])
		self.assertIn("InvalidBeneficiaryDataError", errors[5])
		self.assertIn("DuplicateBeneficiaryError", errors[7])
		self.assertEqual(frappe.db.count("Beneficiary", {"national_id": registered.national_id}), 1)

	def test_a_possible_duplicate_is_imported_with_the_warning_on_its_timeline(self):
		frappe.set_user(OFFICER)
		twin = row(853)
		twin["mobile_no"] = row(851)["mobile_no"]  # a relative sharing the phone of file row 2
		import_beneficiaries([row(851), twin])
		frappe.set_user("Administrator")
		first, second = (
			frappe.db.get_value("Beneficiary", {"national_id": test_national_id(n)}) for n in (851, 853)
		)
		self.assertTrue(first and second)
		comments = frappe.get_all(
			"Comment",
			filters={"reference_doctype": "Beneficiary", "reference_name": second, "comment_type": "Comment"},
			pluck="content",
		)
		self.assertTrue(any(first in comment for comment in comments), comments)

	def test_a_branch_officer_imports_only_into_their_branch(self):
		frappe.set_user(BRANCH_OFFICER)
		data_import = import_beneficiaries([row(856), row(857, branch=OTHER)])
		frappe.set_user("Administrator")
		self.assertTrue(frappe.db.exists("Beneficiary", {"national_id": test_national_id(856)}))
		self.assertFalse(frappe.db.exists("Beneficiary", {"national_id": test_national_id(857)}))
		self.assertEqual(set(row_errors(data_import)), {3})

	def test_only_the_roles_that_register_beneficiaries_may_import(self):
		for role in (c.ROLE_SOCIAL_RESEARCHER, c.ROLE_BRANCH_REPRESENTATIVE, c.ROLE_COMMITTEE_CHAIR):
			user = make_user(f"import.{frappe.scrub(role)}@amass-test.example.com", [role])
			frappe.set_user(user)
			with self.subTest(role), self.assertRaises(frappe.PermissionError):
				import_beneficiaries([row(858)])
			frappe.set_user("Administrator")
		self.assertFalse(frappe.db.exists("Beneficiary", {"national_id": test_national_id(858)}))

	def test_an_importer_may_import_only_what_their_role_may_import(self):
		frappe.set_user(OFFICER)
		with self.assertRaises(frappe.PermissionError):
			import_beneficiaries([row(859)], doctype="Support Service Type")

	def test_an_importer_sees_only_their_own_imports(self):
		frappe.set_user(OFFICER)
		mine = import_beneficiaries([row(859)])
		frappe.set_user(BRANCH_OFFICER)
		self.assertNotIn(mine.name, frappe.get_list("Data Import", pluck="name"))
		self.assertFalse(frappe.has_permission("Data Import", "read", doc=mine.name))
