"""/my-requests/<name>: one request and the history of its status, in plain words."""

import frappe

from amass_relations.services import portal, portal_requests, surveys

no_cache = 1
sitemap = 0


def get_context(context):
	name = frappe.form_dict.get("name") or ""
	user = portal.require_sign_in(f"/my-requests/{name}")
	try:
		context.item = portal.request_of(user, name)
	except portal.NotYours:
		raise frappe.PageDoesNotExistError from None
	context.part = portal_requests.applicant_part(context.item["name"], context.item["read_only"])
	context.max_mb = portal_requests.max_upload_bytes() // (1024 * 1024)
	# The satisfaction survey, while its link may still be answered (services/surveys.py).
	context.survey_link = surveys.open_survey_for(context.item["name"])
	context.title = context.item["name"]
	portal.page_context(context)
