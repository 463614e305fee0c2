# Copyright (c) 2026, Amass Association and contributors
# For license information, please see license.txt

import frappe
from frappe.model.document import Document


class CommitteeAgendaItem(Document):
	@property
	def letter_state(self) -> str | None:
		"""The row's decision letter (virtual: the review holds it)."""
		if not self.committee_review:
			return None
		return frappe.db.get_value("Committee Review", self.committee_review, "letter_state") or None
