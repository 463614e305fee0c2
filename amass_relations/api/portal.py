"""The portal's whitelisted methods: thin doors onto services/ (explicit answers, nothing else). Frappe's
limiter bounds each IP as well as the services' own counters (it keys on `cmd`, which a caller of
/api/v2 chooses, so it is not the only bound). The Beneficiary role holds no DocPerm: what a portal
user reads, they read here, through services/portal.py's one visibility rule."""

import frappe
from frappe.rate_limiter import rate_limit

from amass_relations.rules.linking import REQUESTS_PER_IP_HOUR
from amass_relations.rules.portal import same_site_path
from amass_relations.services import contact_change, my_data, portal, portal_link, portal_requests, questions

# Reads by a signed-in account: generous for a person, a bound for a script (site config
# `amass_portal_reads_per_minute` changes it: a benchmark site raises it, a clinic's shared IP may).
READS_PER_IP_MINUTE = 300


def reads_per_minute() -> int:
	return int(frappe.conf.get("amass_portal_reads_per_minute") or READS_PER_IP_MINUTE)


# Writes by a signed-in account, per IP (site config `amass_portal_writes_per_hour`): the per-account
# counters of services/portal_requests.py are the tighter bound.
WRITES_PER_IP_HOUR = 600


def writes_per_hour() -> int:
	return int(frappe.conf.get("amass_portal_writes_per_hour") or WRITES_PER_IP_HOUR)


@frappe.whitelist(methods=["POST"])
@rate_limit(limit=REQUESTS_PER_IP_HOUR, seconds=60 * 60)
def request_link(national_id: str, date_of_birth: str) -> dict:
	return portal_link.request_link(national_id, date_of_birth)


@frappe.whitelist(methods=["POST"])
@rate_limit(limit=REQUESTS_PER_IP_HOUR, seconds=60 * 60)
def confirm_link(code: str) -> dict:
	return portal_link.confirm_link(code)


@frappe.whitelist(methods=["GET"])
@rate_limit(limit=reads_per_minute, seconds=60)
def my_requests(person: str | None = None) -> dict:
	user = portal.require_account()
	files = portal.files_of(user)
	return {
		"people": portal.people(user, files),
		"requests": portal.requests_of(user, person or None, files),
	}


@frappe.whitelist(methods=["GET"])
@rate_limit(limit=reads_per_minute, seconds=60)
def my_request(name: str) -> dict:
	return portal.request_of(portal.require_account(), name)


@frappe.whitelist(methods=["GET"])
@rate_limit(limit=reads_per_minute, seconds=60)
def download_letter(request: str):
	file_name, content = portal.letter_of(portal.require_account(), request)
	frappe.local.response.filename = file_name
	frappe.local.response.filecontent = content
	frappe.local.response.type = "download"


@frappe.whitelist(methods=["POST"])
def set_language(language: str, redirect_to: str | None = None):
	portal.set_language(portal.require_account(), language)
	if same_site_path(redirect_to):
		frappe.local.response.type = "redirect"
		frappe.local.response.location = redirect_to


@frappe.whitelist(methods=["POST"])
@rate_limit(limit=30, seconds=60 * 60)
def update_profile(preferred_language: str, preferred_contact_channel: str | None = None, contact_consent=0):
	return portal.update_profile(
		portal.require_account(), preferred_language, preferred_contact_channel, contact_consent
	)


@frappe.whitelist(methods=["POST"])
@rate_limit(limit=5, seconds=24 * 60 * 60)
def withdraw_data_consent():
	return portal.ask_to_withdraw_data_consent(portal.require_account())


# -- requests (services/portal_requests.py): bounded per account there, per IP here ----------------------
@frappe.whitelist(methods=["GET"])
@rate_limit(limit=reads_per_minute, seconds=60)
def services_for(person: str | None = None) -> dict:
	return portal_requests.services_for(portal.require_account(), person or None)


@frappe.whitelist(methods=["POST"])
@rate_limit(limit=writes_per_hour, seconds=60 * 60)
def save_request(
	service_type=None, description=None, amount_requested=None, person=None, request=None
) -> dict:
	return portal_requests.save_draft(
		portal.require_account(), person or None, service_type, description, amount_requested, request or None
	)


@frappe.whitelist(methods=["POST"])
@rate_limit(limit=writes_per_hour, seconds=60 * 60)
def upload_document(request=None, document_type=None, expiry_date=None) -> dict:
	return portal_requests.upload_document(portal.require_account(), request, document_type, expiry_date)


@frappe.whitelist(methods=["POST"])
@rate_limit(limit=writes_per_hour, seconds=60 * 60)
def submit_request(request=None, accept=None, signer_name=None) -> dict:
	return portal_requests.submit(portal.require_account(), request, accept, signer_name)


@frappe.whitelist(methods=["POST"])
@rate_limit(limit=writes_per_hour, seconds=60 * 60)
def answer_request(request=None, answer=None, accept=None, signer_name=None) -> dict:
	return portal_requests.answer_return(portal.require_account(), request, answer, accept, signer_name)


@frappe.whitelist(methods=["POST"])
@rate_limit(limit=writes_per_hour, seconds=60 * 60)
def withdraw_request(request=None, reason=None) -> dict:
	return portal_requests.withdraw(portal.require_account(), request, reason)


@frappe.whitelist(methods=["POST"])
@rate_limit(limit=writes_per_hour, seconds=60 * 60)
def ask_reconsideration(request=None, reason=None) -> dict:
	return portal_requests.reconsider(portal.require_account(), request, reason)


# -- questions (services/questions.py) ---------------------------------------------------------------------
@frappe.whitelist(methods=["GET"])
@rate_limit(limit=reads_per_minute, seconds=60)
def my_questions() -> list[dict]:
	return questions.questions_of(portal.require_account())


@frappe.whitelist(methods=["POST"])
@rate_limit(limit=writes_per_hour, seconds=60 * 60)
def ask_question(message=None, person=None) -> dict:
	return questions.ask(portal.require_account(), message, person or None)


@frappe.whitelist(methods=["POST"])
@rate_limit(limit=writes_per_hour, seconds=60 * 60)
def follow_up_question(question=None, message=None) -> dict:
	return questions.follow_up(portal.require_account(), question, message)


@frappe.whitelist(methods=["GET"])
@rate_limit(limit=reads_per_minute, seconds=60)
def download_my_data(person=None):
	my_data.download(portal.require_account(), person or None)


# -- the own mobile number and email address (services/contact_change.py) --------------------------------
@frappe.whitelist(methods=["POST"])
@rate_limit(limit=30, seconds=60 * 60)
def request_mobile_change(mobile_no=None) -> dict:
	return contact_change.request_mobile_change(portal.require_account(), mobile_no)


@frappe.whitelist(methods=["POST"])
@rate_limit(limit=30, seconds=60 * 60)
def confirm_mobile_change(code=None) -> dict:
	return contact_change.confirm_mobile_change(portal.require_account(), code)


@frappe.whitelist(methods=["POST"])
@rate_limit(limit=30, seconds=60 * 60)
def request_email_change(email=None) -> dict:
	return contact_change.request_email_change(portal.require_account(), email)


@frappe.whitelist(allow_guest=True, methods=["GET"])
@rate_limit(limit=30, seconds=60 * 60)
def confirm_email_change(token=None):
	"""The link in the email: signed in (a guest signs in first and comes back), the account takes the
	new address as its login id and is signed out, to sign in again with it."""
	if frappe.session.user == "Guest":
		back = "/api/method/amass_relations.api.portal.confirm_email_change?" + frappe.utils.urlencode(
			{"token": token or ""}
		)
		location = "/login?" + frappe.utils.urlencode({"redirect-to": back})
	else:
		address = contact_change.confirm_email_change(frappe.session.user, token)
		location = "/login?" + frappe.utils.urlencode({"email-changed": address})
	frappe.local.response.type = "redirect"
	frappe.local.response.location = location
