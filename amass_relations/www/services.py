"""/services: the public service guide (services/service_guide.py). No sign-in; cached by Frappe per
language, cleared when a service, a question or the settings change."""

import frappe
from frappe import _

from amass_relations.services.service_guide import guide

sitemap = 1


def get_context(context):
	context.update(guide(frappe.local.lang))
	context.language = frappe.local.lang
	context.title = _("Our services")
