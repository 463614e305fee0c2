"""The one consent gate for every message about a request or to a beneficiary (decision emails, in-app
notices, SMS, portal invitations): the request's contact person's consent and status, and the patient's
status (rules/contact.py)."""

import frappe
from frappe import _

from amass_relations.rules.contact import contact_problem

# A person as a message to them needs them (the request's contact person, or a beneficiary).
CONTACT_FIELDS = [
	"name",
	"email",
	"mobile_no",
	"preferred_language",
	"preferred_contact_channel",
	"contact_consent",
	"status",
	"user",
]


def contact_of(support_request: str) -> frappe._dict:
	"""The request's contact person as messages need them, with `may_contact` from the gate."""
	patient, contact = frappe.db.get_value(
		"Support Request", support_request, ["beneficiary", "contact_person"]
	)
	person = frappe.db.get_value("Beneficiary", contact or patient, CONTACT_FIELDS, as_dict=True)
	patient_status = (
		person.status if patient == person.name else frappe.db.get_value("Beneficiary", patient, "status")
	)
	person.problem = contact_problem(patient_status, person.status, person.contact_consent)
	person.may_contact = person.problem is None
	return person


def problem_message(problem: str) -> str:
	"""Why no message may go out, in the reader's words."""
	return {
		"patient_gone": _("the patient's file is inactive or the patient has died"),
		"contact_gone": _("the beneficiary's file is inactive or the beneficiary has died"),
		"no_consent": _("the beneficiary has not consented to be contacted"),
	}.get(problem, problem)


def person_contact(beneficiary: str) -> frappe._dict:
	"""A beneficiary as a message to them needs them, with `may_contact` and the reason from the gate."""
	person = frappe.db.get_value("Beneficiary", beneficiary, CONTACT_FIELDS, as_dict=True)
	person.problem = contact_problem(person.status, person.status, person.contact_consent)
	person.may_contact = person.problem is None
	person.reason = problem_message(person.problem) if person.problem else None
	return person
