"""A Data Import made in code as the desk makes it (the session user's Data Import, the CSV attached as a
private file), for the import benchmark and the tests: the framework's importer then does the rest."""

import csv
import io

import frappe

# The columns of a beneficiary import file: what a branch's registry spreadsheet holds.
BENEFICIARY_COLUMNS = [
	"national_id",
	"full_name",
	"gender",
	"date_of_birth",
	"mobile_no",
	"branch_office",
	"beneficiary_category",
]


def prepare_import(doctype: str, header: list[str], rows: list, file_name: str):
	"""A saved Data Import of `rows` (lists or dicts keyed by `header`) into `doctype`, ready to start."""
	data_import = frappe.get_doc(
		{"doctype": "Data Import", "reference_doctype": doctype, "import_type": "Insert New Records"}
	).insert()
	out = io.StringIO()
	writer = csv.writer(out)
	writer.writerow(header)
	writer.writerows([row[field] for field in header] if isinstance(row, dict) else row for row in rows)
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": file_name,
			"attached_to_doctype": "Data Import",
			"attached_to_name": data_import.name,
			"is_private": 1,
			"content": out.getvalue().encode(),
		}
	).insert()
	data_import.import_file = file.file_url
	data_import.mute_emails = 1
	data_import.save()
	return data_import
