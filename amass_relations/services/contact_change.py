"""A beneficiary changes their own mobile number or email address on the portal, proven by what only
the new number or address receives: a 6-digit code by SMS (through the outbox), or a link by email.
The account changes with the file: its mobile (the sign-in by mobile) or its login id (the User is
renamed to the new address, every session ended: they sign in again with it).

Codes and links are kept as digests in Redis, bound to the account, short-lived, tried a bounded number
of times; every message goes through the one consent gate (services/contact.py)."""

import json
import secrets

import frappe
from frappe import _
from frappe.model.rename_doc import rename_doc
from frappe.sessions import clear_sessions
from frappe.utils import get_url, validate_email_address

from amass_relations.rules import linking
from amass_relations.rules.phone import normalize_saudi_mobile, sign_in_form
from amass_relations.services import limits, outbox
from amass_relations.services.contact import person_contact
from amass_relations.services.portal_requests import refuse_fields, writable_person

SCOPE = "portal-contact-change"
CHANGES_PER_DAY = 5
EMAIL_LINK_SECONDS = 24 * 60 * 60


class ChangeRefused(frappe.ValidationError):
	pass


def _own_file(user: str) -> str:
	return writable_person(user, None)


def _gate(name: str):
	person = person_contact(name)
	if not person.may_contact:
		frappe.throw(
			_("To receive the confirmation, first allow the association to contact you, or visit a branch."),
			ChangeRefused,
			title=_("Not Possible Now"),
		)
	return person


# -- mobile -----------------------------------------------------------------------------------------------
def request_mobile_change(user: str, mobile) -> dict:
	name = _own_file(user)
	number, problem = normalize_saudi_mobile(mobile if isinstance(mobile, str) else "")
	if problem:
		refuse_fields({"mobile_no": _("Enter a Saudi mobile number: 05XXXXXXXX.")})
	current = frappe.db.get_value("Beneficiary", name, "mobile_no")
	if number == current:
		refuse_fields({"mobile_no": _("This is already your mobile number.")})
	if frappe.db.exists("User", {"mobile_no": ("in", [number, sign_in_form(number)]), "name": ("!=", user)}):
		refuse_fields({"mobile_no": _("This number cannot be used for your account. Please visit a branch.")})
	_gate(name)
	limits.within(SCOPE, "mobile", user, CHANGES_PER_DAY)
	secret = f"{secrets.randbelow(10**linking.CODE_DIGITS):0{linking.CODE_DIGITS}d}"
	frappe.cache.setex(
		limits.key(SCOPE, "mobile-code", user),
		linking.CODE_SECONDS,
		json.dumps({"digest": linking.code_digest(user, secret), "mobile": number}),
	)
	frappe.cache.delete(limits.key(SCOPE, "mobile-tries", user))
	outbox.queue_sms(
		number,
		_(
			"Amass Association: your code to change your mobile number is {0}. It is valid for 10 minutes."
		).format("{secret}"),
		secret=secret,
		purpose="Mobile Change Code",
		reference_doctype="Beneficiary",
		reference_name=name,
	)
	return {"message": _("A code has been sent to the new number. Enter it within 10 minutes.")}


def confirm_mobile_change(user: str, code) -> dict:
	name = _own_file(user)
	if not limits.count(SCOPE, "mobile-tries", user, linking.CODE_TRIES, linking.CODE_SECONDS):
		frappe.throw(
			_("Too many attempts. Ask for a new code tomorrow, or visit a branch."),
			frappe.RateLimitExceededError,
		)
	stored = frappe.cache.get(limits.key(SCOPE, "mobile-code", user))
	pending = json.loads(stored) if stored else None
	typed = code.strip() if isinstance(code, str) else ""
	if not pending or not secrets.compare_digest(pending["digest"], linking.code_digest(user, typed)):
		refuse_fields({"code": _("The code is wrong or has expired.")})
	frappe.cache.delete(limits.key(SCOPE, "mobile-code", user))
	doc = frappe.get_doc("Beneficiary", name)
	doc.mobile_no = pending["mobile"]
	doc.flags.ignore_permissions = True
	doc.flags.from_portal = True
	doc.save()
	frappe.db.set_value("User", user, "mobile_no", sign_in_form(pending["mobile"]))
	doc.add_comment(
		"Info", _("The beneficiary changed the mobile number on the portal (confirmed by SMS code).")
	)
	return {"message": _("Your mobile number is changed.")}


# -- email ------------------------------------------------------------------------------------------------
def _token_key(token: str) -> str:
	return limits.key(SCOPE, "email-link", linking.code_digest("email-change", token))


def request_email_change(user: str, email) -> dict:
	name = _own_file(user)
	address = (email if isinstance(email, str) else "").strip().lower()
	if not address or not validate_email_address(address) or len(address) > 140:
		refuse_fields({"email": _("Enter a valid email address.")})
	if address == user.lower():
		refuse_fields({"email": _("This is already your email address.")})
	person = _gate(name)
	limits.within(SCOPE, "email", user, CHANGES_PER_DAY)
	token = secrets.token_urlsafe(32)
	frappe.cache.setex(_token_key(token), EMAIL_LINK_SECONDS, json.dumps({"user": user, "email": address}))
	link = get_url(f"/api/method/amass_relations.api.portal.confirm_email_change?token={token}")
	with frappe.translate.print_language(person.preferred_language or frappe.local.lang):
		subject = _("Confirm your new email address")
		body = _(
			"Open this link, signed in to the portal, to use this address for your account at Amass Association: {0}. The link is valid for 24 hours. If you did not ask for it, ignore this message."
		).format(link)
	# Sent to the new address itself (the proof), whoever may already hold it: no account is named.
	frappe.sendmail(
		recipients=[address],
		subject=subject,
		message=frappe.utils.escape_html(body),
		reference_doctype="Beneficiary",
		reference_name=name,
		delayed=True,
	)
	return {"message": _("A link has been sent to the new address. Open it within 24 hours.")}


def confirm_email_change(user: str, token) -> str:
	"""The account is renamed to the new address (its login id), the file's email follows, every
	session of the account ends. Returns the new login id."""
	stored = frappe.cache.get(_token_key(token)) if isinstance(token, str) and token else None
	pending = json.loads(stored) if stored else None
	if not pending or pending["user"] != user:
		frappe.throw(_("The link is wrong or has expired."), ChangeRefused, title=_("Not Possible Now"))
	name = _own_file(user)
	address = pending["email"]
	if frappe.db.exists("User", address) or frappe.db.exists("User", {"email": address}):
		frappe.throw(
			_("This address cannot be used for your account. Please visit a branch."),
			ChangeRefused,
			title=_("Not Possible Now"),
		)
	frappe.cache.delete(_token_key(token))
	rename_doc("User", user, address, force=True, ignore_permissions=True, show_alert=False)
	doc = frappe.get_doc("Beneficiary", name)
	doc.email = address
	doc.flags.ignore_permissions = True
	doc.flags.from_portal = True
	doc.save()
	doc.add_comment(
		"Info", _("The beneficiary changed the email address on the portal (confirmed by a link).")
	)
	# Every session of the old login id ends, this one too: they sign in again with the new address.
	frappe.local.login_manager.logout(user=user)
	clear_sessions(user=user, force=True)
	frappe.clear_cache(user=user)
	return address
