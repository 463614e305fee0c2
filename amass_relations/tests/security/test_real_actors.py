"""A request walked through the whole policy in the served site by real role users over HTTP — officer,
social researcher, committee chair, officer — each step recorded as the user who took it (no step
switches the session user)."""

import frappe
from frappe.utils import add_days, today

from amass_relations import constants as c
from amass_relations.amass_relations.doctype.support_request.test_support_request import (
	SERVICE,
	SIGNATURE,
	RequestTestCase,
)
from amass_relations.tests.security.http import Client, make_login, text


class TestRealActors(RequestTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.officer_login = make_login("actor.officer@amass-test.example.com", [c.ROLE_OFFICER])
		cls.researcher_login = make_login(
			"actor.researcher@amass-test.example.com", [c.ROLE_SOCIAL_RESEARCHER]
		)
		cls.chair_login = make_login("actor.chair@amass-test.example.com", [c.ROLE_COMMITTEE_CHAIR])
		cls.members = [
			make_login(f"actor.member{n}@amass-test.example.com", [c.ROLE_COMMITTEE_MEMBER]) for n in (1, 2)
		]
		frappe.db.commit()

	def ok(self, response):
		self.assertEqual(response.status_code, 200, text(response)[:600])
		return response.json().get("message")

	def doc_method(self, client, doctype, name, method, **args):
		frappe.db.commit()  # a new snapshot: the server's last commit
		return client.doc_method(doctype, name, method, **args)

	def step(self, client, name, action):
		frappe.db.commit()  # a new snapshot: the server's last commit
		return self.ok(
			client.call(
				"frappe.model.workflow.apply_workflow",
				doc=frappe.as_json(frappe.get_doc("Support Request", name).as_dict()),
				action=action,
			)
		)

	def test_the_whole_policy_over_http_each_step_by_its_actor(self):
		beneficiary = self.new_beneficiary()
		frappe.set_user("Administrator")
		frappe.db.commit()
		officer, researcher, chair = (
			Client(self.officer_login),
			Client(self.researcher_login),
			Client(self.chair_login),
		)
		# S1–S2: the officer takes the request, with its quotation and the applicant's signature.
		quotation = self.ok(
			officer.upload("quotation.pdf", b"%PDF-1.4 quotation " + frappe.generate_hash().encode())
		)
		request = self.ok(
			officer.call(
				"frappe.client.insert",
				doc={
					"doctype": "Support Request",
					"beneficiary": beneficiary.name,
					"service_type": SERVICE,
					"channel": c.CHANNEL_INTERVIEW,
					"description": "يحتاج المريض إلى الخدمة",
					"signature": SIGNATURE,
					"signer_name": "مقدم الطلب",
					"documents": [
						{
							"document_type": c.DOCUMENT_PRICE_QUOTATION,
							"file": quotation["file_url"],
							"expiry_date": add_days(today(), 30),
						}
					],
				},
			)
		)["name"]
		self.step(officer, request, "Submit for Verification")
		self.ok(self.doc_method(officer, "Support Request", request, "verify_submission"))
		# S3: referred to the social researcher, who writes the report and returns the request.
		self.ok(
			self.doc_method(
				officer,
				"Support Request",
				request,
				"refer_to_social_researcher",
				researcher=self.researcher_login,
			)
		)
		report = self.ok(
			researcher.call(
				"frappe.client.insert",
				doc={
					"doctype": "Social Research Report",
					"support_request": request,
					"beneficiary": beneficiary.name,
					"researcher": self.officer_login,  # a client's choice: the report names its writer
					"assessment_date": today(),
					"assessment_mode": frappe.get_meta("Social Research Report")
					.get_field("assessment_mode")
					.options.split("\n")[-1],
					"recommendation": frappe.get_meta("Social Research Report")
					.get_field("recommendation")
					.options.split("\n")[-1],
					"needs_found": "احتياج موثق",
				},
			)
		)["name"]
		self.step(researcher, request, "Return Research to Officer")
		# S4–S5: to the committee; the chair holds the meeting and submits its decision.
		self.step(officer, request, "Send to Committee")
		meeting = self.ok(
			chair.call(
				"frappe.client.insert",
				doc={
					"doctype": "Committee Meeting",
					"chair": self.chair_login,
					"chair_signature": SIGNATURE,
					"members_present": [{"member": m} for m in self.members],
				},
			)
		)["name"]
		review = self.ok(
			chair.call(
				"frappe.client.insert",
				doc={"doctype": "Committee Review", "support_request": request, "committee_meeting": meeting},
			)
		)["name"]
		frappe.db.commit()
		meeting_doc = frappe.get_doc("Committee Meeting", meeting).as_dict()
		meeting_doc["agenda"] = [{"support_request": request, "committee_review": review}]
		self.ok(chair.call("frappe.client.save", doc=frappe.as_json(meeting_doc)))
		frappe.db.commit()
		review_doc = frappe.get_doc("Committee Review", review).as_dict()
		self.ok(
			chair.call(
				"frappe.client.save", doc=frappe.as_json({**review_doc, "decision": c.DECISION_APPROVED})
			)
		)
		# The members vote (the decision follows the votes).
		for member in self.members:
			self.ok(
				Client(member).call(
					"frappe.client.insert",
					doc={"doctype": "Committee Vote", "committee_review": review, "vote": "Approve"},
				)
			)
		frappe.db.commit()
		self.ok(
			chair.call(
				"frappe.client.submit",
				doc=frappe.as_json(frappe.get_doc("Committee Meeting", meeting).as_dict()),
			)
		)
		# S6–S7: the officer completes registration.
		self.step(officer, request, "Complete Registration")

		frappe.db.commit()
		stored = frappe.get_doc("Support Request", request)
		self.assertEqual(stored.status, c.REQUEST_REGISTRATION_COMPLETE)
		self.assertEqual(stored.verified_by, self.officer_login)
		self.assertEqual(
			frappe.db.get_value("Social Research Report", report, "researcher"), self.researcher_login
		)
		self.assertEqual(stored.decided_by, self.chair_login)
		self.assertEqual(stored.modified_by, self.officer_login)
		# Each workflow step's timeline entry is owned by the user who took it.
		steps = frappe.get_all(
			"Comment",
			filters={
				"reference_doctype": "Support Request",
				"reference_name": request,
				"comment_type": "Workflow",
			},
			fields=["content", "owner"],
			order_by="creation asc",
		)
		owners = [row.owner for row in steps]
		self.assertEqual(
			owners,
			[
				self.officer_login,  # Pending Verification
				self.officer_login,  # Under Research
				self.researcher_login,  # back to Pending Verification
				self.officer_login,  # Pending Committee
				self.chair_login,  # Approved, applied when the chair submitted the meeting
				self.officer_login,  # Registration Complete
			],
		)
		# Versions: the decision's change is recorded as the chair's.
		self.assertTrue(
			frappe.db.exists(
				"Version", {"ref_doctype": "Support Request", "docname": request, "owner": self.chair_login}
			)
		)
		self.assertFalse(
			frappe.db.exists(
				"Version", {"ref_doctype": "Support Request", "docname": request, "owner": "Administrator"}
			)
		)

	def test_a_step_not_yours_says_whose_step_it_is(self):
		frappe.set_user("Administrator")
		request = self.to_committee()
		frappe.db.commit()
		response = Client(self.officer_login).call(
			"frappe.model.workflow.apply_workflow",
			doc=frappe.as_json(frappe.get_doc("Support Request", request.name).as_dict()),
			action="Approve",
		)
		self.assertIn(response.status_code, (403, 417), text(response)[:300])
		# Named in the reader's language (the site's: Arabic on a site set up for the association).
		said = text(response)
		self.assertTrue(
			any(
				name in said for name in (c.ROLE_COMMITTEE_CHAIR, frappe._(c.ROLE_COMMITTEE_CHAIR, lang="ar"))
			),
			said[:300],
		)
		self.assertNotIn("Not a valid Workflow Action", text(response))
		frappe.db.commit()
		self.assertEqual(
			frappe.db.get_value("Support Request", request.name, "status"), c.REQUEST_PENDING_COMMITTEE
		)
