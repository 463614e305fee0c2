# Copyright (c) 2026, Amass Association and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, nowdate

from amass_relations.rules import complaints as rule

# What only the manager sets; the action's owner updates the status, plan, outcome and evidence.
MANAGERS_FIELDS = (
	"title",
	"action_owner",
	"branch_office",
	"department",
	"due_on",
	"is_public",
	"you_said",
	"you_said_en",
	"we_did",
	"we_did_en",
)


class ImprovementAction(Document):
	"""A change made because of what beneficiaries said (policy G8, G9): from one or more feedback items,
	done only with an outcome and evidence attached; shown as "you said, we did" when the manager marks
	it public."""

	def validate(self):
		from amass_relations.services.complaints import is_manager

		before = self.get_doc_before_save()
		if before and not is_manager():
			changed = [f for f in MANAGERS_FIELDS if str(self.get(f) or "") != str(before.get(f) or "")]
			cancelled = self.status == rule.ACTION_CANCELLED and before.status != rule.ACTION_CANCELLED
			if changed or cancelled or self._items() != before_items(before):
				frappe.throw(
					_(
						"Only the manager changes who owns the action, its due date, its feedback and whether it is public."
					),
					frappe.PermissionError,
				)
		if not self.feedback_items:
			frappe.throw(_("Add the feedback this action answers."))
		seen = set()
		for row in self.feedback_items:
			if row.feedback in seen:
				frappe.throw(_("Row {0}: this feedback is listed twice.").format(row.idx))
			seen.add(row.feedback)
			values = frappe.db.get_value(
				"Feedback", row.feedback, ["reference", "feedback_type"], as_dict=True
			)
			if not values:
				frappe.throw(_("Row {0}: no such feedback.").format(row.idx))
			row.reference, row.feedback_type = values.reference or row.feedback, values.feedback_type
		if self.is_new() and self.due_on and getdate(self.due_on) < getdate(nowdate()):
			frappe.throw(_("The due date cannot be in the past."))
		if self.action_owner and not frappe.db.get_value("User", self.action_owner, "enabled"):
			frappe.throw(_("The owner must be an active user."))
		if self.status == rule.ACTION_DONE:
			if not (self.outcome or "").strip():
				frappe.throw(_("Write the outcome before marking the action done."))
			if not frappe.db.exists(
				"File", {"attached_to_doctype": self.doctype, "attached_to_name": self.name}
			):
				frappe.throw(_("Attach the evidence (a photo, a document) before marking the action done."))
			self.completed_on = self.completed_on or nowdate()
		else:
			self.completed_on = None
		if self.is_public:
			if self.status != rule.ACTION_DONE:
				frappe.throw(_("Only a done action is shown on the public page."))
			if not all(
				(self.get(f) or "").strip() for f in ("you_said", "you_said_en", "we_did", "we_did_en")
			):
				frappe.throw(
					_('Write "you said" and "we did" in Arabic and English to show the action publicly.')
				)

	def _items(self):
		return sorted(row.feedback for row in self.feedback_items)

	def on_update(self):
		# Each feedback shows the action it led to.
		for row in self.feedback_items:
			frappe.db.set_value(
				"Feedback", row.feedback, "improvement_action", self.name, update_modified=False
			)
		before = self.get_doc_before_save()
		for name in set(before_items(before)) - set(self._items()) if before else ():
			if frappe.db.get_value("Feedback", name, "improvement_action") == self.name:
				frappe.db.set_value("Feedback", name, "improvement_action", None, update_modified=False)


def before_items(doc) -> list[str]:
	return sorted(row.feedback for row in doc.feedback_items) if doc else []


def on_doctype_update():
	# The dashboard's open and overdue actions, and the daily escalation sweep.
	frappe.db.add_index("Improvement Action", ["status", "due_on"], "status_due_index")
