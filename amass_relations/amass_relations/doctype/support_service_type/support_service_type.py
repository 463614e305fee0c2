# Copyright (c) 2026, Amass Association and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document


class SupportServiceTypeError(frappe.ValidationError):
	pass


class SupportServiceType(Document):
	def validate(self):
		if not self.is_financial:
			self.maximum_amount = 0
		elif (self.maximum_amount or 0) <= 0:
			frappe.throw(_("A financial service needs a maximum amount above zero."), SupportServiceTypeError)
		documents = [row.document_type for row in self.required_documents]
		if len(documents) != len(set(documents)):
			frappe.throw(
				_("A document type is listed twice in the required documents."), SupportServiceTypeError
			)
