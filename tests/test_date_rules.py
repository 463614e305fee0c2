import unittest
from datetime import date, datetime

from amass_relations.rules.dates import (
	birth_date_problem,
	format_hijri,
	gregorian_to_hijri,
	hijri_to_gregorian,
	parse_hijri,
)


class TestHijriToGregorian(unittest.TestCase):
	def test_known_anchors(self):
		# 1 Ramadan 1446 and 1 Muharram 1447 as announced on the Umm al-Qura calendar.
		self.assertEqual(hijri_to_gregorian(1446, 9, 1), (date(2025, 3, 1), None))
		self.assertEqual(hijri_to_gregorian(1447, 1, 1), (date(2025, 6, 26), None))

	def test_day_that_does_not_exist(self):
		self.assertEqual(hijri_to_gregorian(1446, 9, 30), (None, "invalid_hijri_date"))  # 29-day Ramadan
		self.assertEqual(hijri_to_gregorian(1446, 13, 1), (None, "invalid_hijri_date"))
		self.assertEqual(hijri_to_gregorian(1446, 0, 1), (None, "invalid_hijri_date"))
		self.assertEqual(hijri_to_gregorian(1446, 1, 0), (None, "invalid_hijri_date"))
		self.assertEqual(hijri_to_gregorian(1446, 1, 31), (None, "invalid_hijri_date"))

	def test_not_whole_numbers(self):
		self.assertEqual(hijri_to_gregorian(1446, 9, 1.0), (None, "invalid_hijri_date"))
		self.assertEqual(hijri_to_gregorian("1446", 9, 1), (None, "invalid_hijri_date"))
		self.assertEqual(hijri_to_gregorian(1446, True, 1), (None, "invalid_hijri_date"))

	def test_out_of_range(self):
		self.assertEqual(hijri_to_gregorian(1300, 1, 1), (None, "out_of_range"))
		self.assertEqual(hijri_to_gregorian(1600, 1, 1), (None, "out_of_range"))


class TestGregorianToHijri(unittest.TestCase):
	def test_known_anchors(self):
		self.assertEqual(gregorian_to_hijri(date(2025, 3, 1)), (1446, 9, 1))
		self.assertEqual(gregorian_to_hijri(date(2025, 6, 26)), (1447, 1, 1))
		self.assertEqual(gregorian_to_hijri(datetime(2025, 6, 26, 23, 59)), (1447, 1, 1))

	def test_round_trip(self):
		for day in (date(1950, 5, 17), date(2000, 2, 29), date(2024, 12, 31), date(2030, 1, 1)):
			with self.subTest(day=day):
				self.assertEqual(hijri_to_gregorian(*gregorian_to_hijri(day)), (day, None))

	def test_out_of_range(self):
		self.assertIsNone(gregorian_to_hijri(date(1900, 1, 1)))
		self.assertIsNone(gregorian_to_hijri(date(2100, 1, 1)))


class TestParseHijri(unittest.TestCase):
	def test_accepted_forms(self):
		expected = (date(2025, 3, 15), None)
		for text in (
			"1446-09-15",
			"1446/09/15",
			"1446/9/15",
			"15/09/1446",
			"15-9-1446",
			"  1446-09-15 ",
			"١٤٤٦-٠٩-١٥",
			"١٥/٠٩/١٤٤٦",
			"۱۴۴۶/۹/۱۵",
		):
			with self.subTest(text=text):
				self.assertEqual(parse_hijri(text), expected)

	def test_missing(self):
		for text in (None, "", "   "):
			with self.subTest(text=text):
				self.assertEqual(parse_hijri(text), (None, "missing"))

	def test_bad_format(self):
		for text in (
			"1446",
			"1446-09",
			"46/09/15",
			"15/09/46",
			"1446-09/15",
			"1446.09.15",
			"1446-009-15",
			"15 Ramadan 1446",
			"١٤٤٦ رمضان ١٥",
			"<b>1446-09-15</b>",
			"１４４６-０９-１５",
			date(2025, 3, 15),
		):
			with self.subTest(text=text):
				self.assertEqual(parse_hijri(text), (None, "bad_format"))

	def test_day_that_does_not_exist(self):
		self.assertEqual(parse_hijri("1446-09-30"), (None, "invalid_hijri_date"))
		self.assertEqual(parse_hijri("1446-13-01"), (None, "invalid_hijri_date"))
		self.assertEqual(parse_hijri("00/09/1446"), (None, "invalid_hijri_date"))

	def test_out_of_range(self):
		self.assertEqual(parse_hijri("1300-01-01"), (None, "out_of_range"))
		self.assertEqual(parse_hijri("01/01/2025"), (None, "out_of_range"))  # a Gregorian date typed here


class TestFormatHijri(unittest.TestCase):
	def test_format(self):
		self.assertEqual(format_hijri(date(2025, 3, 1)), "1446-09-01")
		self.assertEqual(format_hijri(date(2025, 6, 26)), "1447-01-01")

	def test_out_of_range_is_empty(self):
		self.assertEqual(format_hijri(date(1900, 1, 1)), "")


class TestBirthDate(unittest.TestCase):
	TODAY = date(2026, 5, 10)

	def test_plausible(self):
		self.assertIsNone(birth_date_problem(date(1980, 1, 1), self.TODAY))
		self.assertIsNone(birth_date_problem(self.TODAY, self.TODAY))

	def test_in_future(self):
		self.assertEqual(birth_date_problem(date(2026, 5, 11), self.TODAY), "in_future")

	def test_too_old(self):
		self.assertIsNone(birth_date_problem(date(1896, 5, 10), self.TODAY))
		self.assertEqual(birth_date_problem(date(1896, 5, 9), self.TODAY), "too_old")
		# A Hijri birth date typed into the Gregorian field.
		self.assertEqual(birth_date_problem(date(1446, 9, 15), self.TODAY), "too_old")

	def test_leap_day_today(self):
		self.assertIsNone(birth_date_problem(date(1894, 2, 28), date(2024, 2, 29)))
		self.assertEqual(birth_date_problem(date(1894, 2, 27), date(2024, 2, 29)), "too_old")

	def test_missing(self):
		self.assertEqual(birth_date_problem(None, self.TODAY), "missing")


if __name__ == "__main__":
	unittest.main()
