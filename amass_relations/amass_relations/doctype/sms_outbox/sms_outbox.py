# Copyright (c) 2026, Amass Association and contributors
# For license information, please see license.txt

import frappe
from frappe.model.document import Document

from amass_relations.services import outbox


class SMSOutbox(Document):
	def onload(self):
		self.set_onload("may_send_again", outbox.may_send_again())

	@frappe.whitelist()
	def send_again(self):
		"""Staff's retry of a message that failed, or whose fate the gateway left unknown."""
		outbox.send_again(self)


def on_doctype_update():
	frappe.db.add_index("SMS Outbox", ["status", "next_attempt_on"], "status_next_attempt_index")
