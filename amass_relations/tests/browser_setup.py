"""Prepares the served test site for the browser suite (scripts/test.sh runs it with `bench execute`
after the integration suite): the setup wizard answered as on a dev site, and one desk user per
language the desk is checked in. Prints the users as JSON for the browser tests."""

import json

import frappe

from amass_relations.constants import ROLE_OFFICER
from amass_relations.setup.dev_site import complete_setup_wizard

BROWSER_USERS = {
	"ar": "browser.ar@amass-demo.example.com",
	"en": "browser.en@amass-demo.example.com",
}


def prepare(password: str):
	complete_setup_wizard(password)
	for language, email in BROWSER_USERS.items():
		if frappe.db.exists("User", email):
			user = frappe.get_doc("User", email)
		else:
			user = frappe.new_doc("User")
			user.update({"email": email, "first_name": f"Browser {language}", "send_welcome_email": 0})
		user.language = language
		user.user_type = "System User"
		user.new_password = password
		user.save(ignore_permissions=True)
		user.add_roles(ROLE_OFFICER)
	frappe.db.commit()
	print(json.dumps(BROWSER_USERS))
