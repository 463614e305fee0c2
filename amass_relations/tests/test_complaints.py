"""Complaints, suggestions and improvement actions (services/complaints.py) over the served site's
real routes: one from the portal, one anonymous from the public form followed with its tracking code,
one recorded by staff — each acknowledged, assigned by the framework's Assignment Rule, escalated once
when overdue, answered and the submitter told; one appeal; a complaint about a member of staff that
neither an assignment nor a share opens to them; an improvement action from three feedback items done
with evidence and shown as "you said, we did"; the dashboard's figures for the manager only, whatever
the chart cache holds."""

import frappe
from frappe.utils import add_days, nowdate

from amass_relations import constants as c
from amass_relations.rules import complaints as rule
from amass_relations.services import complaints, quality
from amass_relations.services.working_days import add_working_days
from amass_relations.tests.security.http import Client, make_login
from amass_relations.tests.sms_gateway import UsesFakeGateway
from amass_relations.tests.test_feedback import client_base
from amass_relations.tests.utils import AmassTestCase, make_branch

BRANCH = "CMP-Branch-1"
MANAGER = "cmp-manager@amass-test.example.com"
OWNER = "cmp-owner@amass-test.example.com"
NAMED = "cmp-named@amass-test.example.com"
OTHER = "cmp-other@amass-test.example.com"
HQ_OWNER = "cmp-hq-owner@amass-test.example.com"
HQ = "CMP-HQ"
PORTAL = "cmp-portal@amass-test.example.com"
BEN = "CMP-BEN-1"
SERVICE = "CMP-Service"
TEXT = "انتظرت في الفرع ساعتين دون أن يرد علي أحد"


def forget_earlier_runs():
	names = frappe.get_all(
		"Feedback", filters={"comment": ("like", "%CMP-TEST%")}, pluck="name"
	) + frappe.get_all("Feedback", filters={"beneficiary": BEN}, pluck="name")
	actions = frappe.get_all("Improvement Action", filters={"title": ("like", "CMP-TEST%")}, pluck="name")
	for doctype, field, values in (
		("ToDo", "reference_name", names),
		("Quality Escalation", "reference_name", names + actions),
		("Notification Log", "document_name", names + actions),
		("SMS Outbox", "reference_name", names),
		("Comment", "reference_name", names),
		("File", "attached_to_name", actions),
		("Improvement Action Feedback", "parent", actions),
		("Improvement Action", "name", actions),
		("Feedback", "name", names),
	):
		if values:
			frappe.db.delete(doctype, {field: ("in", values)})
	frappe.db.delete("Beneficiary", {"name": BEN})
	invitations = frappe.get_all(
		"Survey Invitation", filters={"marker": "Support Request:FB-SR-690"}, pluck="name"
	)
	if invitations:
		frappe.db.delete("SMS Outbox", {"reference_name": ("in", invitations)})
		frappe.db.delete("Email Queue", {"reference_name": ("in", invitations)})
		frappe.db.delete("Survey Invitation", {"name": ("in", invitations)})
	for answer in frappe.get_all("Feedback", filters={"support_request": "FB-SR-690"}, pluck="name"):
		frappe.db.delete("Feedback Answer", {"parent": answer})
		frappe.db.delete("Feedback", {"name": answer})
	for doctype in ("Service Delivery", "Support Request", "Beneficiary"):
		frappe.db.delete(doctype, {"name": ("like", "FB-%-690")})
	frappe.db.delete("Dashboard Chart", {"name": ("like", "CMP-TEST%")})
	quality.rebuild()


def reset_limits():
	frappe.cache.delete_keys("rl:")
	for key in frappe.cache.get_keys("amass_relations|"):
		frappe.cache.delete(key)
	for key in frappe.cache.keys(f"amass_relations|{frappe.local.site}|complaints|*"):
		frappe.cache.delete(key)


class TestComplaints(UsesFakeGateway, AmassTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		make_login(MANAGER, [c.ROLE_MANAGER])
		for user in (OWNER, NAMED, OTHER, HQ_OWNER):
			make_login(user, [c.ROLE_OFFICER])
		make_login(PORTAL, [c.ROLE_BENEFICIARY], "Website User")
		make_branch(BRANCH, "CMP-City-1", users=(OWNER, NAMED, OTHER))
		frappe.db.set_value("Branch Office", BRANCH, "complaints_owner", OWNER)
		# Headquarters' owner takes what has no branch (an anonymous complaint).
		from amass_relations.services.branches import headquarters

		cls.headquarters = headquarters() or make_branch(HQ, "CMP-City-HQ", headquarters=1)
		cls.hq_owner_before = frappe.db.get_value("Branch Office", cls.headquarters, "complaints_owner")
		frappe.db.set_value("Branch Office", cls.headquarters, "complaints_owner", HQ_OWNER)
		forget_earlier_runs()
		frappe.get_doc(
			{
				"doctype": "Beneficiary",
				"name": BEN,
				"full_name": "مستفيدة شكوى تجريبية",
				"national_id": "2999999901",
				"gender": "Female",
				"date_of_birth": "1980-01-15",
				"branch_office": BRANCH,
				"beneficiary_category": c.CATEGORY_PATIENT,
				"status": "Registered",
				"mobile_no": "0577111222",
				"contact_consent": 1,
				"preferred_language": "ar",
				"preferred_contact_channel": "Phone",
				"user": PORTAL,
			}
		).db_insert()
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls):
		frappe.set_user("Administrator")
		frappe.db.rollback()
		frappe.db.set_value("Branch Office", cls.headquarters, "complaints_owner", cls.hq_owner_before)
		forget_earlier_runs()
		frappe.db.commit()
		super().tearDownClass()

	def setUp(self):
		super().setUp()
		frappe.set_user("Administrator")
		reset_limits()

	def submit(self, client, **form):
		response = client.call("amass_relations.api.complaints.submit", **form)
		self.assertEqual(response.status_code, 200, response.text[:500])
		return response.json()["message"]

	def feedback(self, reference):
		return frappe.get_doc("Feedback", {"reference": reference})

	def test_three_ways_in_acknowledged_assigned_escalated_answered_and_appealed_once(self):
		# From the portal, signed in: the account's own file, acknowledged by SMS (consented).
		portal = Client(PORTAL)
		mine = self.submit(portal, kind="Complaint", text=f"{TEXT} CMP-TEST-portal")
		self.assertTrue(mine["reference"].startswith("CMP-"), mine)
		self.assertIsNone(mine["code"])
		self.assertTrue(mine["acknowledged"])
		# Anonymous, from the public form: a reference and a tracking code, no one to tell.
		guest = Client()
		anon = self.submit(
			guest,
			kind="Suggestion",
			text="اقترح مواعيد مسائية CMP-TEST-anon",
			anonymous=1,
			email="x@example.com",
		)
		self.assertTrue(anon["reference"].startswith("SUG-"))
		self.assertEqual(len(anon["code"]), 16)
		self.assertFalse(anon["acknowledged"])
		# Recorded by staff from a phone call.
		officer = Client(OTHER)
		response = officer.call(
			"amass_relations.api.complaints.record",
			kind="Complaint",
			text="اتصلت ولم يرد أحد CMP-TEST-staff",
			channel=c.CHANNEL_PHONE,
			beneficiary=BEN,
		)
		self.assertEqual(response.status_code, 200, response.text[:500])
		frappe.db.rollback()
		recorded = frappe.get_doc("Feedback", response.json()["message"])
		# Bad input: each field's message, nothing written.
		before = frappe.db.count("Feedback")
		bad = guest.call(
			"amass_relations.api.complaints.submit",
			kind="Complaint",
			text="قصير",
			email="not-an-email",
			consent=1,
		)
		self.assertEqual(bad.status_code, 417, bad.text[:300])
		self.assertEqual(set(bad.json()["field_errors"]), {"comment", "email"})
		self.assertEqual(frappe.db.count("Feedback"), before)

		frappe.db.rollback()
		docs = [self.feedback(mine["reference"]), self.feedback(anon["reference"]), recorded]
		for doc in docs:
			self.assertEqual(doc.status, rule.NEW)
			self.assertEqual(
				doc.due_on, add_working_days(doc.received_on.date(), complaints.resolution_days())
			)
		# Routed: the branch's owner for the portal's and staff's; no branch for the anonymous one.
		self.assertEqual(docs[0].triage_owner, OWNER)
		self.assertEqual(docs[1].triage_owner, HQ_OWNER)
		self.assertEqual(docs[2].triage_owner, OWNER)
		self.assertEqual(
			frappe.get_all(
				"ToDo", filters={"reference_name": docs[1].name, "status": "Open"}, pluck="allocated_to"
			),
			[HQ_OWNER],
		)
		recorded_ack = frappe.get_all(
			"SMS Outbox", filters={"reference_name": docs[2].name, "purpose": "Complaint"}
		)
		self.assertEqual(len(recorded_ack), 1)
		todos = frappe.get_all(
			"ToDo",
			filters={"reference_type": "Feedback", "reference_name": docs[0].name, "status": "Open"},
			pluck="allocated_to",
		)
		self.assertEqual(todos, [OWNER])
		acks = frappe.get_all(
			"SMS Outbox", filters={"reference_name": docs[0].name, "purpose": "Complaint"}, pluck="message"
		)
		self.assertEqual(len(acks), 1)
		self.assertIn(mine["reference"], acks[0])
		self.assertFalse(frappe.get_all("SMS Outbox", filters={"reference_name": docs[1].name}))

		# Followed with the tracking code; a wrong code says nothing.
		seen = guest.call(
			"amass_relations.api.complaints.track", reference=anon["reference"], code=anon["code"].lower()
		).json()["message"]
		self.assertEqual(seen["status"], rule.NEW)
		wrong = guest.call(
			"amass_relations.api.complaints.track", reference=anon["reference"], code="A" * 16
		).json()["message"]
		self.assertEqual(wrong, {"state": "not_found"})

		# Overdue: escalated once per threshold.
		for doc in docs:
			frappe.db.set_value("Feedback", doc.name, "due_on", add_days(nowdate(), -1))
		frappe.db.commit()
		first = complaints.escalate_overdue()
		self.assertGreaterEqual(first, 3)
		self.assertEqual(complaints.escalate_overdue(), 0)
		self.assertEqual(
			frappe.db.count("Quality Escalation", {"reference_name": ("in", [d.name for d in docs])}), 3
		)
		self.assertTrue(
			frappe.db.exists("Notification Log", {"for_user": MANAGER, "document_name": docs[0].name})
		)

		# The owner answers over HTTP; the portal's submitter is told; another officer may not.
		owner = Client(OWNER)
		refused = Client(OTHER).call("amass_relations.api.complaints.act", name=docs[0].name, action="start")
		self.assertEqual(refused.status_code, 403, refused.text[:300])
		self.assertEqual(
			owner.call("amass_relations.api.complaints.act", name=docs[0].name, action="start").status_code,
			200,
		)
		no_reason = owner.call(
			"amass_relations.api.complaints.act", name=docs[0].name, action="resolve", text=""
		)
		self.assertEqual(no_reason.status_code, 417, no_reason.text[:300])
		done = owner.call(
			"amass_relations.api.complaints.act",
			name=docs[0].name,
			action="resolve",
			text="رتبنا دور الانتظار وأضفنا موظفا",
		)
		self.assertEqual(done.status_code, 200, done.text[:300])
		frappe.db.rollback()
		told = frappe.get_all(
			"SMS Outbox", filters={"reference_name": docs[0].name, "purpose": "Complaint"}, pluck="message"
		)
		self.assertEqual(len(told), 2)
		self.assertTrue(any("رتبنا دور الانتظار" in m for m in told))
		# The manager rejects the anonymous suggestion with a reason; it is read on the status page.
		manager = Client(MANAGER)
		self.assertEqual(
			manager.call(
				"amass_relations.api.complaints.act",
				name=docs[1].name,
				action="reject",
				text="لا نستطيع حاليا",
			).status_code,
			200,
		)
		seen = guest.call(
			"amass_relations.api.complaints.track", reference=anon["reference"], code=anon["code"]
		).json()["message"]
		self.assertEqual(
			(seen["status"], seen["outcome"], seen["may_appeal"]), (rule.REJECTED, "لا نستطيع حاليا", True)
		)
		# One appeal, with its code; a second is refused.
		appealed = guest.call(
			"amass_relations.api.complaints.appeal",
			reference=anon["reference"],
			code=anon["code"],
			text="أرجو إعادة النظر",
		).json()["message"]
		self.assertEqual(appealed["status"], rule.IN_PROGRESS)
		frappe.db.rollback()
		self.assertGreaterEqual(
			frappe.db.get_value("Feedback", docs[1].name, "due_on"), frappe.utils.getdate(nowdate())
		)
		manager.call(
			"amass_relations.api.complaints.act",
			name=docs[1].name,
			action="reject",
			text="لا نستطيع حاليا بعد المراجعة",
		)
		again = guest.call(
			"amass_relations.api.complaints.appeal",
			reference=anon["reference"],
			code=anon["code"],
			text="مرة أخرى من فضلك",
		)
		self.assertEqual(again.status_code, 417, again.text[:300])
		self.assertIn("appeal", again.json()["field_errors"])
		# Closed; the figures count three received and two answers.
		self.assertEqual(
			owner.call("amass_relations.api.complaints.act", name=docs[0].name, action="close").status_code,
			200,
		)
		frappe.db.rollback()
		self.assertEqual(frappe.db.get_value("Feedback", docs[0].name, "status"), rule.CLOSED)
		frappe.set_user(MANAGER)
		self.assertGreaterEqual(quality.one("complaints"), 2)
		self.assertIsNotNone(quality.one("median_days"))

	def test_a_complaint_about_staff_is_not_theirs_to_read_assign_or_share(self):
		doc, _code = complaints.receive(
			rule.COMPLAINT,
			"الموظف لم يحترمني CMP-TEST-staff-member",
			channel=c.CHANNEL_PHONE,
			beneficiary=BEN,
			staff_member=NAMED,
		)
		frappe.db.commit()
		self.assertEqual(doc.triage_owner, OWNER)
		named, other, owner = Client(NAMED), Client(OTHER), Client(OWNER)
		for client in (named, other):
			response = client.session.get(f"{client_base()}/api/resource/Feedback/{doc.name}")
			self.assertEqual(response.status_code, 403, response.text[:200])
			listed = client.call(
				"frappe.client.get_list", doctype="Feedback", fields=["name"], limit_page_length=0
			)
			self.assertNotIn(doc.name, [r["name"] for r in listed.json().get("message", [])])
		self.assertEqual(
			owner.session.get(f"{client_base()}/api/resource/Feedback/{doc.name}").status_code, 200
		)
		# Survey answers stay the manager's: a child table's list is not opened by the parent's role.
		for client in (named, owner):
			answers = client.call(
				"frappe.client.get_list",
				doctype="Feedback Answer",
				parent="Feedback",
				fields=["parent", "answer"],
			)
			self.assertIn(answers.status_code, (200, 403), answers.text[:200])
			self.assertEqual(answers.json().get("message") or [], [])
		# The goal graph counts with no permission check: refused for Feedback as its goal doctype.
		goal = named.call(
			"frappe.utils.goal.get_monthly_goal_graph_data",
			title="x",
			doctype="User",
			docname=NAMED,
			goal_value_field="first_name",
			goal_total_field="first_name",
			goal_history_field="last_name",
			goal_doctype="Feedback",
			goal_doctype_link="staff_member",
			goal_field="name",
			date_field="creation",
			aggregation="count",
		)
		self.assertEqual(goal.status_code, 403, goal.text[:200])
		# The share path: the framework's share would open it; refused for anyone, the named one too.
		for who in (owner, Client(MANAGER)):
			shared = who.call("frappe.share.add", doctype="Feedback", name=doc.name, user=NAMED, read=1)
			self.assertNotEqual(shared.status_code, 200, shared.text[:300])
		self.assertFalse(frappe.db.exists("DocShare", {"share_doctype": "Feedback", "share_name": doc.name}))
		# The assignment path: to the named member of staff, refused.
		assigned = Client(MANAGER).call(
			"frappe.desk.form.assign_to.add", doctype="Feedback", name=doc.name, assign_to=[NAMED]
		)
		self.assertNotEqual(assigned.status_code, 200, assigned.text[:300])
		frappe.db.rollback()
		self.assertFalse(
			frappe.db.exists("ToDo", {"reference_name": doc.name, "allocated_to": NAMED, "status": "Open"})
		)
		self.assertEqual(
			named.session.get(f"{client_base()}/api/resource/Feedback/{doc.name}").status_code, 403
		)
		# Marked at triage when the owner is the one named: the owner moves away from them.
		other_doc, _code = complaints.receive(
			rule.COMPLAINT, "تعامل غير لائق CMP-TEST-owner-named", channel=c.CHANNEL_PHONE, beneficiary=BEN
		)
		frappe.db.commit()
		self.assertEqual(
			Client(MANAGER)
			.call("amass_relations.api.complaints.mark_about_staff", name=other_doc.name, staff_member=OWNER)
			.status_code,
			200,
		)
		frappe.db.rollback()
		self.assertNotEqual(frappe.db.get_value("Feedback", other_doc.name, "triage_owner"), OWNER)
		self.assertFalse(
			frappe.db.exists(
				"ToDo", {"reference_name": other_doc.name, "allocated_to": OWNER, "status": "Open"}
			)
		)
		self.assertEqual(
			owner.session.get(f"{client_base()}/api/resource/Feedback/{other_doc.name}").status_code, 403
		)

	def test_an_improvement_action_from_three_items_done_with_evidence_and_shown_publicly(self):
		items = [
			complaints.receive(
				rule.COMPLAINT, f"{TEXT} CMP-TEST-action-{i}", channel=c.CHANNEL_PHONE, beneficiary=BEN
			)[0]
			for i in range(3)
		]
		frappe.db.commit()
		manager = Client(MANAGER)
		response = manager.call(
			"frappe.client.insert",
			doc={
				"doctype": "Improvement Action",
				"title": "CMP-TEST مواعيد مسائية",
				"action_owner": OWNER,
				"branch_office": BRANCH,
				"due_on": add_days(nowdate(), 10),
				"feedback_items": [{"feedback": d.name} for d in items],
			},
		)
		self.assertEqual(response.status_code, 200, response.text[:500])
		action = response.json()["message"]["name"]
		for d in items:
			self.assertEqual(frappe.db.get_value("Feedback", d.name, "improvement_action"), action)
		# Read by the manager and its owner; not by another officer (its items name complaints).
		owner = Client(OWNER)
		self.assertEqual(
			owner.session.get(f"{client_base()}/api/resource/Improvement Action/{action}").status_code, 200
		)
		self.assertEqual(
			Client(OTHER)
			.session.get(f"{client_base()}/api/resource/Improvement Action/{action}")
			.status_code,
			403,
		)
		listed = Client(OTHER).call(
			"frappe.client.get_list",
			doctype="Improvement Action Feedback",
			parent="Improvement Action",
			fields=["reference"],
		)
		self.assertEqual(listed.json().get("message") or [], [])
		# Overdue: escalated to the managers and its owner once.
		frappe.db.set_value("Improvement Action", action, "due_on", add_days(nowdate(), -1))
		frappe.db.commit()
		complaints.escalate_overdue()
		complaints.escalate_overdue()
		self.assertEqual(
			frappe.db.count("Quality Escalation", {"reference_name": action, "threshold": rule.OVERDUE}), 1
		)
		self.assertTrue(frappe.db.exists("Notification Log", {"for_user": OWNER, "document_name": action}))
		# The owner may not cancel it (escalation would stop) nor write its public words.
		self.assertEqual(
			owner.put(f"/api/resource/Improvement Action/{action}", {"status": "Cancelled"}).status_code, 403
		)
		self.assertEqual(
			owner.put(
				f"/api/resource/Improvement Action/{action}", {"we_did_en": "owner's words"}
			).status_code,
			403,
		)
		# A complaint cannot be resolved by an action that is not done.
		early = owner.call(
			"amass_relations.api.complaints.act",
			name=items[0].name,
			action="resolve",
			text="بالإجراء",
			improvement_action=action,
		)
		self.assertEqual(early.status_code, 417, early.text[:300])
		# Done only with an outcome and evidence; by its owner, who may not change the manager's fields.
		no_evidence = owner.put(
			f"/api/resource/Improvement Action/{action}", {"status": "Done", "outcome": "فتحنا الفرع مساء"}
		)
		self.assertEqual(no_evidence.status_code, 417, no_evidence.text[:300])
		moved = owner.put(f"/api/resource/Improvement Action/{action}", {"due_on": add_days(nowdate(), 90)})
		self.assertEqual(moved.status_code, 403, moved.text[:300])
		uploaded = owner.upload(
			"evidence.pdf", b"%PDF-1.4\n% evidence\n", doctype="Improvement Action", docname=action
		)
		self.assertEqual(uploaded.status_code, 200, uploaded.text[:300])
		done = owner.put(
			f"/api/resource/Improvement Action/{action}", {"status": "Done", "outcome": "فتحنا الفرع مساء"}
		)
		self.assertEqual(done.status_code, 200, done.text[:300])
		# Its evidence stays while it is done.
		evidence = uploaded.json()["message"]["name"]
		removed = owner.session.delete(f"{client_base()}/api/resource/File/{evidence}")
		self.assertNotEqual(removed.status_code, 202)
		frappe.db.rollback()
		self.assertTrue(frappe.db.exists("File", evidence))
		# Resolving by an action that does not list the complaint is refused.
		other, _code = complaints.receive(
			rule.COMPLAINT, f"{TEXT} CMP-TEST-action-other", channel=c.CHANNEL_PHONE, beneficiary=BEN
		)
		frappe.db.commit()
		unlisted = owner.call(
			"amass_relations.api.complaints.act",
			name=other.name,
			action="resolve",
			text="بالإجراء",
			improvement_action=action,
		)
		self.assertEqual(unlisted.status_code, 417, unlisted.text[:300])
		self.assertEqual(
			owner.call(
				"amass_relations.api.complaints.act",
				name=items[0].name,
				action="resolve",
				text="فتحنا الفرع مساء",
				improvement_action=action,
			).status_code,
			200,
		)
		# "You said, we did": the manager marks it public with both languages' words.
		public = manager.put(
			f"/api/resource/Improvement Action/{action}",
			{
				"is_public": 1,
				"you_said": "نريد مواعيد مسائية",
				"you_said_en": "We want evening hours",
				"we_did": "فتحنا الفرع مساء",
				"we_did_en": "We opened in the evening",
			},
		)
		self.assertEqual(public.status_code, 200, public.text[:300])
		page = Client().get("/you-said-we-did", _lang="ar")
		self.assertEqual(page.status_code, 200)
		self.assertIn("فتحنا الفرع مساء", page.text)
		english = Client().get("/you-said-we-did", _lang="en")
		self.assertIn("We opened in the evening", english.text)

	def test_a_complaint_ticked_on_the_survey_page_carries_no_link_to_the_answer(self):
		from amass_relations.services import surveys
		from amass_relations.tests.test_feedback import delivered, token_of

		if not frappe.db.exists("Support Service Type", SERVICE):
			frappe.get_doc(
				{"doctype": "Support Service Type", "name": SERVICE, "service_name": SERVICE, "enabled": 1}
			).db_insert()
		request = delivered(690, BRANCH, SERVICE)
		frappe.db.delete(surveys.INVITATION, {"marker": f"Support Request:{request}"})
		row = frappe.db.get_value(
			"Support Request", request, ["name", "service_type", "branch_office", "beneficiary"], as_dict=True
		)
		surveys.invite(frappe._dict(doctype="Support Request", purpose=surveys.PURPOSE_DELIVERED, **row))
		frappe.db.commit()
		text = "CMP-TEST-survey لم يشرح لي أحد الخطوات"
		page = Client().session.post(
			f"{client_base()}/survey/{token_of(request)}",
			data={"overall": "2", "comment": text, "is_complaint": "1"},
		)
		self.assertEqual(page.status_code, 200)
		frappe.db.rollback()
		complaint = frappe.get_doc("Feedback", {"comment": text})
		self.assertIn(complaint.reference, page.text)
		self.assertTrue(complaint.is_anonymous and complaint.tracking_digest)
		# Dated by the day, routed by the hourly batch: its times say nothing of the answer's.
		self.assertEqual(str(complaint.creation)[11:19], "00:00:00")
		self.assertTrue(complaint.held and not complaint.triage_owner)
		self.assertGreaterEqual(complaints.release_held(), 1)
		self.assertFalse(frappe.db.get_value("Feedback", complaint.name, "held"))
		self.assertFalse(complaint.beneficiary or complaint.support_request or complaint.interaction)
		# The answer itself keeps its rating, not the text: nothing ties the two together.
		answer = frappe.get_all(
			"Feedback",
			filters={"support_request": request, "feedback_type": "Survey Response"},
			fields=["comment", "rating"],
		)
		self.assertEqual([(a.comment, a.rating) for a in answer], [(None, 2)])

	def test_figures_by_branch_service_or_channel_need_k_ratings(self):
		month, k = "2019-01", quality.k()
		frappe.db.delete("Feedback Figure", {"month": month})
		quality.add(
			month, quality.SURVEY_RESPONSE, branch="CMP-K-Small", channel="Phone", rating=5, count=k - 1
		)
		quality.add(month, quality.SURVEY_RESPONSE, branch="CMP-K-Big", channel="Phone", rating=4, count=k)
		quality.add(month, quality.SURVEY_RESPONSE, branch="CMP-K-Big", channel="Phone", rating=1, count=k)
		frappe.set_user(MANAGER)
		period = {"from_month": month, "to_month": month}
		try:
			self.assertEqual(quality.figure("csat", period, "branch"), [("CMP-K-Big", 50.0)])
			self.assertEqual(quality.figure("responses", period, "branch"), [("CMP-K-Big", 2 * k)])
			# By month nothing is left out: the month's figure is of every rating.
			self.assertEqual(
				quality.figure("csat", period, "month"),
				[(month, round(100.0 * (2 * k - 1) / (3 * k - 1), 1))],
			)
			# A filter by the small branch leaves no group of k: the chart says nothing of it.
			self.assertEqual(
				quality.figure("csat", {**period, "branch_office": "CMP-K-Small"}, "channel"), []
			)
		finally:
			frappe.set_user("Administrator")
			frappe.db.delete("Feedback Figure", {"month": month})
			frappe.db.commit()

	def test_the_figures_are_the_managers_whatever_the_chart_cache_holds(self):
		manager, officer = Client(MANAGER), Client(OWNER)
		complaints.receive(rule.COMPLAINT, "CMP-TEST لم يتصل بي أحد", channel=c.CHANNEL_PHONE, anonymous=1)
		# A chart an admin makes on Feedback (no roles): the framework caches it by name for everyone.
		counted = "CMP-TEST Feedback Count"
		if not frappe.db.exists("Dashboard Chart", counted):
			frappe.get_doc(
				{
					"doctype": "Dashboard Chart",
					"chart_name": counted,
					"chart_type": "Group By",
					"document_type": "Feedback",
					"group_by_type": "Count",
					"group_by_based_on": "feedback_type",
					"type": "Bar",
					"is_public": 1,
					"filters_json": "[]",
				}
			).insert()
		frappe.db.commit()
		first = manager.call(
			"frappe.desk.doctype.dashboard_chart.dashboard_chart.get", chart_name=counted, refresh=1
		)
		self.assertEqual(first.status_code, 200, first.text[:300])
		self.assertGreater(sum(first.json()["message"]["datasets"][0]["values"]), 0)
		# The officer, who reads no complaint of this one, asks the cached chart: only their own rows.
		cached = officer.call(
			"frappe.desk.doctype.dashboard_chart.dashboard_chart.get", chart_name=counted, refresh=0
		)
		self.assertEqual(cached.status_code, 200, cached.text[:300])
		self.assertNotEqual(cached.json()["message"], first.json()["message"])
		chart = "Satisfaction by Month"
		self.assertEqual(
			manager.call(
				"frappe.desk.doctype.dashboard_chart.dashboard_chart.get", chart_name=chart
			).status_code,
			417,
		)
		source = "amass_relations.amass_relations.dashboard_chart_source.service_quality.service_quality.get"
		mine = manager.call(
			source, chart_name=chart, filters={"figure": "csat", "group_by": "month"}, refresh=1
		)
		self.assertEqual(mine.status_code, 200, mine.text[:300])
		for call in (
			lambda: officer.call(
				"frappe.desk.doctype.dashboard_chart.dashboard_chart.get", chart_name=chart, refresh=0
			),
			lambda: officer.call(
				source, chart_name=chart, filters={"figure": "csat", "group_by": "month"}, refresh=0
			),
			lambda: officer.call("amass_relations.api.quality.csat"),
			lambda: officer.call("frappe.desk.query_report.run", report_name="Service Quality", filters={}),
		):
			response = call()
			self.assertEqual(response.status_code, 403, response.text[:300])
		self.assertEqual(manager.call("amass_relations.api.quality.open_complaints").status_code, 200)
		report = manager.call("frappe.desk.query_report.run", report_name="Service Quality", filters={})
		self.assertEqual(report.status_code, 200, report.text[:300])
