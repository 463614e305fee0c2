"""Complaints and suggestions: thin doors onto services/complaints.py. The public form and the status
page are open to guests, bounded per IP (Frappe's limiter, and a counter of our own that a caller's
choice of route does not reset); the desk's doors check the caller's role and what they may read."""

import frappe
from frappe import _
from frappe.rate_limiter import rate_limit
from frappe.utils import cint

from amass_relations import constants as c
from amass_relations.rules import complaints as rule
from amass_relations.services import complaints, limits
from amass_relations.services.portal import files_of, own_file
from amass_relations.services.portal_requests import refuse_fields

SUBMITS_PER_IP_HOUR = 10
TRACKS_PER_IP_HOUR = 60


def _per_ip(kind: str, limit: int):
	if frappe.conf.get("amass_benchmark_site"):
		return
	if not limits.count("complaints", kind, frappe.local.request_ip or "-", limit, 60 * 60):
		frappe.throw(
			_("Too many attempts from this connection. Try again in an hour."),
			frappe.RateLimitExceededError,
			title=_("Limit Reached"),
		)


def _errors(error: complaints.FieldErrors):
	"""Each field's message beside its field (the portal's one form handler), nothing saved."""
	frappe.db.rollback()
	refuse_fields(error.errors)


@frappe.whitelist(allow_guest=True, methods=["POST"])
@rate_limit(limit=SUBMITS_PER_IP_HOUR, seconds=60 * 60)
def submit(
	kind=None,
	text=None,
	about_staff=0,
	anonymous=0,
	name=None,
	email=None,
	mobile=None,
	consent=0,
	request=None,
) -> dict:
	"""From the portal (signed in: the account's own file) or the public form (anyone, anonymous
	allowed): {"reference", "code", ...}; bad input is refused with each field's message."""
	_per_ip("submit", SUBMITS_PER_IP_HOUR)
	user = frappe.session.user
	beneficiary = support_request = None
	if user != "Guest" and not cint(anonymous):
		files = files_of(user)
		beneficiary = own_file(files)
		if request:
			owner = frappe.db.get_value("Support Request", request, "beneficiary")
			if not owner or owner not in files:
				refuse_fields({"request": _("Choose one of your own requests.")})
			support_request, beneficiary = request, owner
	try:
		doc, code = complaints.receive(
			kind,
			text,
			channel=c.CHANNEL_WEBSITE,
			beneficiary=beneficiary,
			support_request=support_request,
			about_staff=cint(about_staff),
			anonymous=cint(anonymous),
			contact={"name": name, "email": email, "mobile": mobile, "consent": consent},
			with_tracking=not beneficiary,
		)
	except complaints.FieldErrors as error:
		return _errors(error)
	return {
		"reference": doc.reference,
		"code": code,
		"due_on": str(doc.due_on),
		"acknowledged": bool(complaints.submitter(doc)),
	}


def _owned(reference: str):
	"""A signed-in account's own complaint by its reference, or None."""
	if frappe.session.user == "Guest" or not reference:
		return None
	files = files_of(frappe.session.user)
	name = frappe.db.get_value(
		"Feedback",
		{"reference": str(reference).strip().upper(), "beneficiary": ("in", list(files) or [""])},
		"name",
	)
	return frappe.get_doc("Feedback", name) if name else None


@frappe.whitelist(allow_guest=True, methods=["POST"])
@rate_limit(limit=TRACKS_PER_IP_HOUR, seconds=60 * 60)
def track(reference=None, code=None) -> dict:
	"""A complaint's status by its reference and tracking code (or, signed in, one's own)."""
	_per_ip("track", TRACKS_PER_IP_HOUR)
	doc = _owned(reference) or (complaints.find_by_code(reference or "", code or "") if code else None)
	if not doc:
		return {"state": "not_found"}
	return complaints.public_view(doc)


@frappe.whitelist(allow_guest=True, methods=["POST"])
@rate_limit(limit=SUBMITS_PER_IP_HOUR, seconds=60 * 60)
def appeal(reference=None, code=None, text=None) -> dict:
	_per_ip("appeal", SUBMITS_PER_IP_HOUR)
	doc = _owned(reference) or (complaints.find_by_code(reference or "", code or "") if code else None)
	if not doc:
		return {"state": "not_found"}
	try:
		complaints.appeal(doc, text)
	except complaints.FieldErrors as error:
		return _errors(error)
	return complaints.public_view(doc)


@frappe.whitelist(methods=["GET"])
def my_complaints() -> list[dict]:
	files = files_of(frappe.session.user) if frappe.session.user != "Guest" else {}
	if not files:
		return []
	rows = frappe.get_all(
		"Feedback",
		filters={"beneficiary": ("in", list(files)), "feedback_type": ("in", rule.ANSWERED_KINDS)},
		pluck="name",
		order_by="received_on desc",
		limit=50,
		ignore_permissions=True,  # the visibility rule is the filter on the account's own files
	)
	return [complaints.public_view(frappe.get_doc("Feedback", name)) for name in rows]


# ---------------------------------------------------------------- the desk
def _desk_errors(error: complaints.FieldErrors):
	frappe.throw("<br>".join(error.errors.values()), title=_("Please check"))


@frappe.whitelist(methods=["POST"])
def record(
	kind=None,
	text=None,
	channel=None,
	beneficiary=None,
	support_request=None,
	staff_member=None,
	anonymous=0,
	name=None,
	email=None,
	mobile=None,
	consent=0,
) -> str:
	"""A member of staff records a complaint or suggestion received by any channel."""
	if not set(complaints.RECORDER_ROLES) & set(frappe.get_roles()):
		frappe.throw(_("Only the relations staff record complaints."), frappe.PermissionError)
	if not channel or not frappe.db.exists("Contact Channel", channel):
		frappe.throw(_("Choose the channel it came by."))
	for doctype, value in (("Beneficiary", beneficiary), ("Support Request", support_request)):
		if value and not frappe.has_permission(doctype, "read", doc=value):
			frappe.throw(_("You may not read {0}.").format(value), frappe.PermissionError)
	if support_request and not beneficiary:
		beneficiary = frappe.db.get_value("Support Request", support_request, "beneficiary")
	try:
		doc, _code = complaints.receive(
			kind,
			text,
			channel=channel,
			beneficiary=beneficiary,
			support_request=support_request,
			staff_member=staff_member or None,
			anonymous=cint(anonymous),
			contact={"name": name, "email": email, "mobile": mobile, "consent": consent},
			recorded_by_staff=True,
		)
	except complaints.FieldErrors as error:
		_desk_errors(error)
	return doc.name


@frappe.whitelist(methods=["POST"])
def act(name=None, action=None, text=None, improvement_action=None) -> str:
	try:
		return complaints.act(name, action, text, improvement_action or None).status
	except complaints.FieldErrors as error:
		_desk_errors(error)


@frappe.whitelist(methods=["POST"])
def mark_about_staff(name=None, staff_member=None) -> str:
	try:
		return complaints.mark_about_staff(name, staff_member).triage_owner or ""
	except complaints.FieldErrors as error:
		_desk_errors(error)
