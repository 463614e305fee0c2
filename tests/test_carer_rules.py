import unittest
from datetime import date

from amass_relations.rules.carers import authorization_problem, is_effective, is_lapsed


class TestCarerRules(unittest.TestCase):
	def test_a_patient_cannot_be_their_own_carer(self):
		self.assertEqual(authorization_problem("BEN-1", "BEN-1", None, None), "self_authorization")

	def test_end_before_start_is_refused(self):
		self.assertEqual(
			authorization_problem("BEN-1", "BEN-2", date(2026, 5, 1), date(2026, 4, 30)), "ends_before_start"
		)
		self.assertIsNone(authorization_problem("BEN-1", "BEN-2", date(2026, 5, 1), date(2026, 5, 1)))

	def test_rights_hold_only_while_active_and_in_dates(self):
		start, end = date(2026, 1, 1), date(2026, 6, 30)
		self.assertTrue(is_effective("Active", start, end, date(2026, 6, 30)))
		self.assertFalse(is_effective("Active", start, end, date(2026, 7, 1)), "expiry ends rights at once")
		self.assertFalse(is_effective("Active", start, end, date(2025, 12, 31)))
		self.assertFalse(is_effective("Revoked", start, end, date(2026, 3, 1)))
		self.assertFalse(is_effective("Pending", start, None, date(2026, 3, 1)))
		self.assertTrue(is_effective("Active", start, None, date(2030, 3, 1)))

	def test_lapsed(self):
		self.assertTrue(is_lapsed("Active", date(2026, 1, 1), date(2026, 1, 2)))
		self.assertFalse(is_lapsed("Active", date(2026, 1, 2), date(2026, 1, 2)))
		self.assertFalse(is_lapsed("Revoked", date(2026, 1, 1), date(2026, 1, 2)))
