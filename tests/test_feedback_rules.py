import unittest

from amass_relations.rules import feedback as rule

SECRET = "a-test-secret-of-some-length"


class TestSurveyToken(unittest.TestCase):
	def test_a_token_is_signed_and_bound_to_its_end_date(self):
		token = rule.sign(SECRET, "SINV-abc123def4", "2026-12-10")
		self.assertEqual(rule.invitation_of(token), "SINV-abc123def4")
		self.assertTrue(rule.verify(SECRET, token, "2026-12-10"))
		self.assertEqual(token, rule.sign(SECRET, "SINV-abc123def4", "2026-12-10"))  # the reminder's link
		self.assertFalse(rule.verify(SECRET, token, "2026-12-11"))
		self.assertFalse(rule.verify("another-secret-entirely", token, "2026-12-10"))

	def test_a_forged_or_malformed_token_is_refused(self):
		token = rule.sign(SECRET, "SINV-abc123def4", "2026-12-10")
		for forged in (
			token[:-1] + ("A" if token[-1] != "A" else "B"),
			"SINV-abc123def5" + token[len("SINV-abc123def4") :],
			"",
			"nothing",
			"SINV-abc123def4.",
			"../../etc/passwd.aaaaaaaaaaaaaaaaaaaaaaaaaaaa",
			"SINV-abc' or 1=1 --.aaaaaaaaaaaaaaaaaaaaaaaaaa",
		):
			self.assertFalse(rule.verify(SECRET, forged, "2026-12-10"), forged)

	def test_the_used_mark_reveals_neither_token_nor_invitation(self):
		token = rule.sign(SECRET, "SINV-abc123def4", "2026-12-10")
		key = rule.used_key(SECRET, token)
		self.assertEqual(len(key), 64)
		self.assertNotIn("abc123", key)
		self.assertNotEqual(key, rule.used_key("another-secret-entirely", token))


class TestAnswers(unittest.TestCase):
	QUESTIONS = [
		rule.Question("overall", rule.RATING, required=True),
		rule.Question("q1", rule.YES_NO),
		rule.Question("q2", rule.ONE_CHOICE, options=("Fast", "Slow")),
		rule.Question("q3", rule.FREE_TEXT),
		rule.Question("q4", rule.RATING, about=rule.ABOUT_STAFF),
	]

	def test_good_answers_are_kept_in_their_form(self):
		answers, problems = rule.answer_problems(
			self.QUESTIONS, {"overall": "5", "q1": "Yes", "q2": "Fast", "q3": " thank you ", "q4": "2"}
		)
		self.assertEqual(problems, {})
		self.assertEqual(answers, {"overall": 5, "q1": "Yes", "q2": "Fast", "q3": "thank you", "q4": 2})

	def test_each_bad_answer_is_named(self):
		_answers, problems = rule.answer_problems(
			self.QUESTIONS, {"q1": "maybe", "q2": "Other", "q3": "<script>x</script>", "q4": "6"}
		)
		self.assertEqual(
			problems,
			{
				"overall": "required",
				"q1": "not_a_choice",
				"q2": "not_a_choice",
				"q3": "markup",
				"q4": "not_a_rating",
			},
		)
		_answers, problems = rule.answer_problems(self.QUESTIONS, {"overall": "0", "q3": "x" * 2001})
		self.assertEqual(problems, {"overall": "not_a_rating", "q3": "too_long"})

	def test_unanswered_optional_questions_are_left_out(self):
		answers, problems = rule.answer_problems(self.QUESTIONS, {"overall": "3", "q3": "\x00 "})
		self.assertEqual((answers, problems), ({"overall": 3}, {}))

	def test_satisfied_is_four_or_five(self):
		self.assertEqual([rule.satisfied(r) for r in (1, 2, 3, 4, 5)], [False, False, False, True, True])


class TestCoarsening(unittest.TestCase):
	def test_cells_below_k_roll_up_to_all_branches_then_all_services(self):
		rows = [
			("2026-10", "Riyadh", "Transport", 6, 5, 26),  # kept
			("2026-10", "Jeddah", "Transport", 2, 1, 7),  # → all branches, Transport (2 + 3 = 5)
			("2026-10", "Dammam", "Transport", 3, 3, 15),
			("2026-10", "Jeddah", "Housing", 1, 0, 2),  # → all branches, Housing (1) → all services
			("2026-10", "Dammam", "Food", 4, 4, 20),  # → all (1 + 4 = 5)
		]
		cells = rule.coarsen(rows, 5)
		self.assertEqual(
			[(c.month, c.branch, c.service, c.answers) for c in cells],
			[
				("2026-10", "Riyadh", "Transport", 6),
				("2026-10", "*", "Transport", 5),
				("2026-10", "*", "*", 5),
			],
		)
		self.assertEqual(sum(c.answers for c in cells), 16)

	def test_a_month_too_small_is_not_reported_and_no_cell_is_below_k(self):
		self.assertEqual(rule.coarsen([("2026-09", "Riyadh", "Food", 4, 4, 20)], 5), [])
		rows = [("2026-11", f"B{b}", f"S{s}", (b * 3 + s) % 7, 1, 4) for b in range(6) for s in range(5)]
		for k in (1, 3, 5, 10):
			self.assertTrue(all(c.answers >= k for c in rule.coarsen(rows, k)), k)

	def test_a_figure_about_a_person_needs_k_answers(self):
		self.assertIsNone(rule.figure_or_none(4, 3.5, 5))
		self.assertEqual(rule.figure_or_none(5, 3.5, 5), 3.5)

	def test_the_rated_member_of_staff_does_not_record_the_survey(self):
		self.assertTrue(rule.rated_staff("a@x", {"a@x", "b@x"}))
		self.assertFalse(rule.rated_staff("c@x", {"a@x", "b@x"}))
