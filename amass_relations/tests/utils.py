"""The integration tests' base class, imported from one place: v15 has FrappeTestCase, v16 names it
IntegrationTestCase and keeps FrappeTestCase only as a deprecated shim."""

try:
	from frappe.tests import IntegrationTestCase as AmassTestCase  # v16
except ImportError:
	from frappe.tests.utils import FrappeTestCase as AmassTestCase  # v15

import frappe

__all__ = ["AmassTestCase", "make_user"]


def make_user(email: str, roles: list[str], first_name: str = "Test") -> str:
	"""A desk user with exactly these roles (created once, roles reset on each call)."""
	if not frappe.db.exists("User", email):
		frappe.get_doc(
			{"doctype": "User", "email": email, "first_name": first_name, "send_welcome_email": 0}
		).insert(ignore_permissions=True)
	user = frappe.get_doc("User", email)
	user.set("roles", [{"role": role} for role in roles])
	user.save(ignore_permissions=True)
	return email
