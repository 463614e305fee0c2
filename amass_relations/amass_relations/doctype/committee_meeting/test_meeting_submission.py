"""A meeting's submission over HTTP against the served site, where the framework behaves as in
production (outside test mode its print view commits): the decisions are all recorded or none, and the
letters are made by a real worker after the commit (scripts/test.sh runs one)."""

import os

import frappe

from amass_relations import constants as c
from amass_relations.amass_relations.doctype.committee_meeting.test_committee_meeting import (
	CHAIR,
	MEMBERS,
	CommitteeTestCase,
	wait_for_letter,
)
from amass_relations.amass_relations.doctype.support_request.test_support_request_form import pdf_text
from amass_relations.services.letters import retry_failed_letters
from amass_relations.tests.security.http import Client, base_url, make_login, text

REP = "rep.letters@amass-test.example.com"


class MeetingOverHttp(CommitteeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		make_login(CHAIR, [c.ROLE_COMMITTEE_CHAIR])
		make_login(cls.officer, [c.ROLE_OFFICER])
		make_login(REP, [c.ROLE_BRANCH_REPRESENTATIVE])
		frappe.db.commit()

	def submit_over_http(self, meeting):
		frappe.set_user("Administrator")
		frappe.db.commit()  # what the server sees
		return Client(CHAIR).call(
			"frappe.client.submit",
			doc=frappe.as_json(frappe.get_doc("Committee Meeting", meeting.name).as_dict()),
		)

	def letter_files(self, request):
		return frappe.get_all(
			"File",
			filters={
				"attached_to_doctype": "Support Request",
				"attached_to_name": request.name,
				"file_name": ("like", "decision-letter-%"),
			},
			pluck="name",
		)


class TestMeetingIsAllOrNothing(MeetingOverHttp):
	def test_a_row_refused_at_submission_leaves_every_request_as_it_was(self):
		first, withdrawn = self.to_committee(), self.to_committee()
		meeting = self.meeting([first, withdrawn])
		self.record(meeting, first, c.DECISION_APPROVED)
		self.record(meeting, withdrawn, c.DECISION_APPROVED)
		# After the committee discussed it, the manager withdraws the second request.
		self.comment(withdrawn, "طلب المستفيد سحب الطلب")
		self.act(withdrawn, "Withdraw", self.manager)

		response = self.submit_over_http(meeting)

		self.assertEqual(response.status_code, 417, text(response)[:500])
		self.assertIn(withdrawn.name, text(response))
		frappe.db.commit()  # a new snapshot: what the server left
		self.assertEqual(frappe.db.get_value("Committee Meeting", meeting.name, "docstatus"), 0)
		self.assertEqual(self.status(first), c.REQUEST_PENDING_COMMITTEE)
		self.assertFalse(frappe.db.get_value("Support Request", first.name, "committee_decision"))
		self.assertEqual(self.review_of(meeting, first).docstatus, 0)
		self.assertEqual(self.review_of(meeting, withdrawn).docstatus, 0)
		self.assertEqual(self.letter_files(first), [])

	def test_every_blocking_row_is_named_at_once(self):
		fine, withdrawn, undecided, against = (self.to_committee() for _ in range(4))
		meeting = self.meeting([fine, withdrawn, undecided, against])
		self.record(meeting, fine, c.DECISION_APPROVED)
		self.record(meeting, withdrawn, c.DECISION_APPROVED)
		# The members vote to reject; the decision recorded is an approval, with no override.
		self.vote_for(meeting, self.review_of(meeting, against), "Reject")
		self.record(meeting, against, c.DECISION_APPROVED, votes=False)
		self.comment(withdrawn, "طلب المستفيد سحب الطلب")
		self.act(withdrawn, "Withdraw", self.manager)

		response = self.submit_over_http(meeting)

		self.assertEqual(response.status_code, 417, text(response)[:500])
		message = text(response)
		for request in (withdrawn, undecided, against):
			self.assertIn(request.name, message)
		self.assertNotIn(fine.name, message)
		frappe.db.commit()
		self.assertEqual(frappe.db.get_value("Committee Meeting", meeting.name, "docstatus"), 0)
		self.assertEqual(self.status(fine), c.REQUEST_PENDING_COMMITTEE)


class TestDecisionLetters(MeetingOverHttp):
	def test_the_worker_makes_each_letter_after_the_commit(self):
		approved, rejected = self.to_committee(), self.to_committee()
		meeting = self.meeting([approved, rejected])
		self.record(meeting, approved, c.DECISION_APPROVED)
		self.record(
			meeting,
			rejected,
			c.DECISION_REJECTED,
			decision_reason="لا تنطبق الشروط",
			reason_for_applicant="الخدمة المطلوبة لا تنطبق على حالتكم حاليًا",
		)

		response = self.submit_over_http(meeting)

		self.assertEqual(response.status_code, 200, text(response)[:500])
		for request in (approved, rejected):
			review = wait_for_letter(self.review_of(meeting, request).name)
			self.assertEqual(
				self.letter_files(request),
				[frappe.db.get_value("File", {"file_url": review.decision_letter})],
			)
			content, _pages = pdf_text(
				frappe.get_doc("File", {"file_url": review.decision_letter}).get_content()
			)
			self.assertIn(review.name, content)
		# The meeting and the request show each letter's state.
		chair = Client(CHAIR)
		rows = chair.get(f"/api/resource/Committee Meeting/{meeting.name}").json()["data"]["agenda"]
		self.assertEqual({row["letter_state"] for row in rows}, {c.LETTER_READY})
		stored = chair.get(f"/api/resource/Support Request/{rejected.name}").json()["data"]
		self.assertEqual(stored["decision_letter_state"], c.LETTER_READY)

	def test_a_failed_letter_leaves_no_file_and_is_prepared_again(self):
		by_staff, by_scheduler = self.to_committee(), self.to_committee()
		meeting = self.meeting([by_staff, by_scheduler])
		self.record(meeting, by_staff, c.DECISION_APPROVED)
		self.record(meeting, by_scheduler, c.DECISION_APPROVED)
		frappe.db.set_value("Print Format", "Decision Letter", "disabled", 1)
		try:
			response = self.submit_over_http(meeting)
			self.assertEqual(response.status_code, 200, text(response)[:500])
			for request in (by_staff, by_scheduler):
				review = wait_for_letter(self.review_of(meeting, request).name, c.LETTER_FAILED)
				self.assertEqual(review.letter_attempts, 1)
				self.assertIn("disabled", review.letter_error)
				self.assertFalse(review.decision_letter)
				self.assertEqual(self.letter_files(request), [])
				self.assertFalse(
					os.path.exists(
						frappe.get_site_path("private", "files", f"decision-letter-{review.name}.pdf")
					)
				)
			# The decisions stand; the failure shows on the meeting and the request.
			self.assertEqual(self.status(by_staff), c.REQUEST_APPROVED)
			rows = (
				Client(CHAIR).get(f"/api/resource/Committee Meeting/{meeting.name}").json()["data"]["agenda"]
			)
			self.assertEqual({row["letter_state"] for row in rows}, {c.LETTER_FAILED})
		finally:
			frappe.db.set_value("Print Format", "Decision Letter", "disabled", 0)
			frappe.db.commit()

		staff_review = self.review_of(meeting, by_staff).name
		retry = {"dt": "Committee Review", "dn": staff_review, "method": "prepare_letter_again"}
		url = f"{base_url()}/api/method/run_doc_method"
		self.assertEqual(Client(REP).session.post(url, data=retry).status_code, 403)
		response = Client(self.officer).session.post(url, data=retry)
		self.assertEqual(response.status_code, 200, text(response)[:500])
		wait_for_letter(staff_review)

		retry_failed_letters()  # the scheduler's every-five-minutes job
		review = wait_for_letter(self.review_of(meeting, by_scheduler).name)
		self.assertEqual(len(self.letter_files(by_scheduler)), 1)
		self.assertTrue(review.decision_letter)


class TestChairSearch(MeetingOverHttp):
	def test_the_chair_field_offers_the_chairs_to_the_committee_only(self):
		search = {
			"doctype": "User",
			"txt": "",
			"query": "amass_relations.services.committee.chair_query",
			"reference_doctype": "Committee Meeting",
		}
		response = Client(CHAIR).call("frappe.desk.search.search_link", **search)
		self.assertEqual(response.status_code, 200, text(response)[:500])
		found = {row["value"] for row in response.json()["message"]}
		self.assertIn(CHAIR, found)
		self.assertNotIn(MEMBERS[0], found)
		refused = Client(REP).call("frappe.desk.search.search_link", **search)
		self.assertIn(refused.status_code, (403, 404))
		self.assertNotIn(CHAIR, text(refused))
