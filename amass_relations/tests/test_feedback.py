"""Satisfaction surveys (services/surveys.py) over the served site's real routes: one invitation per
delivered request by email (a real SMTP server on 127.0.0.1) and SMS (the fake gateway), exactly once
however the job runs; the link answered named and anonymously; used, expired and forged links; the
anonymity an adversary with SQL read access meets; staff figures only as sums of k answers."""

import os
import signal
import subprocess
import sys
import time

import frappe
from frappe.utils import add_days, add_to_date, now_datetime, nowdate

from amass_relations import constants as c
from amass_relations.rules import feedback as rule
from amass_relations.rules.identity import demo_resident_id
from amass_relations.services import surveys
from amass_relations.tests.mail_server import MailServer
from amass_relations.tests.security.http import Client, make_login
from amass_relations.tests.sms_gateway import UsesFakeGateway
from amass_relations.tests.utils import AmassTestCase, make_branch

BRANCHES = ("FB-Branch-1", "FB-Branch-2", "FB-Branch-3")
RARE_SERVICE = "FB-Service-Rare"
RARE_COMMENT = "خدمة نادرة"
SERVICES = ("FB-Service-1", "FB-Service-2", "FB-Service-3")
MANAGER = "fb-manager@amass-test.example.com"
OFFICER = "fb-officer@amass-test.example.com"
DELIVERER = "fb-deliverer@amass-test.example.com"
OTHER_STAFF = "fb-other@amass-test.example.com"
PORTAL = "fb-portal@amass-test.example.com"


def person_values(n: int, branch: str, **values) -> dict:
	return {
		"full_name": f"مستفيد استبيان {n}",
		# Iqama numbers of the demo block past the demo data's: the citizen test IDs are all taken.
		"national_id": demo_resident_id(5000 + n),
		"gender": "Female",
		"date_of_birth": "1980-01-15",
		"branch_office": branch,
		"beneficiary_category": c.CATEGORY_PATIENT,
		"status": "Registered",
		"mobile_no": f"05{77000000 + n:08d}",
		"email": f"fb-person-{n}@amass-test.example.com",
		"contact_consent": 1,
		"preferred_language": "ar" if n % 2 else "en",
		**values,
	}


def delivered(n: int, branch: str, service: str, days_ago: int = 2, **person) -> str:
	"""A beneficiary and a request that reached Service Delivered `days_ago` days ago, with its
	delivery, written straight to the database (the survey is about what follows a delivery)."""
	ben = f"FB-BEN-{n}"
	if not frappe.db.exists("Beneficiary", ben):
		frappe.get_doc(
			{"doctype": "Beneficiary", "name": ben, **person_values(n, branch, **person)}
		).db_insert()
	request = f"FB-SR-{n}"
	when = add_to_date(now_datetime(), days=-days_ago)
	if not frappe.db.exists("Support Request", request):
		doc = frappe.get_doc(
			{
				"doctype": "Support Request",
				"name": request,
				"beneficiary": ben,
				"service_type": service,
				"channel": c.CHANNEL_WEBSITE,
				"branch_office": branch,
				"status": c.REQUEST_SERVICE_DELIVERED,
				"workflow_state": c.REQUEST_SERVICE_DELIVERED,
				"verified_by": OFFICER,
			}
		)
		doc.db_insert()
		frappe.get_doc(
			{
				"doctype": "Service Delivery",
				"name": f"FB-SD-{n}",
				"support_request": request,
				"beneficiary": ben,
				"service_type": service,
				"branch_office": branch,
				"delivery_date": when.date(),
				"delivered_by": DELIVERER,
				"mode": "In Person",
				"docstatus": 1,
			}
		).db_insert()
	frappe.db.sql("update `tabSupport Request` set modified = %s where name = %s", (when, request))
	return request


def invitation_of(request: str) -> frappe._dict | None:
	return frappe.db.get_value(
		surveys.INVITATION,
		{"marker": f"Support Request:{request}"},
		["name", "expires_on", "language"],
		as_dict=True,
	)


def token_of(request: str) -> str:
	inv = invitation_of(request)
	return surveys.token_of(inv.name, inv.expires_on)


class FeedbackCase(UsesFakeGateway, AmassTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		make_login(MANAGER, [c.ROLE_MANAGER])
		for user in (OFFICER, DELIVERER, OTHER_STAFF):
			make_login(user, [c.ROLE_OFFICER])
		make_login(PORTAL, [c.ROLE_BENEFICIARY], "Website User")
		for i, branch in enumerate(BRANCHES, 1):
			make_branch(branch, f"FB-City-{i}", users=(OFFICER, DELIVERER, OTHER_STAFF))
		for service in SERVICES:
			if not frappe.db.exists("Support Service Type", service):
				frappe.get_doc(
					{
						"doctype": "Support Service Type",
						"name": service,
						"service_name": service,
						"enabled": 1,
					}
				).db_insert()
		for field, value in (
			("survey_delay_days", 1),
			("survey_valid_days", 14),
			("survey_reminder_days", 5),
			("feedback_k", 5),
		):
			frappe.db.set_single_value(c.SETTINGS_DOCTYPE, field, value)
		forget_earlier_runs()
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls):
		frappe.set_user("Administrator")
		frappe.db.rollback()
		forget_earlier_runs()
		frappe.db.commit()
		super().tearDownClass()

	def setUp(self):
		super().setUp()
		frappe.set_user("Administrator")

	def answer(self, token: str, anonymous: bool, client=None, **answers) -> "requests.Response":  # noqa: F821
		client = client or Client()
		data = {"overall": "4", **answers}
		if anonymous:
			data["anonymous"] = "1"
		return client.session.post(f"{client_base()}/survey/{token}", data=data)


def forget_earlier_runs():
	"""A second run of the module on the same site starts from the same place."""
	invitations = frappe.get_all(
		surveys.INVITATION, filters={"marker": ("like", "Support Request:FB-SR-%")}, pluck="name"
	)
	for doctype, field in (("Email Queue", "reference_name"), ("SMS Outbox", "reference_name")):
		if invitations:
			frappe.db.delete(doctype, {"reference_doctype": surveys.INVITATION, field: ("in", invitations)})
	frappe.db.delete(surveys.INVITATION, {"marker": ("like", "Support Request:FB-SR-%")})
	named = frappe.get_all("Feedback", filters={"support_request": ("like", "FB-SR-%")}, pluck="name")
	anonymous = frappe.get_all(
		"Feedback", filters={"comment": ("in", ("الخدمة ممتازة", RARE_COMMENT))}, pluck="name"
	)
	if named + anonymous:
		frappe.db.delete("Feedback Answer", {"parent": ("in", named + anonymous)})
		frappe.db.delete("Feedback", {"name": ("in", named + anonymous)})
	for doctype in ("Service Delivery", "Support Request", "Beneficiary"):
		frappe.db.delete(doctype, {"name": ("like", "FB-%")})


def client_base() -> str:
	from amass_relations.tests.security.http import base_url

	return base_url()


class TestSurveys(FeedbackCase):
	def test_one_invitation_by_email_and_sms_whose_stored_copies_hold_no_token(self):
		mail = MailServer()
		try:
			mail.use()
			request = delivered(601, BRANCHES[0], SERVICES[0])
			too_soon = delivered(602, BRANCHES[0], SERVICES[0], days_ago=0)
			no_consent = delivered(603, BRANCHES[0], SERVICES[0], contact_consent=0)
			deceased = delivered(604, BRANCHES[0], SERVICES[0], status="Deceased")
			rejected = delivered(605, BRANCHES[0], SERVICES[0])  # not served: may evaluate all the same
			frappe.db.set_value(
				"Support Request", rejected, "status", c.REQUEST_REJECTED, update_modified=False
			)
			frappe.db.commit()
			surveys.dispatch()
			surveys.dispatch()  # a retried run: nothing more
			inv = invitation_of(request)
			self.assertIsNotNone(inv)
			self.assertIsNone(invitation_of(too_soon))
			for not_sent in (no_consent, deceased):
				# Decided once and recorded: no channel, the reason, no message, no working link.
				row = frappe.db.get_value(
					surveys.INVITATION,
					{"marker": f"Support Request:{not_sent}"},
					["name", "channels", "not_sent_reason", "expires_on"],
					as_dict=True,
				)
				self.assertEqual((row.channels or "", bool(row.not_sent_reason)), ("", True), not_sent)
				for doctype in ("Email Queue", "SMS Outbox"):
					self.assertFalse(frappe.db.exists(doctype, {"reference_name": row.name}), doctype)
				self.assertEqual(
					surveys.open_invitation(surveys.token_of(row.name, row.expires_on))[0], surveys.INVALID
				)
			self.assertEqual(
				frappe.db.get_value(surveys.INVITATION, {"marker": f"Support Request:{rejected}"}, "purpose"),
				surveys.PURPOSE_REJECTED,
			)
			token = surveys.token_of(inv.name, inv.expires_on)
			emails = frappe.get_all(
				"Email Queue",
				filters={"reference_doctype": surveys.INVITATION, "reference_name": inv.name},
				pluck="name",
			)
			sms = frappe.get_all(
				"SMS Outbox",
				filters={"reference_doctype": surveys.INVITATION, "reference_name": inv.name},
				fields=["name", "message"],
			)
			self.assertEqual((len(emails), len(sms)), (1, 1))
			stored = frappe.db.get_value("Email Queue", emails[0], "message")
			self.assertNotIn(token, stored)
			self.assertNotIn(token, sms[0].message)
			# Sent through the real mail server: the mail carries the working link, the row still not.
			frappe.flags.testing_email = True
			try:
				frappe.get_doc("Email Queue", emails[0]).send()
			finally:
				frappe.flags.testing_email = False
			self.assertEqual(frappe.db.get_value("Email Queue", emails[0], "status"), "Sent")
			bodies = mail.bodies_to("fb-person-601@amass-test.example.com")
			self.assertEqual(len(bodies), 1)
			self.assertIn(f"/survey/{token}", bodies[0])
			self.assertIn("كيف كانت خدمتنا", bodies[0])  # in the person's language (601: Arabic)
			self.assertNotIn(token, frappe.db.get_value("Email Queue", emails[0], "message"))
			# The SMS reaches the gateway with the link; the outbox shows it masked.
			frappe.db.commit()
			deadline = time.monotonic() + 30
			while not self.gateway.texts_to("0577000601") and time.monotonic() < deadline:
				time.sleep(0.3)
			texts = self.gateway.texts_to("0577000601")
			self.assertEqual(len(texts), 1)
			self.assertIn(f"/survey/{token}", texts[0])
			frappe.db.rollback()
			self.assertEqual(
				frappe.db.sql("select count(*) from `tabSMS Outbox` where message like %s", (f"%{token}%",))[
					0
				][0],
				0,
			)
		finally:
			mail.close()

	def test_two_runs_at_once_and_a_run_killed_mid_send_invite_exactly_once(self):
		requests = [delivered(610 + i, BRANCHES[1], SERVICES[1]) for i in range(4)]
		frappe.db.commit()
		killed = run_dispatch("kill")
		self.assertEqual(killed.returncode, -signal.SIGKILL, killed.stderr[-2000:])
		frappe.db.rollback()
		self.assertEqual([invitation_of(r) for r in requests], [None] * 4, "a killed run leaves nothing")
		runs = [start_dispatch("run"), start_dispatch("run")]
		for run in runs:
			_out, err = run.communicate(timeout=300)
			self.assertEqual(run.returncode, 0, err[-2000:])
		frappe.db.rollback()
		for request in requests:
			inv = invitation_of(request)
			self.assertIsNotNone(inv, request)
			for doctype in ("SMS Outbox", "Email Queue"):
				self.assertEqual(
					frappe.db.count(
						doctype, {"reference_doctype": surveys.INVITATION, "reference_name": inv.name}
					),
					1,
					f"{doctype} of {request}",
				)

	def test_answered_named_then_the_link_is_used_and_bad_links_get_a_clear_page(self):
		request = delivered(620, BRANCHES[0], SERVICES[0])
		frappe.db.commit()
		surveys.dispatch()
		frappe.db.commit()
		token = token_of(request)
		page = Client().session.get(f"{client_base()}/survey/{token}")
		self.assertEqual(page.status_code, 200)
		self.assertIn("Overall, how satisfied", page.text)  # 620 reads English
		# A bad answer: each refused beside its question, nothing written, the link still open.
		bad = self.answer(token, False, overall="9", comment="<script>alert(1)</script>")
		self.assertEqual(bad.status_code, 200)
		self.assertIn("1 to 5", bad.text)
		self.assertEqual(frappe.db.count("Feedback", {"support_request": request}), 0)
		good = self.answer(token, False)
		self.assertIn("added to your request", good.text)
		frappe.db.rollback()
		feedback = frappe.get_all("Feedback", filters={"support_request": request}, fields=["*"])
		self.assertEqual(len(feedback), 1)
		self.assertEqual(
			(feedback[0].rating, feedback[0].is_anonymous, feedback[0].beneficiary), (4, 0, "FB-BEN-620")
		)
		self.assertTrue(
			frappe.db.exists("Comment", {"reference_name": request, "content": ("like", "%4%5%")})
		)
		# Used, expired and forged links: a clear page, never an error.
		again = self.answer(token, False)
		self.assertEqual(again.status_code, 200)
		self.assertIn("already been answered", again.text)
		forged = token[:-2] + ("aa" if not token.endswith("aa") else "bb")
		for bad_token, words in (
			(forged, "not valid"),
			("nothing-at-all", "not valid"),
			("x" * 300, "not valid"),
		):
			response = Client().session.get(f"{client_base()}/survey/{bad_token}?_lang=en")
			self.assertEqual(response.status_code, 200, bad_token)
			self.assertIn(words, response.text)
		expired_request = delivered(621, BRANCHES[0], SERVICES[0])
		frappe.db.commit()
		surveys.dispatch()
		inv = invitation_of(expired_request)
		frappe.db.set_value(surveys.INVITATION, inv.name, "expires_on", add_days(nowdate(), -1))
		frappe.db.commit()
		response = Client().session.get(f"{client_base()}/survey/{token_of(expired_request)}")
		self.assertEqual(response.status_code, 200)
		self.assertIn("انتهت", response.text)  # 621 reads Arabic: "has expired"
		self.assertNotIn("already been answered", response.text)
		# The template changes: the answer keeps the question as it was asked.
		template = frappe.get_doc(
			"Survey Template", frappe.db.get_value("Feedback", feedback[0].name, "survey_template")
		)
		asked = frappe.get_all("Feedback Answer", filters={"parent": feedback[0].name}, pluck="question")
		template.questions[0].question_en = "A new question"
		template.save()
		self.assertEqual(
			frappe.get_all("Feedback Answer", filters={"parent": feedback[0].name}, pluck="question"), asked
		)
		frappe.db.rollback()

	def test_one_reminder_goes_to_the_whole_days_invitations_answered_or_not(self):
		requests = [delivered(640 + i, BRANCHES[0], SERVICES[0]) for i in range(3)]
		frappe.db.commit()
		surveys.dispatch()
		cohort = add_days(nowdate(), -5)
		frappe.db.delete("Survey Reminder", {"name": str(cohort)})
		invitations = [invitation_of(r).name for r in requests]
		for name in invitations:
			frappe.db.set_value(surveys.INVITATION, name, "sent_on", cohort)
		frappe.db.commit()
		self.answer(token_of(requests[0]), True)  # one has answered: it is reminded all the same
		frappe.db.rollback()
		surveys.remind()
		surveys.remind()  # a second run: nothing more
		reminders = frappe.get_all(
			"SMS Outbox",
			filters={"purpose": "Survey Reminder", "reference_name": ("in", invitations)},
			pluck="reference_name",
		)
		self.assertEqual(sorted(reminders), sorted(invitations))
		self.assertGreaterEqual(frappe.db.get_value("Survey Reminder", str(cohort), "invitations"), 3)

	def test_a_survey_by_phone_is_named_and_never_taken_by_the_rated_staff(self):
		request = delivered(630, BRANCHES[2], SERVICES[2])
		frappe.db.commit()
		method = "amass_relations.api.feedback.record_phone_survey"
		answers = '{"overall": "5"}'
		rated = Client(DELIVERER).call(
			method, http="POST", reference_doctype="Support Request", reference_name=request, answers=answers
		)
		self.assertEqual(rated.status_code, 403, rated.text[:300])
		questions = Client(OTHER_STAFF).call(
			"amass_relations.api.feedback.phone_survey_questions",
			http="GET",
			reference_doctype="Support Request",
			reference_name=request,
		)
		self.assertEqual(questions.status_code, 200, questions.text[:300])
		missing = Client(OTHER_STAFF).call(
			method, http="POST", reference_doctype="Support Request", reference_name=request, answers="{}"
		)
		self.assertEqual(missing.status_code, 417)
		ok = Client(OTHER_STAFF).call(
			method, http="POST", reference_doctype="Support Request", reference_name=request, answers=answers
		)
		self.assertEqual(ok.status_code, 200, ok.text[:300])
		frappe.db.rollback()
		row = frappe.db.get_value(
			"Feedback",
			ok.json()["message"],
			["support_request", "is_anonymous", "channel", "owner"],
			as_dict=True,
		)
		self.assertEqual(
			(row.support_request, row.is_anonymous, row.channel, row.owner),
			(request, 0, c.CHANNEL_PHONE, OTHER_STAFF),
		)
		again = Client(OTHER_STAFF).call(
			method, http="POST", reference_doctype="Support Request", reference_name=request, answers=answers
		)
		self.assertEqual(again.status_code, 417, "one survey a request, not a second to push a figure")
		bad_json = Client(OTHER_STAFF).call(
			method, http="POST", reference_doctype="Support Request", reference_name=request, answers="{oops"
		)
		self.assertEqual(bad_json.status_code, 417)
		for outsider in (PORTAL, None):
			response = Client(outsider).call(
				method,
				http="POST",
				reference_doctype="Support Request",
				reference_name=request,
				answers=answers,
			)
			self.assertIn(response.status_code, (403, 404), outsider)


def run_dispatch(mode: str) -> subprocess.CompletedProcess:
	run = start_dispatch(mode)
	out, err = run.communicate(timeout=300)
	return subprocess.CompletedProcess(run.args, run.returncode, out, err)


DISPATCH = """
import os, signal, sys
import frappe
frappe.init(site=sys.argv[1], sites_path=sys.argv[2])
frappe.connect()
from amass_relations.services import surveys
if sys.argv[3] == "kill":
	invite = surveys.invite
	def invite_then_die(*args, **kwargs):
		invite(*args, **kwargs)
		os.kill(os.getpid(), signal.SIGKILL)  # the messages are written, the transaction never commits
	surveys.invite = invite_then_die
surveys.dispatch()
frappe.destroy()
"""


def start_dispatch(mode: str) -> subprocess.Popen:
	sites = os.path.abspath(frappe.local.sites_path)
	return subprocess.Popen(
		[sys.executable, "-c", DISPATCH, frappe.local.site, sites, mode],
		cwd=sites,
		stdout=subprocess.PIPE,
		stderr=subprocess.PIPE,
		text=True,
	)


# ---------------------------------------------------------------- the adversary with SQL read access
def snapshot_checksums() -> dict:
	tables = frappe.db.sql_list("show tables")
	return dict(frappe.db.sql("checksum table " + ", ".join(f"`{t}`" for t in tables)))


def rows_of(table: str) -> set:
	return {repr(tuple(r)) for r in frappe.db.sql(f"select * from `{table.split('.')[-1]}`")}


class TestAnonymity(FeedbackCase):
	def test_an_anonymous_answer_leaves_no_way_back_to_the_person(self):
		"""≥200 deliveries across branches and services; 30 answered anonymously, 10 named, each
		anonymous answer between snapshots of every table."""
		requests = []
		for n in range(200):
			branch = BRANCHES[n % 3] if n < 190 else BRANCHES[2]
			service = SERVICES[(n // 3) % 3] if n < 190 else SERVICES[0]
			# One in ten has a mobile (the real worker sends those SMS before the snapshots begin);
			# every one has an email, queued and not sent.
			requests.append(
				delivered(700 + n, branch, service, **({} if n % 10 == 0 else {"mobile_no": None}))
			)
		frappe.db.commit()
		surveys.dispatch()
		frappe.db.commit()
		wait_until_sent()
		k = surveys.settings().k
		checksums = snapshot_checksums()
		contents = {table: rows_of(table) for table in checksums}  # every row of every table, once
		anonymous = requests[::7][:30]
		named = [r for r in requests[1::7]][:10]
		for request in anonymous:
			n = int(request.rsplit("-", 1)[1])
			person = frappe.db.get_value(
				"Beneficiary",
				f"FB-BEN-{n}",
				["name", "full_name", "national_id", "mobile_no", "email"],
				as_dict=True,
			)
			token = token_of(request)
			invitation = invitation_of(request).name
			secrets = [person.name, person.full_name, person.national_id, person.email]
			secrets += [person.mobile_no] if person.mobile_no else []
			secrets += [token, invitation, request]
			frappe.db.commit()
			response = self.answer(token, True, comment="الخدمة ممتازة")
			self.assertTrue("without your name" in response.text or "حُفظت دون اسمك" in response.text)
			frappe.db.rollback()
			after = snapshot_checksums()
			changed = [t for t, value in after.items() if checksums.get(t) != value]
			self.assertTrue(changed, "the answer was written somewhere")
			for table in changed:
				now_rows = rows_of(table)
				for row in now_rows - contents.get(table, set()):  # rows created or changed by the answer
					for secret in secrets:
						self.assertNotIn(secret, row, f"{table} holds {secret} after an anonymous answer")
				contents[table] = now_rows
			checksums = after
		for request in named:
			self.answer(token_of(request), False)
		frappe.db.rollback()
		# What an anonymous answer holds: no one, and its day only.
		rows = frappe.get_all(
			"Feedback",
			filters={"is_anonymous": 1, "comment": "الخدمة ممتازة"},
			fields=[
				"name",
				"beneficiary",
				"support_request",
				"interaction",
				"owner",
				"modified_by",
				"creation",
				"modified",
				"branch_office",
				"service_type",
				"month",
			],
		)
		self.assertEqual(len(rows), len(anonymous))
		for row in rows:
			self.assertEqual((row.beneficiary, row.support_request, row.interaction), (None, None, None))
			self.assertEqual((row.owner, row.modified_by), ("Guest", "Guest"))
			self.assertEqual(row.creation.strftime("%H:%M:%S.%f"), "00:00:00.000000")
			day = row.creation.date()
			# Any join of invitations to this answer, by day and by its cell, leaves at least k candidates.
			where = {"sent_on": ("<=", day), "expires_on": (">=", day)}
			if row.branch_office:
				where["branch_office"] = row.branch_office
			if row.service_type:
				where["service_type"] = row.service_type
			candidates = [
				i
				for i in frappe.get_all(
					surveys.INVITATION, filters={**where, "channels": ("!=", "")}, pluck="reference_name"
				)
				if not frappe.db.exists("Feedback", {"support_request": i})
			]
			self.assertGreaterEqual(len(candidates), k, row)
		self.assertEqual(frappe.db.count("Feedback", {"support_request": ("in", named)}), len(named))
		self.assertEqual(
			frappe.db.count("Version", {"ref_doctype": ("in", ("Feedback", "Survey Invitation"))}), 0
		)

	def test_a_rare_services_own_questions_do_not_name_it(self):
		"""A service with fewer than k open invitations: its anonymous answer keeps neither the service
		nor the service's own template and questions (their text would name it)."""
		if not frappe.db.exists("Support Service Type", RARE_SERVICE):
			frappe.get_doc(
				{
					"doctype": "Support Service Type",
					"name": RARE_SERVICE,
					"service_name": RARE_SERVICE,
					"enabled": 1,
				}
			).db_insert()
		if not frappe.db.exists("Survey Template", RARE_SERVICE):
			frappe.get_doc(
				{
					"doctype": "Survey Template",
					"template_name": RARE_SERVICE,
					"enabled": 1,
					"service_type": RARE_SERVICE,
					"overall_question": "ما رأيك في خدمة النقل النادرة؟",
					"overall_question_en": "How was the rare transport service?",
					"questions": [
						{
							"question": "هل وصل السائق؟",
							"question_en": "Did the driver come?",
							"question_type": "Yes/No",
						}
					],
				}
			).insert()
		request = delivered(950, BRANCHES[0], RARE_SERVICE)
		frappe.db.commit()
		surveys.dispatch()
		frappe.db.commit()
		template = frappe.get_doc("Survey Template", RARE_SERVICE)
		response = self.answer(
			token_of(request), True, comment=RARE_COMMENT, **{template.questions[0].name: "Yes"}
		)
		self.assertEqual(response.status_code, 200)
		frappe.db.rollback()
		row = frappe.db.get_value(
			"Feedback",
			{"comment": RARE_COMMENT},
			["name", "service_type", "survey_template", "rating"],
			as_dict=True,
		)
		self.assertEqual((row.service_type, row.survey_template, row.rating), (None, None, 4))
		self.assertEqual(frappe.db.count("Feedback Answer", {"parent": row.name}), 0)

	def test_at_the_months_end_small_cells_are_made_coarser(self):
		past = "2020-01"
		stamp = "2020-01-15 00:00:00"
		frappe.db.sql("delete from `tabFeedback` where month = %s", past)

		def put(branch, service, n):
			for _i in range(n):
				frappe.get_doc(
					{
						"doctype": "Feedback",
						"name": frappe.generate_hash(length=20),
						"feedback_type": surveys.SURVEY_RESPONSE,
						"is_anonymous": 1,
						"rating": 5,
						"month": past,
						"branch_office": branch,
						"service_type": service,
						"creation": stamp,
						"modified": stamp,
					}
				).db_insert()

		put(BRANCHES[0], SERVICES[0], 5)  # kept
		put(BRANCHES[1], SERVICES[0], 2)  # → all branches
		put(BRANCHES[2], SERVICES[1], 1)  # → all branches, then all services
		surveys.close_months()
		cells = frappe.db.sql(
			"select branch_office, service_type, count(*) from `tabFeedback` where month = %s group by 1, 2 order by 3 desc",
			past,
		)
		# Branch 2's two answers lose their branch, then their service (two of Service 1 are still < k).
		self.assertEqual(
			sorted(cells, key=str), sorted([(BRANCHES[0], SERVICES[0], 5), (None, None, 3)], key=str)
		)
		frappe.db.sql("delete from `tabFeedback` where month = %s", past)
		frappe.db.commit()


def wait_until_sent(seconds: float = 120):
	"""The worker has sent every queued survey SMS (its status changes would blur the snapshots)."""
	deadline = time.monotonic() + seconds
	while time.monotonic() < deadline:
		frappe.db.rollback()
		if not frappe.db.count("SMS Outbox", {"purpose": "Survey", "status": ("in", ("Queued", "Sending"))}):
			return
		time.sleep(0.5)
	raise AssertionError("the worker did not send the survey SMS in time")


# ---------------------------------------------------------------- figures, never one by one
class TestFigures(FeedbackCase):
	def test_staff_and_branch_figures_need_k_answers_and_the_right_role(self):
		frappe.db.sql("delete from `tabStaff Rating` where month like '2021-%%'")
		k = surveys.settings().k
		question = {"text": "كيف تقيّم الموظف؟", "text_en": "How do you rate the staff member?"}
		for _i in range(k - 1):
			surveys.add_staff_rating(rule.ABOUT_STAFF, DELIVERER, BRANCHES[0], "2021-01", question, 2)
		for _i in range(k):
			surveys.add_staff_rating(rule.ABOUT_STAFF, DELIVERER, BRANCHES[0], "2021-02", question, 4)
			surveys.add_staff_rating(rule.ABOUT_STAFF, OTHER_STAFF, BRANCHES[0], "2021-02", question, 3)
			surveys.add_staff_rating(rule.ABOUT_BRANCH, BRANCHES[1], None, "2021-02", question, 5)
		frappe.db.commit()
		method = "amass_relations.api.feedback.staff_figures"
		months = {"month_from": "2021-01", "month_to": "2021-02"}

		def figures(user, name=method):
			response = Client(user).call(name, **months)
			return response.status_code, (
				response.json().get("message") if response.status_code == 200 else None
			)

		status, rows = figures(MANAGER)
		self.assertEqual(status, 200)
		self.assertEqual(
			sorted((r["staff"], r["month"], r["answers"]) for r in rows),
			[(DELIVERER, "2021-02", k), (OTHER_STAFF, "2021-02", k)],
		)
		status, rows = figures(DELIVERER)
		self.assertEqual(
			[(r["staff"], r["month"]) for r in rows], [(DELIVERER, "2021-02")], "own figure, k answers only"
		)
		status, rows = figures(OFFICER)
		self.assertEqual(rows, [], "no one else's figure")
		for outsider in (PORTAL, None):
			self.assertEqual(figures(outsider)[0], 403, outsider)
		status, rows = figures(MANAGER, "amass_relations.api.feedback.branch_figures")
		self.assertEqual([(r["branch_office"], r["answers"]) for r in rows], [(BRANCHES[1], k)])
		for other in (OFFICER, DELIVERER, PORTAL, None):
			self.assertEqual(figures(other, "amass_relations.api.feedback.branch_figures")[0], 403, other)
			self.assertEqual(figures(other, "amass_relations.api.feedback.satisfaction")[0], 403, other)
		self.assertEqual(figures(MANAGER, "amass_relations.api.feedback.satisfaction")[0], 200)
		# No role reads the rows themselves, the manager included.
		for user in (MANAGER, DELIVERER):
			response = Client(user).session.get(
				f"{client_base()}/api/resource/Staff Rating", params={"fields": '["*"]'}
			)
			self.assertEqual(response.status_code, 403, user)
		frappe.db.sql("delete from `tabStaff Rating` where month like '2021-%'")
		frappe.db.commit()
