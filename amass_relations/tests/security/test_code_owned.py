"""Security, part 2, over HTTP against the served test site: fields only the system writes. Each test is
one of the findings, tried as the attacker would; the permission matrix (test_matrix.py) then writes
every code-owned field through every route as every principal that may write the record."""

import frappe

from amass_relations import constants as c
from amass_relations.amass_relations.doctype.support_request.test_support_request import (
	RequestTestCase,
	fresh_number,
)
from amass_relations.tests.security.http import Client, base_url, make_login, text
from amass_relations.tests.utils import make_beneficiary

REQUEST = "/api/resource/Support Request/{}"


class TestCodeOwnedFields(RequestTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.officer_login = make_login("owned.officer@amass-test.example.com", [c.ROLE_OFFICER])
		cls.chair_login = make_login("owned.chair@amass-test.example.com", [c.ROLE_COMMITTEE_CHAIR])
		cls.both = make_login("owned.both@amass-test.example.com", [c.ROLE_OFFICER, c.ROLE_COMMITTEE_CHAIR])
		frappe.db.commit()

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.commit()  # a new snapshot for the next test

	def assertRefused(self, response):
		self.assertIn(response.status_code, (403, 417), text(response)[:400])

	def stored(self, name, *fields):
		frappe.db.commit()  # see what the server committed
		return frappe.db.get_value("Support Request", name, list(fields), as_dict=True)

	def test_an_officer_cannot_forge_the_committee_decision(self):
		request = self.to_committee()
		frappe.set_user("Administrator")
		frappe.db.commit()
		officer = Client(self.officer_login)
		for forged in ({"committee_decision": c.DECISION_APPROVED}, {"delivery_complete": 1}):
			self.assertRefused(officer.put(REQUEST.format(request.name), forged))
			self.assertRefused(
				officer.call(
					"frappe.client.set_value",
					doctype="Support Request",
					name=request.name,
					fieldname=forged,
				)
			)
		stored = self.stored(request.name, "committee_decision", "delivery_complete")
		self.assertFalse(stored.committee_decision or stored.delivery_complete, stored)
		transitions = Client(self.chair_login).call(
			"frappe.model.workflow.get_transitions", doc={"doctype": "Support Request", "name": request.name}
		)
		self.assertEqual(transitions.status_code, 200, text(transitions)[:300])
		self.assertNotIn("Approve", [t["action"] for t in transitions.json()["message"]])

	def test_a_verification_cannot_be_written_by_hand(self):
		beneficiary = make_beneficiary(fresh_number(), self.branch)  # no consent: verification refuses
		request = self.new_request(beneficiary=beneficiary.name)
		self.act(request, "Submit for Verification", self.officer)
		frappe.set_user("Administrator")
		frappe.db.commit()
		officer = Client(self.officer_login)
		forged = {"verified_on": "2026-11-20 10:00:00", "verified_by": self.officer_login}
		self.assertRefused(officer.put(REQUEST.format(request.name), forged))
		doc = frappe.get_doc("Support Request", request.name).as_dict(convert_dates_to_str=True)
		self.assertRefused(
			officer.call(
				"frappe.desk.form.save.savedocs", doc=frappe.as_json({**doc, **forged}), action="Save"
			)
		)
		self.assertEqual(
			self.stored(request.name, "verified_on", "verified_by"),
			{"verified_on": None, "verified_by": None},
		)
		refused = officer.call(
			"frappe.model.workflow.apply_workflow",
			doc=frappe.as_json(frappe.get_doc("Support Request", request.name).as_dict()),
			action="Send to Committee",
		)
		self.assertRefused(refused)
		self.assertEqual(self.stored(request.name, "status").status, c.REQUEST_PENDING_VERIFICATION)

	def test_who_verified_cannot_be_rewritten(self):
		request = self.new_request()
		self.act(request, "Submit for Verification", self.officer)
		self.attach_quotation(request)
		frappe.set_user("Administrator")
		frappe.db.commit()
		both = Client(self.both)
		verified = both.session.post(
			f"{base_url()}/api/method/run_doc_method",
			data={
				"docs": frappe.as_json(frappe.get_doc("Support Request", request.name).as_dict()),
				"method": "verify_submission",
			},
			timeout=60,
		)
		self.assertEqual(verified.status_code, 200, text(verified)[:400])
		self.assertEqual(self.stored(request.name, "verified_by").verified_by, self.both)
		self.assertRefused(both.put(REQUEST.format(request.name), {"verified_by": self.officer_login}))
		self.assertEqual(self.stored(request.name, "verified_by").verified_by, self.both)

	def test_a_new_request_brings_no_code_owned_value(self):
		beneficiary = self.new_beneficiary()
		frappe.set_user("Administrator")
		frappe.db.commit()
		before = frappe.db.count("Support Request", {"beneficiary": beneficiary.name})
		response = Client(self.officer_login).call(
			"frappe.client.insert",
			doc={
				"doctype": "Support Request",
				"beneficiary": beneficiary.name,
				"service_type": frappe.db.get_value("Support Service Type", {"enabled": 1}, "name"),
				"channel": c.CHANNEL_INTERVIEW,
				"description": "طلب بتحقق مزور",
				"verified_on": "2026-11-20 10:00:00",
				"verified_by": self.officer_login,
			},
		)
		self.assertRefused(response)
		frappe.db.commit()
		self.assertEqual(frappe.db.count("Support Request", {"beneficiary": beneficiary.name}), before)

	def test_the_declared_data_is_frozen_once_with_the_committee(self):
		request = self.to_committee()
		frappe.set_user("Administrator")
		frappe.db.commit()
		officer = Client(self.officer_login)
		for forged in ({"description": "وصف معدل بعد التوقيع"}, {"amount_requested": 10}):
			response = officer.put(REQUEST.format(request.name), forged)
			self.assertRefused(response)
		self.assertIn(
			"CodeOwnedFieldError", text(officer.put(REQUEST.format(request.name), {"description": "x"}))
		)
		self.assertEqual(self.stored(request.name, "description").description, request.description)
		# Before the committee, the officer edits the request as before.
		draft = self.new_request()
		frappe.set_user("Administrator")
		frappe.db.commit()
		self.assertEqual(
			officer.put(REQUEST.format(draft.name), {"description": "وصف معدل قبل الإرسال"}).status_code, 200
		)

	def test_a_beneficiary_status_changes_only_through_the_action_with_a_reason(self):
		beneficiary = self.new_beneficiary()
		researcher = make_login("owned.researcher@amass-test.example.com", [c.ROLE_SOCIAL_RESEARCHER])
		frappe.set_user("Administrator")
		frappe.db.commit()
		path = f"/api/resource/Beneficiary/{beneficiary.name}"
		officer = Client(self.officer_login)
		for status in (c.BENEFICIARY_REGISTERED, c.BENEFICIARY_DECEASED):
			self.assertRefused(officer.put(path, {"status": status}))

		def change(client, status, reason):
			return client.session.post(
				f"{base_url()}/api/method/run_doc_method",
				data={
					"docs": frappe.as_json(frappe.get_doc("Beneficiary", beneficiary.name).as_dict()),
					"method": "change_status",
					"args": frappe.as_json({"status": status, "reason": reason}),
				},
				timeout=60,
			)

		self.assertRefused(change(officer, c.BENEFICIARY_DECEASED, "  "))
		self.assertRefused(change(officer, c.BENEFICIARY_REGISTERED, "بلا سبب"))
		self.assertRefused(change(Client(researcher), c.BENEFICIARY_DECEASED, "توفي"))
		frappe.db.commit()
		self.assertEqual(
			frappe.db.get_value("Beneficiary", beneficiary.name, "status"), c.BENEFICIARY_APPLICANT
		)
		answer = change(officer, c.BENEFICIARY_DECEASED, "أبلغت الأسرة <b>بالوفاة</b>")
		self.assertEqual(answer.status_code, 200, text(answer)[:400])
		frappe.db.commit()
		stored = frappe.db.get_value("Beneficiary", beneficiary.name, ["status", "modified_by"], as_dict=True)
		self.assertEqual((stored.status, stored.modified_by), (c.BENEFICIARY_DECEASED, self.officer_login))
		comment = frappe.get_all(
			"Comment",
			filters={
				"reference_doctype": "Beneficiary",
				"reference_name": beneficiary.name,
				"comment_type": "Info",
			},
			fields=["owner", "content"],
		)[0]
		self.assertEqual(comment.owner, self.officer_login)
		self.assertIn("&lt;b&gt;", comment.content)
		answer = change(officer, "Active", "خطأ في البلاغ")
		self.assertEqual(answer.status_code, 200, text(answer)[:400])
		frappe.db.commit()
		self.assertEqual(
			frappe.db.get_value("Beneficiary", beneficiary.name, "status"), c.BENEFICIARY_APPLICANT
		)
