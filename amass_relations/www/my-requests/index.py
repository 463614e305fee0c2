"""/my-requests: every request of the signed-in beneficiary and of the patients they care for."""

import frappe
from frappe import _

from amass_relations.services import portal

no_cache = 1
sitemap = 0


def get_context(context):
	user = portal.require_sign_in("/my-requests")
	person = frappe.form_dict.get("person") or None
	files = portal.files_of(user)
	if not files:
		# Not linked yet (the portal's home after signing in): the page that links the file.
		frappe.local.flags.redirect_location = "/link-my-file"
		raise frappe.Redirect
	try:
		context.requests = portal.requests_of(user, person, files)
	except portal.NotYours:
		raise frappe.PageDoesNotExistError from None
	context.people = portal.people(user, files)
	context.names = {p["name"]: p["full_name"] for p in context.people}
	context.person = person
	context.title = _("My Requests")
	portal.page_context(context)
