"""/apply: a new request (or a draft's details changed) — the service, the need, the amount where
financial. Saved as a draft; the documents and the declaration follow on the request's own page."""

import frappe

from amass_relations.services import portal, portal_requests

no_cache = 1
sitemap = 0


def get_context(context):
	user = portal.require_sign_in("/apply")
	request = frappe.form_dict.get("request") or None
	person = frappe.form_dict.get("person") or None
	files = portal.files_of(user)
	if not files:
		# Before page_context: a page that only redirects makes no CSRF token for the session.
		frappe.local.flags.redirect_location = "/link-my-file"
		raise frappe.Redirect
	portal.page_context(context)
	context.draft = None
	try:
		if request:
			doc = portal_requests.request_for(user, request, ("Draft",))
			context.draft = {
				"name": doc.name,
				"service_type": doc.service_type,
				"description": doc.description or "",
				"amount_requested": doc.amount_requested or "",
			}
			person = doc.beneficiary
		context.offer = portal_requests.services_for(user, person)
	except portal.NotYours:
		raise frappe.PageDoesNotExistError from None
	except (frappe.PermissionError, portal_requests.PortalFormError) as refused:
		frappe.clear_messages()
		context.refused = str(refused)
		context.offer = {"person": person, "services": []}
	context.people = [p for p in portal.people(user, files) if not p["read_only"]]
	context.title = frappe._("Apply for a Service")
