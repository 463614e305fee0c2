"""/my-profile: the beneficiary's own data, and what they choose: language, contact channel, consent."""

import frappe
from frappe import _

from amass_relations.services import portal

no_cache = 1
sitemap = 0


def get_context(context):
	user = portal.require_sign_in("/my-profile")
	context.account = portal.profile_of(user)
	if not context.account:
		frappe.local.flags.redirect_location = "/link-my-file"
		raise frappe.Redirect
	context.people = portal.people(user)
	step = frappe.form_dict.get("step")
	context.step = step if step in ("mobile-code", "mobile-changed", "email-sent") else None
	context.title = _("My profile")
	portal.page_context(context)
