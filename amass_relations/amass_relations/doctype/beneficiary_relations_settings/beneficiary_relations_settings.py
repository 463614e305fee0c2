# Copyright (c) 2026, Amass Association and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from amass_relations.rules.committee import MAX_RESPONSE_DAYS, MIN_RESPONSE_DAYS, response_days_problem


class InvalidSettingError(frappe.ValidationError):
	pass


class BeneficiaryRelationsSettings(Document):
	def validate(self):
		self.validate_committee_response_days()

	def validate_committee_response_days(self):
		if response_days_problem(self.committee_response_days):
			frappe.throw(
				_("The committee response period must be a whole number of days from {0} to {1}.").format(
					MIN_RESPONSE_DAYS, MAX_RESPONSE_DAYS
				),
				InvalidSettingError,
				title=_("Invalid Committee Response Period"),
			)


def get_settings():
	"""The settings document, cached for the request."""
	return frappe.get_cached_doc("Beneficiary Relations Settings")
