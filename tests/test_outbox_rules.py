import unittest

from amass_relations.rules import outbox


class TestOutboxRules(unittest.TestCase):
	def test_the_secret_is_sent_and_never_kept(self):
		message = "رمز التحقق: {secret}"
		self.assertEqual(outbox.render(message, "482913"), "رمز التحقق: 482913")
		self.assertNotIn("482913", outbox.masked(message))
		self.assertIn(outbox.MASK, outbox.masked(message))
		self.assertEqual(outbox.render("no secret here", None), "no secret here")

	def test_what_an_answer_means(self):
		self.assertEqual(outbox.outcome(200), outbox.SENT)
		self.assertEqual(outbox.outcome(202), outbox.SENT)
		for retry in (429, 503):
			self.assertEqual(outbox.outcome(retry), outbox.RETRY, retry)
		for maybe in (500, 502, 504):
			self.assertEqual(outbox.outcome(maybe), outbox.UNCERTAIN, maybe)
		self.assertEqual(outbox.outcome(no_connection=True), outbox.RETRY)
		for refused in (400, 401, 403, 404):
			self.assertEqual(outbox.outcome(refused), outbox.FAILED, refused)
		# No answer in time: the gateway may have taken it, so it is not tried again by itself.
		self.assertEqual(outbox.outcome(timed_out=True), outbox.UNCERTAIN)

	def test_backoff_doubles_to_an_hour_then_stops(self):
		delays = [outbox.retry_delay(n) for n in range(1, outbox.MAX_ATTEMPTS + 1)]
		self.assertEqual(delays[:4], [60, 120, 240, 480])
		self.assertIsNone(delays[-1])
		self.assertTrue(all(d <= outbox.LONGEST_DELAY_SECONDS for d in delays if d))
