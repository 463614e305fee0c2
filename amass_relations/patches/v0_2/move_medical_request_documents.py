"""Medical files left on request document rows (before the medical wall covered requests) move onto
medical Beneficiary Documents of their request, keeping the verification they had."""

import frappe

from amass_relations.services.documents import medical_document_types, move_behind_medical_wall


def execute():
	medical = medical_document_types()
	if not medical:
		return
	parents = frappe.get_all(
		"Support Request Document",
		filters={
			"parenttype": "Support Request",
			"document_type": ("in", list(medical)),
			"file": ("is", "set"),
		},
		pluck="parent",
		distinct=True,
	)
	for parent in parents:
		request = frappe.get_doc("Support Request", parent)
		for row in request.documents:
			if not (row.file and row.document_type in medical):
				continue
			document = move_behind_medical_wall(request, row)
			if row.verified_on:
				frappe.db.set_value(
					"Beneficiary Document",
					document,
					{"verified_by": row.verified_by, "verified_on": row.verified_on},
					update_modified=False,
				)
			frappe.db.set_value(
				"Support Request Document",
				row.name,
				{"beneficiary_document": document, "file": None},
				update_modified=False,
			)
