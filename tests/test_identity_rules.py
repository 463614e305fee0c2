import unittest

from amass_relations.rules.digits import digit_scripts, to_ascii_digits
from amass_relations.rules.identity import (
	DEMO_ID_PREFIX,
	demo_national_id,
	demo_resident_id,
	id_kind,
	luhn_check_digit,
	luhn_valid,
	normalize_national_id,
)

VALID_CITIZEN = "1012345672"
VALID_RESIDENT = "2123456788"

BAD_IDS = {
	None: "missing",
	"": "missing",
	"   ": "missing",
	"\t\n": "missing",
	"1012345672١": "mixed_digits",
	"١٠١٢٣٤٥٦٧2": "mixed_digits",
	"١٠١٢٣٤٥۶۷۲": "mixed_digits",
	"<script>1234567890</script>": "not_digits",
	"<b>1012345672</b>": "not_digits",
	"10123 45672": "not_digits",
	"101-234-5672": "not_digits",
	"-1012345672": "not_digits",
	"1012345.672": "not_digits",
	"A012345672": "not_digits",
	"1012345672x": "not_digits",
	"１０１２３４５６７２": "not_digits",
	"10123456😀2": "not_digits",
	"1' OR '1'='1": "not_digits",
	"1012345672\u200b": "not_digits",
	"101234567": "wrong_length",
	"10123456720": "wrong_length",
	"12345": "wrong_length",
	"1": "wrong_length",
	"0123456789": "wrong_first_digit",
	"3012345672": "wrong_first_digit",
	"9012345672": "wrong_first_digit",
	"1012345673": "bad_check_digit",
	"1012345627": "bad_check_digit",
	"1234567890": "bad_check_digit",
	"2123456789": "bad_check_digit",
}


class TestNormalizeNationalId(unittest.TestCase):
	def test_each_bad_id_has_its_code(self):
		self.assertGreaterEqual(len(BAD_IDS), 20)
		for value, code in BAD_IDS.items():
			with self.subTest(value=value):
				self.assertEqual(normalize_national_id(value), (None, code))

	def test_valid_ids(self):
		self.assertEqual(normalize_national_id(VALID_CITIZEN), (VALID_CITIZEN, None))
		self.assertEqual(normalize_national_id(VALID_RESIDENT), (VALID_RESIDENT, None))

	def test_arabic_indic_and_persian_digits_become_ascii(self):
		self.assertEqual(normalize_national_id("١٠١٢٣٤٥٦٧٢"), (VALID_CITIZEN, None))
		self.assertEqual(normalize_national_id("۱۰۱۲۳۴۵۶۷۲"), (VALID_CITIZEN, None))

	def test_surrounding_whitespace_is_stripped(self):
		self.assertEqual(normalize_national_id(f"  {VALID_CITIZEN}\t\n"), (VALID_CITIZEN, None))
		self.assertEqual(normalize_national_id(f"\u00a0{VALID_CITIZEN} "), (VALID_CITIZEN, None))

	def test_number_typed_value(self):
		self.assertEqual(normalize_national_id(int(VALID_CITIZEN)), (VALID_CITIZEN, None))
		self.assertEqual(normalize_national_id(True), (None, "missing"))

	def test_checks_run_in_order(self):
		# Letters in a short number: not_digits is reported before wrong_length.
		self.assertEqual(normalize_national_id("12a"), (None, "not_digits"))
		# A short number starting with 3: wrong_length before wrong_first_digit.
		self.assertEqual(normalize_national_id("3012"), (None, "wrong_length"))


class TestIdKind(unittest.TestCase):
	def test_kinds(self):
		self.assertEqual(id_kind(VALID_CITIZEN), "citizen")
		self.assertEqual(id_kind(VALID_RESIDENT), "resident")

	def test_other_leading_digit_is_an_error(self):
		with self.assertRaises(ValueError):
			id_kind("3012345672")


class TestLuhn(unittest.TestCase):
	def test_known_numbers(self):
		self.assertTrue(luhn_valid("79927398713"))
		self.assertTrue(luhn_valid("4111111111111111"))
		self.assertFalse(luhn_valid("79927398710"))
		self.assertTrue(luhn_valid(VALID_CITIZEN))

	def test_not_digits_is_not_valid(self):
		self.assertFalse(luhn_valid(""))
		self.assertFalse(luhn_valid("１２３"))
		self.assertFalse(luhn_valid("0a"))

	def test_check_digit_completes_a_valid_number(self):
		self.assertEqual(luhn_check_digit("101234567"), "2")
		self.assertEqual(luhn_check_digit("212345678"), "8")
		for first_nine in ("100000000", "199999999", "212121212", "987654321"):
			with self.subTest(first_nine=first_nine):
				self.assertTrue(luhn_valid(first_nine + luhn_check_digit(first_nine)))

	def test_check_digit_needs_digits(self):
		with self.assertRaises(ValueError):
			luhn_check_digit("10123456a")
		with self.assertRaises(ValueError):
			luhn_check_digit("")


class TestDemoIds(unittest.TestCase):
	def test_demo_ids_are_valid_and_distinct(self):
		ids = [demo_national_id(n) for n in range(51)]
		self.assertEqual(len(set(ids)), 51)
		for value in ids:
			with self.subTest(value=value):
				self.assertTrue(value.startswith(DEMO_ID_PREFIX))
				self.assertEqual(normalize_national_id(value), (value, None))
				self.assertEqual(id_kind(value), "citizen")

	def test_demo_id_layout(self):
		self.assertEqual(demo_national_id(0), "1000000008")
		self.assertEqual(demo_national_id(1234)[:9], "100001234")
		self.assertEqual(normalize_national_id(demo_national_id(9999))[1], None)

	def test_demo_resident_ids(self):
		ids = {demo_resident_id(n) for n in range(51)}
		self.assertEqual(len(ids), 51)
		for value in ids:
			with self.subTest(value=value):
				self.assertTrue(value.startswith("20000"))
				self.assertEqual(normalize_national_id(value), (value, None))
				self.assertEqual(id_kind(value), "resident")

	def test_out_of_block(self):
		for n in (-1, 10000, True, 1.0):
			with self.subTest(n=n), self.assertRaises(ValueError):
				demo_national_id(n)


class TestDigits(unittest.TestCase):
	def test_to_ascii_digits(self):
		self.assertEqual(to_ascii_digits("٠١٢٣٤٥٦٧٨٩"), "0123456789")
		self.assertEqual(to_ascii_digits("۰۱۲۳۴۵۶۷۸۹"), "0123456789")
		self.assertEqual(to_ascii_digits("رقم ١٢ abc"), "رقم 12 abc")
		self.assertEqual(to_ascii_digits("１２"), "１２")

	def test_digit_scripts(self):
		self.assertEqual(digit_scripts("12"), {"ascii"})
		self.assertEqual(digit_scripts("١2۳"), {"ascii", "arabic_indic", "persian"})
		self.assertEqual(digit_scripts("abc"), set())
		self.assertEqual(digit_scripts(None), set())


if __name__ == "__main__":
	unittest.main()
