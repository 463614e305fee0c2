"""/link-my-file: a signed-in website user links their account to their file (services/portal_link.py)."""

import frappe
from frappe import _

from amass_relations.services import portal

no_cache = 1
sitemap = 0


def get_context(context):
	user = portal.require_sign_in("/link-my-file")
	context.linked = bool(frappe.db.exists("Beneficiary", {"user": user}))
	context.title = _("Link my file")
	portal.page_context(context)
