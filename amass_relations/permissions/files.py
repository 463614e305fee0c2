"""Files. A private file is downloadable by whoever reads any File row with its URL, and always by that
row's owner. Two ways around the walls are closed here:

- Anyone who may create a File (every user) could insert a row pointing at an existing private URL —
  a medical scan's — and download it as that row's owner. A File is readable only when no row with the
  same URL is attached to an app record its reader may not read (`file_has_permission`).
- Frappe stores identical bytes once and gives a second upload the first one's URL, so attaching the
  same scan to a medical record and to a request would make it readable by every reader of the request.
  Where an app record holds the bytes or gets them, an attachment to another record gets its own copy,
  and the record's field points at the copy (between other apps' records Frappe's sharing stays).

A medical document a request needs never stays on the request: services/documents.py moves it onto a
medical Beneficiary Document, so the File follows a record behind the medical wall."""

import frappe
from frappe import _
from frappe.core.doctype.file.file import File

from amass_relations.constants import MODULE_NAME
from amass_relations.permissions.branches import BRANCH_OF, reference_has_permission


def file_has_permission(doc, ptype: str | None = None, user: str | None = None, **kwargs) -> bool:
	user = user or frappe.session.user
	if user == "Administrator":
		return True
	if not reference_has_permission(doc, ptype, user):
		return False
	if not doc.file_url or not doc.is_private:
		return True
	siblings = frappe.get_all(
		"File",
		filters={
			"file_url": doc.file_url,
			"name": ("!=", doc.name or ""),
			"attached_to_doctype": ("in", list(BRANCH_OF)),
		},
		fields=["attached_to_doctype", "attached_to_name"],
	)
	return all(
		frappe.has_permission(row.attached_to_doctype, "read", doc=row.attached_to_name, user=user)
		for row in siblings
		if row.attached_to_name and frappe.db.exists(row.attached_to_doctype, row.attached_to_name)
	)


def guard_file(doc, method=None):
	"""File.before_insert, after the framework's own (which may have reused another file's URL). A row
	pointing at bytes that other rows hold is refused unless its creator may already read them, and an
	attachment to another record gets its own copy."""
	if doc.is_folder or doc.is_remote_file or not doc.file_url:
		return
	others = frappe.get_all(
		"File",
		filters={"file_url": doc.file_url, "name": ("!=", doc.name or "")},
		fields=["name", "attached_to_doctype", "attached_to_name"],
	)
	if not others:
		return
	if not may_read_existing_bytes(others):
		frappe.throw(_("You may not attach this file."), frappe.PermissionError, title=_("Not Permitted"))
	records = {(row.attached_to_doctype, row.attached_to_name) for row in others}
	if (
		doc.attached_to_doctype
		and records - {(doc.attached_to_doctype, doc.attached_to_name)}
		# Bytes shared between two records of other apps are the framework's business, as without the app.
		and any(is_app_doctype(doctype) for doctype, _name in (*records, (doc.attached_to_doctype, None)))
	):
		give_own_copy(doc)


def is_app_doctype(doctype: str | None) -> bool:
	return bool(doctype) and frappe.get_meta(doctype).module == MODULE_NAME


def may_read_existing_bytes(rows) -> bool:
	if frappe.session.user == "Administrator" or frappe.flags.in_install or frappe.flags.in_migrate:
		return True
	return any(frappe.has_permission("File", "read", doc=frappe.get_doc("File", row.name)) for row in rows)


def give_own_copy(doc):
	old_url = doc.file_url
	content = doc.get_content()
	doc.file_name = old_url.rsplit("/", 1)[-1]
	doc.file_url = None
	doc.save_file(content=content, ignore_existing_file_check=True)
	# Frappe deletes a file from disk only when no other File row has the same content hash: the copy
	# gets a hash of its own, so deleting its record deletes its bytes (a medical scan does not linger
	# on disk after its record is gone).
	doc.content_hash = f"{doc.content_hash}-{frappe.generate_hash(length=10)}"
	if doc.attached_to_field and frappe.db.exists(doc.attached_to_doctype, doc.attached_to_name):
		frappe.db.set_value(
			doc.attached_to_doctype,
			{"name": doc.attached_to_name, doc.attached_to_field: old_url},
			doc.attached_to_field,
			doc.file_url,
			update_modified=False,
		)


class GuardedFile(File):
	"""Frappe decides a private file's download with its own File rule alone (is_downloadable calls the
	File module's has_permission, not the hooks): the app's walls are asked too."""

	def is_downloadable(self):
		return bool(super().is_downloadable()) and file_has_permission(self, "read", frappe.session.user)

	def save_file(self, content=None, decode=False, ignore_existing_file_check=False, overwrite=False):
		"""A file the app's code marks `own_copy` (a beneficiary's upload on the portal) is written as its
		own bytes, never given another row's URL, and keeps a content hash of its own: deleting its
		record deletes its bytes, and no later upload is handed its URL."""
		own = bool(self.flags.own_copy)
		written = super().save_file(content, decode, ignore_existing_file_check or own, overwrite)
		if own and self.content_hash and "-" not in self.content_hash:
			self.content_hash = f"{self.content_hash}-{frappe.generate_hash(length=10)}"
		return written
