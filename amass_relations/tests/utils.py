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


TEST_ID_START = 9000  # tests take demo-block IDs from here on (rules/identity.py), demo data below it


def test_national_id(n: int) -> str:
	from amass_relations.rules.identity import demo_national_id

	return demo_national_id(TEST_ID_START + n)


def make_branch(name: str, city: str, users: tuple[str, ...] = (), headquarters: int = 0) -> str:
	if frappe.db.exists("Branch Office", name):
		branch = frappe.get_doc("Branch Office", name)
		branch.set("users", [{"user": u} for u in users])
		branch.save(ignore_permissions=True)
		return name
	frappe.get_doc(
		{
			"doctype": "Branch Office",
			"branch_name": name,
			"city": city,
			"is_headquarters": headquarters,
			"users": [{"user": u} for u in users],
		}
	).insert(ignore_permissions=True)
	return name


def make_beneficiary(n: int, branch: str, **values) -> "frappe.model.document.Document":
	"""A valid beneficiary with test ID number n (0-999), inserted as the session user."""
	from amass_relations.constants import CATEGORY_PATIENT

	doc = frappe.get_doc(
		{
			"doctype": "Beneficiary",
			"national_id": test_national_id(n),
			"full_name": values.pop("full_name", f"مستفيد اختبار {n}"),
			"gender": "Female",
			"date_of_birth": "1980-01-15",
			"branch_office": branch,
			"beneficiary_category": CATEGORY_PATIENT,
			"mobile_no": f"0500{9000 + n:06d}"[:10],
			**values,
		}
	)
	doc.insert()
	return doc
