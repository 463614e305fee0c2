# Copyright (c) 2026, Amass Association and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from amass_relations.constants import REQUEST_UNDER_RESEARCH
from amass_relations.services.referral import check_social_researcher


class SocialResearchReportError(frappe.ValidationError):
	pass


class SocialResearchReport(Document):
	def validate(self):
		# The researcher is whoever writes the report (the conflict-of-interest rule reads it): set by
		# code, never chosen by the client.
		before = self.get_doc_before_save()
		if before:
			self.researcher = before.researcher
		elif frappe.session.user != "Administrator":
			self.researcher = frappe.session.user
		check_social_researcher(self.researcher)
		status = frappe.db.get_value("Support Request", self.support_request, "status")
		if self.is_new() and status != REQUEST_UNDER_RESEARCH:
			frappe.throw(
				_("A social research report is written while the request is under social research."),
				SocialResearchReportError,
			)

	def after_insert(self):
		frappe.db.set_value("Support Request", self.support_request, "research_report", self.name)
