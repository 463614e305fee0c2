# Copyright (c) 2026, Amass Association and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from amass_relations.rules import feedback as rule


class SurveyTemplate(Document):
	"""A manager's survey: questions kept on each answer as their text, so editing the template later
	leaves the answers already given readable as they were asked."""

	def validate(self):
		if self.is_default and self.service_type:
			frappe.throw(_("The default template is for every service: leave the service type empty."))
		if self.is_default and self.enabled:
			other = frappe.db.get_value(
				"Survey Template", {"is_default": 1, "enabled": 1, "name": ("!=", self.name)}, "name"
			)
			if other:
				frappe.throw(_("{0} is already the default template.").format(other))
		for q in self.questions:
			if q.about in (rule.ABOUT_STAFF, rule.ABOUT_BRANCH) and q.question_type != rule.RATING:
				frappe.throw(
					_(
						"Row {0}: a question about a member of staff or a branch is a rating from 1 to 5."
					).format(q.idx)
				)
			if (
				q.question_type == rule.ONE_CHOICE
				and len([o for o in (q.options or "").splitlines() if o.strip()]) < 2
			):
				frappe.throw(_("Row {0}: give at least two choices, one a line.").format(q.idx))

	def on_update(self):
		frappe.clear_document_cache(self.doctype, self.name)
