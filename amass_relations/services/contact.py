"""The one consent gate for every message about a request (decision emails, in-app notices, SMS): the
request's contact person's consent and status, and the patient's status (rules/contact.py)."""

import frappe

from amass_relations.rules.contact import contact_problem


def contact_of(support_request: str) -> frappe._dict:
	"""The request's contact person as messages need them, with `may_contact` from the gate."""
	patient, contact = frappe.db.get_value(
		"Support Request", support_request, ["beneficiary", "contact_person"]
	)
	fields = ["name", "email", "mobile_no", "preferred_language", "contact_consent", "status", "user"]
	person = frappe.db.get_value("Beneficiary", contact or patient, fields, as_dict=True)
	patient_status = (
		person.status if patient == person.name else frappe.db.get_value("Beneficiary", patient, "status")
	)
	person.problem = contact_problem(patient_status, person.status, person.contact_consent)
	person.may_contact = person.problem is None
	return person
