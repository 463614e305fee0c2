"""Documents a support request needs, and the medical wall.

A request's document rows are read by everyone who reads the request — branch representatives and the
committee's secretary included, who do not read medical data. A medical document (a hospital referral,
a medical report) therefore never stays on a row: its file goes onto a medical Beneficiary Document,
which only medical readers open, and the row points at that record. A document that one request needs
(scope Request) is linked to that request and is not reused by others; a document of the person (scope
Beneficiary) is reused by later requests while it is valid."""

import frappe
from frappe.utils import getdate, today

from amass_relations.constants import SCOPE_REQUEST
from amass_relations.permissions.code_owned import allow_code_write

DOCTYPE = "Beneficiary Document"


def medical_document_types() -> set[str]:
	return set(frappe.get_all("Document Type", filters={"is_medical": 1}, pluck="name"))


def valid_documents(beneficiary: str, request: str | None = None, on=None) -> dict[str, str]:
	"""The beneficiary's verified, unexpired documents on `on`, as {document type: record name}: the
	person's own, and those kept for `request` (never another request's)."""
	on = getdate(on or today())
	valid = {}
	for document in frappe.get_all(
		DOCTYPE,
		filters={"beneficiary": beneficiary, "verified_on": ("is", "set")},
		fields=["name", "document_type", "expiry_date", "support_request"],
		order_by="creation desc",
	):
		if document.support_request and document.support_request != request:
			continue
		if document.document_type not in valid and (
			not document.expiry_date or getdate(document.expiry_date) >= on
		):
			valid[document.document_type] = document.name
	return valid


def move_behind_medical_wall(request, row) -> str:
	"""The file on a request's document row becomes a medical Beneficiary Document (linked to the
	request when the document is the request's own); the row keeps only that record's name. The File
	row uploaded against the request is handed to the new record, so nothing on the request points at
	the medical bytes any more. Returns the Beneficiary Document's name."""
	file_url = row.file
	scope = frappe.get_cached_value("Document Type", row.document_type, "scope")
	# Uploaded against the request (or the unsaved form): released, then attached to the new record by
	# the framework's own attach step (attach_files_to_document picks up an unattached File). Frappe
	# stores identical bytes once, so another row of the request may hold the same URL: then the bytes
	# stay with the request and the new record gets its own copy (permissions/files.py, guard_file).
	shared = any(other is not row and other.file == file_url for other in request.documents)
	uploads = [
		file.name
		for file in frappe.get_all(
			"File",
			filters={"file_url": file_url, "attached_to_doctype": request.doctype},
			fields=["name", "attached_to_name"],
			order_by="creation asc",
		)
		if file.attached_to_name in (request.name, None, "") or file.attached_to_name.startswith("new-")
	]
	if uploads and not shared:
		frappe.db.set_value(
			"File",
			uploads[0],
			{"attached_to_doctype": None, "attached_to_name": None, "attached_to_field": None},
			update_modified=False,
		)
		# The same bytes uploaded twice on this request: one File row is enough (the bytes stay on disk).
		for name in uploads[1:]:
			frappe.db.delete("File", name)
	document = frappe.get_doc(
		{
			"doctype": DOCTYPE,
			"beneficiary": request.beneficiary,
			# What the link fetches would set (links are not validated here, see below).
			"beneficiary_name": frappe.db.get_value("Beneficiary", request.beneficiary, "full_name"),
			"branch_office": frappe.db.get_value("Beneficiary", request.beneficiary, "branch_office"),
			"document_type": row.document_type,
			"file": file_url,
			"expiry_date": row.expiry_date,
			"support_request": request.name if scope == SCOPE_REQUEST else None,
		}
	)
	document.flags.ignore_permissions = True
	# The request itself may not be stored yet (a new request): it is, in the same transaction.
	document.flags.ignore_links = True
	allow_code_write(document, "support_request")
	document.insert()
	return document.name
