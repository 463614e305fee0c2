"""Running a step as the user who decides it (a workflow transition checks the session user's roles)."""

from contextlib import contextmanager

import frappe


@contextmanager
def acting_as(user: str):
	previous = frappe.session.user
	if user and user != previous:
		frappe.set_user(user)
	try:
		yield
	finally:
		if frappe.session.user != previous:
			frappe.set_user(previous)
