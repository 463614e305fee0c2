"""Undo of install.py, plus what the framework leaves behind when an app's doctypes are dropped.

`bench uninstall-app` drops the app's doctypes, module and standard workspace; the records below sit in
the framework's own tables and point at those doctypes or at the app's roles, so they would outlive the
app. Frappe's own standard records (workflow states such as "Approved", its roles) are never touched."""

from contextlib import nullcontext
from unittest.mock import patch

import frappe
from frappe.model.base_document import get_controller
from frappe.model.delete_doc import delete_dynamic_links

from amass_relations.constants import APP_NAME, APP_ROLES
from amass_relations.permissions.imports import remove_import_permissions
from amass_relations.rules.series import series_pattern

# Framework tables that point at a doctype: (doctype, field holding the doctype name).
# Records are deleted through the ORM where they own files or children, else in bulk.
_DOCTYPE_REFERENCES = (
	("Custom Field", "dt"),
	("Property Setter", "doc_type"),
	("Custom DocPerm", "parent"),
	("User Permission", "allow"),
	("Client Script", "dt"),
	("Server Script", "reference_doctype"),
	("Print Format", "doc_type"),
	("Notification", "document_type"),
	("Assignment Rule", "document_type"),
	("Document Naming Rule", "document_type"),
	("Report", "ref_doctype"),
	("Dashboard Chart", "document_type"),
	("Number Card", "document_type"),
	("Kanban Board", "reference_doctype"),
	("List View Settings", "name"),
	("Web Form", "doc_type"),
	("Data Import", "reference_doctype"),
	("Auto Repeat", "reference_doctype"),
	("Milestone", "reference_type"),
	("Success Action", "ref_doctype"),
	("Form Tour", "reference_doctype"),
	("Version", "ref_doctype"),
	("Comment", "reference_doctype"),
	("Communication Link", "link_doctype"),
	("ToDo", "reference_type"),
	("DocShare", "share_doctype"),
	("Tag Link", "document_type"),
	("Document Follow", "ref_doctype"),
	("View Log", "reference_doctype"),
	("Notification Log", "document_type"),
	("Email Queue", "reference_doctype"),
	("Energy Point Log", "reference_doctype"),
	("Activity Log", "reference_doctype"),
	("Error Log", "reference_doctype"),
	("Submission Queue", "ref_doctype"),
)

# Records that own files on disk or child rows go through delete_doc.
_DELETE_THROUGH_ORM = {
	"File",
	"Assignment Rule",
	"Dashboard Chart",
	"Number Card",
	"Workflow",
	"Report",
	"Print Format",
	"Notification",
	"Web Form",
	"Data Import",
}


def before_uninstall():
	doctypes = app_doctypes()
	delete_demo_users()
	delete_workflow_actions(doctypes)
	delete_workflows(doctypes)
	delete_files(doctypes)
	for doctype, fieldname in _DOCTYPE_REFERENCES:
		delete_references(doctype, fieldname, doctypes)
	delete_user_settings(doctypes)
	delete_singles(doctypes)
	delete_secrets(doctypes)
	remove_import_permissions()
	restore_portal_settings()
	delete_defaults()
	delete_portal_menu_items(doctypes)
	delete_roles()
	delete_scheduled_job_types()
	delete_naming_series(doctypes)
	delete_patch_log()
	forget_survey_secret()


def app_doctypes() -> list[str]:
	modules = frappe.get_all("Module Def", filters={"app_name": APP_NAME}, pluck="name")
	return frappe.get_all("DocType", filters={"module": ("in", modules)}, pluck="name") if modules else []


# The app's own standard records (its module's reports, print formats) go with the module; these are the
# admins' non-standard ones.
_NON_STANDARD = {
	"Report": {"is_standard": "No"},
	"Print Format": {"standard": "No"},
	"Notification": {"is_standard": 0},
	"Dashboard Chart": {"is_standard": 0},
	"Number Card": {"is_standard": 0},
}


def delete_references(doctype: str, fieldname: str, doctypes: list[str]):
	if not doctypes or not frappe.db.table_exists(doctype):
		return
	if doctype in _DELETE_THROUGH_ORM:
		filters = {fieldname: ("in", doctypes), **_NON_STANDARD.get(doctype, {})}
		for name in frappe.get_all(doctype, filters=filters, pluck="name"):
			frappe.delete_doc(doctype, name, force=True, ignore_permissions=True, delete_permanently=True)
	else:
		frappe.db.delete(doctype, {fieldname: ("in", doctypes)})


def delete_files(doctypes: list[str]):
	"""File.on_trash removes the file from disk (public and private) when nothing else points at it."""
	if not doctypes:
		return
	for name in frappe.get_all(
		"File", filters={"attached_to_doctype": ("in", doctypes)}, pluck="name", order_by="is_folder asc"
	):
		frappe.delete_doc("File", name, force=True, ignore_permissions=True, delete_permanently=True)


def delete_workflow_actions(doctypes: list[str]):
	"""The framework's to-do entries for pending workflow actions, with their permitted-role rows."""
	if not doctypes:
		return
	actions = frappe.get_all("Workflow Action", filters={"reference_doctype": ("in", doctypes)}, pluck="name")
	if actions:
		frappe.db.delete("Workflow Action Permitted Role", {"parent": ("in", actions)})
		frappe.db.delete("Workflow Action", {"name": ("in", actions)})


def delete_workflows(doctypes: list[str]):
	"""The app's workflows, then the states and actions only they used. Frappe's own standard states and
	actions (created by frappe at install, owned by Administrator before ours) stay."""
	if not doctypes:
		return
	workflows = frappe.get_all("Workflow", filters={"document_type": ("in", doctypes)}, pluck="name")
	if not workflows:
		return
	states = set(
		frappe.get_all("Workflow Document State", filters={"parent": ("in", workflows)}, pluck="state")
	)
	actions = set(
		frappe.get_all("Workflow Transition", filters={"parent": ("in", workflows)}, pluck="action")
	)
	for name in workflows:
		frappe.delete_doc("Workflow", name, force=True, ignore_permissions=True, delete_permanently=True)

	still_used_states = set(frappe.get_all("Workflow Document State", pluck="state"))
	still_used_actions = set(frappe.get_all("Workflow Transition", pluck="action"))
	for state in states - still_used_states - frappe_standard_records("Workflow State"):
		frappe.delete_doc(
			"Workflow State", state, force=True, ignore_permissions=True, delete_permanently=True
		)
	for action in actions - still_used_actions - frappe_standard_records("Workflow Action Master"):
		frappe.delete_doc(
			"Workflow Action Master", action, force=True, ignore_permissions=True, delete_permanently=True
		)


def frappe_standard_records(doctype: str) -> set[str]:
	"""Workflow states and actions frappe creates itself (frappe/desk/page/setup_wizard and
	frappe.utils.install); never removed by this app."""
	standard = {
		"Workflow State": {"Pending", "Approved", "Rejected"},
		"Workflow Action Master": {"Approve", "Reject", "Review"},
	}[doctype]
	# Anything created by the framework before this app was installed is the framework's too.
	installed_on = frappe.db.get_value(
		"Installed Application", {"app_name": APP_NAME}, "creation"
	) or frappe.db.get_value("Module Def", {"app_name": APP_NAME}, "creation")
	if installed_on:
		standard |= set(frappe.get_all(doctype, filters={"creation": ("<", installed_on)}, pluck="name"))
	return standard


def delete_user_settings(doctypes: list[str]):
	if doctypes:
		frappe.db.delete("__UserSettings", {"doctype": ("in", doctypes)})


def delete_singles(doctypes: list[str]):
	if doctypes:
		frappe.db.delete("Singles", {"doctype": ("in", doctypes)})
		frappe.db.delete("DefaultValue", {"parent": ("in", doctypes)})


def delete_secrets(doctypes: list[str]):
	"""Password fields' values (the SMS outbox's one-time codes) are kept encrypted in the framework's
	__Auth table, not in the doctype's own."""
	if doctypes:
		frappe.db.delete("__Auth", {"doctype": ("in", doctypes)})


def restore_portal_settings():
	"""The framework settings the install turned on, put back as they were (setup/install.py)."""
	from amass_relations.setup.install import MISSING, PORTAL_FRAMEWORK_SETTINGS, previous_value_key

	for doctype, fieldname, _value in PORTAL_FRAMEWORK_SETTINGS:
		before = frappe.db.get_default(previous_value_key(doctype, fieldname))
		if before is None:
			continue
		if before == MISSING:
			frappe.db.delete("Singles", {"doctype": doctype, "field": fieldname})
		else:
			frappe.db.set_single_value(doctype, fieldname, before)
		frappe.clear_document_cache(doctype, doctype)


def delete_defaults():
	"""The app's own system defaults (what workflow the site was shipped: setup/workflow.py)."""
	frappe.db.delete("DefaultValue", {"defkey": ("like", f"{APP_NAME}_%")})


def delete_portal_menu_items(doctypes: list[str]):
	"""Portal Settings keeps a row per hooked menu item (and admins may add rows for our doctypes)."""
	routes = [
		item.get("route")
		for hook in ("standard_portal_menu_items", "portal_menu_items")
		for item in frappe.get_hooks(hook, app_name=APP_NAME)
	]
	if routes:
		frappe.db.delete("Portal Menu Item", {"route": ("in", routes)})
	if doctypes:
		frappe.db.delete("Portal Menu Item", {"reference_doctype": ("in", doctypes)})


def delete_demo_users():
	"""The logins the demo data created (demo.py: fixed addresses on the demo's reserved domain), with the
	contact Frappe made for each; User's own on_trash removes their permissions, shares, ToDos and
	settings. Any other user, on that domain or not, stays."""
	from amass_relations.demo import DEMO_DOMAIN, DEMO_USER_EMAILS

	for email in DEMO_USER_EMAILS:
		if not email.endswith(f"@{DEMO_DOMAIN}") or not frappe.db.exists("User", email):
			continue
		# User.on_trash only unlinks its contact: deleted first, found by the user or the address.
		contacts = set(frappe.get_all("Contact", filters={"user": email}, pluck="name"))
		contacts |= set(frappe.get_all("Contact Email", filters={"email_id": email}, pluck="parent"))
		for contact in sorted(contacts):
			frappe.delete_doc(
				"Contact", contact, force=True, ignore_permissions=True, delete_permanently=True
			)
			delete_dynamic_links("Contact", contact)
		# Frappe refuses to delete any user while no System Manager but Administrator is enabled (a site
		# whose setup wizard never ran), to keep one System Manager: deleting a user who is none cannot
		# break that, so the check is left out for them.
		keeps_a_system_manager = (
			nullcontext()
			if "System Manager" in frappe.get_roles(email)
			else patch.object(get_controller("User"), "a_system_manager_should_exist", lambda _self: None)
		)
		with keeps_a_system_manager:
			frappe.delete_doc("User", email, force=True, ignore_permissions=True, delete_permanently=True)
		# delete_doc leaves the user's comments, versions and shares to a background job (there may be no
		# worker), and the user's own defaults (their time zone) to nobody.
		delete_dynamic_links("User", email)
		frappe.db.delete("DefaultValue", {"parent": email})


def delete_roles():
	"""The app's roles with every row that grants them: user and role-profile roles, permissions."""
	for role in APP_ROLES:
		if not frappe.db.exists("Role", role):
			continue
		frappe.db.delete("Has Role", {"role": role})
		frappe.db.delete("DocPerm", {"role": role})
		frappe.db.delete("Custom DocPerm", {"role": role})
		if frappe.db.table_exists("Notification Recipient"):
			frappe.db.delete("Notification Recipient", {"receiver_by_role": role})
		frappe.delete_doc("Role", role, force=True, ignore_permissions=True, delete_permanently=True)
	frappe.clear_cache()


def delete_scheduled_job_types():
	"""Scheduler entries synced from the app's hooks; their logs go with them."""
	jobs = frappe.get_all("Scheduled Job Type", filters={"method": ("like", f"{APP_NAME}.%")}, pluck="name")
	if jobs:
		frappe.db.delete("Scheduled Job Log", {"scheduled_job_type": ("in", jobs)})
		frappe.db.delete("Scheduled Job Type", {"name": ("in", jobs)})


def delete_naming_series(doctypes: list[str]):
	"""The counters behind the app's record names (BEN-, SR-2026-, ...), kept in the framework's Series:
	exactly those the app's naming rules use, never another app's that starts alike (rules/series.py)."""
	for doctype in doctypes:
		pattern = series_pattern(frappe.db.get_value("DocType", doctype, "autoname"))
		if pattern:
			frappe.db.sql("delete from `tabSeries` where `name` regexp %s", (pattern,))


def delete_patch_log():
	"""So a later install runs the app's patches again instead of believing they ran."""
	frappe.db.delete("Patch Log", {"patch": ("like", f"{APP_NAME}.%")})


def forget_survey_secret():
	"""The key of the app's survey links (services/surveys.py) leaves the site's config with the app."""
	from frappe.installer import update_site_config

	if frappe.conf.get("amass_survey_secret"):
		update_site_config("amass_survey_secret", "None")
