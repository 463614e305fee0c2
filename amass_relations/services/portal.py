"""What the portal shows a beneficiary or a carer, read with explicit field lists.

The Beneficiary role holds no DocPerm on the app's doctypes: every portal page and method reads through
here, and here only through `files_of` (the one visibility rule, rules/portal.py). A record outside it
answers exactly as a record that does not exist: "not found". Nothing internal leaves this module: no
committee reason, vote, research report, verifier note or medical data; a request's history is told from
its status changes in plain words, not from the desk's Version records."""

import frappe
from frappe import _, _lt
from frappe.sessions import get_csrf_token, get_expiry_period
from frappe.translate import print_language
from frappe.utils import cint, getdate, today

from amass_relations import constants as c
from amass_relations.rules import portal as rule
from amass_relations.rules.dates import format_hijri
from amass_relations.services.contact import contact_of
from amass_relations.services.outbox import queue_sms
from amass_relations.services.portal_accounts import queue_officer_task


class NotYours(frappe.DoesNotExistError):
	pass


def hijri(value) -> str:
	"""A date in Hijri for the portal's pages (a jinja method: templates/includes/portal_date.html)."""
	return format_hijri(getdate(value)) if value else ""


def settings_days_after_death() -> int:
	return cint(frappe.db.get_single_value(c.SETTINGS_DOCTYPE, "portal_carer_days_after_death"))


def files_of(user: str) -> dict[str, bool]:
	"""{beneficiary: read_only} for every file the account may see now; the own file first."""
	if not user or user == "Guest":
		return {}
	own = frappe.db.get_value("Beneficiary", {"user": user}, ["name", "status"], as_dict=True)
	if not own:
		return {}
	ca, ben = frappe.qb.DocType("Carer Authorization"), frappe.qb.DocType("Beneficiary")
	rows = (
		frappe.qb.from_(ca)
		.join(ben)
		.on(ben.name == ca.patient)
		.select(
			ca.patient,
			ca.status,
			ca.valid_from,
			ca.valid_until,
			ben.status.as_("patient_status"),
			ben.status_changed_on,
		)
		.where((ca.carer == own.name) & (ca.status == c.CARER_ACTIVE))
		.run(as_dict=True)
	)
	authorizations = [
		rule.Authorization(
			patient=r.patient,
			status=r.status,
			valid_from=getdate(r.valid_from) if r.valid_from else None,
			valid_until=getdate(r.valid_until) if r.valid_until else None,
			patient_status=r.patient_status,
			patient_status_changed_on=getdate(r.status_changed_on) if r.status_changed_on else None,
		)
		for r in rows
	]
	return rule.visible_files(
		own.name, own.status, authorizations, getdate(today()), settings_days_after_death()
	)


def not_found():
	frappe.throw(_("Not found."), NotYours)


def people(user: str, files: dict[str, bool] | None = None) -> list[dict]:
	"""The files the account may switch between: its own first, then each patient's."""
	files = files_of(user) if files is None else files
	names = dict(
		frappe.get_all(
			"Beneficiary",
			filters={"name": ("in", list(files) or [""])},
			fields=["name", "full_name"],
			as_list=True,
		)
	)
	own = next(iter(files), None)
	return [
		{"name": name, "full_name": names.get(name), "own": name == own, "read_only": read_only}
		for name, read_only in files.items()
	]


STAGE_WORDS = {
	"draft": (
		_lt("Not sent yet"),
		_lt("Your request is saved as a draft: add the documents, accept the declaration and send it."),
	),
	"received": (
		_lt("Request received"),
		_lt(
			"We have your request and are checking it and its documents. We will contact you if anything is missing."
		),
	),
	"research": (
		_lt("Being studied"),
		_lt("A social researcher is studying your request and may contact you or visit you."),
	),
	"committee": (
		_lt("With the committee"),
		_lt("The research committee will decide on your request by the date shown."),
	),
	"information": (
		_lt("Information needed"),
		_lt(
			"We need more information from you: read the association's message, then answer or upload what is missing."
		),
	),
	"approved": (
		_lt("Approved"),
		_lt("Your request has been approved. We will contact you to arrange the service."),
	),
	"rejected": (
		_lt("Not approved"),
		_lt(
			"Your request was not approved. The letter explains why. You may contact the association with any question."
		),
	),
	"registered": (
		_lt("Approved"),
		_lt("Your request has been approved. We will contact you to arrange the service."),
	),
	"delivered": (_lt("Service delivered"), _lt("The service has been delivered.")),
	"closed": (_lt("Closed"), _lt("This request is closed.")),
	"withdrawn": (_lt("Withdrawn"), _lt("This request was withdrawn.")),
}


def stage_words(status: str | None) -> tuple[str, str]:
	label, meaning = STAGE_WORDS[rule.stage_of(status)]
	return str(label), str(meaning)


REQUEST_FIELDS = [
	"name",
	"beneficiary",
	"service_type",
	"status",
	"creation",
	"committee_due_date",
	"committee_decision",
]


def _visible_requests(files: dict[str, bool], names: list[str] | None = None) -> list[dict]:
	if not files:
		return []
	filters = {"beneficiary": ("in", list(files))}
	if names is not None:
		filters["name"] = ("in", names or [""])
	return frappe.get_all(
		"Support Request", filters=filters, fields=REQUEST_FIELDS, order_by="creation desc", limit=500
	)


def _decisions(requests: list[str]) -> dict[str, dict]:
	"""The standing decision of each request (its latest submitted review), as the applicant sees it."""
	if not requests:
		return {}
	decided = {}
	for review in frappe.get_all(
		"Committee Review",
		filters={"support_request": ("in", requests), "docstatus": 1},
		fields=["support_request", "decision", "decision_date", "reason_for_applicant", "letter_state"],
		order_by="creation asc",
	):
		decided[review.support_request] = review
	return decided


def deliveries_of(requests: list[str]) -> dict[str, list]:
	"""The deliveries of each request as the applicant sees them (the pages, the data export)."""
	if not requests:
		return {}
	delivered = {}
	for row in frappe.get_all(
		"Service Delivery",
		filters={"support_request": ("in", requests), "docstatus": 1},
		fields=["support_request", "delivery_date", "mode", "quantity", "amount"],
		order_by="delivery_date asc",
	):
		delivered.setdefault(row.pop("support_request"), []).append(
			{
				"date": row.delivery_date,
				"date_hijri": format_hijri(getdate(row.delivery_date)) if row.delivery_date else "",
				"mode": _(row.mode) if row.mode else "",
				"quantity": row.quantity,
				"amount": row.amount,
			}
		)
	return delivered


def _shape(request, files, decision, deliveries) -> dict:
	label, meaning = stage_words(request.status)
	pending = request.status == c.REQUEST_PENDING_COMMITTEE
	due = getdate(request.committee_due_date) if pending and request.committee_due_date else None
	letter = None
	if decision and decision.decision:
		letter = "ready" if decision.letter_state == c.LETTER_READY else "preparing"
	return {
		"name": request.name,
		"person": request.beneficiary,
		"service": _(request.service_type) if request.service_type else "",
		"stage": rule.stage_of(request.status),
		"status": label,
		"meaning": meaning,
		"applied_on": getdate(request.creation),
		"due_date": due,
		"due_date_hijri": format_hijri(due) if due else "",
		"decision": _(decision.decision) if decision and decision.decision else "",
		"decision_date": decision.decision_date if decision else None,
		"reason": (decision.reason_for_applicant or "") if decision else "",
		"letter": letter,
		"deliveries": deliveries,
		"read_only": files.get(request.beneficiary, True),
	}


def requests_of(user: str, person: str | None = None, files: dict[str, bool] | None = None) -> list[dict]:
	"""Every request of the account's own file and of the patients it cares for (or of one of them)."""
	files = files_of(user) if files is None else files
	if person:
		if person not in files:
			not_found()
		files = {person: files[person]}
	requests = _visible_requests(files)
	names = [r.name for r in requests]
	decisions, deliveries = _decisions(names), deliveries_of(names)
	return [_shape(r, files, decisions.get(r.name), deliveries.get(r.name, [])) for r in requests]


def request_of(user: str, name: str) -> dict:
	"""One request with the history of its status in plain words."""
	files = files_of(user)
	found = _visible_requests(files, [name or ""])
	if not found:
		not_found()
	request = found[0]
	shaped = _shape(
		request,
		files,
		_decisions([request.name]).get(request.name),
		deliveries_of([request.name]).get(request.name, []),
	)
	shaped["person_name"] = frappe.db.get_value("Beneficiary", request.beneficiary, "full_name")
	shaped["history"] = history(request)
	return shaped


def history(request) -> list[dict]:
	versions = [
		{"when": v.creation, "changed": frappe.parse_json(v.data).get("changed")}
		for v in frappe.get_all(
			"Version",
			filters={"ref_doctype": "Support Request", "docname": request.name},
			fields=["creation", "data"],
			order_by="creation asc",
		)
	]
	first = "Draft" if request.status == c.REQUEST_DRAFT else None
	steps = [{"when": request.creation, "stage": rule.stage_of(first), "status": stage_words(first)[0]}]
	for when, _old, new in rule.status_changes(versions):
		label, _meaning = stage_words(new)
		if steps[-1]["status"] != label:
			steps.append({"when": when, "stage": rule.stage_of(new), "status": label})
	return steps


def letter_of(user: str, name: str) -> tuple[str, bytes]:
	"""The decision letter of a visible request: (file name, PDF bytes). The private file's URL is never
	handed out: the portal user holds no read on the request, and this is the one door."""
	files = files_of(user)
	if not _visible_requests(files, [name or ""]):
		not_found()
	url = frappe.db.get_value(
		"Committee Review",
		{"support_request": name, "docstatus": 1, "letter_state": c.LETTER_READY},
		"decision_letter",
		order_by="creation desc",
	)
	file = url and frappe.db.get_value(
		"File",
		{"file_url": url, "attached_to_doctype": "Support Request", "attached_to_name": name},
		"name",
	)
	if not file:
		not_found()
	return f"decision-letter-{name}.pdf", frappe.get_doc("File", file).get_content()


LANGUAGES = (("ar", "العربية"), ("en", "English"))


def require_account() -> str:
	"""The signed-in user of a portal method; a guest is refused (as every method of the portal)."""
	if frappe.session.user == "Guest":
		frappe.throw(_("Sign in to the portal first."), frappe.PermissionError)
	return frappe.session.user


def require_sign_in(path: str) -> str:
	"""The signed-in user; a guest is sent to the sign-in page and back. First of all, nothing of a portal
	page is cached: Frappe caches a 404 by URL for everyone, so another account's "not found" for a
	request would otherwise hide the request from its own beneficiary."""
	frappe.local.no_cache = 1
	user = frappe.session.user
	if user == "Guest":
		frappe.local.flags.redirect_location = "/login?" + frappe.utils.urlencode({"redirect-to": path})
		raise frappe.Redirect
	return user


def page_context(context):
	"""What every portal page shares: no cache, the portal menu, the language switch."""
	context.no_cache = 1
	context.show_sidebar = True
	# The session's CSRF token, made now: the page's scripts and the language form send it back.
	context.csrf_token = get_csrf_token() if frappe.session.user != "Guest" else ""
	context.languages = LANGUAGES
	context.language = frappe.local.lang


def set_language(user: str, language: str):
	"""The language switch: the account's own language, Arabic or English."""
	if language not in dict(LANGUAGES):
		frappe.throw(_("Choose Arabic or English."))
	frappe.db.set_value("User", user, "language", language)
	frappe.clear_cache(user=user)


def on_session_creation(login_manager=None):
	"""A website user's session lives `portal_session_minutes` (Beneficiary Relations Settings), never
	longer than staff's (System Settings); Frappe checks each session's own expiry on every request."""
	if frappe.session.user == "Guest" or frappe.session.data.get("user_type") != "Website User":
		return
	minutes = frappe.db.get_single_value(c.SETTINGS_DOCTYPE, "portal_session_minutes")
	expiry = rule.session_expiry(minutes, get_expiry_period())
	session = frappe.local.session_obj
	session.data.data.session_expiry = expiry
	session.update(force=True)


def notify_status(doc):
	"""A request's status changed: its contact person hears it without having to ask (SMS through the
	outbox or email through Frappe's queue, by their preference), only when the one consent gate lets
	a message go; in their language, in the portal's plain words."""
	if doc.status == c.REQUEST_DRAFT or doc.get("is_demo"):
		return  # nothing to say of a draft; demo people are fictitious
	person = contact_of(doc.name)
	if not person.may_contact:
		return
	with print_language(person.preferred_language or frappe.db.get_default("lang")):
		label, meaning = stage_words(doc.status)
		text = _("Amass Association: your request {0} is now: {1}. {2}").format(doc.name, label, meaning)
		subject = _("Your request {0}: {1}").format(doc.name, label)
	send_to(
		person,
		text,
		subject,
		"Request Status",
		("Support Request", doc.name),
		decision_mailed=doc.status in c.REQUEST_DECISION_STATUSES,
	)


def send_to(person, text: str, subject: str, purpose: str, reference: tuple, decision_mailed=False):
	"""A message to a person the consent gate let through (services/contact.py): by SMS through the
	outbox or by email through Frappe's queue, by their preference and what is on their file."""
	channel = rule.status_message_channel(
		person.preferred_contact_channel,
		bool(person.mobile_no),
		bool(person.email),
		decision_mailed=decision_mailed,
	)
	if channel == "SMS":
		queue_sms(
			person.mobile_no,
			text,
			purpose=purpose,
			reference_doctype=reference[0],
			reference_name=reference[1],
		)
	elif channel:
		frappe.sendmail(
			recipients=[person.email],
			subject=subject,
			message=frappe.utils.escape_html(text),
			reference_doctype=reference[0],
			reference_name=reference[1],
			delayed=True,
		)


PROFILE_FIELDS = [
	"name",
	"full_name",
	"national_id",
	"date_of_birth",
	"mobile_no",
	"email",
	"preferred_language",
	"preferred_contact_channel",
	"contact_consent",
	"contact_consent_on",
	"data_processing_consent",
]


def own_file(files: dict[str, bool]) -> str | None:
	"""The account's own file (not a patient's: a profile is the person's own), while it may be seen."""
	return next(iter(files), None)


def profile_of(user: str) -> dict | None:
	files = files_of(user)
	name = own_file(files)
	if not name:
		return None
	row = frappe.db.get_value("Beneficiary", name, PROFILE_FIELDS, as_dict=True)
	return {
		"name": row.name,
		"full_name": row.full_name,
		# Enough to recognise, not to copy: the ID's last four digits.
		"national_id": f"••••••{(row.national_id or '')[-4:]}",
		"date_of_birth": row.date_of_birth,
		"date_of_birth_hijri": format_hijri(getdate(row.date_of_birth)) if row.date_of_birth else "",
		"mobile_no": row.mobile_no or "",
		"email": row.email or "",
		"preferred_language": row.preferred_language or "",
		"preferred_contact_channel": row.preferred_contact_channel or "",
		"contact_consent": bool(row.contact_consent),
		"contact_consent_on": row.contact_consent_on,
		"data_processing_consent": bool(row.data_processing_consent),
		"read_only": files[row.name],
		"channels": [
			{"name": ch, "label": _(ch)}
			for ch in frappe.get_all(
				"Contact Channel", filters={"enabled": 1}, order_by="sort_order asc, name asc", pluck="name"
			)
		],
	}


def update_profile(
	user: str, preferred_language: str, preferred_contact_channel: str, contact_consent
) -> dict:
	"""What a beneficiary keeps on their own file: their language, their preferred channel and their
	consent to be contacted (recorded with who and when by the file's own rule). Nothing else."""
	files = files_of(user)
	name = own_file(files)
	if not name:
		not_found()
	if files[name]:
		frappe.throw(_("Your file is read-only. Please contact the association."), frappe.PermissionError)
	if preferred_language not in dict(LANGUAGES):
		frappe.throw(_("Choose Arabic or English."))
	if preferred_contact_channel and not frappe.db.get_value(
		"Contact Channel", {"name": preferred_contact_channel, "enabled": 1}
	):
		frappe.throw(_("Choose one of the contact channels offered."))
	if str(contact_consent) not in ("0", "1"):
		frappe.throw(_("Say whether we may contact you."))
	doc = frappe.get_doc("Beneficiary", name)
	doc.preferred_language = preferred_language
	doc.preferred_contact_channel = preferred_contact_channel or None
	doc.contact_consent = int(contact_consent)
	doc.flags.ignore_permissions = True
	doc.flags.from_portal = True
	doc.save()
	set_language(user, preferred_language)
	return {"message": _("Your choices are saved.")}


def ask_to_withdraw_data_consent(user: str) -> dict:
	"""Withdrawing the consent to process one's data is not a switch: the officers of the file's branch
	get a task to handle it with the person (what must be kept by law, what can be erased)."""
	name = own_file(files_of(user))
	if not name:
		not_found()
	queue_officer_task(
		name,
		_(
			"The beneficiary asked through the portal to withdraw their consent to the processing of their data. Contact them and handle the request."
		),
	)
	return {"message": _("Your request has been sent to the association. An officer will contact you.")}
