import time

import frappe

from amass_relations import constants as c
from amass_relations.amass_relations.doctype.committee_meeting.committee_meeting import CommitteeMeetingError
from amass_relations.amass_relations.doctype.committee_review.committee_review import CommitteeReviewError
from amass_relations.amass_relations.doctype.committee_vote.committee_vote import CommitteeVoteError
from amass_relations.amass_relations.doctype.support_request.test_support_request import (
	FINANCIAL_SERVICE,
	SIGNATURE,
	RequestTestCase,
)
from amass_relations.amass_relations.doctype.support_request.test_support_request_form import pdf_text
from amass_relations.rules.committee import VOTE_DECISIONS
from amass_relations.services.committee import conflict_reason, holds_committee_role
from amass_relations.tests.utils import make_user

VOTE_FOR = {decision: vote for vote, decision in VOTE_DECISIONS.items()}

CHAIR = "chair.committee@amass-test.example.com"
VICE_CHAIR = "vice.committee@amass-test.example.com"
MEMBERS = ("member1.committee@amass-test.example.com", "member2.committee@amass-test.example.com")
SECRETARY = "secretary.committee@amass-test.example.com"


def wait_for_letter(review: str, state: str = c.LETTER_READY, timeout: float = 120):
	"""Wait for the worker (scripts/test.sh runs one) to bring the review's letter to `state`. Reads in
	a new snapshot each time (this test's data must be committed first)."""
	deadline = time.monotonic() + timeout
	while True:
		frappe.db.commit()
		current = frappe.db.get_value("Committee Review", review, "letter_state")
		if current == state or time.monotonic() > deadline:
			break
		time.sleep(0.5)
	doc = frappe.get_doc("Committee Review", review)
	assert doc.letter_state == state, (
		f"the letter of {review} is {doc.letter_state!r}, not {state!r}, after {timeout} s "
		f"(is a worker running? {doc.letter_error or ''})"
	)
	return doc


class CommitteeTestCase(RequestTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_user(CHAIR, [c.ROLE_COMMITTEE_CHAIR])
		make_user(VICE_CHAIR, [c.ROLE_COMMITTEE_CHAIR])
		for member in MEMBERS:
			make_user(member, [c.ROLE_COMMITTEE_MEMBER])
		make_user(SECRETARY, [c.ROLE_COMMITTEE_SECRETARY])
		frappe.db.set_single_value(c.SETTINGS_DOCTYPE, "committee_quorum", 3)
		# Emails are queued (Email Queue), never sent, in tests; queuing needs an outgoing account.
		if not frappe.db.exists("Email Account", "Amass Test Outgoing"):
			frappe.get_doc(
				{
					"doctype": "Email Account",
					"email_account_name": "Amass Test Outgoing",
					"email_id": "noreply@amass-test.example.com",
					"enable_outgoing": 1,
					"default_outgoing": 1,
					"smtp_server": "127.0.0.1",
					"smtp_port": 2525,
					"no_smtp_authentication": 1,
				}
			).insert(ignore_permissions=True)

	def meeting(self, requests, members=MEMBERS, chair=CHAIR, vice_chair=VICE_CHAIR):
		frappe.set_user(chair)
		meeting = frappe.get_doc(
			{
				"doctype": "Committee Meeting",
				"chair": chair,
				"vice_chair": vice_chair,
				"chair_signature": SIGNATURE,
				"members_present": [{"member": m} for m in members],
			}
		).insert()
		for request in requests:
			review = frappe.get_doc(
				{
					"doctype": "Committee Review",
					"support_request": request.name,
					"committee_meeting": meeting.name,
				}
			).insert()
			meeting.append("agenda", {"support_request": request.name, "committee_review": review.name})
		meeting.save()
		return meeting

	def review_of(self, meeting, request):
		name = next(r.committee_review for r in meeting.agenda if r.support_request == request.name)
		return frappe.get_doc("Committee Review", name)

	def record(self, meeting, request, decision, votes=True, **values):
		"""The chair records the decision; by default the members present who have not voted yet vote
		for it (entered by the secretary), so that the decision follows the votes."""
		review = self.review_of(meeting, request)
		if votes:
			self.vote_for(meeting, review, VOTE_FOR[decision])
		frappe.set_user(CHAIR)
		review = self.review_of(meeting, request)
		review.update({"decision": decision, **values})
		review.save()
		return review

	def vote_for(self, meeting, review, vote):
		voted = set(frappe.get_all("Committee Vote", {"committee_review": review.name}, pluck="member"))
		present = [row.member for row in frappe.get_doc("Committee Meeting", meeting.name).members_present]
		for member in present:
			if (
				member not in voted
				and holds_committee_role(member)
				and not conflict_reason(member, review.support_request)
			):
				self.vote(SECRETARY, review, vote, member=member)

	def vote(self, user, review, vote, **values):
		frappe.set_user(user)
		return frappe.get_doc(
			{"doctype": "Committee Vote", "committee_review": review.name, "vote": vote, **values}
		).insert()

	def to_committee_with(self, service, amount):
		request = self.new_request(service_type=service, amount_requested=amount)
		self.act(request, "Submit for Verification", self.officer)
		request = self.attach_quotation(request)
		frappe.get_doc("Support Request", request.name).verify_submission()
		self.sign(request)
		return self.act(request, "Send to Committee", self.officer)

	def status(self, request):
		return frappe.db.get_value("Support Request", request.name, "status")


class TestCommitteeDecides(CommitteeTestCase):
	def test_a_meeting_decides_three_requests_and_the_letters_come_out(self):
		approve, partial, reject = self.to_committee(), self.to_committee(), self.to_committee()
		frappe.set_user("Administrator")
		for request, email, consent in (
			(reject, "rejected.applicant@amass-test.example.com", 1),
			(approve, "no.consent@amass-test.example.com", 0),  # no contact consent: nothing may be sent
		):
			beneficiary = frappe.get_doc("Beneficiary", request.beneficiary)
			beneficiary.update({"email": email, "contact_consent": consent})
			beneficiary.save()
		meeting = self.meeting([approve, partial, reject])
		for request, decision in ((approve, "Approve"), (partial, "Approve Partially"), (reject, "Reject")):
			for member in MEMBERS:
				self.vote(member, self.review_of(meeting, request), decision, comment="رأي العضو")
		self.record(meeting, approve, c.DECISION_APPROVED)
		self.record(
			meeting,
			partial,
			c.DECISION_PARTIALLY_APPROVED,
			decision_reason="الميزانية المتاحة",
			reason_for_applicant="اعتُمدت الخدمة جزئيًا",
		)
		self.record(
			meeting,
			reject,
			c.DECISION_REJECTED,
			decision_reason="لا تنطبق الشروط",
			reason_for_applicant="الخدمة المطلوبة لا تنطبق على حالتكم حاليًا",
		)
		frappe.set_user(CHAIR)
		frappe.get_doc("Committee Meeting", meeting.name).submit()

		self.assertEqual(self.status(approve), c.REQUEST_APPROVED)
		self.assertEqual(self.status(partial), c.REQUEST_APPROVED)
		self.assertEqual(self.status(reject), c.REQUEST_REJECTED)
		review = self.review_of(frappe.get_doc("Committee Meeting", meeting.name), reject)
		self.assertEqual(review.docstatus, 1)
		self.assertEqual(review.decided_by, CHAIR)
		self.assertEqual(frappe.db.get_value("Support Request", reject.name, "decided_by"), CHAIR)
		# Nothing rendered in the decisions' transaction: the letters are made by the worker after it.
		self.assertEqual(review.letter_state, c.LETTER_PREPARING)
		self.assertFalse(review.decision_letter)
		frappe.db.commit()
		review = wait_for_letter(review.name)
		letter = frappe.get_doc(
			"File",
			{
				"attached_to_doctype": "Support Request",
				"attached_to_name": reject.name,
				"file_url": review.decision_letter,
			},
		)
		text, pages = pdf_text(letter.get_content())
		self.assertEqual(pages, 1)
		self.assertIn(review.name, text)
		self.assertIn("مرفوض", text)
		self.assertIn(frappe.db.get_value("Beneficiary", reject.beneficiary, "full_name"), text)
		self.assertTrue(
			frappe.db.exists(
				"Email Queue Recipient", {"recipient": "rejected.applicant@amass-test.example.com"}
			)
		)
		self.assertFalse(
			frappe.db.exists("Email Queue Recipient", {"recipient": "no.consent@amass-test.example.com"})
		)

	def test_nothing_is_sent_about_a_patient_who_died_even_to_a_consenting_carer(self):
		request = self.to_committee()
		frappe.set_user("Administrator")
		carer = self.new_beneficiary()
		frappe.db.set_value(
			"Beneficiary",
			carer.name,
			{"email": "carer.of.deceased@amass-test.example.com", "contact_consent": 1},
		)
		frappe.db.set_value("Support Request", request.name, "contact_person", carer.name)
		frappe.db.set_value("Beneficiary", request.beneficiary, "status", c.BENEFICIARY_DECEASED)
		meeting = self.meeting([request])
		review = self.record(meeting, request, c.DECISION_APPROVED)
		self.assertEqual(review.may_notify, 0)
		frappe.set_user(CHAIR)
		frappe.get_doc("Committee Meeting", meeting.name).submit()
		self.assertFalse(
			frappe.db.exists(
				"Email Queue Recipient", {"recipient": "carer.of.deceased@amass-test.example.com"}
			)
		)

	def test_rejection_needs_a_reason(self):
		request = self.to_committee()
		meeting = self.meeting([request])
		with self.assertRaises(CommitteeReviewError) as both:
			self.record(meeting, request, c.DECISION_REJECTED)
		# Every missing reason is named, not only the first.
		self.assertIn(frappe._("the committee's reason for this decision (internal)"), str(both.exception))
		self.assertIn(
			frappe._("the reason to be given to the applicant in the decision letter"), str(both.exception)
		)
		with self.assertRaises(CommitteeReviewError):
			self.record(meeting, request, c.DECISION_REJECTED, decision_reason="سبب داخلي")

	def test_amounts_are_named_with_the_currency_on_a_site_without_a_default_one(self):
		request = self.to_committee_with(FINANCIAL_SERVICE, 3000)
		meeting = self.meeting([request])
		default = frappe.db.get_default("currency")
		frappe.db.set_default("currency", None)
		try:
			with self.assertRaises(CommitteeReviewError) as refused:
				self.record(meeting, request, c.DECISION_APPROVED, approved_amount=2000)
		finally:
			frappe.db.set_default("currency", default)
		symbol = frappe.db.get_value("Currency", "SAR", "symbol") or "SAR"
		self.assertIn(symbol, str(refused.exception))

	def test_the_approved_amount_stays_within_request_and_maximum(self):
		request = self.to_committee_with(FINANCIAL_SERVICE, 3000)
		meeting = self.meeting([request])
		with self.assertRaises(CommitteeReviewError):
			self.record(
				meeting,
				request,
				c.DECISION_PARTIALLY_APPROVED,
				approved_amount=3500,
				decision_reason="x",
				reason_for_applicant="y",
			)
		review = self.record(
			meeting,
			request,
			c.DECISION_PARTIALLY_APPROVED,
			approved_amount=2000,
			decision_reason="x",
			reason_for_applicant="y",
		)
		self.assertEqual(review.approved_amount, 2000)

	def test_a_partial_approval_is_less_than_requested(self):
		request = self.to_committee_with(FINANCIAL_SERVICE, 3000)
		meeting = self.meeting([request])
		reasons = {"decision_reason": "x", "reason_for_applicant": "y"}
		with self.assertRaises(CommitteeReviewError):
			self.record(meeting, request, c.DECISION_PARTIALLY_APPROVED, approved_amount=3000, **reasons)
		with self.assertRaises(CommitteeReviewError):
			self.record(meeting, request, c.DECISION_APPROVED, approved_amount=2000)
		self.assertEqual(self.record(meeting, request, c.DECISION_APPROVED).approved_amount, 3000)


class TestCommitteeRules(CommitteeTestCase):
	def test_the_quorum_counts_committee_members_only(self):
		representatives = [
			make_user(f"rep{n}.quorum@amass-test.example.com", [c.ROLE_BRANCH_REPRESENTATIVE]) for n in (1, 2)
		]
		request = self.to_committee()
		meeting = self.meeting([request], members=representatives)
		self.record(meeting, request, c.DECISION_APPROVED)
		frappe.set_user(CHAIR)
		with self.assertRaises(CommitteeMeetingError):
			frappe.get_doc("Committee Meeting", meeting.name).submit()
		self.assertEqual(self.status(request), c.REQUEST_PENDING_COMMITTEE)

	def test_below_quorum_is_refused(self):
		request = self.to_committee()
		meeting = self.meeting([request], members=MEMBERS[:1])
		self.record(meeting, request, c.DECISION_APPROVED)
		frappe.set_user(CHAIR)
		with self.assertRaises(CommitteeMeetingError):
			frappe.get_doc("Committee Meeting", meeting.name).submit()
		self.assertEqual(self.status(request), c.REQUEST_PENDING_COMMITTEE)

	def test_a_review_is_submitted_only_by_its_meeting(self):
		request = self.to_committee()
		meeting = self.meeting([request])
		review = self.record(meeting, request, c.DECISION_APPROVED)
		frappe.set_user("Administrator")
		with self.assertRaises(CommitteeReviewError):
			frappe.get_doc("Committee Review", review.name).submit()

	def test_a_conflicted_member_cannot_vote(self):
		request = self.to_committee()
		meeting = self.meeting([request])
		frappe.db.set_value("Support Request", request.name, "verified_by", MEMBERS[0])
		with self.assertRaises(CommitteeVoteError):
			self.vote(MEMBERS[0], self.review_of(meeting, request), "Approve")
		self.vote(MEMBERS[1], self.review_of(meeting, request), "Approve")

	def test_a_member_cannot_edit_anothers_vote_but_the_secretary_enters_paper_votes(self):
		request = self.to_committee()
		meeting = self.meeting([request])
		vote = self.vote(MEMBERS[0], self.review_of(meeting, request), "Approve")
		frappe.set_user(MEMBERS[1])
		other = frappe.get_doc("Committee Vote", vote.name)
		other.vote = "Reject"
		with self.assertRaises(frappe.PermissionError):
			other.save()
		with self.assertRaises(frappe.PermissionError):
			self.vote(MEMBERS[1], self.review_of(meeting, request), "Reject", member=MEMBERS[0])
		paper = self.vote(SECRETARY, self.review_of(meeting, request), "Reject", member=MEMBERS[1])
		self.assertEqual((paper.member, paper.entered_by), (MEMBERS[1], SECRETARY))
		with self.assertRaises(CommitteeVoteError):
			self.vote(MEMBERS[0], self.review_of(meeting, request), "Reject")

	def test_the_vice_chair_submits_where_the_chair_is_conflicted(self):
		conflicted, ordinary = self.to_committee(), self.to_committee()
		frappe.db.set_value("Support Request", conflicted.name, "verified_by", CHAIR)
		meeting = self.meeting([conflicted, ordinary])
		self.record(meeting, conflicted, c.DECISION_APPROVED)
		self.record(meeting, ordinary, c.DECISION_APPROVED)
		frappe.set_user(CHAIR)
		# Refused before anything is written, naming the conflicted request and who submits instead.
		with self.assertRaises(CommitteeMeetingError) as refused:
			frappe.get_doc("Committee Meeting", meeting.name).submit()
		self.assertIn(conflicted.name, str(refused.exception))
		self.assertEqual(frappe.db.get_value("Committee Meeting", meeting.name, "docstatus"), 0)
		self.assertEqual(self.status(conflicted), c.REQUEST_PENDING_COMMITTEE)
		for user in (MEMBERS[0], SECRETARY):
			frappe.set_user(user)
			with self.assertRaises((CommitteeMeetingError, frappe.PermissionError)):
				frappe.get_doc("Committee Meeting", meeting.name).submit()
		frappe.set_user(VICE_CHAIR)
		frappe.get_doc("Committee Meeting", meeting.name).submit()
		meeting.reload()
		self.assertEqual(self.review_of(meeting, conflicted).decided_by, VICE_CHAIR)
		self.assertEqual(self.review_of(meeting, ordinary).decided_by, VICE_CHAIR)
		self.assertEqual(frappe.db.get_value("Support Request", conflicted.name, "decided_by"), VICE_CHAIR)
		self.assertEqual(self.status(conflicted), c.REQUEST_APPROVED)
		self.assertEqual(self.status(ordinary), c.REQUEST_APPROVED)

	def test_cancelling_the_review_returns_the_request_to_the_committee(self):
		request = self.to_committee()
		meeting = self.meeting([request])
		self.record(meeting, request, c.DECISION_APPROVED)
		frappe.set_user(CHAIR)
		frappe.get_doc("Committee Meeting", meeting.name).submit()
		self.assertEqual(self.status(request), c.REQUEST_APPROVED)
		frappe.set_user(CHAIR)
		frappe.get_doc("Committee Meeting", meeting.name).cancel()
		self.assertEqual(self.status(request), c.REQUEST_PENDING_COMMITTEE)
		self.assertFalse(frappe.db.get_value("Support Request", request.name, "committee_decision"))

	def test_a_cancelled_meeting_is_amended_with_fresh_reviews(self):
		request = self.to_committee()
		meeting = self.meeting([request])
		self.record(meeting, request, c.DECISION_APPROVED)
		frappe.set_user(CHAIR)
		frappe.get_doc("Committee Meeting", meeting.name).submit()
		frappe.get_doc("Committee Meeting", meeting.name).cancel()
		cancelled_review = self.review_of(frappe.get_doc("Committee Meeting", meeting.name), request)
		amended = frappe.copy_doc(frappe.get_doc("Committee Meeting", meeting.name))
		amended.amended_from = meeting.name  # what the desk's Amend and the form script do
		amended.docstatus = 0
		for row in amended.agenda:
			row.committee_review = None
		amended.insert()
		amended.reload()
		review = self.review_of(amended, request)
		self.assertNotEqual(review.name, cancelled_review.name)
		self.assertEqual((review.docstatus, review.committee_meeting), (0, amended.name))
		self.assertEqual(cancelled_review.docstatus, 2)
		self.record(amended, request, c.DECISION_APPROVED)
		frappe.set_user(CHAIR)
		frappe.get_doc("Committee Meeting", amended.name).submit()
		self.assertEqual(self.status(request), c.REQUEST_APPROVED)

	def test_pulling_takes_the_meetings_branch_and_service_up_to_the_agenda_size(self):
		frappe.db.set_single_value(c.SETTINGS_DOCTYPE, "committee_agenda_limit", 2)
		try:
			same = [self.to_committee() for _ in range(3)]
			other_service = self.to_committee_with(FINANCIAL_SERVICE, 1000)
			frappe.set_user(CHAIR)
			meeting = frappe.get_doc(
				{
					"doctype": "Committee Meeting",
					"chair": CHAIR,
					"members_present": [{"member": m} for m in MEMBERS],
					"agenda_branch_office": self.branch,
					"agenda_service_type": same[0].service_type,
				}
			)
			result = meeting.pull_pending_requests()
			self.assertEqual((result["added"], result["limit"]), (2, 2))
			self.assertGreaterEqual(result["waiting"], 1)
			pulled = [frappe.get_doc("Support Request", row.support_request) for row in meeting.agenda]
			self.assertEqual(len(pulled), 2)
			self.assertEqual(
				{(r.branch_office, r.service_type) for r in pulled}, {(self.branch, same[0].service_type)}
			)
			self.assertNotIn(other_service.name, {r.name for r in pulled})
			# A full agenda takes no more, and a longer one cannot be saved.
			self.assertEqual(meeting.pull_pending_requests()["added"], 0)
			left = next(r for r in same if r.name not in {p.name for p in pulled})
			review = frappe.get_doc(
				{
					"doctype": "Committee Review",
					"support_request": left.name,
					"committee_meeting": meeting.name,
				}
			).insert()
			meeting.append("agenda", {"support_request": left.name, "committee_review": review.name})
			with self.assertRaises(CommitteeMeetingError):
				meeting.save()
		finally:
			frappe.db.set_single_value(c.SETTINGS_DOCTYPE, "committee_agenda_limit", 25)

	def test_pulling_brings_the_pending_requests(self):
		request = self.to_committee()
		# The earliest due comes first (the site holds other tests' pending requests too).
		frappe.db.set_value("Support Request", request.name, "committee_due_date", "2000-01-01")
		frappe.set_user(CHAIR)
		meeting = frappe.get_doc(
			{
				"doctype": "Committee Meeting",
				"chair": CHAIR,
				"members_present": [{"member": m} for m in MEMBERS],
			}
		)
		meeting.pull_pending_requests()
		self.assertIn(request.name, {row.support_request for row in meeting.agenda})
		self.assertTrue(all(row.committee_review for row in meeting.agenda))


class TestCommitteePermissions(CommitteeTestCase):
	def test_who_may_do_what(self):
		request = self.to_committee()
		meeting = self.meeting([request])
		review = self.record(meeting, request, c.DECISION_APPROVED, votes=False)
		vote = self.vote(MEMBERS[0], review, "Approve")
		frappe.set_user(self.manager)
		rep = "rep.requests@amass-test.example.com"
		frappe.set_user(rep)
		self.assertFalse(frappe.has_permission("Committee Review", "read", doc=review.name))
		self.assertFalse(frappe.has_permission("Committee Vote", "read", doc=vote.name))
		frappe.set_user(MEMBERS[0])
		self.assertFalse(frappe.has_permission("Committee Meeting", "submit", doc=meeting.name))
		with self.assertRaises(frappe.PermissionError):
			frappe.get_doc("Committee Meeting", meeting.name).submit()
		frappe.set_user(CHAIR)
		self.assertTrue(frappe.has_permission("Committee Meeting", "submit", doc=meeting.name))


class TestDecisionLetterEscapes(CommitteeTestCase):
	def test_the_reasons_and_names_come_out_as_text(self):
		from amass_relations.amass_relations.doctype.support_request.test_support_request_form import HOSTILE

		request = self.to_committee()
		meeting = self.meeting([request])
		review = self.record(
			meeting,
			request,
			c.DECISION_REJECTED,
			decision_reason=HOSTILE,
			reason_for_applicant='السبب" onmouseover="alert(3)',  # no < or >: Frappe's sanitizer lets it through
		)
		frappe.set_user("Administrator")
		html = frappe.get_print("Committee Review", review.name, "Decision Letter", doc=review)
		for raw in ("<script>alert", '<img src="x"', "<img src=x", 'onerror="alert', '" onmouseover="alert'):
			self.assertNotIn(raw, html)
		self.assertIn("onmouseover=&#34;alert(3)", html)


class TestTheVotesDecide(CommitteeTestCase):
	def tearDown(self):
		frappe.set_user("Administrator")
		settings = frappe.get_doc(c.SETTINGS_DOCTYPE)
		settings.update(
			{
				"committee_majority_of": "Members Present",
				"committee_abstentions_count": 0,
				"committee_casting_vote": 1,
			}
		)
		settings.save()
		super().tearDown()

	def settings(self, **values):
		frappe.set_user("Administrator")
		settings = frappe.get_doc(c.SETTINGS_DOCTYPE)
		settings.update(values)
		settings.save()

	def test_a_decision_against_the_votes_needs_the_chairs_override_with_a_reason(self):
		request = self.to_committee()
		meeting = self.meeting([request])
		self.vote_for(meeting, self.review_of(meeting, request), "Reject")
		review = self.record(meeting, request, c.DECISION_APPROVED, votes=False)
		self.assertEqual(review.tally_decision, c.DECISION_REJECTED)
		frappe.set_user(CHAIR)
		with self.assertRaises(CommitteeMeetingError) as refused:
			frappe.get_doc("Committee Meeting", meeting.name).submit()
		self.assertIn(request.name, str(refused.exception))
		self.assertEqual(self.status(request), c.REQUEST_PENDING_COMMITTEE)

		self.record(
			meeting,
			request,
			c.DECISION_APPROVED,
			votes=False,
			chair_override=1,
			override_reason="ظروف طارئة موثقة",
		)
		frappe.set_user(CHAIR)
		frappe.get_doc("Committee Meeting", meeting.name).submit()
		self.assertEqual(self.status(request), c.REQUEST_APPROVED)
		minutes = frappe.db.get_value("Committee Meeting", meeting.name, "decisions_against_votes")
		self.assertIn(request.name, minutes)
		self.assertIn("ظروف طارئة موثقة", minutes)
		self.assertTrue(
			frappe.db.exists(
				"Notification Log",
				{
					"for_user": self.manager,
					"document_type": "Committee Meeting",
					"document_name": meeting.name,
				},
			)
		)

	def test_a_decision_with_no_votes_is_an_override_too(self):
		request = self.to_committee()
		meeting = self.meeting([request])
		self.record(meeting, request, c.DECISION_APPROVED, votes=False)
		frappe.set_user(CHAIR)
		with self.assertRaises(CommitteeMeetingError):
			frappe.get_doc("Committee Meeting", meeting.name).submit()

	def test_the_managers_rule_decides_what_the_votes_carry(self):
		request = self.to_committee()
		meeting = self.meeting([request])  # present: the chair and two members
		review = self.review_of(meeting, request)
		self.vote(SECRETARY, review, "Approve", member=MEMBERS[0])
		abstention = self.vote(SECRETARY, review, "Abstain", member=MEMBERS[1])
		self.vote(SECRETARY, review, "Reject", member=CHAIR)

		def carried():
			return self.record(meeting, request, c.DECISION_REJECTED, votes=False, **REASONS).tally_decision

		# Abstentions left out: one each of two, a tie the chair's casting vote breaks.
		self.assertEqual(carried(), c.DECISION_REJECTED)
		self.settings(committee_casting_vote=0)
		self.assertEqual(carried(), "")
		self.settings(committee_casting_vote=1, committee_abstentions_count=1)
		self.assertEqual(carried(), "")  # one of three is no tie and no majority
		frappe.set_user(SECRETARY)
		abstention.reload()
		abstention.vote = "Reject"
		abstention.save()
		self.assertEqual(carried(), c.DECISION_REJECTED)  # two of the three present
		self.settings(committee_majority_of="All Members")
		self.assertEqual(carried(), "")  # two are not a majority of every committee member


REASONS = {"decision_reason": "لا تنطبق الشروط", "reason_for_applicant": "الخدمة لا تنطبق على حالتكم"}
