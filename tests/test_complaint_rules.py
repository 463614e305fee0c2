"""rules/complaints.py: the moves of a complaint, the one appeal, the escalation thresholds, the
tracking code, who triages and the median from counts."""

import unittest
from datetime import date

from amass_relations.rules import complaints as rule


class TestMoves(unittest.TestCase):
	def test_the_moves_from_each_status(self):
		self.assertIsNone(rule.move_problem("start", rule.NEW))
		self.assertEqual(rule.move_problem("start", rule.IN_PROGRESS), "wrong_status")
		self.assertIsNone(rule.move_problem("resolve", rule.NEW, reason="done it"))
		self.assertIsNone(rule.move_problem("reject", rule.IN_PROGRESS, reason="no budget"))
		self.assertEqual(rule.move_problem("close", rule.NEW), "wrong_status")
		self.assertIsNone(rule.move_problem("close", rule.RESOLVED))
		self.assertEqual(rule.move_problem("resolve", rule.CLOSED, reason="again"), "wrong_status")
		self.assertEqual(rule.move_problem("fly", rule.NEW), "unknown_action")
		self.assertEqual(rule.next_status("appeal"), rule.IN_PROGRESS)

	def test_an_outcome_needs_its_reason(self):
		for action in ("resolve", "reject"):
			self.assertEqual(rule.move_problem(action, rule.NEW, reason="  "), "reason_required")

	def test_one_appeal_of_an_outcome(self):
		self.assertIsNone(rule.move_problem("appeal", rule.REJECTED, reason="please look again"))
		self.assertEqual(
			rule.move_problem("appeal", rule.REJECTED, appealed=True, reason="again"), "appealed_once"
		)
		self.assertEqual(rule.move_problem("appeal", rule.CLOSED, reason="late"), "wrong_status")


class TestText(unittest.TestCase):
	def test_length(self):
		self.assertEqual(rule.text_problem("short"), "too_short")
		self.assertEqual(rule.text_problem("x" * 4001), "too_long")
		self.assertIsNone(rule.text_problem("انتظرت طويلا في الفرع"))


class TestThresholds(unittest.TestCase):
	def test_none_before_or_on_the_due_day(self):
		due = date(2026, 11, 10)
		self.assertEqual(rule.thresholds_reached(due, due, 0), [])
		self.assertEqual(rule.thresholds_reached(None, due, 3), [])

	def test_overdue_then_five_working_days_late(self):
		due = date(2026, 11, 10)
		self.assertEqual(rule.thresholds_reached(due, date(2026, 11, 11), 1), [rule.OVERDUE])
		self.assertEqual(
			rule.thresholds_reached(due, date(2026, 11, 20), 5), [rule.OVERDUE, rule.LONG_OVERDUE]
		)


class TestTrackingCode(unittest.TestCase):
	def test_a_code_matches_its_reference_only_and_ignores_case_and_spaces(self):
		code = rule.new_tracking_code()
		self.assertEqual(len(code), 16)
		self.assertFalse(set(code) & set("01OIl"))
		stored = rule.code_digest("secret", "CMP-26-00001", code)
		self.assertTrue(rule.code_matches("secret", "CMP-26-00001", code.lower(), stored))
		self.assertTrue(rule.code_matches("secret", "CMP-26-00001", f" {code[:8]} {code[8:]} ", stored))
		self.assertFalse(rule.code_matches("secret", "CMP-26-00002", code, stored))
		self.assertFalse(rule.code_matches("other", "CMP-26-00001", code, stored))
		self.assertFalse(rule.code_matches("secret", "CMP-26-00001", code, ""))


class TestTriage(unittest.TestCase):
	def test_the_branch_then_headquarters_never_the_named(self):
		self.assertEqual(rule.triage_owner("a@x", "hq@x", None), "a@x")
		self.assertEqual(rule.triage_owner(None, "hq@x", None), "hq@x")
		self.assertEqual(rule.triage_owner("a@x", "hq@x", "a@x"), "hq@x")
		self.assertIsNone(rule.triage_owner("a@x", "a@x", "a@x"))
		self.assertIsNone(rule.triage_owner(None, None, None))


class TestFigures(unittest.TestCase):
	def test_median_from_counts(self):
		self.assertIsNone(rule.median_from_counts({}))
		self.assertEqual(rule.median_from_counts({3: 1}), 3)
		self.assertEqual(rule.median_from_counts({1: 2, 5: 1}), 1)
		self.assertEqual(rule.median_from_counts({1: 1, 5: 1}), 1)
		self.assertEqual(rule.median_from_counts({2: 1, 9: 3}), 9)
		self.assertEqual(rule.median_from_counts({4: 0, 7: 2}), 7)

	def test_satisfaction(self):
		self.assertIsNone(rule.satisfaction(0, 0))
		self.assertEqual(rule.satisfaction(3, 4), 75.0)
		self.assertEqual(rule.satisfaction(1, 3), 33.3)
