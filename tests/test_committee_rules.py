import unittest
from datetime import date, datetime

from amass_relations.rules.committee import committee_due_date, response_days_problem


class TestResponseDays(unittest.TestCase):
	def test_policy_default_is_accepted(self):
		self.assertIsNone(response_days_problem(14))

	def test_bounds(self):
		self.assertIsNone(response_days_problem(1))
		self.assertIsNone(response_days_problem(365))
		self.assertEqual(response_days_problem(0), "too_short")
		self.assertEqual(response_days_problem(-3), "too_short")
		self.assertEqual(response_days_problem(366), "too_long")

	def test_not_a_whole_number(self):
		self.assertEqual(response_days_problem(None), "missing")
		self.assertEqual(response_days_problem(True), "missing")
		self.assertEqual(response_days_problem("two weeks"), "not_a_number")
		self.assertEqual(response_days_problem(14.5), "not_a_number")
		self.assertIsNone(response_days_problem("14"))


class TestCommitteeDueDate(unittest.TestCase):
	def test_calendar_days_after_entry(self):
		self.assertEqual(committee_due_date(date(2026, 11, 25), 14), date(2026, 12, 9))

	def test_time_of_entry_does_not_count(self):
		self.assertEqual(committee_due_date(datetime(2026, 12, 31, 23, 59), 1), date(2027, 1, 1))
