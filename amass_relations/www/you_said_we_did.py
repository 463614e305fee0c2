"""/you-said-we-did: the improvement actions the manager made public, in the reader's language
(policy G6, G9). Public; only what the manager wrote for the public is shown."""

import frappe
from frappe import _

no_cache = 1
sitemap = 1


def get_context(context):
	english = frappe.local.lang == "en"
	rows = frappe.get_all(
		"Improvement Action",
		filters={"is_public": 1, "status": "Done"},
		fields=["you_said", "you_said_en", "we_did", "we_did_en", "completed_on"],
		order_by="completed_on desc",
		limit=100,
		ignore_permissions=True,  # public by the manager's choice: only these four fields leave
	)
	context.actions = [
		{
			"you_said": r.you_said_en if english else r.you_said,
			"we_did": r.we_did_en if english else r.we_did,
			"completed_on": r.completed_on,
		}
		for r in rows
	]
	context.language = frappe.local.lang
	context.title = _("You Said, We Did")
