# Copyright (c) 2026, Amass Association and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class CommitteeEscalation(Document):
	pass


def on_doctype_update():
	from amass_relations.services.deadlines import on_doctype_update as add_unique_index

	add_unique_index()
