"""/feedback-status: a complaint followed by its reference and tracking code (or, signed in, one's
own by its reference), its outcome read and appealed once (api/complaints.py)."""

import frappe
from frappe import _

from amass_relations.services import portal

no_cache = 1
sitemap = 0


def get_context(context):
	context.reference = (frappe.form_dict.get("reference") or "")[:40]
	context.signed_in = (
		bool(portal.files_of(frappe.session.user)) if frappe.session.user != "Guest" else False
	)
	context.title = _("Follow a Complaint")
	portal.page_context(context)
	context.language = frappe.local.lang
