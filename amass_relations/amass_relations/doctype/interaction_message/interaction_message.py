# Copyright (c) 2026, Amass Association and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class InteractionMessage(Document):
	"""One message of an interaction's thread: the beneficiary's (Inbound) or staff's (Outbound); an
	internal note is never shown on the portal. Written only by the app's code (services/questions.py)."""
