"""A beneficiary's requests on the portal (policy G2, G4, S1–S4): apply — a draft they come back to —,
upload each document the service lists, read and accept the declaration and submit; answer a return for
information; withdraw while undecided; ask once for reconsideration of a rejection.

Every door checks the one visibility rule first (services/portal.files_of: the own file and the
patients a carer may act for, never a read-only one), then acts on the record with permissions ignored —
the Beneficiary role holds no DocPerm — and moves it only by the workflow's own transitions for the
Beneficiary role (services/workflow.move), so the request's controller checks everything it checks in
the desk. A refusal names each field in the user's language and saves nothing: one request, one
transaction; a file written before a failure is removed by Frappe's rollback, and one left by a killed
worker is found and removed by `orphaned_uploads` (scheduled daily)."""

import os
import time

import frappe
from frappe import _
from frappe.utils import cint, flt, get_files_path, getdate

from amass_relations import constants as c
from amass_relations.rules import portal as rule
from amass_relations.rules.requests import MAGIC_LENGTH, amount_problem, content_kind, upload_problem
from amass_relations.services import limits
from amass_relations.services.portal import files_of, not_found, own_file
from amass_relations.services.portal_accounts import queue_officer_task
from amass_relations.services.service_guide import service_entry
from amass_relations.services.workflow import move

SCOPE = "portal-requests"
# Every file the portal writes is named so; nothing else in the site's files is.
UPLOAD_PREFIX = "amass-portal-"
# A file written this long ago with no File record is an orphan (a worker killed mid-request).
ORPHAN_AFTER_SECONDS = 60 * 60
SUBMIT = "Submit for Verification"
RESUBMIT = "Resubmit"
WITHDRAW = "Withdraw"
KIND_EXTENSION = {"pdf": "pdf", "png": "png", "jpg": "jpg"}


class PortalFormError(frappe.ValidationError):
	pass


def refuse_fields(errors: dict[str, str]):
	"""Every field's problem at once, each beside its field on the page (`field_errors`), nothing saved."""
	if errors:
		frappe.local.response["field_errors"] = errors
		frappe.throw("<br>".join(errors.values()), PortalFormError, title=_("Please check what you entered"))


def text_message(problem: str | None, what: str, max_chars: int) -> str | None:
	return {
		None: None,
		"empty": _("Write {0}.").format(what),
		"too_long": _("{0} is too long: at most {1} characters.").format(what, max_chars),
		"markup": _("{0}: write plain text, without < > or codes.").format(what),
		"control": _("{0} contains characters that are not accepted.").format(what),
		"not_text": _("{0} is not valid.").format(what),
	}[problem]


def writable_person(user: str, person: str | None) -> str:
	"""The file the account acts for: its own by default, or a patient it may act for; never a file it
	may only read (Inactive, a deceased patient) — those answer as not found."""
	files = files_of(user)
	person = person or own_file(files)
	if not person or person not in files:
		not_found()
	if files[person]:
		frappe.throw(_("This file is read-only. Please contact the association."), frappe.PermissionError)
	return person


def request_for(user: str, name: str, statuses: tuple[str, ...]):
	"""A request of a file the account may act for, in one of `statuses`; otherwise "not found" (another
	person's request answers exactly like one that does not exist) or "cannot be done now"."""
	files = files_of(user)
	row = (
		frappe.db.get_value(
			"Support Request",
			{"name": name or "", "beneficiary": ("in", list(files) or [""])},
			["name", "beneficiary", "status"],
			as_dict=True,
		)
		if isinstance(name, str)
		else None
	)
	if not row:
		not_found()
	if files[row.beneficiary]:
		frappe.throw(_("This file is read-only. Please contact the association."), frappe.PermissionError)
	if row.status not in statuses:
		frappe.throw(
			_("This cannot be done now: the request is {0}.").format(frappe.bold(_(row.status))),
			PortalFormError,
			title=_("Not Possible Now"),
		)
	doc = frappe.get_doc("Support Request", row.name, for_update=True)
	doc.flags.ignore_permissions = True  # checked above: the Beneficiary role holds no DocPerm
	return doc


# -- choosing a service ---------------------------------------------------------------------------------
def services_for(user: str, person: str | None = None) -> dict:
	"""The services a file may apply for today: enabled and open to its category."""
	person = writable_person(user, person)
	category = frappe.db.get_value("Beneficiary", person, "beneficiary_category")
	currency = frappe.db.get_single_value(c.SETTINGS_DOCTYPE, "currency") or "SAR"
	arabic = frappe.local.lang == "ar"
	services = [
		entry
		for entry in (
			service_entry(name, arabic, currency)
			for name in frappe.get_all(
				"Support Service Type", filters={"enabled": 1}, order_by="service_name asc", pluck="name"
			)
		)
		if category in entry["category_names"]
	]
	return {"person": person, "services": services}


def check_details(person: str, service_type, description, amount) -> dict[str, str]:
	"""What the applicant wrote, each problem by its field."""
	errors = {}
	service = None
	if isinstance(service_type, str) and service_type:
		service = frappe.db.get_value(
			"Support Service Type",
			service_type,
			["name", "enabled", "is_financial", "maximum_amount"],
			as_dict=True,
		)
	category = frappe.db.get_value("Beneficiary", person, "beneficiary_category")
	if (
		not service
		or not service.enabled
		or not frappe.db.exists(
			"Support Service Category", {"parent": service.name, "beneficiary_category": category}
		)
	):
		errors["service_type"] = _("Choose one of the services offered to you.")
	problem = text_message(
		rule.text_problem(description, rule.DESCRIPTION_MAX_CHARS), _("The need"), rule.DESCRIPTION_MAX_CHARS
	)
	if problem:
		errors["description"] = problem
	if service:
		amount_is = amount_problem(service.is_financial, amount, service.maximum_amount)
		if amount_is:
			errors["amount_requested"] = {
				"amount_on_non_financial": _("This service is not financial: leave the amount empty."),
				"not_positive": _("Enter the amount you need: more than zero."),
				"above_maximum": _("The amount is above this service's maximum of {0}.").format(
					frappe.utils.fmt_money(service.maximum_amount)
				),
			}.get(amount_is, _("Enter the amount as a number."))
	return errors


def save_draft(
	user: str,
	person: str | None,
	service_type,
	description,
	amount_requested=None,
	name: str | None = None,
) -> dict:
	"""A new draft (or the same draft changed): the service, the need, the amount where financial."""
	if name:
		doc = request_for(user, name, (c.REQUEST_DRAFT,))
		person = doc.beneficiary
	else:
		person = writable_person(user, person)
	refuse_fields(check_details(person, service_type, description, amount_requested))
	values = {
		"service_type": service_type,
		"description": description.strip(),
		"amount_requested": flt(amount_requested) or None,
	}
	if name:
		doc.update(values)
		doc.save()
		return {"name": doc.name}
	limits.within(SCOPE, "requests", user, rule.REQUESTS_PER_DAY)
	applicant = own_file(files_of(user))
	doc = frappe.get_doc(
		{
			"doctype": "Support Request",
			"beneficiary": person,
			"applicant": applicant,
			"contact_person": applicant,
			"channel": c.CHANNEL_WEBSITE,
			**values,
		}
	)
	doc.flags.ignore_permissions = True
	doc.insert()
	return {"name": doc.name}


# -- documents --------------------------------------------------------------------------------------------
def max_upload_bytes() -> int:
	return (cint(frappe.db.get_single_value(c.SETTINGS_DOCTYPE, "max_attachment_mb")) or 5) * 1024 * 1024


def read_upload(max_bytes: int) -> tuple[bytes, str | None]:
	"""The uploaded file's bytes (never more than the limit and one byte read) and why it is refused."""
	upload = frappe.request.files.get("file") if getattr(frappe, "request", None) else None
	if not upload:
		return b"", "empty"
	content = upload.stream.read(max_bytes + 1)
	return content, upload_problem(content[:MAGIC_LENGTH], len(content), max_bytes)


def expiry_problem(document_type: str, value) -> tuple[object, str | None]:
	"""A document that expires is uploaded with the date it is valid until: today or later."""
	if not frappe.get_cached_value("Document Type", document_type, "expires"):
		return None, None
	try:
		expiry = getdate(value) if isinstance(value, str) and value.strip() else None
	except Exception:
		expiry = None
	if not expiry:
		return None, _("Enter the date this document is valid until.")
	if expiry < getdate():
		return None, _("This document has expired: upload a valid one.")
	return expiry, None


def upload_document(user: str, name: str, document_type, expiry_date=None) -> dict:
	"""One file for one of the documents the request lists, checked by its content and size; kept
	private, owned by the system, named by the system; the officer sees it came from the portal."""
	doc = request_for(user, name, rule.EDITABLE)
	row = next(
		(r for r in doc.documents if isinstance(document_type, str) and r.document_type == document_type),
		None,
	)
	if not row:
		refuse_fields({"document_type": _("Choose one of the documents this request needs.")})
	expiry, problem = expiry_problem(row.document_type, expiry_date)
	if problem:
		refuse_fields({"expiry_date": problem})
	max_bytes = max_upload_bytes()
	content, problem = read_upload(max_bytes)
	if problem:
		refuse_fields(
			{
				"file": {
					"empty": _("Choose a file to upload."),
					"file_too_large": _("The file is larger than {0} MB.").format(max_bytes // (1024 * 1024)),
					"file_type": _("The file must be a PDF, JPG or PNG document."),
				}[problem]
			}
		)
	attached = frappe.db.count(
		"File",
		{
			"attached_to_doctype": "Support Request",
			"attached_to_name": doc.name,
			"file_name": ("like", f"{UPLOAD_PREFIX}%"),
		},
	)
	if attached >= rule.UPLOADS_PER_REQUEST:
		refuse_fields({"file": _("This request has too many files. Please contact the association.")})
	limits.within(SCOPE, "uploads", user, rule.UPLOADS_PER_DAY)
	replaced = row.file if row.get("from_portal") and row.file and not row.verified_on else None
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": f"{UPLOAD_PREFIX}{frappe.generate_hash(length=16)}."
			f"{KIND_EXTENSION[content_kind(content[:MAGIC_LENGTH])]}",
			"is_private": 1,
			"content": content,
			"attached_to_doctype": "Support Request",
			"attached_to_name": doc.name,
		}
	)
	file.flags.ignore_permissions = True
	file.flags.own_copy = True  # its own bytes, whatever else the site holds (permissions/files.py)
	file.insert()
	# Owned by the system: the account that sent it holds no right on it (File's owner rule).
	frappe.db.set_value("File", file.name, "owner", "Administrator", update_modified=False)
	row.update(
		{
			"file": file.file_url,
			"from_portal": 1,
			"beneficiary_document": None,
			"expiry_date": expiry,
			"verified_by": None,
			"verified_on": None,
		}
	)
	doc.flags.code_owned_set = set(doc.flags.code_owned_set or ()) | {"documents"}
	doc.save()
	if replaced:
		old = frappe.db.get_value(
			"File",
			{"file_url": replaced, "attached_to_name": doc.name, "file_name": ("like", f"{UPLOAD_PREFIX}%")},
		)
		if old:
			frappe.delete_doc("File", old, ignore_permissions=True)
	return {"name": doc.name, "document_type": row.document_type}


# -- the declaration and the steps ------------------------------------------------------------------------
def declaration_text() -> str:
	field = "declaration_text" if frappe.local.lang == "ar" else "declaration_text_en"
	return (
		frappe.db.get_single_value(c.SETTINGS_DOCTYPE, field)
		or frappe.db.get_single_value(c.SETTINGS_DOCTYPE, "declaration_text")
		or ""
	)


def acceptance(accept, signer_name) -> tuple[dict | None, dict[str, str]]:
	errors = {}
	if str(accept) != "1":
		errors["accept"] = _("Read the declaration and tick that you accept it.")
	problem = text_message(rule.text_problem(signer_name, 140), _("Your full name"), 140)
	if problem:
		errors["signer_name"] = problem
	if errors:
		return None, errors
	return {
		"signer_name": signer_name.strip(),
		"ip": frappe.local.request_ip,
		"text": declaration_text(),
	}, {}


def document_errors(doc) -> dict[str, str]:
	"""Missing or expired mandatory documents, each by its document type."""
	errors = {}
	today = frappe.utils.getdate()
	for row in doc.documents:
		if not row.mandatory:
			continue
		if not (row.file or row.beneficiary_document):
			errors[f"document:{row.document_type}"] = _("{0} is missing.").format(_(row.document_type))
		elif row.expiry_date and frappe.utils.getdate(row.expiry_date) < today:
			errors[f"document:{row.document_type}"] = _("{0} has expired: upload a new one.").format(
				_(row.document_type)
			)
	return errors


def submit(user: str, name: str, accept, signer_name) -> dict:
	"""The declaration accepted and the request sent to the officers, by the workflow's own step."""
	doc = request_for(user, name, (c.REQUEST_DRAFT,))
	accepted, errors = acceptance(accept, signer_name)
	errors.update(document_errors(doc))
	refuse_fields(errors)
	limits.within(SCOPE, "submissions", user, rule.REQUESTS_PER_DAY)
	move(doc, SUBMIT, accepted_on_portal=accepted)
	queue_officer_task(
		doc.beneficiary,
		_("A request arrived from the portal: {0}. Verify it.").format(doc.name),
		reference=("Support Request", doc.name),
	)
	return {"name": doc.name, "status": doc.status}


def answer_return(user: str, name: str, answer, accept, signer_name) -> dict:
	"""The applicant's answer to a return for information (with the documents uploaded meanwhile): the
	request goes back to the officer by the workflow's Resubmit, and the officer is told."""
	doc = request_for(user, name, (c.REQUEST_RETURNED,))
	errors = {}
	problem = text_message(
		rule.text_problem(answer, rule.MESSAGE_MAX_CHARS), _("Your answer"), rule.MESSAGE_MAX_CHARS
	)
	if problem:
		errors["answer"] = problem
	accepted = None
	if not doc.signed_on:  # the documents changed since it was accepted: accept it again
		accepted, accept_errors = acceptance(accept, signer_name)
		errors.update(accept_errors)
	errors.update(document_errors(doc))
	refuse_fields(errors)
	doc.applicant_answer = answer.strip()
	doc.flags.code_owned_set = set(doc.flags.code_owned_set or ()) | {"applicant_answer"}
	flags = {"resubmitted_on_portal": True}
	if accepted:
		flags["accepted_on_portal"] = accepted
	move(doc, RESUBMIT, **flags)
	doc.add_comment("Comment", _("The applicant answered on the portal: {0}").format(doc.applicant_answer))
	queue_officer_task(
		doc.beneficiary,
		_("The applicant answered the return for information of {0}. Verify it again.").format(doc.name),
		reference=("Support Request", doc.name),
	)
	return {"name": doc.name, "status": doc.status}


def withdraw(user: str, name: str, reason=None) -> dict:
	"""The applicant withdraws a request not yet decided."""
	doc = request_for(user, name, rule.WITHDRAWABLE)
	problem = text_message(
		rule.text_problem(reason, rule.MESSAGE_MAX_CHARS, required=False),
		_("The reason"),
		rule.MESSAGE_MAX_CHARS,
	)
	refuse_fields({"reason": problem} if problem else {})
	doc.transition_comment = _("Withdrawn by the applicant on the portal.") + (
		f" {reason.strip()}" if reason and reason.strip() else ""
	)
	move(doc, WITHDRAW)
	return {"name": doc.name, "status": doc.status}


def reconsider(user: str, name: str, reason) -> dict:
	"""Once for a rejection: a new draft request for the committee, linked to the rejected one, with its
	service, amount and documents, the reason as its need. The applicant accepts the declaration and
	submits it like any draft."""
	old = request_for(user, name, (c.REQUEST_REJECTED,))
	problem = text_message(
		rule.text_problem(reason, rule.DESCRIPTION_MAX_CHARS), _("The reason"), rule.DESCRIPTION_MAX_CHARS
	)
	refuse_fields({"reason": problem} if problem else {})
	if frappe.db.exists("Support Request", {"reconsideration_of": old.name}):
		frappe.throw(
			_("Reconsideration of this request has already been asked for."),
			PortalFormError,
			title=_("Not Possible Now"),
		)
	limits.within(SCOPE, "requests", user, rule.REQUESTS_PER_DAY)
	applicant = own_file(files_of(user))
	doc = frappe.get_doc(
		{
			"doctype": "Support Request",
			"beneficiary": old.beneficiary,
			"applicant": applicant,
			"contact_person": applicant,
			"channel": c.CHANNEL_WEBSITE,
			"service_type": old.service_type,
			"amount_requested": old.amount_requested,
			"description": reason.strip(),
			"reconsideration_of": old.name,
			"documents": [
				{
					"document_type": row.document_type,
					"mandatory": row.mandatory,
					"file": row.file,
					"beneficiary_document": row.beneficiary_document,
					"expiry_date": row.expiry_date,
					"from_portal": row.from_portal,
				}
				for row in old.documents
			],
		}
	)
	doc.flags.ignore_permissions = True
	doc.flags.code_owned_set = {"reconsideration_of", "documents"}
	doc.insert()
	return {"name": doc.name}


# -- what the request page shows of the applicant's part ---------------------------------------------------
def applicant_part(doc_name: str, read_only: bool) -> dict:
	"""What a request page offers its applicant: the documents and their state, the message of a return,
	the declaration's text, which actions are open."""
	doc = frappe.get_doc("Support Request", doc_name)
	status = doc.status
	editable = not read_only and status in rule.EDITABLE
	on_file = {}
	for row in doc.documents:
		on_file[row.document_type] = {
			"document_type": row.document_type,
			"label": _(row.document_type),
			"mandatory": bool(row.mandatory),
			"uploaded": bool(row.file or row.beneficiary_document),
			"from_portal": bool(row.get("from_portal")),
			"on_file": bool(row.beneficiary_document and not row.get("from_portal")),
			"expires": bool(frappe.get_cached_value("Document Type", row.document_type, "expires")),
			"expiry_date": row.expiry_date,
		}
	return {
		"editable": editable,
		"documents": list(on_file.values()),
		"missing": list(document_errors(doc).values()),
		"message": doc.applicant_message if status == c.REQUEST_RETURNED else "",
		"declaration": declaration_text() if editable else "",
		"accepted": bool(doc.signed_on),
		"may_submit": editable and status == c.REQUEST_DRAFT,
		"may_answer": editable and status == c.REQUEST_RETURNED,
		"may_withdraw": not read_only and status in rule.WITHDRAWABLE,
		"may_reconsider": not read_only
		and status == c.REQUEST_REJECTED
		and not frappe.db.exists("Support Request", {"reconsideration_of": doc.name}),
		"description": doc.description or "",
		"amount_requested": doc.amount_requested,
		"service_type": doc.service_type,
		"reconsideration_of": doc.reconsideration_of or "",
	}


# -- files a killed worker left -----------------------------------------------------------------------------
def orphaned_uploads(older_than_seconds: int = ORPHAN_AFTER_SECONDS) -> list[str]:
	"""The portal's files on disk that no File record names (a worker killed between writing the file
	and committing), older than `older_than_seconds` (a request in flight is not an orphan)."""
	folder = get_files_path(is_private=True)
	if not os.path.isdir(folder):
		return []
	now = time.time()  # the files' own clock (their mtime), not the site's time zone
	on_disk = [
		name
		for name in os.listdir(folder)
		if name.startswith(UPLOAD_PREFIX)
		and now - os.path.getmtime(os.path.join(folder, name)) >= older_than_seconds
	]
	if not on_disk:
		return []
	known = set(frappe.get_all("File", filters={"file_name": ("in", on_disk)}, pluck="file_name")) | {
		url.rsplit("/", 1)[-1]
		for url in frappe.get_all(
			"File", filters={"file_url": ("in", [f"/private/files/{n}" for n in on_disk])}, pluck="file_url"
		)
	}
	return sorted(name for name in on_disk if name not in known)


def remove_orphaned_uploads(older_than_seconds: int = ORPHAN_AFTER_SECONDS) -> int:
	"""Daily: remove the portal's orphaned files (scheduler_events)."""
	orphans = orphaned_uploads(older_than_seconds)
	folder = get_files_path(is_private=True)
	for name in orphans:
		os.remove(os.path.join(folder, name))
	return len(orphans)
