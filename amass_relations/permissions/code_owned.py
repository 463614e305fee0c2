"""Fields only the system writes.

`read_only` in a DocType binds only the form: REST PUT/POST, `frappe.client.set_value`/`save`/`insert`,
the desk's `savedocs` and `run_doc_method` save whatever the client sends. Each doctype declares here,
once, the fields its code sets (a verification, a committee decision, a deadline, a delivery, a consent's
time and author). On every save, before the controller's own validation, a change from the stored value
— or a value on a new record — is refused unless the app's own code set it through `set_by_code` or
`allow_code_write`, which mark the fields on the document's `flags`: a key no client can send (Frappe
ignores `flags` in incoming data).

Values the controller computes inside `validate` (status from the workflow state, a deadline, a consent's
time) are set after this check and need no mark.

Per-state edit rules are the same mechanism: once a request has reached the committee, what the
applicant declared (service, amount, description, documents) is code-owned too.

A higher permission level is not used for this: the framework silently reverts such fields on every
save by a user without that level (the workflow's own `status` update included) and hides them from
REST reads that integrators rely on."""

import frappe
from frappe import _
from frappe.utils import cint, cstr, flt, get_datetime, getdate

from amass_relations import constants as c

# doctype -> fields only the app's code sets.
CODE_OWNED: dict[str, tuple[str, ...]] = {
	"Support Request": (
		"verified_by",
		"verified_on",
		"social_researcher",
		"research_report",
		"declaration_text",
		"signed_on",
		"accepted_from_ip",
		"committee_entered_on",
		"committee_due_date",
		"committee_decision",
		"decided_by",
		"delivered_amount",
		"delivery_complete",
		"is_demo",
		# The portal's: what the applicant was asked and answered, a declaration accepted there, the
		# rejected request a reconsideration asks about.
		"applicant_message",
		"applicant_answer",
		"accepted_on_portal",
		"reconsideration_of",
	),
	"Beneficiary": (
		# Applicant and Registered are the requests' doing; Inactive and Deceased an officer's or a
		# manager's action with a reason (Beneficiary.change_status).
		"status",
		"status_changed_on",
		"user",
		"data_consent_on",
		"data_consent_by",
		"contact_consent_on",
		"contact_consent_by",
		"is_demo",
	),
	"Beneficiary Document": ("verified_by", "verified_on", "support_request"),
	"Carer Authorization": ("verified_by", "verified_on", "revoked_by", "revoked_on"),
	"Committee Meeting": ("quorum", "decisions_against_votes"),
	"Committee Review": (
		"decided_by",
		"decision_date",
		"decision_letter",
		"committee_entered_on",
		"committee_due_date",
		"branch_office",
		"tally_decision",
		"tally_summary",
		"letter_state",
		"letter_attempts",
		"letter_error",
	),
	"Service Delivery": ("override_by",),
}

# doctype -> {table field: row fields only the app's code sets}.
CODE_OWNED_ROWS: dict[str, dict[str, tuple[str, ...]]] = {
	"Support Request": {"documents": ("beneficiary_document", "verified_by", "verified_on", "from_portal")},
}

# doctype -> tables only the app's code writes, whole: no row added, changed or removed by a client.
CODE_OWNED_TABLES: dict[str, tuple[str, ...]] = {
	# The thread with the beneficiary: written by the desk's reply and the portal's methods only.
	"Interaction": ("messages",),
}

# doctype -> (status field, statuses from which on, fields frozen in them). Tables are frozen whole.
FROZEN_IN_STATES: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
	"Support Request": (
		"status",
		(
			c.REQUEST_PENDING_COMMITTEE,
			c.REQUEST_APPROVED,
			c.REQUEST_REJECTED,
			c.REQUEST_REGISTRATION_COMPLETE,
			c.REQUEST_SERVICE_DELIVERED,
			c.REQUEST_CLOSED,
			c.REQUEST_WITHDRAWN,
		),
		(
			"beneficiary",
			"applicant",
			"contact_person",
			"service_type",
			"amount_requested",
			"description",
			"signature",
			"signer_name",
			"documents",
		),
	),
}


class CodeOwnedFieldError(frappe.ValidationError):
	http_status_code = 403


def set_by_code(doc, **values):
	"""Set code-owned fields from the app's own code path, and mark them so the save accepts them."""
	doc.update(values)
	allow_code_write(doc, *values)


def allow_code_write(doc, *fields: str):
	"""Mark fields (or "documents" for a table's code-owned row fields) as set by the app's code."""
	doc.flags.code_owned_set = set(doc.flags.code_owned_set or ()) | set(fields)


def guard_code_owned(doc, method=None):
	"""before_validate of every declared doctype: refuse what a client changed in a code-owned field."""
	fields = CODE_OWNED.get(doc.doctype, ())
	rows = CODE_OWNED_ROWS.get(doc.doctype, {})
	tables = CODE_OWNED_TABLES.get(doc.doctype, ())
	frozen = FROZEN_IN_STATES.get(doc.doctype)
	if not (fields or rows or tables or frozen):
		return
	allowed = set(doc.flags.code_owned_set or ())
	before = None if doc.is_new() else doc.get_doc_before_save()
	if before is None and not doc.is_new():
		before = frappe.get_doc(doc.doctype, doc.name)
	if before is None and doc.get("amended_from"):
		# An amendment is a copy of the cancelled record: its values, unchanged, are the system's.
		before = frappe.get_doc(doc.doctype, doc.amended_from)
	changed = [f for f in fields if f not in allowed and _changed(doc, before, f)]
	for table, row_fields in rows.items():
		if table not in allowed and _rows_changed(doc, before, table, row_fields):
			changed.append(table)
	for table in tables:
		stored = _table_signature(before, table) if before is not None else []
		if table not in allowed and _table_signature(doc, table) != stored:
			changed.append(table)
	if frozen and before is not None and before.get(frozen[0]) in frozen[1]:
		for field in frozen[2]:
			if field in allowed or field in changed:
				continue
			df = doc.meta.get_field(field)
			if df and df.fieldtype == "Table":
				if _table_signature(doc, field) != _table_signature(before, field):
					changed.append(field)
			elif _changed(doc, before, field):
				changed.append(field)
		if changed and all(f in frozen[2] for f in changed):
			frappe.throw(
				_("The request is with the committee or decided ({0}): {1} can no longer be changed.").format(
					_(before.get(frozen[0])), ", ".join(_label(doc, f) for f in changed)
				),
				CodeOwnedFieldError,
				title=_("Not Permitted"),
			)
	if changed:
		frappe.throw(
			_("{0} is set by the system and cannot be changed by hand.").format(
				", ".join(_label(doc, f) for f in changed)
			),
			CodeOwnedFieldError,
			title=_("Not Permitted"),
		)


def _label(doc, fieldname: str) -> str:
	df = doc.meta.get_field(fieldname)
	return frappe.bold(_(df.label) if df and df.label else fieldname)


def _changed(doc, before, fieldname: str) -> bool:
	df = doc.meta.get_field(fieldname)
	if before is None:
		default = df.default if df else None
		return _normal(df, doc.get(fieldname)) != _normal(df, default)
	return _normal(df, doc.get(fieldname)) != _normal(df, before.get(fieldname))


def _normal(df, value):
	"""A value as stored, whatever form the client sent it in ("1", 1, "2026-11-25 10:00:00.000000")."""
	if value in (None, "", 0, "0", 0.0):
		return None
	fieldtype = df.fieldtype if df else "Data"
	if fieldtype in ("Check", "Int"):
		return cint(value) or None
	if fieldtype in ("Float", "Currency", "Percent"):
		return flt(value) or None
	if fieldtype == "Date":
		return getdate(value)
	if fieldtype == "Datetime":
		return get_datetime(value).replace(microsecond=0)
	return cstr(value)


def _rows_changed(doc, before, table: str, row_fields: tuple[str, ...]) -> bool:
	"""A code-owned row field set or changed by the client: rows are matched by name; a new row must
	bring none of them."""
	meta = frappe.get_meta(doc.meta.get_field(table).options)
	stored = {row.name: row for row in (before.get(table) if before else [])}
	for row in doc.get(table) or []:
		old = stored.get(row.name)
		for field in row_fields:
			df = meta.get_field(field)
			if _normal(df, row.get(field)) != _normal(df, old.get(field) if old else None):
				return True
	return False


def _table_signature(doc, table: str) -> list[tuple]:
	meta = frappe.get_meta(doc.meta.get_field(table).options)
	fields = [df for df in meta.fields if df.fieldtype not in ("Section Break", "Column Break", "Tab Break")]
	return [tuple(_normal(df, row.get(df.fieldname)) for df in fields) for row in doc.get(table) or []]
