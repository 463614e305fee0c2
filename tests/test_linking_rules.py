import unittest
from datetime import date

from amass_relations.rules import linking


class TestLinkingRules(unittest.TestCase):
	def test_a_birth_date_typed_either_way(self):
		self.assertEqual(linking.parse_birth_date("1980-01-15"), (date(1980, 1, 15), None))
		self.assertEqual(linking.parse_birth_date("١٩٨٠-٠١-١٥"), (date(1980, 1, 15), None))
		hijri, problem = linking.parse_birth_date("1400-03-01")
		self.assertIsNone(problem)
		self.assertEqual(hijri.year, 1980)
		self.assertEqual(linking.parse_birth_date("1980-02-30")[1], "bad_format")
		self.assertEqual(linking.parse_birth_date("")[1], "missing")

	def test_codes_and_ids_are_kept_only_as_digests(self):
		digest = linking.code_digest("A@example.com", "123456")
		self.assertEqual(digest, linking.code_digest("a@example.com", "123456"))
		self.assertNotEqual(digest, linking.code_digest("b@example.com", "123456"))
		self.assertNotIn("123456", digest)
		self.assertNotIn("1000000008", linking.id_digest("1000000008"))
