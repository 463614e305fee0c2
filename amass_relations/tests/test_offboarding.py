"""Users who leave (issue 12): disabling a user who chairs an open meeting, holds open votes or open
assignments shows what must be handed over, and the handover is one action, all or nothing. The
methods are called by their dotted path, as the desk calls them."""

from unittest.mock import patch

import frappe
from frappe.desk.form.assign_to import add as add_assignment

from amass_relations import constants as c
from amass_relations.amass_relations.doctype.committee_meeting.test_committee_meeting import (
	MEMBERS,
	VICE_CHAIR,
	CommitteeTestCase,
)
from amass_relations.tests.security.http import Client, make_login, text
from amass_relations.tests.utils import AmassTestCase, make_user

HAND_OVER = "amass_relations.services.offboarding.hand_over"
GET_OPEN_WORK = "amass_relations.services.offboarding.get_open_work"


def mute_emails(cls):
	"""An assignment's notice is emailed at once in tests, and sending commits (email_queue.py,
	SendMailContext): muted, the class's records stay in its transaction and are rolled back. Started after
	FrappeTestCase.setUpClass, which keeps the flags it restores."""
	muted = patch.dict(frappe.local.flags, {"mute_emails": True})
	muted.start()
	cls.addClassCleanup(muted.stop)


def messages() -> str:
	return " ".join(
		str(m.get("message") if isinstance(m, dict) else m) for m in (frappe.local.message_log or [])
	)


class TestUsersWhoLeave(CommitteeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		# Frappe refuses to disable anyone unless another System Manager remains (a fresh site has none).
		make_user("system.manager@amass-test.example.com", ["System Manager"])
		mute_emails(cls)

	def leaver(self, label: str, roles: list[str]) -> str:
		"""A fresh user with a name of their own (the timeline's assignment lines name people)."""
		tag = f"{label}-{frappe.generate_hash(length=6)}"
		return make_user(f"leaving.{tag}@amass-test.example.com", roles, first_name=tag)

	def disable(self, user: str):
		frappe.set_user("Administrator")
		frappe.local.message_log = []
		doc = frappe.get_doc("User", user)
		doc.enabled = 0
		doc.save()

	def last_error(self) -> str:
		"""What went wrong when the notice did not come (the Error Log row goes with the test's rollback)."""
		rows = frappe.get_all("Error Log", fields=["method", "error"], order_by="creation desc", limit=1)
		return f"; last error: {rows[0].method}: {rows[0].error[-1500:]}" if rows else ""

	def notices(self, user: str) -> list:
		return frappe.get_all(
			"Notification Log",
			filters={"for_user": self.manager, "document_type": "User", "document_name": user},
			fields=["subject", "email_content"],
		)

	def open_todos(self, user: str) -> list:
		return frappe.get_all(
			"ToDo",
			filters={"allocated_to": user, "status": "Open"},
			fields=["name", "reference_type", "reference_name", "description"],
		)

	def test_disabling_a_user_with_open_work_shows_what_to_hand_over(self):
		request = self.to_committee()
		chair = self.leaver("chair", [c.ROLE_COMMITTEE_CHAIR])
		member = self.leaver("member", [c.ROLE_COMMITTEE_MEMBER])
		officer = self.leaver("officer", [c.ROLE_OFFICER])
		quiet = self.leaver("quiet", [c.ROLE_OFFICER])
		meeting = self.meeting([request], members=(member, *MEMBERS), chair=chair, vice_chair=VICE_CHAIR)
		review = self.review_of(meeting, request)
		self.vote(member, review, "Approve")
		frappe.set_user("Administrator")
		add_assignment(
			{"doctype": "Support Request", "name": request.name, "assign_to": [officer], "description": "x"}
		)

		for user, expected in ((chair, meeting.name), (member, review.name), (officer, request.name)):
			self.disable(user)
			self.assertFalse(frappe.db.get_value("User", user, "enabled"), "disabling is never blocked")
			notices = self.notices(user)
			self.assertEqual(len(notices), 1, f"the manager is notified once about {user}{self.last_error()}")
			self.assertIn(expected, notices[0].email_content)
			# The User form lists it for whoever opens it (user_handover.js reads get_open_work).
			self.assertIn(expected, str(frappe.call(GET_OPEN_WORK, user=user)))

		self.disable(quiet)
		self.assertEqual(self.notices(quiet), [])

	def test_only_a_manager_hands_over(self):
		chair = self.leaver("chair", [c.ROLE_COMMITTEE_CHAIR])
		meeting = self.meeting([], chair=chair, vice_chair=VICE_CHAIR)
		self.disable(chair)
		for user in (MEMBERS[0], self.officer, VICE_CHAIR):
			frappe.set_user(user)
			with self.assertRaises(frappe.PermissionError):
				frappe.call(HAND_OVER, user=chair, successor=VICE_CHAIR)
			with self.assertRaises(frappe.PermissionError):
				frappe.call(GET_OPEN_WORK, user=chair)
		frappe.set_user("Administrator")
		self.assertEqual(frappe.db.get_value("Committee Meeting", meeting.name, "chair"), chair)

	def test_a_successor_without_the_chair_role_changes_nothing_and_is_told_which_meeting(self):
		request = self.to_committee()
		chair = self.leaver("chair", [c.ROLE_COMMITTEE_CHAIR])
		not_a_chair = self.leaver("member", [c.ROLE_COMMITTEE_MEMBER])
		meeting = self.meeting([request], chair=chair, vice_chair=VICE_CHAIR)
		vote = self.vote(chair, self.review_of(meeting, request), "Approve")
		frappe.set_user("Administrator")
		add_assignment(
			{"doctype": "Support Request", "name": request.name, "assign_to": [chair], "description": "x"}
		)
		self.disable(chair)

		frappe.set_user(self.manager)
		with self.assertRaises(frappe.ValidationError) as refused:
			frappe.call(HAND_OVER, user=chair, successor=not_a_chair)
		self.assertIn(meeting.name, str(refused.exception))
		gone = self.leaver("gone", [c.ROLE_COMMITTEE_CHAIR])
		self.disable(gone)
		frappe.set_user(self.manager)
		for successor in (chair, gone, "nobody@amass-test.example.com"):
			with self.assertRaises(frappe.ValidationError):
				frappe.call(HAND_OVER, user=chair, successor=successor)

		frappe.set_user("Administrator")
		self.assertEqual(frappe.db.get_value("Committee Meeting", meeting.name, "chair"), chair)
		self.assertTrue(frappe.db.exists("Committee Vote", vote.name))
		self.assertEqual([t.reference_name for t in self.open_todos(chair)], [request.name])
		self.assertEqual(self.open_todos(not_a_chair), [])

	def test_an_assignment_does_not_move_to_someone_who_may_not_see_the_record(self):
		request = self.new_request()
		officer = self.leaver("officer", [c.ROLE_OFFICER])
		# A branch representative in no branch sees no branch's records.
		other_branch = self.leaver("rep", [c.ROLE_BRANCH_REPRESENTATIVE])
		frappe.set_user("Administrator")
		add_assignment(
			{"doctype": "Support Request", "name": request.name, "assign_to": [officer], "description": "x"}
		)
		self.disable(officer)
		frappe.set_user(self.manager)
		with self.assertRaises(frappe.ValidationError) as refused:
			frappe.call(HAND_OVER, user=officer, successor=other_branch)
		self.assertIn(request.name, str(refused.exception))
		frappe.set_user("Administrator")
		self.assertEqual([t.reference_name for t in self.open_todos(officer)], [request.name])
		self.assertEqual(self.open_todos(other_branch), [])

	def test_a_proper_successor_takes_everything_in_one_call(self):
		chaired, attended = self.to_committee(), self.to_committee()
		leaver = self.leaver("all", [c.ROLE_COMMITTEE_CHAIR, c.ROLE_SOCIAL_RESEARCHER])
		successor = self.leaver("successor", [c.ROLE_COMMITTEE_CHAIR, c.ROLE_SOCIAL_RESEARCHER])
		chaired_meeting = self.meeting([chaired], chair=leaver, vice_chair=VICE_CHAIR)
		attended_meeting = self.meeting([attended], members=(leaver, *MEMBERS))
		review = self.review_of(attended_meeting, attended)
		vote = self.vote(leaver, review, "Reject")
		frappe.set_user("Administrator")
		researched = self.new_request()
		self.act(researched, "Submit for Verification", self.officer)
		frappe.set_user(self.officer)
		frappe.get_doc("Support Request", researched.name).refer_to_social_researcher(leaver)
		frappe.set_user("Administrator")
		frappe.get_doc({"doctype": "ToDo", "allocated_to": leaver, "description": "اتصل بالمستفيد"}).insert()
		self.disable(leaver)
		self.assertEqual(frappe.call(GET_OPEN_WORK, user=leaver)["count"], 6)

		frappe.set_user(self.manager)
		result = frappe.call(HAND_OVER, user=leaver, successor=successor)

		frappe.set_user("Administrator")
		meeting = frappe.get_doc("Committee Meeting", chaired_meeting.name)
		self.assertEqual(meeting.chair, successor)
		self.assertFalse(meeting.chair_signature, "the new chair signs the meeting")
		present = {row.member for row in meeting.members_present}
		self.assertIn(successor, present)
		self.assertNotIn(leaver, present)
		self.assertNotIn(
			leaver,
			{
				row.member
				for row in frappe.get_doc("Committee Meeting", attended_meeting.name).members_present
			},
		)
		self.assertFalse(frappe.db.exists("Committee Vote", vote.name))
		self.assertTrue(any(review.name in line for line in result["lines"]), result["lines"])
		self.assertTrue(
			frappe.db.exists(
				"Comment",
				{
					"reference_doctype": "Committee Review",
					"reference_name": review.name,
					"content": ("like", f"%{leaver}%"),
				},
			)
		)
		self.assertEqual(
			frappe.db.get_value("Support Request", researched.name, "social_researcher"), successor
		)
		self.assertEqual(self.open_todos(leaver), [])
		moved = self.open_todos(successor)
		self.assertEqual(
			sorted((t.reference_name or t.description) for t in moved),
			sorted([researched.name, "اتصل بالمستفيد"]),
		)
		for comment_type, person in (("Assignment Completed", leaver), ("Assigned", successor)):
			self.assertTrue(
				frappe.db.exists(
					"Comment",
					{
						"reference_doctype": "Support Request",
						"reference_name": researched.name,
						"comment_type": comment_type,
						"content": ("like", f"%{frappe.utils.get_fullname(person)}%"),
					},
				),
				f"the request's timeline shows the assignment of {person}: {comment_type}",
			)
		self.assertEqual(frappe.call(GET_OPEN_WORK, user=leaver)["count"], 0)


class TestHandoverOverHttp(AmassTestCase):
	def test_only_managers_reach_the_handover_over_http(self):
		frappe.set_user("Administrator")
		# The security tests' logins, with the same roles: no more committed users on the site.
		officer = make_login("sec.officer.a@amass-test.example.com", [c.ROLE_OFFICER])
		manager = make_login("sec.manager@amass-test.example.com", [c.ROLE_MANAGER])
		frappe.db.commit()

		client = Client(officer)
		refused = client.call(HAND_OVER, user=officer, successor=manager)
		self.assertEqual(refused.status_code, 403, text(refused)[:400])
		refused = client.call(GET_OPEN_WORK, user=officer)
		self.assertEqual(refused.status_code, 403, text(refused)[:400])
		allowed = Client(manager).call(GET_OPEN_WORK, user=officer)
		self.assertEqual(allowed.status_code, 200, text(allowed)[:400])
		self.assertEqual(allowed.json()["message"]["user"], officer)
