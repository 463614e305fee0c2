"""The SMS outbox: every text message the app sends goes through here, once.

`queue_sms` writes a row in the caller's transaction (so a message exists exactly when what caused it
commits) and hands it to a background job after the commit. The job sends it through the gateway set in
Frappe's SMS Settings (any HTTP gateway; the framework's own sender has no time limit and writes the
whole text to an SMS Log), at most once: the row is marked Sending and committed before the gateway is
called, and a gateway that does not answer in time leaves it Uncertain, never sent again by itself.
Failures that certainly sent nothing are retried with backoff by the scheduler; staff see every row and
send a failed one again. A one-time code or link is kept encrypted (a Password field) and shown as
{secret} in the row, and no error text that could carry it (a GET gateway's URL holds the message) is
stored."""

import frappe
import requests
from frappe import _
from frappe.core.doctype.sms_settings.sms_settings import get_headers
from frappe.utils import add_to_date, now_datetime
from urllib3.exceptions import NewConnectionError

from amass_relations import constants as c
from amass_relations.rules import outbox as rules

DOCTYPE = "SMS Outbox"
QUEUED, SENDING, SENT, FAILED, UNCERTAIN = "Queued", "Sending", "Sent", "Failed", "Uncertain"
# Written like any other and never sent: where sending would tell who is a beneficiary (api/portal.py
# writes one when no file matches, so that both answers cost the same).
WITHHELD = "Withheld"
NO_RECIPIENT = "—"
TIMEOUT_SECONDS = 10
# A row still Sending this long after its attempt began lost its worker mid-call.
STUCK_MINUTES = 10
STAFF_ROLES = (c.ROLE_MANAGER, "System Manager")


class SMSNotConfigured(frappe.ValidationError):
	pass


def queue_sms(
	recipient: str,
	message: str,
	*,
	purpose: str,
	secret: str | None = None,
	reference_doctype: str | None = None,
	reference_name: str | None = None,
	withhold: bool = False,
) -> str:
	"""Queue one text message; `message` may hold {secret}, replaced by `secret` only when it is sent."""
	row = frappe.get_doc(
		{
			"doctype": DOCTYPE,
			"recipient": recipient,
			"message": message,
			"secret": secret,
			"purpose": purpose,
			"reference_doctype": reference_doctype,
			"reference_name": reference_name,
			"status": WITHHELD if withhold else QUEUED,
			"next_attempt_on": None if withhold else now_datetime(),
		}
	)
	# The caller names the record; not looking it up keeps a withheld row as cheap as a sent one.
	row.flags.ignore_links = True
	row.insert(ignore_permissions=True)
	# Withheld rows get their job too (it only drops the secret): both kinds cost the same.
	_hand_to_worker(row.name)
	return row.name


def _hand_to_worker(name: str):
	frappe.enqueue(
		deliver,
		queue="short",
		job_id=f"sms-outbox::{name}",
		deduplicate=True,
		enqueue_after_commit=True,
		name=name,
	)


def deliver(name: str):
	"""The job: one attempt at sending one row."""
	row = frappe.db.get_value(DOCTYPE, name, ["status", "attempts"], as_dict=True, for_update=True)
	if row and row.status == WITHHELD:
		_forget_secret(name)
		frappe.db.commit()
		return
	if not row or row.status != QUEUED:
		return  # sent, being sent, or given up: at most once
	attempts = (row.attempts or 0) + 1
	frappe.db.set_value(
		DOCTYPE,
		name,
		{"status": SENDING, "attempts": attempts, "next_attempt_on": now_datetime()},
		update_modified=False,
	)
	frappe.db.commit()

	doc = frappe.get_doc(DOCTYPE, name)
	secret = doc.get_password("secret", raise_exception=False) if doc.secret else None
	result, error = _send(doc.recipient, rules.render(doc.message, secret))
	values = {"last_error": error}
	if result == rules.SENT:
		values.update(status=SENT, sent_on=now_datetime(), next_attempt_on=None)
		_forget_secret(name)  # delivered: no one needs the code or link again
	elif result == rules.RETRY and (delay := rules.retry_delay(attempts)) is not None:
		values.update(status=QUEUED, next_attempt_on=add_to_date(now_datetime(), seconds=delay))
	elif result == rules.UNCERTAIN:
		values.update(status=UNCERTAIN, next_attempt_on=None)
	else:
		values.update(status=FAILED, next_attempt_on=None)
	frappe.db.set_value(DOCTYPE, name, values, update_modified=False)
	frappe.db.commit()


def _forget_secret(name: str):
	frappe.db.delete("__Auth", {"doctype": DOCTYPE, "name": name, "fieldname": "secret"})


def _never_reached(error: Exception) -> bool:
	"""A failure before the gateway got anything: the connection was never made."""
	if isinstance(error, requests.ConnectTimeout):
		return True
	reason = getattr(error.args[0], "reason", None) if error.args else None
	return isinstance(error, requests.ConnectionError) and isinstance(reason, NewConnectionError)


def _send(recipient: str, secret_text: str) -> tuple[str, str | None]:
	"""One request to the gateway: (outcome, an error a person may read, without the message in it).
	The local names say `secret` so that Frappe's error log, which records them, masks them."""
	settings = frappe.get_cached_doc("SMS Settings")
	if not settings.sms_gateway_url:
		return rules.RETRY, _("No SMS gateway is set in SMS Settings.")
	headers = get_headers(settings)
	secret_params = {settings.message_parameter: secret_text, settings.receiver_parameter: recipient}
	secret_params.update({p.parameter: p.value for p in settings.get("parameters") if not p.header})
	if headers.get("Content-Type") == "application/json":
		secret_request = {"json": secret_params}
	elif settings.use_post:
		secret_request = {"data": secret_params}
	else:
		secret_request = {"params": secret_params}
	method = requests.post if settings.use_post else requests.get
	try:
		response = method(
			settings.sms_gateway_url, headers=headers, timeout=TIMEOUT_SECONDS, **secret_request
		)
	except Exception as e:
		# str(e) would hold a GET gateway's URL, and so the message: only the kind of failure is kept.
		if _never_reached(e):
			return rules.outcome(no_connection=True), _("No connection to the gateway ({0}).").format(
				type(e).__name__
			)
		if isinstance(e, requests.Timeout):
			return rules.outcome(timed_out=True), _("The gateway did not answer within {0} seconds.").format(
				TIMEOUT_SECONDS
			)
		return rules.UNCERTAIN, _(
			"The connection to the gateway broke ({0}): the message may have gone out."
		).format(type(e).__name__)
	result = rules.outcome(response.status_code)
	return result, None if result == rules.SENT else _("The gateway answered {0}.").format(
		response.status_code
	)


def retry_due():
	"""Scheduler, every minute: hand the rows due again to the worker (their backoff passed, or their job
	was lost with Redis), and mark Uncertain those whose worker died while sending."""
	for name in frappe.get_all(
		DOCTYPE,
		filters={"status": QUEUED, "next_attempt_on": ("<=", now_datetime())},
		pluck="name",
		limit=500,
	):
		frappe.enqueue(deliver, queue="short", job_id=f"sms-outbox::{name}", deduplicate=True, name=name)
	stuck = frappe.get_all(
		DOCTYPE,
		filters={
			"status": SENDING,
			"next_attempt_on": ("<", add_to_date(now_datetime(), minutes=-STUCK_MINUTES)),
		},
		pluck="name",
	)
	for name in stuck:
		frappe.db.set_value(
			DOCTYPE,
			name,
			{"status": UNCERTAIN, "last_error": _("The sender stopped while sending: it may have gone out.")},
			update_modified=False,
		)
	frappe.db.commit()


def may_send_again(user: str | None = None) -> bool:
	return bool(set(STAFF_ROLES) & set(frappe.get_roles(user)))


def send_again(doc):
	"""A member of staff sends a failed (or uncertain) message again: one more attempt, now."""
	doc.check_permission("read")
	if not may_send_again():
		frappe.throw(_("Only a manager may send a message again."), frappe.PermissionError)
	locked = frappe.db.get_value(DOCTYPE, doc.name, "status", for_update=True)
	if locked not in (FAILED, UNCERTAIN):
		frappe.throw(_("Only a failed message can be sent again; this one is {0}.").format(_(locked)))
	frappe.db.set_value(
		DOCTYPE,
		doc.name,
		{"status": QUEUED, "next_attempt_on": now_datetime(), "attempts": 0, "last_error": None},
		update_modified=False,
	)
	doc.add_comment("Info", _("Sent again by {0}.").format(frappe.session.user))
	_hand_to_worker(doc.name)
