"""Portal accounts made by an officer's invitation, over the served site's real routes: a Website User with
the Beneficiary role only, linked to one file, invited by email in the beneficiary's language or by SMS
through the outbox (to the fake gateway, sent by the real worker), and unlinked by an officer."""

import time
import urllib.parse

import frappe
import requests

from amass_relations import constants as c
from amass_relations.rules.phone import sign_in_form
from amass_relations.services import outbox
from amass_relations.tests.security.http import Client, base_url, make_login, text
from amass_relations.tests.sms_gateway import UsesFakeGateway
from amass_relations.tests.utils import AmassTestCase, make_beneficiary, make_branch, test_national_id

BRANCH = "فرع البوابة (اختبار)"
OTHER = "فرع آخر للبوابة (اختبار)"
NUMBERS = range(870, 880)


def read_mail(raw: str) -> tuple[str, str]:
	"""The subject and the HTML body of a queued mail, decoded as a mail reader would."""
	import email
	from email.header import decode_header, make_header

	message = email.message_from_string(raw)
	subject = str(make_header(decode_header(message["Subject"])))
	body = "".join(
		part.get_payload(decode=True).decode()
		for part in message.walk()
		if part.get_content_type() == "text/html"
	)
	return subject, body


class TestPortalInvitation(UsesFakeGateway, AmassTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.officer = make_login("portal.officer@amass-test.example.com", [c.ROLE_OFFICER])
		frappe.db.set_value("User", cls.officer, "language", "en")
		cls.member = make_login("portal.member@amass-test.example.com", [c.ROLE_COMMITTEE_MEMBER])
		cls.other_rep = make_login("portal.rep@amass-test.example.com", [c.ROLE_BRANCH_REPRESENTATIVE])
		make_branch(BRANCH, "مدينة البوابة")
		make_branch(OTHER, "مدينة أخرى", users=(cls.other_rep,))
		frappe.db.commit()

	def setUp(self):
		super().setUp()
		frappe.set_user("Administrator")
		# Tests over HTTP commit: each starts from none of its beneficiaries and their accounts.
		for n in NUMBERS:
			name = frappe.db.get_value("Beneficiary", {"national_id": test_national_id(n)})
			users = {f"portal.{n}@amass-test.example.com"}
			if name:
				users.add(frappe.db.get_value("Beneficiary", name, "user"))
				frappe.db.delete("Beneficiary", name)
			for user in users - {None}:
				if frappe.db.exists("User", user):
					frappe.delete_doc("User", user, force=True, ignore_permissions=True)
		frappe.db.commit()

	def beneficiary(self, n: int, **values):
		values = {
			"contact_consent": 1,
			"preferred_language": "ar",
			"email": f"portal.{n}@amass-test.example.com",
			**values,
		}
		doc = make_beneficiary(n, BRANCH, **values)
		frappe.db.commit()
		return doc

	def test_an_invitation_by_email_makes_a_portal_account_in_the_beneficiarys_language(self):
		ben = self.beneficiary(870)
		response = Client(self.officer).doc_method(
			"Beneficiary", ben.name, "invite_to_portal", channel="Email"
		)
		self.assertEqual(response.status_code, 200, text(response)[:400])
		frappe.db.rollback()
		user = frappe.db.get_value("Beneficiary", ben.name, "user")
		self.assertEqual(user, ben.email)
		account = frappe.get_doc("User", user)
		self.assertEqual(account.user_type, "Website User")
		self.assertEqual([r.role for r in account.roles], [c.ROLE_BENEFICIARY])
		mail = frappe.get_all(
			"Email Queue",
			filters={"message": ("like", f"%{user}%")},
			fields=["message"],
			order_by="creation desc",
			limit=1,
		)
		self.assertTrue(mail, "no set-password mail queued")
		# Frappe's own set-password mail, rendered in the beneficiary's language (the officer reads English).
		subject, body = read_mail(mail[0].message)
		self.assertIn("update-password?key=", body)
		self.assertIn(
			subject,
			(
				frappe._("Complete Registration", lang="ar"),
				frappe._("Welcome to {0}", lang="ar").format(frappe.db.get_default("site_name")),
			),
		)
		self.assertNotIn(subject, ("Complete Registration", "Welcome to"))
		# One account a file: a second invitation is refused.
		again = Client(self.officer).doc_method("Beneficiary", ben.name, "invite_to_portal", channel="SMS")
		self.assertEqual(again.status_code, 417, text(again)[:300])

	def test_an_invitation_by_sms_carries_a_one_time_link_that_sets_the_password(self):
		ben = self.beneficiary(871, email=None)
		response = Client(self.officer).doc_method("Beneficiary", ben.name, "invite_to_portal", channel="SMS")
		self.assertEqual(response.status_code, 200, text(response)[:400])
		frappe.db.rollback()
		user = frappe.db.get_value("Beneficiary", ben.name, "user")
		self.assertTrue(user)
		row = frappe.get_all(
			outbox.DOCTYPE,
			filters={"reference_doctype": "Beneficiary", "reference_name": ben.name},
			fields=["name", "message", "recipient"],
		)[0]
		self.assertIn("{secret}", row.message)
		deadline = time.monotonic() + 30
		while not self.gateway.texts_to(row.recipient) and time.monotonic() < deadline:
			time.sleep(0.3)
		sent = self.gateway.texts_to(row.recipient)
		self.assertEqual(len(sent), 1, sent)
		path = sent[0][sent[0].index("/update-password") :].split()[0]
		key = urllib.parse.parse_qs(urllib.parse.urlsplit(path).query)["key"][0]
		self.assertEqual(requests.get(f"{base_url()}{path}", timeout=30).status_code, 200)
		new_password = "Amass-Portal-Test-7!"
		done = requests.post(
			f"{base_url()}/api/method/frappe.core.doctype.user.user.update_password",
			data={"new_password": new_password, "key": key},
			timeout=30,
		)
		self.assertEqual(done.status_code, 200, done.text[:300])
		# They sign in with the mobile number as they type it (05…), not the account's random address.
		login = requests.post(
			f"{base_url()}/api/method/login",
			data={"usr": sign_in_form(ben.mobile_no), "pwd": new_password},
			timeout=30,
		)
		self.assertEqual(login.status_code, 200, login.text[:300])
		self.assertEqual(login.json().get("home_page"), "/my-requests")
		# A second file with the same mobile: one account a mobile number, the carer model instead.
		twin = self.beneficiary(873, email=None, mobile_no=ben.mobile_no)
		refused = Client(self.officer).doc_method("Beneficiary", twin.name, "invite_to_portal", channel="SMS")
		self.assertEqual(refused.status_code, 417, text(refused)[:300])
		self.assertIn("carer", text(refused))
		# The link's key is kept nowhere in the clear.
		frappe.db.rollback()
		self.assertFalse(frappe.db.sql("select 1 from `tabSMS Outbox` where message like %s", (f"%{key}%",)))

	def test_only_staff_who_may_edit_the_file_may_invite(self):
		ben = self.beneficiary(872)
		for who in (self.member, self.other_rep):
			response = Client(who).doc_method("Beneficiary", ben.name, "invite_to_portal", channel="Email")
			self.assertIn(response.status_code, (403, 404, 417), text(response)[:300])
		frappe.db.rollback()
		self.assertFalse(frappe.db.get_value("Beneficiary", ben.name, "user"))
		self.assertFalse(frappe.db.exists("User", ben.email))

	def test_no_invitation_without_consent_or_to_an_account_someone_else_made(self):
		ben = self.beneficiary(873, contact_consent=0)
		refused = Client(self.officer).doc_method(
			"Beneficiary", ben.name, "invite_to_portal", channel="Email"
		)
		self.assertEqual(refused.status_code, 417, text(refused)[:300])
		self.assertIn(frappe._("the beneficiary has not consented to be contacted", lang="en"), text(refused))
		taken = self.beneficiary(874, email=self.member)  # a staff member's address
		refused = Client(self.officer).doc_method(
			"Beneficiary", taken.name, "invite_to_portal", channel="Email"
		)
		self.assertEqual(refused.status_code, 417, text(refused)[:300])
		frappe.db.rollback()
		self.assertNotIn(c.ROLE_BENEFICIARY, frappe.get_roles(self.member))
		self.assertFalse(frappe.db.get_value("Beneficiary", taken.name, "user"))

	def test_an_officer_unlinks_an_account_and_its_sessions_end(self):
		ben = self.beneficiary(875)
		Client(self.officer).doc_method("Beneficiary", ben.name, "invite_to_portal", channel="Email")
		frappe.db.rollback()
		user = frappe.db.get_value("Beneficiary", ben.name, "user")
		from frappe.utils.password import update_password

		update_password(user, "Amass-Portal-Test-8!")
		frappe.db.commit()
		portal = requests.Session()
		self.assertEqual(
			portal.post(
				f"{base_url()}/api/method/login",
				data={"usr": user, "pwd": "Amass-Portal-Test-8!"},
				timeout=30,
			).status_code,
			200,
		)
		no_reason = Client(self.officer).doc_method(
			"Beneficiary", ben.name, "unlink_portal_account", reason=""
		)
		self.assertEqual(no_reason.status_code, 417)
		done = Client(self.officer).doc_method(
			"Beneficiary", ben.name, "unlink_portal_account", reason="هاتف مفقود"
		)
		self.assertEqual(done.status_code, 200, text(done)[:300])
		frappe.db.rollback()
		self.assertFalse(frappe.db.get_value("Beneficiary", ben.name, "user"))
		self.assertNotIn(c.ROLE_BENEFICIARY, frappe.get_roles(user))
		whoami = portal.get(f"{base_url()}/api/method/frappe.auth.get_logged_user", timeout=30)
		self.assertNotEqual(whoami.status_code, 200, whoami.text[:200])
		self.assertTrue(
			frappe.db.exists(
				"Comment",
				{
					"reference_doctype": "Beneficiary",
					"reference_name": ben.name,
					"content": ("like", "%هاتف مفقود%"),
				},
			)
		)
