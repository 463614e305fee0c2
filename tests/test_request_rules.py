import unittest

from amass_relations.rules.requests import (
	amount_problem,
	conflict_of_interest,
	declaration_voided,
	file_problem,
)


class TestAmounts(unittest.TestCase):
	def test_financial_services(self):
		self.assertIsNone(amount_problem(True, 1500, 5000))
		self.assertIsNone(amount_problem(True, "5000", 5000))
		self.assertEqual(amount_problem(True, 5000.01, 5000), "above_maximum")
		self.assertEqual(amount_problem(True, 0, 5000), "not_positive")
		self.assertEqual(amount_problem(True, -10, 5000), "not_positive")
		self.assertEqual(amount_problem(True, None, 5000), "not_positive")
		self.assertEqual(amount_problem(True, "ألف", 5000), "not_a_number")

	def test_non_financial_services_carry_no_amount(self):
		self.assertIsNone(amount_problem(False, 0, 0))
		self.assertIsNone(amount_problem(False, None, 0))
		self.assertEqual(amount_problem(False, 100, 0), "amount_on_non_financial")


class TestFiles(unittest.TestCase):
	def test_types_and_sizes(self):
		mb = 1024 * 1024
		self.assertIsNone(file_problem("report.PDF", 2 * mb, 5 * mb))
		self.assertIsNone(file_problem("scan.jpeg", None, 5 * mb))
		self.assertEqual(file_problem("virus.exe", 10, 5 * mb), "file_type")
		self.assertEqual(file_problem("no_extension", 10, 5 * mb), "file_type")
		self.assertEqual(file_problem("page.html", 10, 5 * mb), "file_type")
		self.assertEqual(file_problem("big.png", 6 * mb, 5 * mb), "file_too_large")
		self.assertIsNone(file_problem(None, None, 5 * mb))


class TestConflictOfInterest(unittest.TestCase):
	def test_whoever_took_part_cannot_decide(self):
		args = dict(
			verified_by="officer", researched_by="researcher", applied_by="carer", beneficiary_user="patient"
		)
		self.assertEqual(conflict_of_interest("officer", **args), "verified")
		self.assertEqual(conflict_of_interest("researcher", **args), "researched")
		self.assertEqual(conflict_of_interest("carer", **args), "applied")
		self.assertEqual(conflict_of_interest("patient", **args), "is_beneficiary")
		self.assertIsNone(conflict_of_interest("chair", **args))

	def test_missing_participants_conflict_with_nobody(self):
		self.assertIsNone(conflict_of_interest("chair", None, None, None, None))


class TestDeclaration(unittest.TestCase):
	def test_any_watched_change_voids_it(self):
		watched = ("service_type", "amount_requested")
		before = {"service_type": "Medication", "amount_requested": 0, "urgency": "Normal"}
		self.assertFalse(declaration_voided(before, dict(before, urgency="High"), watched))
		self.assertTrue(declaration_voided(before, dict(before, amount_requested=10), watched))


class TestUploadsByContent(unittest.TestCase):
	MB = 1024 * 1024

	def test_the_kind_is_read_from_the_first_bytes_never_the_name(self):
		from amass_relations.rules.requests import content_kind

		self.assertEqual(content_kind(b"%PDF-1.7\n"), "pdf")
		self.assertEqual(content_kind(b"\x89PNG\r\n\x1a\n\x00"), "png")
		self.assertEqual(content_kind(b"\xff\xd8\xff\xe0\x00\x10JFIF"), "jpg")
		for hostile in (b"MZ\x90\x00", b"\x7fELF\x02", b"<html><script>", b"PK\x03\x04", b"", None, b"%PD"):
			self.assertIsNone(content_kind(hostile), hostile)

	def test_an_upload_is_refused_empty_oversized_or_of_another_kind(self):
		from amass_relations.rules.requests import upload_problem

		self.assertIsNone(upload_problem(b"%PDF-1.4", 1000, 5 * self.MB))
		self.assertEqual(upload_problem(b"", 0, 5 * self.MB), "empty")
		self.assertEqual(upload_problem(b"%PDF-1.4", 5 * self.MB + 1, 5 * self.MB), "file_too_large")
		self.assertEqual(upload_problem(b"MZ\x90\x00", 1000, 5 * self.MB), "file_type")
