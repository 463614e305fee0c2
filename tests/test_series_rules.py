import re
import unittest

from amass_relations.rules.series import series_pattern


class TestSeriesPattern(unittest.TestCase):
	def test_a_plain_prefix_owns_only_itself(self):
		pattern = series_pattern("BEN-.#######")
		self.assertTrue(re.match(pattern, "BEN-"))
		for other in ("BEN-X-", "BENB-", "BEN-2026-"):
			self.assertIsNone(re.match(pattern, other), other)

	def test_a_yearly_series_owns_every_year_and_nothing_longer(self):
		pattern = series_pattern("SR-.YYYY.-.#####")
		for mine in ("SR-2025-", "SR-2026-"):
			self.assertTrue(re.match(pattern, mine), mine)
		for other in ("SR-ORD-2026-", "SR-", "SRB-2026-", "SR-2026-X-", "SR-26-"):
			self.assertIsNone(re.match(pattern, other), other)

	def test_a_prefix_with_pattern_characters_is_taken_literally(self):
		pattern = series_pattern("A+B.-.####")
		self.assertTrue(re.match(pattern, "A+B-"))
		self.assertIsNone(re.match(pattern, "AAB-"))

	def test_rules_without_a_counter_own_nothing(self):
		for autoname in (
			"field:branch_name",
			"hash",
			"naming_series:",
			"format:X-{####}",
			"Prompt",
			"",
			None,
		):
			self.assertIsNone(series_pattern(autoname), autoname)
