# Copyright (c) 2026, Amass Association and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class ImprovementActionFeedback(Document):
	pass
