"""Data Import, the framework's importer, for the roles that register beneficiaries.

Frappe opens Data Import to System Managers only, and its desk offers a user only the doctypes their
role may import (`can_import`) without the server checking it. The app lets IMPORT_ROLES keep their own
imports (Custom DocPerm, only the records they made: the files hold national IDs) and checks the import
right on every save of a Data Import, whatever the route."""

import frappe
from frappe import _
from frappe.permissions import setup_custom_perms

from amass_relations.constants import APP_NAME, ROLE_MANAGER, ROLE_OFFICER

IMPORT_ROLES = (ROLE_OFFICER, ROLE_MANAGER)
DOCTYPE = "Data Import"
# Set when the app's install turned Data Import's permissions into custom ones (Frappe copies the
# standard rows the first time a custom one is added): uninstall puts them back as they were.
SET_UP_DEFAULT = f"{APP_NAME}_data_import_permissions"
RIGHTS = ("read", "write", "create")


def ensure_import_permissions():
	if setup_custom_perms(DOCTYPE):
		frappe.db.set_default(SET_UP_DEFAULT, "1")
	for role in IMPORT_ROLES:
		if frappe.db.exists("Custom DocPerm", {"parent": DOCTYPE, "role": role, "permlevel": 0}):
			continue
		frappe.get_doc(
			{
				"doctype": "Custom DocPerm",
				"parent": DOCTYPE,
				"parenttype": "DocType",
				"parentfield": "permissions",
				"role": role,
				"permlevel": 0,
				"if_owner": 1,
				**dict.fromkeys(RIGHTS, 1),
			}
		).insert(ignore_permissions=True)
	frappe.clear_cache(doctype=DOCTYPE)


def remove_import_permissions():
	"""After the app's roles and their rows are gone: the copies of Frappe's own rows go too, unless an
	admin has changed Data Import's permissions since."""
	frappe.db.delete("Custom DocPerm", {"parent": DOCTYPE, "role": ("in", IMPORT_ROLES)})
	if not frappe.db.get_default(SET_UP_DEFAULT):
		return
	fields = ("role", "permlevel", "if_owner", *RIGHTS, "delete", "export", "share", "print", "report")

	def rows(doctype):
		return sorted(tuple(row) for row in frappe.get_all(doctype, {"parent": DOCTYPE}, fields, as_list=1))

	if rows("Custom DocPerm") == rows("DocPerm"):
		frappe.db.delete("Custom DocPerm", {"parent": DOCTYPE})
	frappe.clear_cache(doctype=DOCTYPE)


def validate_data_import(doc, method=None):
	"""doc_events: a Data Import only into a doctype the user's role may import."""
	if doc.reference_doctype and not frappe.has_permission(doc.reference_doctype, "import"):
		frappe.throw(
			_("You may not import {0}: your role does not allow it.").format(_(doc.reference_doctype)),
			frappe.PermissionError,
			title=_("Not Permitted"),
		)
