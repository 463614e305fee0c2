"""The demo data a newcomer's site starts with: requests in every state of the policy, a committee meeting
that decided with votes and made its letters, deliveries, and one login per role. Loaded once for the
class (it commits, like the command); other tests on the site are not disturbed by it (the demo users and
records are its own, the committee counts only the members present)."""

import frappe

from amass_relations import constants as c
from amass_relations.demo import DEMO_BRANCHES, DEMO_DOMAIN, DEMO_USER_EMAILS, demo_user, load_demo_data
from amass_relations.tests.utils import AmassTestCase


class TestDemoData(AmassTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.first = load_demo_data("demo-test-only")
		cls.second = load_demo_data()

	def setUp(self):
		frappe.set_user("Administrator")

	def demo_requests(self, **filters):
		return frappe.get_all("Support Request", filters={"is_demo": 1, **filters}, pluck="name")

	def test_the_requests_are_in_every_state_of_the_policy(self):
		self.assertEqual(self.first.problems, [])
		for status in (
			c.REQUEST_DRAFT,
			c.REQUEST_PENDING_VERIFICATION,
			c.REQUEST_UNDER_RESEARCH,
			c.REQUEST_PENDING_COMMITTEE,
			c.REQUEST_APPROVED,
			c.REQUEST_REJECTED,
			c.REQUEST_RETURNED,
			c.REQUEST_REGISTRATION_COMPLETE,
			c.REQUEST_SERVICE_DELIVERED,
			c.REQUEST_CLOSED,
			c.REQUEST_WITHDRAWN,
		):
			self.assertTrue(self.demo_requests(status=status), status)
		for decision in (c.DECISION_APPROVED, c.DECISION_PARTIALLY_APPROVED):
			self.assertTrue(
				self.demo_requests(status=c.REQUEST_APPROVED, committee_decision=decision), decision
			)
		researched = self.demo_requests(research_report=("is", "set"))
		self.assertTrue(researched)
		self.assertEqual(
			frappe.db.get_value("Social Research Report", {"support_request": researched[0]}, "researcher"),
			demo_user("researcher"),
		)

	def test_a_submitted_meeting_decided_them_with_votes(self):
		meetings = frappe.get_all(
			"Committee Meeting", filters={"chair": demo_user("chair"), "docstatus": 1}, pluck="name"
		)
		self.assertEqual(len(meetings), 1)
		reviews = frappe.get_all(
			"Committee Review",
			filters={"committee_meeting": meetings[0]},
			fields=["name", "docstatus", "decision", "decided_by", "tally_decision", "support_request"],
		)
		self.assertEqual(
			{r.decision for r in reviews},
			{
				c.DECISION_APPROVED,
				c.DECISION_PARTIALLY_APPROVED,
				c.DECISION_REJECTED,
				c.DECISION_RETURNED,
			},
		)
		for review in reviews:
			self.assertEqual((review.docstatus, review.decided_by), (1, demo_user("chair")))
			# Each decision follows the votes: no override was needed.
			self.assertEqual(review.tally_decision, review.decision)
			self.assertEqual(frappe.db.count("Committee Vote", {"committee_review": review.name}), 3)
			if review.decision != c.DECISION_RETURNED:  # a return decides nothing yet
				self.assertEqual(
					frappe.db.get_value("Support Request", review.support_request, "decided_by"),
					demo_user("chair"),
				)

	def test_every_decision_has_its_letter_ready(self):
		reviews = frappe.get_all(
			"Committee Review",
			filters={"decided_by": demo_user("chair"), "docstatus": 1},
			fields=["name", "letter_state", "decision_letter", "support_request"],
		)
		self.assertTrue(reviews)
		for review in reviews:
			self.assertEqual(review.letter_state, c.LETTER_READY, review.name)
			letter = frappe.get_doc(
				"File",
				{
					"file_url": review.decision_letter,
					"attached_to_doctype": "Support Request",
					"attached_to_name": review.support_request,
				},
			)
			self.assertTrue(letter.get_content().startswith(b"%PDF"), review.name)

	def test_deliveries_cover_what_was_approved(self):
		delivered = frappe.get_all(
			"Service Delivery",
			filters={"support_request": ("in", self.demo_requests()), "docstatus": 1},
			fields=["support_request", "owner"],
		)
		self.assertGreaterEqual(len(delivered), 5)
		for status in (c.REQUEST_SERVICE_DELIVERED, c.REQUEST_CLOSED):
			for request in self.demo_requests(status=status):
				self.assertEqual(frappe.db.get_value("Support Request", request, "delivery_complete"), 1)
		# A partial delivery leaves its request open.
		partial = {d.support_request for d in delivered} & set(
			self.demo_requests(status=c.REQUEST_REGISTRATION_COMPLETE)
		)
		self.assertTrue(partial)
		# The branch's representative recorded the delivery of a request of their branch.
		self.assertIn(demo_user("representative"), {d.owner for d in delivered})

	def test_one_demo_login_per_role(self):
		for role in c.DESK_ROLES:
			users = frappe.get_all(
				"Has Role",
				filters={"role": role, "parenttype": "User", "parent": ("in", DEMO_USER_EMAILS)},
				pluck="parent",
			)
			self.assertTrue(users, role)
		for email in DEMO_USER_EMAILS:
			self.assertTrue(email.endswith(f"@{DEMO_DOMAIN}"))
			self.assertIn("(تجريبي)", frappe.db.get_value("User", email, "full_name"))
		# The representative is limited to their branch the app's way: listed on it.
		self.assertTrue(
			frappe.db.exists(
				"User Permission",
				{
					"user": demo_user("representative"),
					"allow": "Branch Office",
					"for_value": DEMO_BRANCHES[1][0],
				},
			)
		)
		self.assertEqual([login.email for login in self.first.logins], list(DEMO_USER_EMAILS))

	def test_a_second_load_adds_nothing(self):
		self.assertEqual((self.second.added, self.second.problems), ({}, []))
		self.assertEqual({login.password for login in self.second.logins}, {None})
