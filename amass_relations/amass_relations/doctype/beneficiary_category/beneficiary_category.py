# Copyright (c) 2026, Amass Association and contributors
# For license information, please see license.txt

from frappe.model.document import Document

from amass_relations.services.standard_records import StandardRecordMixin


class BeneficiaryCategory(StandardRecordMixin, Document):
	name_field = "category_name"

	def validate(self):
		self.validate_standard_record()
