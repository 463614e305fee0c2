"""Policy S3: a person or a request is referred to a social researcher, who finds it in their ToDo list
(Frappe's assignment)."""

import frappe
from frappe import _
from frappe.desk.form.assign_to import add as add_assignment

from amass_relations.constants import ROLE_SOCIAL_RESEARCHER


class NotASocialResearcherError(frappe.ValidationError):
	pass


def check_social_researcher(user: str):
	if ROLE_SOCIAL_RESEARCHER not in frappe.get_roles(user):
		frappe.throw(
			_("{0} is not a social researcher.").format(frappe.bold(user)), NotASocialResearcherError
		)


def assign_to_social_researcher(doc, researcher: str, description: str):
	add_assignment(
		{"doctype": doc.doctype, "name": doc.name, "assign_to": [researcher], "description": description}
	)
