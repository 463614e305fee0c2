"""Branch offices: which branch serves a city, and which branches a user is limited to.

A Branch Office's user list is the one source of truth: saving the branch writes its users' User
Permissions, and the permission hooks read those User Permissions back."""

import frappe

from amass_relations.constants import REQUEST_OPEN_STATUSES

BRANCH_DOCTYPE = "Branch Office"


def branch_for_city(city: str | None) -> str | None:
	"""The branch that serves `city` (its own city or one of its cities served), else headquarters."""
	if city:
		city = city.strip()
		branch = frappe.db.get_value(BRANCH_DOCTYPE, {"city": city}, "name") or frappe.db.get_value(
			"Branch Office City", {"city": city, "parenttype": BRANCH_DOCTYPE}, "parent"
		)
		if branch:
			return branch
	return headquarters()


def headquarters() -> str | None:
	return frappe.db.get_value(BRANCH_DOCTYPE, {"is_headquarters": 1}, "name")


def sync_user_permissions(branch):
	"""Create and remove User Permissions so that exactly the branch's listed users are limited to it."""
	wanted = {row.user for row in branch.users if row.user}
	existing = frappe.get_all(
		"User Permission",
		filters={"allow": BRANCH_DOCTYPE, "for_value": branch.name},
		fields=["name", "user"],
	)
	for permission in existing:
		if permission.user not in wanted:
			frappe.delete_doc(
				"User Permission", permission.name, ignore_permissions=True, delete_permanently=True
			)
	for user in sorted(wanted - {p.user for p in existing}):
		frappe.get_doc(
			{
				"doctype": "User Permission",
				"user": user,
				"allow": BRANCH_DOCTYPE,
				"for_value": branch.name,
				"apply_to_all_doctypes": 1,
			}
		).insert(ignore_permissions=True)


def remove_user_permissions(branch_name: str):
	for name in frappe.get_all(
		"User Permission", filters={"allow": BRANCH_DOCTYPE, "for_value": branch_name}, pluck="name"
	):
		frappe.delete_doc("User Permission", name, ignore_permissions=True, delete_permanently=True)


def allowed_branches(user: str | None = None) -> list[str] | None:
	"""The branches `user` is limited to, or None when the user is not limited to any branch."""
	user = user or frappe.session.user
	if user == "Administrator":
		return None
	permissions = frappe.permissions.get_user_permissions(user).get(BRANCH_DOCTYPE)
	if not permissions:
		return None
	return sorted({p.get("doc") for p in permissions})


# What moves with a beneficiary to another branch: their documents, carers' authorizations for them,
# and their requests that are still open (closed ones stay with the branch that served them).
def move_open_records(beneficiary: str, branch: str):
	for doctype, field in (("Beneficiary Document", "beneficiary"), ("Carer Authorization", "patient")):
		frappe.db.set_value(doctype, {field: beneficiary}, "branch_office", branch, update_modified=False)
	frappe.db.set_value(
		"Support Request",
		{"beneficiary": beneficiary, "status": ("in", [str(s) for s in REQUEST_OPEN_STATUSES])},
		"branch_office",
		branch,
		update_modified=False,
	)


# Temporary access to one beneficiary's file across the branch wall (Branch Access Grant).
GRANT_ACTIVE = "Active"
GRANT_EXPIRED = "Expired"
GRANT_REVOKED = "Revoked"


def granted_beneficiaries(user: str) -> list[str]:
	"""Beneficiaries whose files `user` may read today by an active grant."""
	from frappe.utils import today

	def load():
		return frappe.get_all(
			"Branch Access Grant",
			filters={"user": user, "status": GRANT_ACTIVE, "valid_until": (">=", today())},
			pluck="beneficiary",
		)

	key = f"amass_grants::{user}"
	granted = frappe.cache.get_value(key)
	if granted is None:
		granted = load()
		frappe.cache.set_value(key, granted, expires_in_sec=300)
	return granted
