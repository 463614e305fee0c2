# Copyright (c) 2026, Amass Association and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, now_datetime

from amass_relations.constants import SCOPE_REQUEST
from amass_relations.permissions.code_owned import set_by_code


class BeneficiaryDocumentError(frappe.ValidationError):
	pass


class BeneficiaryDocument(Document):
	def validate(self):
		scope, expires, is_medical = frappe.get_cached_value(
			"Document Type", self.document_type, ["scope", "expires", "is_medical"]
		)
		# The medical wall reads this flag: it comes from the document type, whatever the client sent.
		self.is_medical = is_medical
		if scope == SCOPE_REQUEST and not self.support_request:
			frappe.throw(
				_("{0} belongs to a support request, not to the person: attach it to the request.").format(
					frappe.bold(_(self.document_type))
				),
				BeneficiaryDocumentError,
			)
		if expires and not self.expiry_date:
			frappe.throw(
				_("{0} expires: enter its expiry date.").format(frappe.bold(_(self.document_type))),
				BeneficiaryDocumentError,
			)
		if self.issue_date and self.expiry_date and getdate(self.expiry_date) < getdate(self.issue_date):
			frappe.throw(_("The expiry date cannot be before the issue date."), BeneficiaryDocumentError)
		if self.has_value_changed("file") and not self.is_new():
			# A new file is a new document: it must be verified again.
			self.verified_by = None
			self.verified_on = None

	@frappe.whitelist()
	def verify(self):
		"""The officer confirms the document matches the original (policy S2)."""
		self.load_from_db()
		self.check_permission("write")
		set_by_code(self, verified_by=frappe.session.user, verified_on=now_datetime())
		self.save()


def on_doctype_update():
	# A beneficiary's documents (valid_documents, the Beneficiary form's connections) newest first,
	# and the list's sort (creation) with and without the branch.
	frappe.db.add_index("Beneficiary Document", ["beneficiary", "creation"], "beneficiary_creation_index")
	frappe.db.add_index("Beneficiary Document", ["creation"], "creation")
	frappe.db.add_index("Beneficiary Document", ["branch_office", "creation"], "branch_office_creation_index")
