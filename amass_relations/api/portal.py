"""The portal's whitelisted methods: thin doors onto services/ (explicit answers, nothing else). Frappe's
limiter bounds each IP as well as the services' own counters (it keys on `cmd`, which a caller of
/api/v2 chooses, so it is not the only bound)."""

import frappe
from frappe.rate_limiter import rate_limit

from amass_relations.rules.linking import REQUESTS_PER_IP_HOUR
from amass_relations.services import portal_link


@frappe.whitelist(methods=["POST"])
@rate_limit(limit=REQUESTS_PER_IP_HOUR, seconds=60 * 60)
def request_link(national_id: str, date_of_birth: str) -> dict:
	return portal_link.request_link(national_id, date_of_birth)


@frappe.whitelist(methods=["POST"])
@rate_limit(limit=REQUESTS_PER_IP_HOUR, seconds=60 * 60)
def confirm_link(code: str) -> dict:
	return portal_link.confirm_link(code)
