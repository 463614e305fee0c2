"""The beneficiaries' pages and methods over the served site's real routes: what a beneficiary and a carer
see, in plain words; what they never see; the letter's one door; revocation, expiry, Inactive and
Deceased; shorter sessions; the language switch; status messages through the outbox."""

import re
import time
import urllib.parse

import frappe
from frappe.utils import add_days, add_to_date, now_datetime, today
from frappe.utils.pdf import get_pdf

from amass_relations import constants as c
from amass_relations.rules.dates import format_hijri
from amass_relations.services import outbox, portal
from amass_relations.services.portal_accounts import link_account
from amass_relations.tests.browser_setup import status_version
from amass_relations.tests.security.http import Client, make_login, text
from amass_relations.tests.sms_gateway import UsesFakeGateway
from amass_relations.tests.utils import AmassTestCase, make_beneficiary, make_branch, test_national_id

BRANCH = "فرع البوابة (اختبار)"
PORTAL = "amass_relations.api.portal"
INTERNAL = "INTERNALPORTALZ"  # in every field the portal must never show
HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def website_user(local: str, language: str = "en") -> str:
	user = make_login(f"{local}@amass-test.example.com", [], user_type="Website User")
	frappe.db.set_value("User", user, "language", language)
	return user


def request(name: str, beneficiary: str, status: str, **values) -> str:
	"""A request written straight to the database: these tests are about what the portal shows."""
	if not frappe.db.exists("Support Request", name):
		frappe.get_doc(
			{
				"doctype": "Support Request",
				"name": name,
				"beneficiary": beneficiary,
				"beneficiary_name": frappe.db.get_value("Beneficiary", beneficiary, "full_name"),
				"service_type": frappe.db.get_value("Support Service Type", {}, "name"),
				"channel": c.CHANNEL_INTERVIEW,
				"branch_office": BRANCH,
				"status": status,
				"workflow_state": status,
				"description": f"{INTERNAL} description",
				"transition_comment": f"{INTERNAL} comment",
				**values,
			}
		).db_insert()
	return name


class TestPortalPages(UsesFakeGateway, AmassTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		make_branch(BRANCH, "مدينة البوابة")
		frappe.db.delete(
			"Beneficiary", {"national_id": ("in", [test_national_id(n) for n in range(720, 724)])}
		)
		cls.a_user, cls.b_user, cls.d_user = (website_user(f"portal.page.{x}") for x in "abd")
		for user in (cls.a_user, cls.b_user, cls.d_user):
			frappe.db.set_value("Beneficiary", {"user": user}, "user", None)
		cls.a = make_beneficiary(720, BRANCH, full_name="سارة البوابة", contact_consent=1)
		cls.p = make_beneficiary(721, BRANCH, full_name=f"مريض البوابة {HOSTILE}", contact_consent=1)
		cls.b = make_beneficiary(722, BRANCH, full_name="مستفيد آخر BOTHERZ", contact_consent=1)
		cls.d = make_beneficiary(723, BRANCH, full_name="مستفيد الوفاة", contact_consent=1)
		# Hostile text as an import or an old version could have stored it, past any sanitizing.
		frappe.db.set_value("Beneficiary", cls.p.name, "full_name", f"مريض البوابة {HOSTILE}")
		for doc, user in ((cls.a, cls.a_user), (cls.b, cls.b_user), (cls.d, cls.d_user)):
			link_account(frappe.get_doc("Beneficiary", doc.name), user)
		cls.authorization = "CA-PORTAL-TEST-1"
		frappe.db.delete("Carer Authorization", {"name": cls.authorization})
		frappe.get_doc(
			{
				"doctype": "Carer Authorization",
				"name": cls.authorization,
				"patient": cls.p.name,
				"carer": cls.a.name,
				"relationship": "Sibling",
				"status": c.CARER_ACTIVE,
				"valid_from": add_days(today(), -30),
				"branch_office": BRANCH,
			}
		).db_insert()
		suffix = cls.a.name[-5:]
		cls.due = add_days(today(), 9)
		cls.r_a = request(
			f"SR-PORTAL-A-{suffix}",
			cls.a.name,
			c.REQUEST_PENDING_COMMITTEE,
			committee_due_date=cls.due,
		)
		status_version(cls.r_a, "Draft", c.REQUEST_PENDING_VERIFICATION, add_days(now_datetime(), -5))
		status_version(
			cls.r_a, c.REQUEST_UNDER_RESEARCH, c.REQUEST_PENDING_COMMITTEE, add_days(now_datetime(), -1)
		)
		cls.r_p = request(
			f"SR-PORTAL-P-{suffix}", cls.p.name, c.REQUEST_APPROVED, committee_decision="Approved"
		)
		cls.r_b = request(f"SR-PORTAL-B-{suffix}", cls.b.name, c.REQUEST_UNDER_RESEARCH)
		cls.letter = get_pdf("<p>Decision letter for the portal test</p>")
		file = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": f"decision-letter-{cls.r_p}.pdf",
				"is_private": 1,
				"attached_to_doctype": "Support Request",
				"attached_to_name": cls.r_p,
				"content": cls.letter,
			}
		).insert(ignore_permissions=True)
		cls.letter_url = file.file_url
		frappe.get_doc(
			{
				"doctype": "Committee Review",
				"name": f"CR-PORTAL-{suffix}",
				"support_request": cls.r_p,
				"beneficiary": cls.p.name,
				"decision": "Approved",
				"decision_date": today(),
				"decision_reason": f"{INTERNAL} reason for the committee",
				"reason_for_applicant": f"Welcome back {HOSTILE}",
				"tally_summary": f"{INTERNAL} votes",
				"letter_state": c.LETTER_READY,
				"decision_letter": file.file_url,
				"docstatus": 1,
			}
		).db_insert()
		frappe.db.commit()

	def setUp(self):
		super().setUp()
		frappe.set_user("Administrator")
		for key in frappe.cache.scan_iter("*rl:amass_relations.api*"):
			frappe.cache.delete(key)

	def page(self, client, path, **params):
		response = client.get(path, **params)
		self.assertEqual(response.status_code, 200, response.text[:500])
		return response.text

	# -- what they see -----------------------------------------------------------------------------

	def test_my_requests_shows_own_and_patients_requests_in_plain_words(self):
		html = self.page(Client(self.a_user), "/my-requests")
		for name in (self.r_a, self.r_p):
			self.assertIn(name, html)
		self.assertNotIn(self.r_b, html)
		self.assertIn("With the committee", html)
		self.assertIn("The research committee will decide on your request by the date shown.", html)
		self.assertIn(format_hijri(frappe.utils.getdate(self.due)), html, "the due date in Hijri")
		self.assertIn(frappe.utils.formatdate(self.due, "yyyy-MM-dd"), html)
		self.assertIn("Download the decision letter", html)
		self.assertNotIn(INTERNAL, html)
		# The portal menu in Frappe's sidebar.
		self.assertRegex(html, r'class="sidebar-item">\s*<a href="/my-requests"')
		self.assertNotIn("BOTHERZ", html)
		answer = Client(self.a_user).call(f"{PORTAL}.my_requests", http="GET")
		self.assertEqual(answer.status_code, 200, text(answer)[:300])
		self.assertEqual([p["name"] for p in answer.json()["message"]["people"]], [self.a.name, self.p.name])
		self.assertNotIn(INTERNAL, answer.text)

	def test_hostile_values_are_escaped(self):
		for path in ("/my-requests", f"/my-requests/{self.r_p}"):
			html = self.page(Client(self.a_user), path)
			self.assertNotIn("<script>alert", html)
			self.assertNotIn("<img src=x", html)
			self.assertIn("&lt;script&gt;", html)
		# A hostile filter: Frappe strips the tags from the parameter, or the name is not theirs (404).
		unknown = Client(self.a_user).get("/my-requests", person="<script>x</script>")
		self.assertIn(unknown.status_code, (200, 404))
		self.assertNotIn("<script>x", unknown.text)

	def test_one_request_with_its_history_in_plain_words(self):
		html = self.page(Client(self.a_user), f"/my-requests/{self.r_a}")
		steps = re.findall(r'<li data-stage="(\w+)">', html)
		self.assertEqual(steps, ["received", "committee"])
		self.assertIn("With the committee", html)
		html = self.page(Client(self.a_user), f"/my-requests/{self.r_p}")
		self.assertIn("Welcome back", html, "the reason written for the applicant")
		self.assertNotIn(INTERNAL, html)

	def test_the_letter_comes_only_through_the_portal(self):
		client = Client(self.a_user)
		letter = client.call(f"{PORTAL}.download_letter", http="GET", request=self.r_p)
		self.assertEqual(letter.status_code, 200, letter.text[:300])
		self.assertEqual(letter.content, self.letter)
		self.assertIn("attachment", letter.headers.get("Content-Disposition", ""))
		# The private file's own URL is not theirs.
		self.assertIn(client.get(self.letter_url).status_code, (403, 404))
		for other in (Client(self.b_user), Client()):
			refused = other.call(f"{PORTAL}.download_letter", http="GET", request=self.r_p)
			self.assertIn(refused.status_code, (403, 404))
			self.assertNotIn(b"%PDF", refused.content)

	def test_anothers_request_answers_as_a_missing_one(self):
		b = Client(self.b_user)
		answers = {
			name: (b.call(f"{PORTAL}.my_request", http="GET", name=name), b.get(f"/my-requests/{name}"))
			for name in (self.r_a, "SR-2026-99999")
		}
		for method, page in answers.values():
			self.assertEqual(method.status_code, 404)
			self.assertEqual(page.status_code, 404)
		mine, missing = answers[self.r_a][0].json(), answers["SR-2026-99999"][0].json()
		self.assertEqual(mine.get("exc_type"), missing.get("exc_type"))
		self.assertEqual(
			b.call(f"{PORTAL}.my_requests", http="GET", person=self.a.name).status_code, 404, "by filter"
		)
		self.assertEqual(b.get("/my-requests", person=self.a.name).status_code, 404)
		# Frappe caches a 404 by URL for everyone: another account's "not found" must not hide a
		# request from its own beneficiary.
		self.assertEqual(Client(self.a_user).get(f"/my-requests/{self.r_a}").status_code, 200)
		self.assertEqual(Client(self.a_user).get("/my-requests", person=self.a.name).status_code, 200)
		guest = Client()
		self.assertEqual(guest.call(f"{PORTAL}.my_requests", http="GET").status_code, 403)
		signin = guest.session.get(f"{guest_url()}/my-requests", allow_redirects=False, timeout=60)
		self.assertIn(signin.status_code, (301, 302))
		self.assertIn("/login", signin.headers["Location"])
		for path in ("/link-my-file", "/my-profile"):
			page = guest.session.get(f"{guest_url()}{path}", allow_redirects=False, timeout=60)
			self.assertIn(page.status_code, (301, 302), path)

	# -- carers and status ---------------------------------------------------------------------------

	def test_revocation_or_expiry_ends_a_carers_access_at_once(self):
		client = Client(self.a_user)
		self.assertEqual(client.call(f"{PORTAL}.my_request", http="GET", name=self.r_p).status_code, 200)
		for change in ({"status": c.CARER_REVOKED}, {"valid_until": add_days(today(), -1)}):
			before = frappe.db.get_value(
				"Carer Authorization", self.authorization, list(change), as_dict=True
			)
			frappe.db.set_value("Carer Authorization", self.authorization, change)
			frappe.db.commit()
			try:
				self.assertEqual(
					client.call(f"{PORTAL}.my_request", http="GET", name=self.r_p).status_code, 404
				)
				self.assertEqual(client.get(f"/my-requests/{self.r_p}").status_code, 404)
				self.assertNotIn(self.r_p, self.page(client, "/my-requests"))
			finally:
				frappe.db.set_value("Carer Authorization", self.authorization, before)
				frappe.db.commit()

	def test_inactive_keeps_a_read_only_portal_and_carers_keep_a_deceased_patients_for_a_while(self):
		client = Client(self.a_user)
		try:
			frappe.db.set_value("Beneficiary", self.a.name, "status", c.BENEFICIARY_INACTIVE)
			frappe.db.commit()
			people = client.call(f"{PORTAL}.my_requests", http="GET").json()["message"]["people"]
			self.assertEqual([p["read_only"] for p in people], [True, True])
			frappe.db.set_value("Beneficiary", self.a.name, "status", c.BENEFICIARY_REGISTERED)
			frappe.db.set_value(
				"Beneficiary",
				self.p.name,
				{"status": c.BENEFICIARY_DECEASED, "status_changed_on": add_days(now_datetime(), -10)},
			)
			frappe.db.commit()
			people = client.call(f"{PORTAL}.my_requests", http="GET").json()["message"]["people"]
			self.assertEqual(
				[(p["name"], p["read_only"]) for p in people], [(self.a.name, False), (self.p.name, True)]
			)
			days = portal.settings_days_after_death()
			frappe.db.set_value(
				"Beneficiary", self.p.name, "status_changed_on", add_days(now_datetime(), -days - 1)
			)
			frappe.db.commit()
			self.assertEqual(client.call(f"{PORTAL}.my_request", http="GET", name=self.r_p).status_code, 404)
		finally:
			frappe.db.set_value("Beneficiary", self.a.name, "status", c.BENEFICIARY_REGISTERED)
			frappe.db.set_value(
				"Beneficiary", self.p.name, {"status": "Registered", "status_changed_on": None}
			)
			frappe.db.commit()

	def test_a_deceased_beneficiarys_own_account_is_closed(self):
		officer = make_login("portal.page.officer@amass-test.example.com", [c.ROLE_OFFICER])
		frappe.db.commit()
		signed_in = Client(self.d_user)
		try:
			done = Client(officer).doc_method(
				"Beneficiary", self.d.name, "change_status", status=c.BENEFICIARY_DECEASED, reason="test"
			)
			self.assertEqual(done.status_code, 200, text(done)[:300])
			frappe.db.rollback()
			self.assertFalse(frappe.db.get_value("User", self.d_user, "enabled"))
			self.assertEqual(signed_in.call(f"{PORTAL}.my_requests", http="GET").status_code, 403)
			self.assertRaises(AssertionError, Client, self.d_user)
			self.assertTrue(frappe.db.get_value("Beneficiary", self.d.name, "status_changed_on"))
		finally:
			frappe.db.set_value(
				"Beneficiary", self.d.name, {"status": "Registered", "status_changed_on": None}
			)
			frappe.db.set_value("User", self.d_user, "enabled", 1)
			frappe.db.commit()

	# -- sessions, language, home --------------------------------------------------------------------

	def test_website_sessions_expire_sooner_than_staffs(self):
		client = Client(self.a_user)
		sid = client.session.cookies.get("sid")
		data = frappe.cache.hget("session", sid)
		minutes = frappe.db.get_single_value(c.SETTINGS_DOCTYPE, "portal_session_minutes")
		self.assertEqual(data["data"]["session_expiry"], f"{minutes // 60:02d}:{minutes % 60:02d}:00")
		officer = make_login("portal.page.officer@amass-test.example.com", [c.ROLE_OFFICER])
		frappe.db.commit()
		staff = Client(officer)
		staff_data = frappe.cache.hget("session", staff.session.cookies.get("sid"))
		self.assertEqual(staff_data["data"]["session_expiry"], frappe.sessions.get_expiry_period())
		# Unused for longer than that: the next request is a guest's.
		data["data"]["last_updated"] = str(add_to_date(now_datetime(), minutes=-minutes - 1))
		frappe.cache.hset("session", sid, data)
		self.assertEqual(client.call(f"{PORTAL}.my_requests", http="GET").status_code, 403)

	def test_the_language_switch(self):
		client = Client(self.b_user)
		try:
			switched = client.session.post(
				f"{guest_url()}/api/method/{PORTAL}.set_language",
				data={"language": "ar", "redirect_to": "/my-requests"},
				headers={"X-Frappe-CSRF-Token": csrf(client)},
				timeout=60,
			)
			self.assertEqual(switched.status_code, 200, switched.text[:300])
			self.assertTrue(switched.url.endswith("/my-requests"))
			self.assertIn('dir="rtl"', switched.text)
			self.assertIn("/css-rtl/website.bundle", switched.text, "Frappe's right-to-left stylesheet")
			self.assertIn("طلباتي", switched.text)
			client.session.headers.pop("X-Frappe-CSRF-Token", None)  # a caller that never read a page
			no_token = client.call(f"{PORTAL}.set_language", language="en")
			self.assertEqual(no_token.status_code, 400, "no CSRF token, no change")
			client.session.headers["X-Frappe-CSRF-Token"] = csrf(client)
			# Never sent to another host (an open redirect).
			for elsewhere in ("//evil.example.com/x", "/\\evil.example.com", "https://evil.example.com"):
				kept = client.session.post(
					f"{guest_url()}/api/method/{PORTAL}.set_language",
					data={"language": "en", "redirect_to": elsewhere},
					allow_redirects=False,
					timeout=60,
				)
				self.assertEqual(kept.status_code, 200, elsewhere)
				self.assertNotIn("evil", kept.headers.get("Location", ""))
			wrong = client.call(f"{PORTAL}.set_language", language="fr")
			self.assertEqual(wrong.status_code, 417, text(wrong)[:400])
		finally:
			frappe.db.set_value("User", self.b_user, "language", "en")
			frappe.db.commit()

	def test_signing_in_lands_on_my_requests_or_link_my_file(self):
		unlinked = website_user("portal.page.unlinked")
		frappe.db.commit()
		for user, lands in ((self.a_user, "/my-requests"), (unlinked, "/link-my-file")):
			client = Client()
			answer = client.session.post(
				f"{guest_url()}/api/method/login",
				data={"usr": user, "pwd": "Amass-Security-Test-1!"},
				timeout=60,
			)
			self.assertEqual(answer.json().get("home_page"), "/my-requests")
			home = client.session.get(f"{guest_url()}/my-requests", timeout=60)
			self.assertEqual(home.status_code, 200)
			self.assertEqual(urllib.parse.urlsplit(home.url).path, lands)

	def test_status_changes_reach_the_beneficiary_through_the_outbox(self):
		doc = frappe.get_doc("Support Request", self.r_b)
		doc.status = c.REQUEST_PENDING_COMMITTEE
		frappe.db.set_value("Beneficiary", self.b.name, "preferred_language", "ar")
		portal.notify_status(doc)
		frappe.db.commit()
		row = frappe.get_all(
			outbox.DOCTYPE,
			filters={"reference_name": self.r_b, "purpose": "Request Status"},
			fields=["name", "recipient"],
			order_by="creation desc",
			limit=1,
		)[0]
		deadline = time.monotonic() + 30
		while not self.gateway.texts_to(row.recipient) and time.monotonic() < deadline:
			time.sleep(0.3)
		sent = self.gateway.texts_to(row.recipient)
		self.assertTrue(sent, "the SMS reached the gateway")
		self.assertIn(self.r_b, sent[-1])
		self.assertIn("اللجنة", sent[-1], "in the beneficiary's language")
		# No consent, no message.
		frappe.db.set_value("Beneficiary", self.b.name, "contact_consent", 0)
		try:
			portal.notify_status(doc)
			self.assertEqual(
				frappe.db.count(outbox.DOCTYPE, {"reference_name": self.r_b, "purpose": "Request Status"}), 1
			)
		finally:
			frappe.db.set_value(
				"Beneficiary", self.b.name, {"contact_consent": 1, "preferred_language": None}
			)
			frappe.db.commit()


def guest_url() -> str:
	from amass_relations.tests.security.http import base_url

	return base_url()


def csrf(client) -> str:
	"""The session's CSRF token, as a page of the site hands it to its forms."""
	html = client.get("/my-requests").text
	return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


class TestNoOneLearnsWhoHasAnAccount(AmassTestCase):
	"""Sign-up and password reset answer the same whether a portal account exists or not (the routes
	Security part 1 made uniform), probed here with a beneficiary's linked account."""

	def test_sign_up_and_reset_answer_the_same(self):
		frappe.set_user("Administrator")
		linked = website_user("portal.enum.linked")
		frappe.db.commit()
		for key in frappe.cache.scan_iter("*rl:frappe.core.doctype.user.user*"):
			frappe.cache.delete(key)
		for key in frappe.cache.scan_iter("*rl:amass_relations.permissions.routes*"):
			frappe.cache.delete(key)
		guest = Client()
		unknown = f"portal.enum.{frappe.generate_hash(length=8)}@amass-test.example.com"
		signups = [
			guest.call(
				"frappe.core.doctype.user.user.sign_up", email=email, full_name="Probe", redirect_to=""
			)
			for email in (linked, unknown)
		]
		self.assertEqual([r.status_code for r in signups], [200, 200])
		self.assertEqual(signups[0].json()["message"], signups[1].json()["message"])
		resets = [
			guest.call("frappe.core.doctype.user.user.reset_password", user=user)
			for user in (linked, f"nobody.{frappe.generate_hash(length=8)}@amass-test.example.com")
		]
		self.assertEqual([r.status_code for r in resets], [200, 200])
		self.assertEqual(text(resets[0]), text(resets[1]))


class TestMyProfile(AmassTestCase):
	"""/my-profile: the person's own file; what they may change (language, channel, contact consent) and
	nothing else; a carer changes nothing of a patient's; hostile values refused with nothing saved."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		make_branch(BRANCH, "مدينة البوابة")
		frappe.db.delete("Beneficiary", {"national_id": test_national_id(730)})
		cls.user = website_user("portal.profile.a")
		frappe.db.set_value("Beneficiary", {"user": cls.user}, "user", None)
		cls.ben = make_beneficiary(730, BRANCH, full_name="صاحب الملف الشخصي", contact_consent=0)
		frappe.db.set_value("Beneficiary", cls.ben.name, "data_processing_consent", 1)
		link_account(frappe.get_doc("Beneficiary", cls.ben.name), cls.user)
		frappe.db.commit()

	def setUp(self):
		super().setUp()
		for key in frappe.cache.scan_iter("*rl:amass_relations.api*"):
			frappe.cache.delete(key)
		self.client = Client(self.user)
		self.client.session.headers["X-Frappe-CSRF-Token"] = csrf_of(self.client, "/my-profile")

	def test_the_page_shows_the_own_file_with_the_id_masked(self):
		html = self.client.get("/my-profile").text
		self.assertIn("صاحب الملف الشخصي", html)
		self.assertNotIn(self.ben.national_id, html)
		self.assertIn(self.ben.national_id[-4:], html)

	def test_choices_are_saved_with_who_and_when(self):
		done = self.client.call(
			f"{PORTAL}.update_profile",
			preferred_language="en",
			preferred_contact_channel=c.CHANNEL_PHONE,
			contact_consent=1,
		)
		self.assertEqual(done.status_code, 200, text(done)[:300])
		frappe.db.rollback()
		row = frappe.db.get_value(
			"Beneficiary",
			self.ben.name,
			["preferred_language", "preferred_contact_channel", "contact_consent", "contact_consent_by"],
			as_dict=True,
		)
		self.assertEqual(
			(
				row.preferred_language,
				row.preferred_contact_channel,
				row.contact_consent,
				row.contact_consent_by,
			),
			("en", c.CHANNEL_PHONE, 1, self.user),
		)
		self.assertNotIn("Possible Duplicate", text(done))

	def test_hostile_values_change_nothing(self):
		before = frappe.db.get_value("Beneficiary", self.ben.name, ["preferred_language", "modified"])
		for values in (
			{"preferred_language": "<script>", "contact_consent": 1},
			{"preferred_language": "ar", "preferred_contact_channel": "' or 1=1 -- ", "contact_consent": 1},
			{"preferred_language": "ar", "preferred_contact_channel": "x" * 100000, "contact_consent": 1},
			{"preferred_language": "ar", "contact_consent": "yes"},
		):
			answer = self.client.call(f"{PORTAL}.update_profile", **values)
			self.assertIn(answer.status_code, (400, 413, 417), f"{str(values)[:80]}: {text(answer)[:200]}")
		frappe.db.rollback()
		self.assertEqual(
			frappe.db.get_value("Beneficiary", self.ben.name, ["preferred_language", "modified"]), before
		)
		self.assertEqual(frappe.db.get_value("Beneficiary", self.ben.name, "full_name"), "صاحب الملف الشخصي")

	def test_withdrawing_the_data_consent_is_a_task_for_the_officers(self):
		officer = make_login("portal.profile.officer@amass-test.example.com", [c.ROLE_OFFICER])
		make_branch(BRANCH, "مدينة البوابة", users=(officer,))
		frappe.db.commit()
		asked = self.client.call(f"{PORTAL}.withdraw_data_consent")
		self.assertEqual(asked.status_code, 200, text(asked)[:300])
		frappe.db.rollback()
		self.assertTrue(
			frappe.db.exists(
				"ToDo",
				{
					"allocated_to": officer,
					"reference_name": self.ben.name,
					"status": "Open",
				},
			)
		)
		self.assertEqual(frappe.db.get_value("Beneficiary", self.ben.name, "data_processing_consent"), 1)

	def test_a_stranger_has_no_profile(self):
		self.assertEqual(Client().call(f"{PORTAL}.update_profile", preferred_language="ar").status_code, 403)
		stranger = website_user("portal.page.unlinked")
		frappe.db.commit()
		unlinked = Client(stranger)
		unlinked.session.headers["X-Frappe-CSRF-Token"] = csrf_of(unlinked, "/link-my-file")
		self.assertEqual(unlinked.call(f"{PORTAL}.update_profile", preferred_language="ar").status_code, 404)


def csrf_of(client, path: str) -> str:
	html = client.get(path).text
	found = re.search(r'frappe.csrf_token = "([^"]+)"', html)
	return found.group(1) if found else ""
