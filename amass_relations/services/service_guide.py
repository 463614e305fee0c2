"""The public service guide (/services, no sign-in; policy G6): the association's services as the
registry defines them — who may apply, the documents each needs, the maximum where financial, how long
the committee takes — and the managers' questions and answers, in Arabic or English. Generated from the
records, never hand-typed; Frappe caches the page per language, and any change to what it shows clears
that cache."""

import frappe
from frappe import _
from frappe.utils import cint, fmt_money

from amass_relations import constants as c

ROUTE = "services"


def guide(language: str) -> dict:
	arabic = language == "ar"
	settings = frappe.get_cached_doc(c.SETTINGS_DOCTYPE)
	currency = settings.get("currency") or "SAR"
	services = [
		service_entry(name, arabic, currency)
		for name in frappe.get_all(
			"Support Service Type", filters={"enabled": 1}, order_by="service_name asc", pluck="name"
		)
	]
	questions = [
		{
			"question": (q.question if arabic else q.question_en) or q.question,
			"answer": (q.answer if arabic else q.answer_en) or q.answer,
		}
		for q in frappe.get_all(
			"Service Question",
			filters={"published": 1},
			fields=["question", "question_en", "answer", "answer_en"],
			order_by="sort_order asc, creation asc",
		)
	]
	return {
		"services": services,
		"questions": questions,
		"committee_days": cint(settings.committee_response_days) or c.DEFAULT_COMMITTEE_RESPONSE_DAYS,
	}


def service_entry(name: str, arabic: bool, currency: str) -> dict:
	"""One service as a reader sees it: on the guide, and where a beneficiary chooses what to apply for."""
	service = frappe.get_cached_doc("Support Service Type", name)
	description = (service.description if arabic else service.get("description_en")) or (
		service.get("description_en") if arabic else service.description
	)
	return {
		"service_type": service.name,
		"name": _(service.service_name),
		"anchor": frappe.scrub(service.name),
		"description": description or "",
		"categories": [_(row.beneficiary_category) for row in service.eligible_categories],
		"category_names": [row.beneficiary_category for row in service.eligible_categories],
		"documents": [
			{"name": _(row.document_type), "mandatory": bool(row.mandatory)}
			for row in service.required_documents
		],
		"financial": bool(service.is_financial),
		"maximum_amount": service.maximum_amount if service.is_financial else None,
		"maximum": fmt_money(service.maximum_amount, currency=currency)
		if service.is_financial and service.maximum_amount
		else "",
	}


def clear_guide_cache(doc=None, method=None):
	"""Whatever the guide shows changed: Frappe's cached page goes, in every language."""
	from frappe.website.utils import clear_cache

	clear_cache(ROUTE)
