"""Prepares the served test site for the browser suite (scripts/test.sh runs it with `bench execute`
after the integration suite): the setup wizard answered as on a dev site, and one desk user per
language the desk is checked in. Prints the users as JSON for the browser tests."""

import json

import frappe

from amass_relations.constants import ROLE_OFFICER
from amass_relations.setup.dev_site import complete_setup_wizard

BROWSER_USERS = {
	"ar": "browser.ar@amass-demo.example.com",
	"en": "browser.en@amass-demo.example.com",
}


def prepare(password: str):
	complete_setup_wizard(password)
	for language, email in BROWSER_USERS.items():
		if frappe.db.exists("User", email):
			user = frappe.get_doc("User", email)
		else:
			user = frappe.new_doc("User")
			user.update({"email": email, "first_name": f"Browser {language}", "send_welcome_email": 0})
		user.language = language
		user.user_type = "System User"
		user.new_password = password
		user.save(ignore_permissions=True)
		user.add_roles(ROLE_OFFICER)
	frappe.db.commit()
	print(json.dumps(BROWSER_USERS))


# ---------------------------------------------------------------------------------------------- portal
# A fake world for scripts/browser/tests/portal.test.mjs: a beneficiary file F (with a mobile, consent to
# be contacted, no portal account yet) with a request before the committee and an approved one whose
# decision letter is ready, and a patient P that F cares for, with one request of its own. Records are
# written straight to the database (as tests/test_portal_pages.py does) where the workflow's controllers
# would stand in the way; every run removes the previous run's rows first (rerun-safe).
PORTAL_BRANCH = "فرع المتصفح (اختبار)"
PORTAL_CARER_AUTHORIZATION = "CA-BROWSER-PORTAL-1"
PORTAL_FILES = {
	# test ID number: (full name, English name, category, date of birth)
	950: ("سلمى المتصفح (تجريبي)", "Salma Browser (demo)", "Family Member", "1986-04-12"),
	951: ("ياسر المتصفح (تجريبي)", "Yasser Browser (demo)", "Patient", "1979-11-02"),
}


def prepare_portal(password: str, gateway_url: str):
	"""Points SMS Settings at the browser suite's fake gateway and builds the portal's fake world; prints
	what the test needs as one JSON line. `password` is the stage's desk password (unused here: the
	portal account is made through the sign-up page and sets its own)."""
	from frappe.utils import add_days, now_datetime, nowdate, today
	from frappe.utils.pdf import get_pdf

	from amass_relations import constants as c
	from amass_relations.services import portal_link
	from amass_relations.tests.utils import make_beneficiary, make_branch, test_national_id

	del password
	frappe.set_user("Administrator")
	_use_gateway(gateway_url)
	# The sign-up form is the way in (the integration suite's before_tests turns it on; a dev site may not).
	frappe.db.set_single_value("Website Settings", "disable_signup", 0)
	make_branch(PORTAL_BRANCH, "مدينة المتصفح")

	people = {}
	for n, (full_name, name_en, category, born) in PORTAL_FILES.items():
		national_id = test_national_id(n)
		values = {
			"full_name": full_name,
			"full_name_en": name_en,
			"beneficiary_category": category,
			"date_of_birth": born,
			"contact_consent": 1,
			"preferred_language": "ar",
		}
		existing = frappe.db.get_value("Beneficiary", {"national_id": national_id})
		if existing:
			# Reused: back to a file no account holds (a previous run linked it), as the test expects.
			frappe.db.set_value(
				"Beneficiary",
				existing,
				{**values, "user": None, "status": c.BENEFICIARY_REGISTERED, "status_changed_on": None},
			)
			people[n] = existing
		else:
			people[n] = make_beneficiary(n, PORTAL_BRANCH, **values).name
			frappe.db.set_value("Beneficiary", people[n], "status", c.BENEFICIARY_REGISTERED)
		# Each run asks for a code with the same ID: its daily counters start again.
		portal_link.clear_attempts("", national_id)
	carer, patient = people[950], people[951]

	_forget_portal_world([carer, patient])
	# The demo data's services read like real ones; a test site without them takes whatever exists.
	services = frappe.get_all(
		"Support Service Type", pluck="name", order_by="is_demo desc, creation asc", limit=3
	) or [None]
	year = nowdate()[:4]

	def days_ago(days: int):
		return add_days(now_datetime(), -days)

	pending = _portal_request(
		f"SR-{year}-95001",
		carer,
		c.REQUEST_PENDING_COMMITTEE,
		services[0],
		days_ago(7),
		committee_due_date=add_days(today(), 9),
		committee_entered_on=days_ago(1),
	)
	status_version(pending, "Draft", c.REQUEST_PENDING_VERIFICATION, days_ago(6))
	status_version(pending, c.REQUEST_PENDING_VERIFICATION, c.REQUEST_UNDER_RESEARCH, days_ago(4))
	status_version(pending, c.REQUEST_UNDER_RESEARCH, c.REQUEST_PENDING_COMMITTEE, days_ago(1))
	approved = _portal_request(
		f"SR-{year}-95002",
		carer,
		c.REQUEST_APPROVED,
		services[min(1, len(services) - 1)],
		days_ago(41),
		committee_decision="Approved",
	)
	status_version(approved, "Draft", c.REQUEST_PENDING_VERIFICATION, days_ago(40))
	status_version(approved, c.REQUEST_PENDING_VERIFICATION, c.REQUEST_PENDING_COMMITTEE, days_ago(20))
	status_version(approved, c.REQUEST_PENDING_COMMITTEE, c.REQUEST_APPROVED, days_ago(3))
	patients = _portal_request(
		f"SR-{year}-95003", patient, c.REQUEST_UNDER_RESEARCH, services[-1], days_ago(9)
	)
	status_version(patients, "Draft", c.REQUEST_PENDING_VERIFICATION, days_ago(8))
	status_version(patients, c.REQUEST_PENDING_VERIFICATION, c.REQUEST_UNDER_RESEARCH, days_ago(2))

	letter = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": f"decision-letter-{approved}.pdf",
			"is_private": 1,
			"attached_to_doctype": "Support Request",
			"attached_to_name": approved,
			"content": get_pdf(
				f"<h1>Decision letter (demo)</h1><p>Request {approved}: approved.</p>"
				"<p>This letter was made by the browser test suite; it concerns nobody.</p>"
			),
		}
	).insert(ignore_permissions=True)
	frappe.get_doc(
		{
			"doctype": "Committee Review",
			"name": f"CR-{year}-95002",
			"support_request": approved,
			"beneficiary": carer,
			"beneficiary_name": PORTAL_FILES[950][0],
			"service_type": frappe.db.get_value("Support Request", approved, "service_type"),
			"decision": "Approved",
			"decision_date": add_days(today(), -3),
			"decision_reason": "Browser test: the committee's own reason (never shown on the portal).",
			# In the applicant's language, as the committee writes it (text of the test, about nobody).
			"reason_for_applicant": "وافقت اللجنة على طلبك، وستتصل بك الجمعية لترتيب الخدمة. (نص تجريبي)",
			"letter_state": c.LETTER_READY,
			"decision_letter": letter.file_url,
			"branch_office": PORTAL_BRANCH,
			"docstatus": 1,
		}
	).db_insert()
	frappe.get_doc(
		{
			"doctype": "Carer Authorization",
			"name": PORTAL_CARER_AUTHORIZATION,
			"patient": patient,
			"patient_name": PORTAL_FILES[951][0],
			"carer": carer,
			"carer_name": PORTAL_FILES[950][0],
			"relationship": "Sibling",
			"status": c.CARER_ACTIVE,
			"valid_from": add_days(today(), -30),
			"branch_office": PORTAL_BRANCH,
		}
	).db_insert()
	# The portal's own methods are bounded per IP an hour; the browser suite calls them from 127.0.0.1.
	for pattern in ("*rl:amass_relations.api*", "*rl:frappe.core.doctype.user.user.sign_up*"):
		for key in frappe.cache.scan_iter(pattern):
			frappe.cache.delete(key)
	frappe.cache.delete(portal_link._key("ip", "127.0.0.1"))
	frappe.db.commit()
	print(
		json.dumps(
			{
				"file": carer,
				"file_name": PORTAL_FILES[950][0],
				"national_id": test_national_id(950),
				"date_of_birth": PORTAL_FILES[950][3],
				"mobile": frappe.db.get_value("Beneficiary", carer, "mobile_no"),
				"patient": patient,
				"patient_name": PORTAL_FILES[951][0],
				"requests": {"pending": pending, "approved": approved, "patient": patients},
			},
			ensure_ascii=False,
		)
	)


def password_link(email: str):
	"""The set-password link of an account (as Frappe's welcome or reset mail would carry it): prints its
	path, /update-password?key=…, on the last line."""
	from urllib.parse import urlsplit

	link = frappe.get_doc("User", email).reset_password()
	frappe.db.commit()
	parts = urlsplit(link)
	print(f"{parts.path}?{parts.query}")


def _use_gateway(url: str):
	"""SMS Settings as tests/sms_gateway.py's FakeGateway.use() sets them: a GET gateway, text and to."""
	settings = frappe.get_doc("SMS Settings")
	settings.sms_gateway_url = url
	settings.message_parameter = "text"
	settings.receiver_parameter = "to"
	settings.use_post = 0
	settings.set("parameters", [])
	settings.save(ignore_permissions=True)


def _forget_portal_world(people: list[str]):
	"""The previous run's requests of these files, their reviews, letters and status history, and the
	carer authorization."""
	requests = frappe.get_all("Support Request", filters={"beneficiary": ("in", people)}, pluck="name")
	for file in frappe.get_all(
		"File",
		filters={"attached_to_doctype": "Support Request", "attached_to_name": ("in", requests or [""])},
		pluck="name",
	):
		frappe.delete_doc("File", file, ignore_permissions=True, force=True)
	if requests:
		frappe.db.delete("Committee Review", {"support_request": ("in", requests)})
		frappe.db.delete("Version", {"ref_doctype": "Support Request", "docname": ("in", requests)})
		frappe.db.delete("Support Request", {"name": ("in", requests)})
	frappe.db.delete("Carer Authorization", {"carer": ("in", people)})
	frappe.db.delete("Carer Authorization", {"patient": ("in", people)})
	frappe.db.delete("Carer Authorization", {"name": PORTAL_CARER_AUTHORIZATION})


def _portal_request(
	name: str, beneficiary: str, status: str, service_type: str | None, received, **values
) -> str:
	from amass_relations import constants as c

	frappe.get_doc(
		{
			"doctype": "Support Request",
			"name": name,
			"beneficiary": beneficiary,
			"beneficiary_name": frappe.db.get_value("Beneficiary", beneficiary, "full_name"),
			"service_type": service_type,
			"channel": c.CHANNEL_INTERVIEW,
			"branch_office": PORTAL_BRANCH,
			"status": status,
			"workflow_state": status,
			"description": "Browser test request (demo data).",
			"creation": received,
			"modified": received,
			"owner": "Administrator",
			"modified_by": "Administrator",
			**values,
		}
	).db_insert()
	return name


def status_version(request_name: str, old: str, new: str, when):
	"""A status change in Frappe's Version history, dated `when` (the portal tells history from these)."""
	frappe.get_doc(
		{
			"doctype": "Version",
			"ref_doctype": "Support Request",
			"docname": request_name,
			"data": json.dumps({"changed": [["status", old, new]]}),
			"creation": when,
			"modified": when,
			"owner": "Administrator",
			"modified_by": "Administrator",
		}
	).db_insert()


# ---------------------------------------------------------------------------------------------- applying
# A fake world for scripts/browser/tests/portal_apply.test.mjs: an applicant's account linked to a file
# (a patient with a mobile, consent to be contacted and to data processing), an officer of the file's
# branch for the desk's part, and a financial service with two required documents. Rerun-safe: the
# previous run's requests and questions of the file go first, the account's daily counters start again.
APPLY_BRANCH = "فرع التقديم في المتصفح (اختبار)"
APPLY_SERVICE = "مساعدة مالية للمتصفح (تجريبية)"
APPLY_ACCOUNT = "browser.applicant@amass-demo.example.com"
APPLY_OFFICER = "browser.apply.officer@amass-demo.example.com"


def prepare_applicant(password: str):
	from amass_relations import constants as c
	from amass_relations.services import limits, portal_requests
	from amass_relations.services.contact_change import SCOPE as CHANGE_SCOPE
	from amass_relations.services.portal_accounts import link_account
	from amass_relations.tests.utils import make_beneficiary, make_branch, test_national_id

	frappe.set_user("Administrator")
	officer = _desk_user(APPLY_OFFICER, "en", password, c.ROLE_OFFICER)
	make_branch(APPLY_BRANCH, "مدينة التقديم", users=(officer,))
	if not frappe.db.exists("User", APPLY_ACCOUNT):
		frappe.get_doc(
			{
				"doctype": "User",
				"email": APPLY_ACCOUNT,
				"first_name": "Applicant (demo)",
				"send_welcome_email": 0,
			}
		).insert(ignore_permissions=True)
	account = frappe.get_doc("User", APPLY_ACCOUNT)
	account.user_type = "Website User"
	account.language = "en"
	account.mobile_no = None
	account.new_password = password
	account.save(ignore_permissions=True)
	national_id = test_national_id(960)
	file = frappe.db.get_value("Beneficiary", {"national_id": national_id})
	if file:
		frappe.db.delete("Support Request", {"beneficiary": file})
		frappe.db.delete("Interaction", {"beneficiary": file})
		frappe.db.set_value("Beneficiary", file, {"user": None, "mobile_no": "0500999960"})
	else:
		file = make_beneficiary(
			960,
			APPLY_BRANCH,
			full_name="منيرة المتقدمة (تجريبية)",
			full_name_en="Munira Applicant (demo)",
			mobile_no="0500999960",
			contact_consent=1,
			data_processing_consent=1,
			preferred_language="en",
		).name
	link_account(frappe.get_doc("Beneficiary", file), APPLY_ACCOUNT)
	if frappe.db.exists("Support Service Type", APPLY_SERVICE):
		frappe.delete_doc("Support Service Type", APPLY_SERVICE, force=True, ignore_permissions=True)
	frappe.get_doc(
		{
			"doctype": "Support Service Type",
			"service_name": APPLY_SERVICE,
			"enabled": 1,
			"is_financial": 1,
			"maximum_amount": 3000,
			"eligible_categories": [{"beneficiary_category": c.CATEGORY_PATIENT}],
			"required_documents": [
				{"document_type": c.DOCUMENT_INCOME_PROOF, "mandatory": 1},
				{"document_type": c.DOCUMENT_PRICE_QUOTATION, "mandatory": 1},
			],
			"description": "مساعدة في تكاليف العلاج والتنقل (خدمة تجريبية للاختبار).",
			"description_en": "Help with the cost of treatment and travel (a demo service for the tests).",
		}
	).insert(ignore_permissions=True)
	for scope in (portal_requests.SCOPE, CHANGE_SCOPE):
		for key in frappe.cache.scan_iter(limits.key(scope, "*", "*")):
			frappe.cache.delete(key)
	frappe.db.commit()
	print(
		json.dumps(
			{
				"account": APPLY_ACCOUNT,
				"officer": officer,
				"file": file,
				"service": APPLY_SERVICE,
				"mobile": "0500999960",
			}
		)
	)


def _desk_user(email: str, language: str, password: str, role: str) -> str:
	if frappe.db.exists("User", email):
		user = frappe.get_doc("User", email)
	else:
		user = frappe.new_doc("User")
		user.update({"email": email, "first_name": "Officer (demo)", "send_welcome_email": 0})
	user.language = language
	user.user_type = "System User"
	user.new_password = password
	user.save(ignore_permissions=True)
	user.add_roles(role)
	return email


SURVEY_OFFICER = "survey-officer@amass-browser.example.com"
SURVEY_BRANCH = "فرع الاستبيان (تجريبي)"


def prepare_survey(password: str):
	"""Satisfaction surveys (scripts/browser/tests/survey.test.mjs): four delivered requests invited by
	the real dispatch — two answered in the browser (Arabic named, English anonymous), one answered
	without JavaScript, one expired — an officer of their branch to read the named answer on the
	request's timeline. Prints their links' tokens as JSON."""
	from frappe.utils import add_days, add_to_date, now_datetime, nowdate

	from amass_relations import constants as c
	from amass_relations.rules.identity import demo_resident_id
	from amass_relations.services import surveys
	from amass_relations.tests.utils import make_beneficiary, make_branch

	frappe.set_user("Administrator")
	officer = _desk_user(SURVEY_OFFICER, "ar", password, c.ROLE_OFFICER)
	make_branch(SURVEY_BRANCH, "مدينة الاستبيان", users=(officer,))
	service = frappe.db.get_value("Support Service Type", {"enabled": 1}, "name")
	tokens = {}
	for key, n, language in (
		("named", 970, "ar"),
		("anonymous", 971, "en"),
		("nojs", 972, "ar"),
		("expired", 973, "en"),
	):
		national_id = demo_resident_id(5000 + n)  # past the demo data's and the suites' test IDs
		file = frappe.db.get_value("Beneficiary", {"national_id": national_id})
		if file:
			for old in frappe.get_all("Support Request", filters={"beneficiary": file}, pluck="name"):
				frappe.db.delete(surveys.INVITATION, {"marker": f"Support Request:{old}"})
				frappe.db.delete("Comment", {"reference_doctype": "Support Request", "reference_name": old})
			frappe.db.delete("Support Request", {"beneficiary": file})
		else:
			file = make_beneficiary(
				n,
				SURVEY_BRANCH,
				full_name=f"مستفيدة الاستبيان {n} (تجريبية)",
				national_id=national_id,
				contact_consent=1,
				preferred_language=language,
			).name
		request = frappe.get_doc(
			{
				"doctype": "Support Request",
				"beneficiary": file,
				"service_type": service,
				"channel": c.CHANNEL_WEBSITE,
				"branch_office": SURVEY_BRANCH,
				"status": c.REQUEST_SERVICE_DELIVERED,
				"workflow_state": c.REQUEST_SERVICE_DELIVERED,
				"verified_by": officer,
			}
		)
		request.name = f"SR-SURVEY-{n}"
		request.db_insert()
		when = add_to_date(now_datetime(), days=-2)
		frappe.db.sql("update `tabSupport Request` set modified = %s where name = %s", (when, request.name))
		tokens[key] = request.name
	frappe.db.commit()
	surveys.dispatch()
	world = {"officer": officer, "requests": dict(tokens)}
	for key, request in tokens.items():
		inv = frappe.db.get_value(
			surveys.INVITATION, {"marker": f"Support Request:{request}"}, ["name", "expires_on"], as_dict=True
		)
		if key == "expired":
			frappe.db.set_value(surveys.INVITATION, inv.name, "expires_on", add_days(nowdate(), -1))
			inv.expires_on = add_days(nowdate(), -1)
		world[key] = surveys.token_of(inv.name, inv.expires_on)
	frappe.db.commit()
	print(frappe.as_json(world, indent=None))


# ---------------------------------------------------------------------------------------------- quality
# scripts/browser/tests/complaints.test.mjs: the public complaint form and status page are used as a guest
# (nothing to prepare but the per-IP counters), and a Beneficiary Relations Manager whose language is
# Arabic reads the Service Quality workspace. The manager gets something to read: a few complaints and
# suggestions received through the real service (one answered, so the median has a value), then the
# maintained sums rebuilt from the records. Rerun-safe: the previous run's items (their text carries
# QUALITY_MARKER, as the browser test's own do) go first, with their timeline comments and assignments.
QUALITY_MANAGER = "quality-manager@amass-browser.example.com"
QUALITY_MARKER = "(اختبار المتصفح)"
QUALITY_ITEMS = (
	# (kind, text, anonymous, answered)
	("Complaint", "تأخر الرد على طلبي أكثر من أسبوعين " + QUALITY_MARKER, 1, 1),
	("Complaint", "لم يتصل بي أحد بعد الموعد المحدد " + QUALITY_MARKER, 1, 0),
	("Suggestion", "أقترح إرسال رسالة عند كل تغيير في حالة الطلب " + QUALITY_MARKER, 1, 0),
	("Complaint", "The branch phone line was busy all morning " + QUALITY_MARKER, 1, 0),
)


def prepare_quality(password: str):
	"""Prints {"manager": <email>} as JSON on the last line."""
	from amass_relations import constants as c
	from amass_relations.services import complaints, limits, quality

	frappe.set_user("Administrator")
	manager = _desk_user(QUALITY_MANAGER, "ar", password, c.ROLE_MANAGER)
	frappe.db.set_value(
		"User",
		manager,
		{"first_name": "مديرة الجودة", "last_name": "(تجريبية)", "full_name": "مديرة الجودة (تجريبية)"},
	)
	old = frappe.get_all("Feedback", filters={"comment": ("like", f"%{QUALITY_MARKER}%")}, pluck="name")
	if old:
		frappe.db.delete("Comment", {"reference_doctype": "Feedback", "reference_name": ("in", old)})
		frappe.db.delete("ToDo", {"reference_type": "Feedback", "reference_name": ("in", old)})
		frappe.db.delete("Feedback", {"name": ("in", old)})
	for kind, text, anonymous, answered in QUALITY_ITEMS:
		doc, _code = complaints.receive(
			kind, text, channel=c.CHANNEL_WEBSITE, anonymous=anonymous, language="ar"
		)
		if answered:
			complaints.act(doc.name, "resolve", "اتصلنا بالمستفيد وأنجزنا طلبه (نص تجريبي).")
	quality.rebuild()
	# The public form and the status page are bounded per IP an hour (Frappe's limiter and the app's own
	# counter); the browser suite calls them from 127.0.0.1 on every run.
	for pattern in ("*rl:amass_relations.api.complaints*", limits.key("complaints", "*", "*")):
		for key in frappe.cache.scan_iter(pattern):
			frappe.cache.delete(key)
	frappe.db.commit()
	print(json.dumps({"manager": manager}))
