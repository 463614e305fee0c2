"""'Link my file' over the served site's real routes: the code goes by SMS (the fake gateway, the real
worker) to the mobile already on the file; the answer is the same whether a file matches or not;
failures are counted per account, per national ID and per IP (the framework's limiter, over HTTP)."""

import re
import time

import frappe

from amass_relations import constants as c
from amass_relations.rules import linking
from amass_relations.services import outbox
from amass_relations.services.portal_accounts import link_account
from amass_relations.tests.security.http import Client, make_login, text
from amass_relations.tests.sms_gateway import UsesFakeGateway
from amass_relations.tests.utils import AmassTestCase, make_beneficiary, make_branch, test_national_id

BRANCH = "فرع الربط (اختبار)"
NUMBERS = range(880, 890)
BORN = "1980-01-15"
REQUEST = "amass_relations.api.portal.request_link"
CONFIRM = "amass_relations.api.portal.confirm_link"
NOBODY_ID = test_national_id(899)  # valid, never registered


def portal_answer() -> dict:
	from amass_relations.services.portal_link import answer

	return answer()


def portal_user(n: int) -> str:
	"""A signed-up account (no role yet), committed for the server to see."""
	user = make_login(f"portal.link.{n}@amass-test.example.com", [], user_type="Website User")
	frappe.db.commit()
	return user


class TestLinkMyFile(UsesFakeGateway, AmassTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		make_branch(BRANCH, "مدينة الربط")
		frappe.db.commit()

	def setUp(self):
		super().setUp()
		frappe.set_user("Administrator")
		frappe.db.delete("Beneficiary", {"national_id": ("in", [test_national_id(n) for n in NUMBERS])})
		for pattern in (f"amass_relations|{frappe.local.site}|portal-link|*", "*rl:amass_relations.api*"):
			for key in frappe.cache.scan_iter(pattern):
				frappe.cache.delete(key)
		frappe.db.commit()

	def file(self, n: int, **values):
		# Consent to be contacted: the one gate decides whether a code may go to the file's mobile.
		doc = make_beneficiary(n, BRANCH, date_of_birth=BORN, **{"contact_consent": 1, **values})
		frappe.db.commit()
		return doc

	def code_sent_to(self, beneficiary: str) -> str:
		"""The code in the SMS the gateway got for this file's mobile."""
		deadline = time.monotonic() + 30
		while time.monotonic() < deadline:
			frappe.db.rollback()
			recipient = frappe.db.get_value(
				outbox.DOCTYPE,
				{"reference_doctype": "Beneficiary", "reference_name": beneficiary},
				"recipient",
			)
			texts = recipient and self.gateway.texts_to(recipient)
			if texts:
				return re.search(r"\b\d{6}\b", texts[-1]).group(0)
			time.sleep(0.3)
		self.fail("no code reached the gateway")

	def test_the_code_sent_to_the_files_mobile_links_the_account(self):
		ben = self.file(880)
		user = portal_user(880)
		client = Client(user)
		asked = client.call(REQUEST, national_id=ben.national_id, date_of_birth=BORN)
		self.assertEqual(asked.status_code, 200, text(asked)[:300])
		code = self.code_sent_to(ben.name)
		wrong = client.call(CONFIRM, code="000000" if code != "000000" else "111111")
		self.assertEqual(wrong.status_code, 417, text(wrong)[:300])
		frappe.db.rollback()
		self.assertFalse(frappe.db.get_value("Beneficiary", ben.name, "user"))
		done = client.call(CONFIRM, code=code)
		self.assertEqual(done.status_code, 200, text(done)[:300])
		frappe.db.rollback()
		self.assertEqual(frappe.db.get_value("Beneficiary", ben.name, "user"), user)
		self.assertIn(c.ROLE_BENEFICIARY, frappe.get_roles(user))
		# The code is kept nowhere in the clear.
		self.assertFalse(frappe.db.sql("select 1 from `tabSMS Outbox` where message like %s", (f"%{code}%",)))
		# One file, one account: another account cannot take it, and learns nothing from trying.
		other = Client(portal_user(881))
		again = other.call(REQUEST, national_id=ben.national_id, date_of_birth=BORN)
		self.assertEqual((again.status_code, again.json()), (asked.status_code, asked.json()))

	def test_the_answer_is_the_same_whether_or_not_a_file_matches(self):
		ben = self.file(882)
		matched = Client(portal_user(882)).call(REQUEST, national_id=ben.national_id, date_of_birth=BORN)
		unmatched = Client(portal_user(883)).call(REQUEST, national_id=NOBODY_ID, date_of_birth=BORN)
		wrong_date = Client(portal_user(884)).call(
			REQUEST, national_id=ben.national_id, date_of_birth="1981-01-15"
		)
		self.assertEqual(matched.status_code, 200, text(matched)[:300])
		for response in (unmatched, wrong_date):
			self.assertEqual((response.status_code, response.json()), (matched.status_code, matched.json()))
		frappe.db.rollback()
		withheld = frappe.get_all(
			outbox.DOCTYPE,
			filters={"status": outbox.WITHHELD, "purpose": "Portal Link Code"},
			fields=["recipient", "reference_name", "message"],
			order_by="creation desc",
			limit=2,
		)
		self.assertEqual(len(withheld), 2)
		for row in withheld:
			self.assertEqual((row.recipient, row.reference_name), (outbox.NO_RECIPIENT, None))
			self.assertIn("{secret}", row.message)
		# A withheld code links nothing.
		confirm = Client(portal_user(883)).call(CONFIRM, code="123456")
		self.assertEqual(confirm.status_code, 417)

	def test_a_file_that_cannot_receive_a_code_is_left_to_the_officers(self):
		# No consent to be contacted: the gate withholds the code; the officers verify in person.
		officer = make_login("portal.link.queue@amass-test.example.com", [c.ROLE_OFFICER])
		make_branch(BRANCH, "مدينة الربط", users=(officer,))
		frappe.db.commit()
		ben = self.file(889, contact_consent=0)
		user = portal_user(889)
		asked = Client(user).call(REQUEST, national_id=ben.national_id, date_of_birth=BORN)
		self.assertEqual(asked.status_code, 200, text(asked)[:300])
		self.assertEqual(asked.json(), {"message": portal_answer()})
		task = {"reference_type": "Beneficiary", "reference_name": ben.name, "sender": user}
		deadline = time.monotonic() + 30
		while time.monotonic() < deadline:
			frappe.db.rollback()
			if frappe.db.exists("ToDo", {**task, "allocated_to": officer, "status": "Open"}):
				break
			time.sleep(0.3)
		else:
			self.fail("no task in the officers' queue")
		self.assertEqual(self.gateway.texts_to(ben.mobile_no), [])
		# The officer checks the ID in person and links the account; the task is done.
		done = Client(officer).doc_method(
			"Beneficiary", ben.name, "link_account_in_person", account=user, reason="هوية وطنية أصلية"
		)
		self.assertEqual(done.status_code, 200, text(done)[:300])
		frappe.db.rollback()
		self.assertEqual(frappe.db.get_value("Beneficiary", ben.name, "user"), user)
		self.assertFalse(frappe.db.exists("ToDo", {**task, "status": "Open"}))
		# Linked already: a second account cannot take the file in person either.
		again = Client(officer).doc_method(
			"Beneficiary", ben.name, "link_account_in_person", account=portal_user(881), reason="x"
		)
		self.assertEqual(again.status_code, 417, text(again)[:300])

	def test_an_officer_links_in_person_after_a_lost_phone_and_the_lock_is_lifted(self):
		officer = make_login("portal.link.queue@amass-test.example.com", [c.ROLE_OFFICER])
		make_branch(BRANCH, "مدينة الربط", users=(officer,))
		ben = self.file(884)
		old = portal_user(884)
		link_account(frappe.get_doc("Beneficiary", ben.name), old)
		frappe.db.commit()
		signed_in = Client(old)
		# Someone tried the ID until it locked for the day.
		for n in range(linking.FAILURES_PER_ID):
			other = Client(portal_user(890 + n))
			other.call(REQUEST, national_id=ben.national_id, date_of_birth=BORN)
			other.call(CONFIRM, code="999999")
		office = Client(officer)
		unlinked = office.doc_method("Beneficiary", ben.name, "unlink_portal_account", reason="هاتف مفقود")
		self.assertEqual(unlinked.status_code, 200, text(unlinked)[:300])
		self.assertEqual(
			signed_in.call("amass_relations.api.portal.my_requests", http="GET").status_code, 403
		)
		new = portal_user(883)
		frappe.db.set_value("User", new, "mobile_no", "0500999883")
		frappe.db.commit()
		linked = office.doc_method(
			"Beneficiary", ben.name, "link_account_in_person", account="+966500999883", reason="هوية"
		)
		self.assertEqual(linked.status_code, 200, text(linked)[:300])
		frappe.db.rollback()
		self.assertEqual(frappe.db.get_value("Beneficiary", ben.name, "user"), new)
		self.assertNotIn(c.ROLE_BENEFICIARY, frappe.get_roles(old))
		# The ID's lock is lifted: the next request is answered, not refused.
		late = Client(portal_user(895)).call(REQUEST, national_id=ben.national_id, date_of_birth=BORN)
		self.assertEqual(late.status_code, 200, text(late)[:300])
		# Only staff who write the file may link in person.
		self.assertEqual(
			Client(new)
			.doc_method("Beneficiary", ben.name, "link_account_in_person", account=new, reason="x")
			.status_code,
			403,
		)

	def test_failures_are_counted_per_account_and_per_id(self):
		ben = self.file(885)
		client = Client(portal_user(885))
		client.call(REQUEST, national_id=ben.national_id, date_of_birth=BORN)
		code = self.code_sent_to(ben.name)
		wrong = "000000" if code != "000000" else "111111"
		for _ in range(linking.FAILURES_PER_ACCOUNT):
			self.assertEqual(client.call(CONFIRM, code=wrong).status_code, 417)
		# Out of tries: even the right code is refused now.
		self.assertEqual(client.call(CONFIRM, code=code).status_code, 429)
		frappe.db.rollback()
		self.assertFalse(frappe.db.get_value("Beneficiary", ben.name, "user"))
		# Other accounts trying the same ID add up: the ID is closed for the day, whoever asks.
		target = self.file(886)
		for n in range(linking.FAILURES_PER_ID):
			other = Client(portal_user(890 + n))
			asked = other.call(REQUEST, national_id=target.national_id, date_of_birth=BORN)
			self.assertEqual(asked.status_code, 200, text(asked)[:300])
			refused = other.call(CONFIRM, code="999999")
			self.assertEqual(refused.status_code, 417, text(refused)[:300])
		late = Client(portal_user(895)).call(REQUEST, national_id=target.national_id, date_of_birth=BORN)
		self.assertEqual(late.status_code, 429, text(late)[:300])

	def test_only_signed_in_website_users_may_ask(self):
		ben = self.file(887)
		self.assertIn(
			Client().call(REQUEST, national_id=ben.national_id, date_of_birth=BORN).status_code, (403, 401)
		)
		officer = make_login("portal.link.officer@amass-test.example.com", [c.ROLE_OFFICER])
		frappe.db.commit()
		self.assertEqual(
			Client(officer).call(REQUEST, national_id=ben.national_id, date_of_birth=BORN).status_code, 403
		)

	def test_the_framework_limits_each_ip(self):
		client = Client(portal_user(888))
		statuses = [
			client.call(REQUEST, national_id="not-an-id", date_of_birth=BORN).status_code
			for _ in range(linking.REQUESTS_PER_IP_HOUR + 1)
		]
		self.assertEqual(set(statuses[:-1]), {417})
		self.assertEqual(statuses[-1], 429)
