"""Satisfaction figures and the desk's survey by phone: thin doors onto services/feedback_figures.py and
services/surveys.py. Figures about a member of staff or a branch exist only here, as sums of at least k
answers (policy G7: evaluation, not punishment); the Staff Rating table itself has no DocPerm."""

import json

import frappe

from amass_relations.services import feedback_figures, surveys


@frappe.whitelist(methods=["GET", "POST"])
def satisfaction(month_from: str | None = None, month_to: str | None = None) -> list[dict]:
	return feedback_figures.satisfaction(month_from, month_to)


@frappe.whitelist(methods=["GET", "POST"])
def staff_figures(month_from: str | None = None, month_to: str | None = None) -> list[dict]:
	return feedback_figures.staff_figures(month_from, month_to)


@frappe.whitelist(methods=["GET", "POST"])
def branch_figures(month_from: str | None = None, month_to: str | None = None) -> list[dict]:
	return feedback_figures.branch_figures(month_from, month_to)


@frappe.whitelist(methods=["POST"])
def record_phone_survey(reference_doctype: str, reference_name: str, answers, comment: str = "") -> str:
	if isinstance(answers, str):
		try:
			answers = json.loads(answers or "{}")
		except ValueError:
			answers = None
	if not isinstance(answers, dict):
		frappe.throw(frappe._("The answers are not valid."))
	return surveys.record_by_phone(reference_doctype, reference_name, answers, comment)


@frappe.whitelist(methods=["GET"])
def phone_survey_questions(reference_doctype: str, reference_name: str) -> list[dict]:
	return surveys.phone_questions(reference_doctype, reference_name)
