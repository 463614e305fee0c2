"""The portal's whitelisted methods. Every answer is the same whether or not a file matches, so that
nobody learns who is a beneficiary.

'Link my file': a signed-in website user gives a national ID and a date of birth. Whatever the outcome,
the same work is done and the same answer given: a one-time code is made and an outbox row written —
sent to the mobile on the matching file, withheld (never sent) otherwise. The link is made, and the
Beneficiary role granted, only when the code sent to the file's own mobile comes back. Failures are
counted per account and per national ID tried (Redis), and the framework's limiter bounds each IP."""

import json
import secrets

import frappe
from frappe import _
from frappe.rate_limiter import rate_limit
from frappe.utils import getdate

from amass_relations import constants as c
from amass_relations.rules import linking
from amass_relations.rules.identity import normalize_national_id
from amass_relations.services import outbox
from amass_relations.services.portal_accounts import link_account


class LinkRefused(frappe.ValidationError):
	pass


def _answer() -> dict:
	return {
		"message": _(
			"If these details match a file, a code has been sent to the mobile number on that file. Enter it within 10 minutes."
		)
	}


def _key(kind: str, value: str) -> str:
	# Outside the site's cache prefix: Frappe clears that whenever a user or a role changes (a sign-up
	# anywhere would reset every count and expire every code).
	return f"amass_relations|{frappe.local.site}|portal-link|{kind}|{value}"


def _pending(user: str) -> dict | None:
	stored = frappe.cache.get(_key("code", user))
	return json.loads(stored) if stored else None


def _keep_pending(user: str, pending: dict, seconds: int | None = None):
	key = _key("code", user)
	ttl = seconds or max(frappe.cache.ttl(key), 1)
	frappe.cache.setex(key, ttl, json.dumps(pending))


def _failures(kind: str, value: str) -> int:
	return int(frappe.cache.get(_key(kind, value)) or 0)


def _count_failure(kind: str, value: str):
	key = _key(kind, value)
	frappe.cache.incrby(key, 1)
	frappe.cache.expire(key, linking.DAY_SECONDS)


def _website_user() -> str:
	user = frappe.session.user
	if user == "Guest" or frappe.session.data.user_type != "Website User":
		frappe.throw(_("Sign in to the portal first."), frappe.PermissionError)
	return user


def _too_many():
	frappe.throw(
		_("Too many attempts. Try again tomorrow, or visit a branch of the association."),
		frappe.RateLimitExceededError,
	)


@frappe.whitelist(methods=["POST"])
@rate_limit(limit=linking.REQUESTS_PER_IP_HOUR, seconds=60 * 60)
def request_link(national_id: str, date_of_birth: str) -> dict:
	user = _website_user()
	if frappe.db.exists("Beneficiary", {"user": user}):
		frappe.throw(_("Your account is already linked to a file."), LinkRefused)
	national_id, id_problem = normalize_national_id(national_id)
	born, date_problem = linking.parse_birth_date(date_of_birth)
	if id_problem or date_problem:
		frappe.throw(_("Enter a valid ID number and date of birth."), LinkRefused)
	id_key = linking.id_digest(national_id)
	if (
		_failures("user", user) >= linking.FAILURES_PER_ACCOUNT
		or _failures("id", id_key) >= linking.FAILURES_PER_ID
	):
		_too_many()

	match = frappe.db.get_value(
		"Beneficiary",
		{"national_id": national_id, "date_of_birth": getdate(born)},
		["name", "mobile_no", "status", "user"],
		as_dict=True,
	)
	linkable = match and not match.user and match.status != "Deceased"
	code = f"{secrets.randbelow(10**linking.CODE_DIGITS):0{linking.CODE_DIGITS}d}"
	_keep_pending(
		user,
		{
			"beneficiary": match.name if linkable and match.mobile_no else None,
			"digest": linking.code_digest(user, code),
			"id": id_key,
			"tries": 0,
		},
		linking.CODE_SECONDS,
	)
	send = bool(linkable and match.mobile_no)
	outbox.queue_sms(
		match.mobile_no if send else outbox.NO_RECIPIENT,
		_(
			"Amass Association: your code to link your file on the portal is {0}. It is valid for 10 minutes."
		).format("{secret}"),
		secret=code,
		purpose="Portal Link Code",
		reference_doctype="Beneficiary" if send else None,
		reference_name=match.name if send else None,
		withhold=not send,
	)
	if linkable and not match.mobile_no:
		# No mobile on the file to prove it: the officers confirm in person (the file's timeline).
		frappe.get_doc("Beneficiary", match.name).add_comment(
			"Info",
			_(
				"Portal account {0} asked to link this file, which has no mobile number: verify in person and invite."
			).format(user),
		)
	return _answer()


@frappe.whitelist(methods=["POST"])
@rate_limit(limit=linking.REQUESTS_PER_IP_HOUR, seconds=60 * 60)
def confirm_link(code: str) -> dict:
	user = _website_user()
	if _failures("user", user) >= linking.FAILURES_PER_ACCOUNT:
		_too_many()
	pending = _pending(user)
	right = bool(
		pending
		and pending["tries"] < linking.CODE_TRIES
		and secrets.compare_digest(pending["digest"], linking.code_digest(user, (code or "").strip()))
	)
	if not right or not pending["beneficiary"]:
		_count_failure("user", user)
		if pending:
			_count_failure("id", pending["id"])
			pending["tries"] += 1
			_keep_pending(user, pending)
		frappe.throw(_("The code is wrong or has expired."), LinkRefused)
	frappe.cache.delete(_key("code", user))
	beneficiary = frappe.get_doc("Beneficiary", pending["beneficiary"])
	if frappe.db.get_value("Beneficiary", beneficiary.name, "user", for_update=True):
		frappe.throw(_("The code is wrong or has expired."), LinkRefused)
	link_account(beneficiary, user)
	account = frappe.get_doc("User", user)
	account.flags.ignore_permissions = True
	account.add_roles(c.ROLE_BENEFICIARY)
	beneficiary.add_comment(
		"Info", _("Linked to portal account {0} with the code sent to its mobile.").format(user)
	)
	return {"message": _("Your file is linked to your account.")}
