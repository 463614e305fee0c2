"""The portal's whitelisted methods: thin doors onto services/ (explicit answers, nothing else). Frappe's
limiter bounds each IP as well as the services' own counters (it keys on `cmd`, which a caller of
/api/v2 chooses, so it is not the only bound). The Beneficiary role holds no DocPerm: what a portal
user reads, they read here, through services/portal.py's one visibility rule."""

import frappe
from frappe.rate_limiter import rate_limit

from amass_relations.rules.linking import REQUESTS_PER_IP_HOUR
from amass_relations.rules.portal import same_site_path
from amass_relations.services import portal, portal_link

# Reads by a signed-in account: generous for a person, a bound for a script (site config
# `amass_portal_reads_per_minute` changes it: a benchmark site raises it, a clinic's shared IP may).
READS_PER_IP_MINUTE = 300


def reads_per_minute() -> int:
	return int(frappe.conf.get("amass_portal_reads_per_minute") or READS_PER_IP_MINUTE)


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
