"""/feedback: a complaint or a suggestion, from anyone (anonymous allowed) or from a signed-in
beneficiary about their own file; and, signed in, one's complaints with their status
(services/complaints.py through api/complaints.py)."""

import frappe
from frappe import _

from amass_relations.api.complaints import my_complaints
from amass_relations.services import portal

no_cache = 1
sitemap = 1


def get_context(context):
	user = frappe.session.user
	files = portal.files_of(user) if user != "Guest" else {}
	context.signed_in = bool(files)
	context.mine = my_complaints() if files else []
	context.title = _("Complaints and Suggestions")
	portal.page_context(context)
	context.language = frappe.local.lang
