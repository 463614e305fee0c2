import unittest
from datetime import date

from amass_relations.rules.deadlines import (
	deadline_state,
	delivery_complete,
	delivery_problem,
	percentile,
	thresholds_reached,
)

TODAY = date(2026, 11, 25)


class TestDeadlines(unittest.TestCase):
	def test_states(self):
		self.assertEqual(deadline_state(True, date(2026, 12, 9), TODAY), "On Time")
		self.assertEqual(deadline_state(True, date(2026, 11, 27), TODAY), "Due Soon")
		self.assertEqual(deadline_state(True, TODAY, TODAY), "Due Soon")
		self.assertEqual(deadline_state(True, date(2026, 11, 24), TODAY), "Overdue")
		self.assertEqual(deadline_state(False, date(2026, 11, 24), TODAY), "")

	def test_thresholds_are_inequalities_so_a_missed_day_is_caught(self):
		self.assertEqual(thresholds_reached(date(2026, 11, 28), TODAY), [])
		self.assertEqual(thresholds_reached(date(2026, 11, 27), TODAY), ["Due Soon"])
		# the scheduler did not run for a week: both thresholds are reached at once
		self.assertEqual(thresholds_reached(date(2026, 11, 18), TODAY), ["Due Soon", "Overdue"])


class TestPercentile(unittest.TestCase):
	def test_nearest_rank(self):
		self.assertEqual(percentile([30, 1, 2, 3, 4, 5, 6, 7, 8, 9], 0.9), 9)
		self.assertEqual(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 0.9), 10)
		self.assertEqual(percentile([4], 0.9), 4)
		self.assertIsNone(percentile([], 0.9))


class TestDelivery(unittest.TestCase):
	def test_amounts(self):
		self.assertIsNone(delivery_problem(True, 3000, 1000, 2000, False))
		self.assertEqual(delivery_problem(True, 3000, 1000, 2500, False), "beyond_approved")
		self.assertIsNone(delivery_problem(True, 3000, 1000, 2500, True))
		self.assertEqual(delivery_problem(True, 3000, 0, 0, False), "no_amount")
		self.assertIsNone(delivery_problem(False, 0, 0, 0, False))

	def test_completion(self):
		self.assertFalse(delivery_complete(True, 3000, 1500, False))
		self.assertTrue(delivery_complete(True, 3000, 3000, False))
		self.assertFalse(delivery_complete(False, 0, 0, False))
		self.assertTrue(delivery_complete(False, 0, 0, True))
