import unittest
from datetime import date

from amass_relations.rules import working_days as wd

WEEKEND = wd.weekend_numbers(wd.SAUDI_WEEKEND)
# Eid al-Fitr 1447 (a sample of the manager's calendar) and the fixed days.
HOLIDAYS = frozenset(
	{
		date(2026, 3, 19),
		date(2026, 3, 20),
		date(2026, 3, 21),
		date(2026, 3, 22),
		date(2026, 2, 22),
		date(2026, 9, 23),
	}
)


class TestWorkingDays(unittest.TestCase):
	def test_the_saudi_weekend_is_friday_and_saturday(self):
		self.assertEqual(WEEKEND, frozenset({4, 5}))
		self.assertFalse(wd.is_working_day(date(2026, 11, 27), WEEKEND, frozenset()))  # a Friday
		self.assertFalse(wd.is_working_day(date(2026, 11, 28), WEEKEND, frozenset()))  # a Saturday
		self.assertTrue(wd.is_working_day(date(2026, 11, 29), WEEKEND, frozenset()))  # a Sunday

	def test_a_thursday_arrival_is_due_next_sunday_after_one_working_day(self):
		self.assertEqual(wd.add_working_days(date(2026, 11, 26), 1, WEEKEND), date(2026, 11, 29))
		self.assertEqual(wd.add_working_days(date(2026, 11, 26), 5, WEEKEND), date(2026, 12, 3))
		self.assertEqual(wd.add_working_days(date(2026, 11, 26), 10, WEEKEND), date(2026, 12, 10))

	def test_holidays_are_skipped_and_eid_moves_the_deadline(self):
		# Arrived Wednesday 18 March 2026, Eid al-Fitr 19-22 March (Thursday to Sunday).
		self.assertEqual(wd.add_working_days(date(2026, 3, 18), 1, WEEKEND, HOLIDAYS), date(2026, 3, 23))
		self.assertEqual(wd.add_working_days(date(2026, 3, 18), 1, WEEKEND), date(2026, 3, 19))
		# National Day on a Wednesday.
		self.assertEqual(wd.add_working_days(date(2026, 9, 22), 1, WEEKEND, HOLIDAYS), date(2026, 9, 24))

	def test_zero_days_is_the_next_working_day(self):
		self.assertEqual(wd.add_working_days(date(2026, 11, 27), 0, WEEKEND), date(2026, 11, 29))
		self.assertEqual(wd.add_working_days(date(2026, 11, 26), 0, WEEKEND), date(2026, 11, 26))

	def test_days_between_counts_working_days_only(self):
		self.assertEqual(wd.working_days_between(date(2026, 11, 26), date(2026, 12, 10), WEEKEND), 10)
		self.assertEqual(wd.working_days_between(date(2026, 12, 10), date(2026, 11, 26), WEEKEND), -10)
		self.assertEqual(wd.working_days_between(date(2026, 3, 18), date(2026, 3, 23), WEEKEND, HOLIDAYS), 1)
		for start in (date(2026, 1, 1) + (date(2026, 1, 2) - date(2026, 1, 1)) * n for n in range(0, 60, 7)):
			for days in (0, 1, 3, 10, 30):
				due = wd.add_working_days(start, days, WEEKEND, HOLIDAYS)
				if days:
					self.assertEqual(
						wd.working_days_between(start, due, WEEKEND, HOLIDAYS), days, (start, days)
					)

	def test_bad_weekends_are_refused(self):
		with self.assertRaises(ValueError):
			wd.weekend_numbers(["Friday", "Caturday"])
		with self.assertRaises(ValueError):
			wd.weekend_numbers(wd.WEEKDAYS)
		with self.assertRaises(ValueError):
			wd.add_working_days(date(2026, 1, 1), -1, WEEKEND)
