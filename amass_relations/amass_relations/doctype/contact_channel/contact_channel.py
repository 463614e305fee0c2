# Copyright (c) 2026, Amass Association and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document


class StandardChannelError(frappe.ValidationError):
	pass


class ContactChannel(Document):
	def on_trash(self):
		if self.is_standard and not self._is_app_setup():
			frappe.throw(
				_("{0} is a standard channel of the policy and cannot be deleted. Disable it instead.").format(
					frappe.bold(_(self.name))
				),
				StandardChannelError,
			)

	def before_rename(self, old_name, new_name, merge=False):
		if self.is_standard and not self._is_app_setup():
			frappe.throw(
				_("{0} is a standard channel of the policy and cannot be renamed.").format(frappe.bold(_(old_name))),
				StandardChannelError,
			)

	def validate(self):
		if self._is_app_setup():
			return
		# Only install code marks a record standard; an admin's own channel stays theirs to change.
		before = self.get_doc_before_save()
		self.is_standard = before.is_standard if before else 0
		if self.is_standard and self.channel_name != self.name:
			frappe.throw(
				_("{0} is a standard channel of the policy and cannot be renamed.").format(frappe.bold(_(self.name))),
				StandardChannelError,
			)

	def _is_app_setup(self) -> bool:
		"""Install code, patches and uninstall manage standard records; nobody else does."""
		return bool(
			self.flags.standard_record_setup
			or frappe.flags.in_install
			or frappe.flags.in_uninstall
			or frappe.flags.in_patch
		)
