import frappe
from frappe.utils import add_days, add_months, cint, get_datetime, get_first_day, get_last_day, getdate, today

from amass_relations import constants as c
from amass_relations.amass_relations.doctype.committee_meeting.test_committee_meeting import (
	CHAIR,
	MEMBERS,
	CommitteeTestCase,
)
from amass_relations.amass_relations.doctype.support_request.test_support_request import SERVICE
from amass_relations.amass_relations.report.decision_time.decision_time import execute as decision_time
from amass_relations.patches.v0_2.review_committee_period import execute as review_committee_period
from amass_relations.tests.utils import make_branch


class TestDecisionTime(CommitteeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		# A branch of its own: the report's rows for it are this module's decisions only, and each test's
		# are rolled back after it.
		cls.branch = make_branch("فرع اختبار زمن القرار", "مدينة زمن القرار")
		frappe.db.commit()

	def setUp(self):
		super().setUp()
		# Last month, so that both decisions fall in one month of the report whatever today is.
		self.start = getdate(get_first_day(add_months(today(), -1)))
		self.response_days = cint(frappe.db.get_single_value(c.SETTINGS_DOCTYPE, "committee_response_days"))

	def tearDown(self):
		frappe.db.rollback()
		super().tearDown()

	def day(self, n: int, hour: int = 9):
		return get_datetime(f"{add_days(self.start, n)} {hour:02d}:00:00")

	def enters_committee_on(self, request, n: int):
		"""The request entered Pending Committee on day n (it entered now: the dates are moved back)."""
		frappe.db.set_value(
			"Support Request",
			request.name,
			{
				"committee_entered_on": self.day(n),
				"committee_due_date": add_days(self.start, n + self.response_days),
			},
			update_modified=False,
		)

	def decided_in_meeting(self, request, vote, decision, created: int, decided: int, **reasons):
		"""A meeting prepared on day `created` records `decision` (its members voting `vote`) on day
		`decided`."""
		meeting = self.meeting([request])
		for member in MEMBERS:
			self.vote(member, self.review_of(meeting, request), vote)
		self.record(meeting, request, decision, **reasons)
		frappe.set_user(CHAIR)
		frappe.get_doc("Committee Meeting", meeting.name).submit()
		frappe.set_user("Administrator")
		review = self.review_of(meeting, request)
		frappe.db.set_value(
			"Committee Review",
			review.name,
			{"creation": self.day(created, 10), "decision_date": add_days(self.start, decided)},
			update_modified=False,
		)
		return review.name

	def returned_then_approved(self):
		"""Sent to the committee on day 0 (due day 14), returned for information on day 20 — late; sent
		again on day 22 (due day 36) and approved on day 25. Two decisions, two periods."""
		request = self.to_committee()
		self.enters_committee_on(request, 0)
		returned = self.decided_in_meeting(
			request,
			"Defer for Information",
			c.DECISION_RETURNED,
			created=1,
			decided=20,
			decision_reason="تقرير طبي قديم",
			reason_for_applicant="يرجى إرفاق تقرير طبي أحدث",
		)
		self.assertEqual(self.status(request), c.REQUEST_RETURNED)
		self.act(request, "Resubmit", self.officer)
		self.sign(request)
		frappe.set_user(self.officer)
		frappe.get_doc("Support Request", request.name).verify_submission()
		self.act(request, "Send to Committee", self.officer)
		self.enters_committee_on(request, 22)
		approved = self.decided_in_meeting(request, "Approve", c.DECISION_APPROVED, created=23, decided=25)
		self.assertEqual(self.status(request), c.REQUEST_APPROVED)
		return returned, approved

	def report_rows(self):
		_columns, rows = decision_time(
			{
				"from_date": self.start,
				"to_date": get_last_day(self.start),
				"service_type": SERVICE,
				"branch_office": self.branch,
			}
		)
		return rows

	def report_row(self):
		rows = self.report_rows()
		self.assertEqual(len(rows), 1, rows)
		return rows[0]

	def period(self, review):
		entered, due = frappe.db.get_value(
			"Committee Review", review, ["committee_entered_on", "committee_due_date"]
		)
		return get_datetime(entered), getdate(due)

	def test_a_returned_request_is_measured_against_each_period_of_its_own(self):
		returned, approved = self.returned_then_approved()
		self.assertEqual(self.period(returned), (self.day(0), add_days(self.start, self.response_days)))
		self.assertEqual(self.period(approved), (self.day(22), add_days(self.start, 22 + self.response_days)))
		row = self.report_row()
		# 20 days (6 past its due date) and 3 days (in time): the return is not measured from the later
		# entry (-2 days, "in time").
		self.assertEqual(
			{key: row[key] for key in ("month", "decided", "median_days", "p90_days", "share_within")},
			{
				"month": self.start.strftime("%Y-%m"),
				"decided": 2,
				"median_days": 11.5,
				"p90_days": 20,
				"share_within": 50.0,
			},
		)

	def test_the_patch_gives_earlier_reviews_their_own_period(self):
		returned, approved = self.returned_then_approved()
		frappe.db.sql(
			"""update `tabCommittee Review` set committee_entered_on = null, committee_due_date = null
			where name in (%s, %s)""",
			(returned, approved),
		)
		self.assertEqual(self.report_rows(), [])  # no entry date: not measured
		review_committee_period()
		# The request has entered again since the return: that review's period starts when it was written.
		self.assertEqual(
			self.period(returned), (self.day(1, 10), add_days(self.start, 1 + self.response_days))
		)
		self.assertEqual(self.period(approved), (self.day(22), add_days(self.start, 22 + self.response_days)))
		# It fills only what is missing.
		frappe.db.set_value("Committee Review", approved, "committee_due_date", add_days(self.start, 30))
		review_committee_period()
		self.assertEqual(self.period(approved), (self.day(22), add_days(self.start, 30)))
		row = self.report_row()
		self.assertEqual((row["decided"], row["median_days"], row["share_within"]), (2, 11.0, 50.0))
