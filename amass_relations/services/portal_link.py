"""'Link my file': a signed-in website user proves a file is theirs with a code sent to the mobile already
on it. Nobody may learn from it who is a beneficiary:

- the same work and the same answer whether or not a file matches: a code is made, an outbox row written
  (sent to the file's mobile, or withheld) and the same two jobs queued;
- every request and every wrong code counts, atomically and before anything is looked up, per account,
  per national ID asked and per IP (the framework's limiter keys on `cmd`, which a caller of /api/v2
  chooses); one pending code an account;
- the counters and codes live in Redis outside the site's cache prefix, which Frappe clears whenever a
  user or a role changes."""

import json
import secrets

import frappe
from frappe import _
from frappe.utils import getdate

from amass_relations.rules import linking
from amass_relations.rules.identity import normalize_national_id
from amass_relations.services import limits, outbox
from amass_relations.services.contact import person_contact
from amass_relations.services.portal_accounts import link_account, queue_link_task


class LinkRefused(frappe.ValidationError):
	pass


def _key(kind: str, value: str) -> str:
	return limits.key("portal-link", kind, value)


def _count(kind: str, value: str, limit: int, seconds: int = linking.DAY_SECONDS) -> bool:
	return limits.count("portal-link", kind, value, limit, seconds)


def _refuse_too_many():
	frappe.throw(
		_("Too many attempts. Try again tomorrow, or visit a branch of the association."),
		frappe.RateLimitExceededError,
	)


def website_user() -> str:
	user = frappe.session.user
	if user == "Guest" or frappe.db.get_value("User", user, "user_type") != "Website User":
		frappe.throw(_("Sign in to the portal first."), frappe.PermissionError)
	return user


def answer() -> dict:
	return {
		"message": _(
			"If these details match a file, a code has been sent to the mobile number on that file. Enter it within 10 minutes."
		)
	}


def request_link(national_id: str, date_of_birth: str) -> dict:
	user = website_user()
	if not _count("ip", frappe.local.request_ip or "-", linking.REQUESTS_PER_IP_HOUR, 60 * 60):
		_refuse_too_many()
	if frappe.db.exists("Beneficiary", {"user": user}):
		frappe.throw(_("Your account is already linked to a file."), LinkRefused)
	national_id, id_problem = normalize_national_id(national_id)
	born, date_problem = linking.parse_birth_date(date_of_birth)
	if id_problem or date_problem:
		frappe.throw(_("Enter a valid ID number and date of birth."), LinkRefused)
	id_key = linking.id_digest(national_id)
	# Each request counts: codes sent to one file's mobile, or asked by one account, are bounded too.
	if not (
		_count("request-user", user, linking.FAILURES_PER_ACCOUNT)
		and _count("request-id", id_key, linking.FAILURES_PER_ID)
	):
		_refuse_too_many()
	if (
		_failures("user", user) >= linking.FAILURES_PER_ACCOUNT
		or _failures("id", id_key) >= linking.FAILURES_PER_ID
	):
		_refuse_too_many()

	match = frappe.db.get_value(
		"Beneficiary",
		{"national_id": national_id, "date_of_birth": getdate(born)},
		["name", "mobile_no", "status", "user"],
		as_dict=True,
	)
	# A file no account holds yet; the code goes to its mobile only if the one consent gate lets it.
	linkable = bool(match and not match.user and match.status != "Deceased")
	send = linkable and bool(match.mobile_no) and person_contact(match.name).may_contact
	secret = f"{secrets.randbelow(10**linking.CODE_DIGITS):0{linking.CODE_DIGITS}d}"
	frappe.cache.setex(
		_key("code", user),
		linking.CODE_SECONDS,
		json.dumps(
			{
				"beneficiary": match.name if send else None,
				"digest": linking.code_digest(user, secret),
				"id": id_key,
			}
		),
	)
	frappe.cache.delete(_key("tries", user))
	outbox.queue_sms(
		match.mobile_no if send else outbox.NO_RECIPIENT,
		_(
			"Amass Association: your code to link your file on the portal is {0}. It is valid for 10 minutes."
		).format("{secret}"),
		secret=secret,
		purpose="Portal Link Code",
		reference_doctype="Beneficiary" if send else None,
		reference_name=match.name if send else None,
		withhold=not send,
	)
	# The same job either way; only for a linkable file without a mobile does it leave the officers a note.
	frappe.enqueue(
		note_for_officers,
		queue="short",
		enqueue_after_commit=True,
		beneficiary=match.name if linkable and not send else None,
		user=user,
	)
	return answer()


def _failures(kind: str, value: str) -> int:
	return int(frappe.cache.get(_key(kind, value)) or 0)


def note_for_officers(beneficiary: str | None, user: str):
	"""Job: a file that matched but cannot receive the code (no mobile, no consent) is confirmed in person."""
	if not beneficiary:
		return
	queue_link_task(beneficiary, user)


def confirm_link(code: str) -> dict:
	user = website_user()
	if not _count("ip", frappe.local.request_ip or "-", linking.REQUESTS_PER_IP_HOUR, 60 * 60):
		_refuse_too_many()
	stored = frappe.cache.get(_key("code", user))
	pending = json.loads(stored) if stored else None
	# Tries count before the code is compared: parallel guesses cannot share one count.
	within = _count("tries", user, linking.CODE_TRIES, linking.CODE_SECONDS) and (
		_failures("user", user) < linking.FAILURES_PER_ACCOUNT
		and (not pending or _failures("id", pending["id"]) < linking.FAILURES_PER_ID)
	)
	if not within:
		_refuse_too_many()
	right = bool(
		pending and secrets.compare_digest(pending["digest"], linking.code_digest(user, (code or "").strip()))
	)
	if not right or not pending["beneficiary"]:
		_count("user", user, linking.FAILURES_PER_ACCOUNT)
		if pending:
			_count("id", pending["id"], linking.FAILURES_PER_ID)
		frappe.throw(_("The code is wrong or has expired."), LinkRefused)
	frappe.cache.delete(_key("code", user))
	beneficiary = frappe.get_doc("Beneficiary", pending["beneficiary"])
	if frappe.db.get_value("Beneficiary", beneficiary.name, "user", for_update=True):
		frappe.throw(_("The code is wrong or has expired."), LinkRefused)
	link_account(beneficiary, user)
	beneficiary.add_comment(
		"Info", _("Linked to portal account {0} with the code sent to its mobile.").format(user)
	)
	return {"message": _("Your file is linked to your account.")}


def clear_attempts(user: str, national_id: str | None):
	"""An officer verified the person: the account's and the ID's failures no longer count."""
	frappe.cache.delete(_key("user", user))
	frappe.cache.delete(_key("request-user", user))
	if national_id:
		id_key = linking.id_digest(national_id)
		frappe.cache.delete(_key("id", id_key))
		frappe.cache.delete(_key("request-id", id_key))
	forget_pending(user)


def forget_pending(user: str):
	"""An unlinked account's pending code goes with its link."""
	frappe.cache.delete(_key("code", user))
