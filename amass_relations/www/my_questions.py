"""/my-questions: ask the association a question and read the replies (services/questions.py)."""

import frappe
from frappe import _

from amass_relations.services import portal, questions

no_cache = 1
sitemap = 0


def get_context(context):
	user = portal.require_sign_in("/my-questions")
	files = portal.files_of(user)
	if not files:
		frappe.local.flags.redirect_location = "/link-my-file"
		raise frappe.Redirect
	context.questions = questions.questions_of(user)
	context.people = portal.people(user, files)
	context.writable = [p for p in context.people if not p["read_only"]]
	context.names = {p["name"]: p["full_name"] for p in context.people}
	context.title = _("My Questions")
	portal.page_context(context)
