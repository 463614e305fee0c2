import unittest

from amass_relations.rules.phone import normalize_saudi_mobile

MOBILE = "+966512345678"


class TestNormalizeSaudiMobile(unittest.TestCase):
	def test_accepted_forms(self):
		for value in (
			"0512345678",
			"512345678",
			"966512345678",
			"+966512345678",
			"00966512345678",
			"٠٥١٢٣٤٥٦٧٨",
			"۰۵۱۲۳۴۵۶۷۸",
			"+٩٦٦٥١٢٣٤٥٦٧٨",
			"051 234 5678",
			"051-234-5678",
			"051.234.5678",
			"(051) 234-5678",
			"+966 51 234 5678",
			"  0512345678  ",
			"051\u2013234\u20135678",
		):
			with self.subTest(value=value):
				self.assertEqual(normalize_saudi_mobile(value), (MOBILE, None))

	def test_every_mobile_prefix(self):
		for second in "0123456789":
			with self.subTest(second=second):
				self.assertEqual(
					normalize_saudi_mobile(f"05{second}1234567"), (f"+9665{second}1234567", None)
				)

	def test_missing(self):
		for value in (None, "", "   "):
			with self.subTest(value=value):
				self.assertEqual(normalize_saudi_mobile(value), (None, "missing"))

	def test_mixed_digits(self):
		self.assertEqual(normalize_saudi_mobile("05١٢345678"), (None, "mixed_digits"))
		self.assertEqual(normalize_saudi_mobile("٠٥۱۲۳۴۵۶۷۸"), (None, "mixed_digits"))

	def test_not_digits(self):
		for value in (
			"05123abc78",
			"0512345678 ext 2",
			"966+512345678",
			"0512345678+",
			"++966512345678",
			"+",
			"---",
			"05/1234/5678",
			"０５１２３４５６７８",
			"<b>0512345678</b>",
		):
			with self.subTest(value=value):
				self.assertEqual(normalize_saudi_mobile(value), (None, "not_digits"))

	def test_not_saudi_mobile(self):
		for value in (
			"0112345678",  # Riyadh landline
			"011 234 5678",
			"+966112345678",
			"051234567",  # one digit short
			"05123456789",  # one digit long
			"51234567",
			"+971501234567",  # UAE mobile
			"00971501234567",
			"+44 7700 900123",
			"+0512345678",
			"9660512345678",
			"0966512345678",
			"612345678",
		):
			with self.subTest(value=value):
				self.assertEqual(normalize_saudi_mobile(value), (None, "not_saudi_mobile"))


if __name__ == "__main__":
	unittest.main()
