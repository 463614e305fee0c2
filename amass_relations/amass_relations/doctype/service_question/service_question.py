# Copyright (c) 2026, Amass Association and contributors
# For license information, please see license.txt

from frappe.model.document import Document

from amass_relations.services.service_guide import clear_guide_cache


class ServiceQuestion(Document):
	def on_update(self):
		clear_guide_cache()

	def on_trash(self):
		clear_guide_cache()
