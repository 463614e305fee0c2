import unittest

from amass_relations.rules.names import name_key


class TestNameKey(unittest.TestCase):
	def test_spellings_of_one_name_share_a_key(self):
		for spellings in (
			("أحمد", "احمد"),
			("إيمان", "ايمان"),
			("آمنة", "امنه"),
			("فاطمة", "فاطمه"),
			("مصطفى", "مصطفي"),
			("عبدالله", "عبد الله", "عبد  اللّه", " عبدُ اللهِ "),
			("مُحَمَّد", "محمد"),
			("محـــمد", "محمد"),
			("سؤال", "سوال"),
			("هيئة", "هييه"),
			("علی", "علي"),
			("کریم", "كريم"),
			("ﻣﺤﻤﺪ", "محمد"),  # presentation forms, as pasted from a PDF
			("اسماء", "أسماء"),
			("Mohammed Ali", "mohammed  ALI"),
		):
			with self.subTest(spellings=spellings):
				keys = {name_key(spelling) for spelling in spellings}
				self.assertEqual(len(keys), 1, keys)

	def test_different_names_differ(self):
		for first, second in (("محمد", "أحمد"), ("سارة", "سارا"), ("علي", "عالي"), ("Sara", "Sarah")):
			with self.subTest(first=first, second=second):
				self.assertNotEqual(name_key(first), name_key(second))

	def test_expected_keys(self):
		self.assertEqual(name_key("عبد اللّه"), "عبدالله")
		self.assertEqual(name_key("فاطمة الزهراء"), "فاطمهالزهرا")
		self.assertEqual(name_key("مُحَمَّد"), "محمد")

	def test_invisible_characters_are_ignored(self):
		self.assertEqual(name_key("محمد\u200c\u200f"), "محمد")

	def test_no_name(self):
		self.assertEqual(name_key(None), "")
		self.assertEqual(name_key(""), "")
		self.assertEqual(name_key(" \t "), "")
		self.assertEqual(name_key("ـــ"), "")


if __name__ == "__main__":
	unittest.main()
