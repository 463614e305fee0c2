import unittest
from datetime import date, datetime

from amass_relations.rules.committee import (
	ABSTAIN,
	VOTE_DECISIONS,
	committee_due_date,
	response_days_problem,
	tally,
)


class TestResponseDays(unittest.TestCase):
	def test_policy_default_is_accepted(self):
		self.assertIsNone(response_days_problem(14))

	def test_bounds(self):
		self.assertIsNone(response_days_problem(1))
		self.assertIsNone(response_days_problem(365))
		self.assertEqual(response_days_problem(0), "too_short")
		self.assertEqual(response_days_problem(-3), "too_short")
		self.assertEqual(response_days_problem(366), "too_long")

	def test_not_a_whole_number(self):
		self.assertEqual(response_days_problem(None), "missing")
		self.assertEqual(response_days_problem(True), "missing")
		self.assertEqual(response_days_problem("two weeks"), "not_a_number")
		self.assertEqual(response_days_problem(14.5), "not_a_number")
		self.assertIsNone(response_days_problem("14"))


class TestCommitteeDueDate(unittest.TestCase):
	def test_calendar_days_after_entry(self):
		self.assertEqual(committee_due_date(date(2026, 11, 25), 14), date(2026, 12, 9))

	def test_time_of_entry_does_not_count(self):
		self.assertEqual(committee_due_date(datetime(2026, 12, 31, 23, 59), 1), date(2027, 1, 1))


class TestTally(unittest.TestCase):
	def votes(self, *pairs):
		return {f"m{n}": vote for n, vote in enumerate(pairs)}

	def test_a_majority_of_the_present_carries(self):
		result = tally(self.votes("Approve", "Approve", "Reject"), members=3, abstentions_count=False)
		self.assertEqual((result.decision, result.needed), ("Approved", 2))
		self.assertEqual(result.counts, {"Approved": 2, "Rejected": 1})

	def test_members_who_did_not_vote_count_in_the_base(self):
		# Two of five present voted to approve: not a majority of those present.
		result = tally(self.votes("Approve", "Approve"), members=5, abstentions_count=False)
		self.assertIsNone(result.decision)
		self.assertEqual(result.needed, 3)

	def test_abstentions_left_out_or_counted(self):
		votes = self.votes("Approve", "Approve", "Abstain", "Abstain", "Reject")
		self.assertEqual(tally(votes, members=5, abstentions_count=False).decision, "Approved")
		self.assertIsNone(tally(votes, members=5, abstentions_count=True).decision)
		self.assertEqual(tally(votes, members=5, abstentions_count=True).abstentions, 2)

	def test_the_chairs_casting_vote_breaks_a_tie_only_when_the_rule_gives_one(self):
		votes = {"chair": "Reject", "a": "Reject", "b": "Approve", "c": "Approve"}
		self.assertIsNone(tally(votes, members=4, abstentions_count=False, chair="chair").decision)
		carried = tally(votes, members=4, abstentions_count=False, chair="chair", casting_vote=True)
		self.assertEqual((carried.decision, carried.by_casting_vote), ("Rejected", True))
		# No tie (the chair's side has less than half): the casting vote does nothing.
		votes["d"] = "Approve"
		self.assertEqual(
			tally(votes, members=5, abstentions_count=False, chair="chair", casting_vote=True).decision,
			"Approved",
		)

	def test_no_votes_no_decision(self):
		self.assertIsNone(tally({}, members=3, abstentions_count=False).decision)
		self.assertIsNone(tally({}, members=0, abstentions_count=False).decision)

	def test_the_votes_and_decisions_are_the_doctypes_options(self):
		import json
		import os

		root = os.path.join(os.path.dirname(__file__), "..", "amass_relations", "amass_relations", "doctype")

		def options(doctype, field):
			with open(os.path.join(root, doctype, f"{doctype}.json")) as f:
				meta = json.load(f)
			found = next(d for d in meta["fields"] if d["fieldname"] == field)
			return [o for o in found["options"].split("\n") if o]

		self.assertEqual(options("committee_vote", "vote"), [*VOTE_DECISIONS, ABSTAIN])
		self.assertEqual(options("committee_review", "decision"), list(VOTE_DECISIONS.values()))


class TestContactGate(unittest.TestCase):
	def test_nothing_about_a_patient_who_died_whoever_is_contacted(self):
		from amass_relations.rules.contact import contact_problem

		self.assertEqual(contact_problem("Deceased", "Registered", 1), "patient_gone")
		self.assertEqual(contact_problem("Inactive", "Registered", 1), "patient_gone")
		self.assertEqual(contact_problem("Registered", "Deceased", 1), "contact_gone")
		self.assertEqual(contact_problem("Registered", "Registered", 0), "no_consent")
		self.assertIsNone(contact_problem("Registered", "Applicant", 1))
