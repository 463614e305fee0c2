"""Standard records: masters the app ships from the policy (channels, categories, document types).

Admins may disable them and edit their descriptions, not rename or delete them; only install code and
patches mark a record standard. An admin's own records stay theirs to change."""

import frappe
from frappe import _


class StandardRecordError(frappe.ValidationError):
	pass


def is_app_setup(doc) -> bool:
	return bool(
		doc.flags.standard_record_setup
		or frappe.flags.in_install
		or frappe.flags.in_uninstall
		or frappe.flags.in_patch
	)


class StandardRecordMixin:
	"""For a controller whose doctype is named by `name_field` and has an `is_standard` check."""

	name_field: str

	def validate_standard_record(self):
		if is_app_setup(self):
			return
		before = self.get_doc_before_save()
		self.is_standard = before.is_standard if before else 0
		if self.is_standard and self.get(self.name_field) != self.name:
			self._refuse(_("{0} is a standard record of the policy and cannot be renamed."))

	def on_trash(self):
		if self.is_standard and not is_app_setup(self):
			self._refuse(
				_("{0} is a standard record of the policy and cannot be deleted. Disable it instead.")
			)

	def before_rename(self, old_name, new_name, merge=False):
		if self.is_standard and not is_app_setup(self):
			self._refuse(_("{0} is a standard record of the policy and cannot be renamed."))

	def _refuse(self, message: str):
		frappe.throw(message.format(frappe.bold(_(self.name))), StandardRecordError)


def insert_standard_record(values: dict):
	"""Insert a standard record when missing; never touch an existing one."""
	doctype, name_field = values["doctype"], values.pop("name_field")
	if frappe.db.exists(doctype, values[name_field]):
		return
	record = frappe.get_doc({**values, "is_standard": 1})
	record.flags.standard_record_setup = True
	record.insert(ignore_permissions=True)
