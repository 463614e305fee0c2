# Copyright (c) 2026, Amass Association and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from amass_relations.rules.committee import MAX_RESPONSE_DAYS, MIN_RESPONSE_DAYS, response_days_problem
from amass_relations.rules.working_days import weekend_numbers


class InvalidSettingError(frappe.ValidationError):
	pass


class BeneficiaryRelationsSettings(Document):
	def validate(self):
		self.validate_committee_response_days()
		self.validate_weekend()

	def validate_weekend(self):
		try:
			weekend_numbers(split_days(self.weekend_days))
		except ValueError:
			frappe.throw(
				_("Write the weekend as English day names separated by commas, such as: Friday, Saturday."),
				InvalidSettingError,
				title=_("Invalid Weekend"),
			)

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


def split_days(value: str | None) -> list[str]:
	return [part.strip().capitalize() for part in (value or "").split(",") if part.strip()]
