# Copyright (c) 2026, Amass Association and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, now_datetime, today

from amass_relations.services.branches import GRANT_ACTIVE, GRANT_EXPIRED, GRANT_REVOKED

# A grant is for days, not months: the file goes back behind its branch's wall by itself.
MAX_GRANT_DAYS = 90


class BranchAccessGrant(Document):
	def validate(self):
		if self.is_new():
			self.status = GRANT_ACTIVE
			self.granted_by = frappe.session.user
			self.granted_on = now_datetime()
		elif self.has_value_changed("user") or self.has_value_changed("beneficiary"):
			frappe.throw(
				_("A grant cannot be moved to another user or beneficiary: revoke it and grant anew.")
			)
		if frappe.db.get_value("User", self.user, "user_type") != "System User":
			frappe.throw(_("A grant is for a member of staff, not for a portal account."))
		if getdate(self.valid_until) < getdate(today()):
			frappe.throw(_("The grant must be valid until today or later."))
		if (getdate(self.valid_until) - getdate(today())).days > MAX_GRANT_DAYS:
			frappe.throw(_("A grant lasts at most {0} days.").format(MAX_GRANT_DAYS))
		if not (self.reason or "").strip():
			frappe.throw(_("Give the reason for the grant."))

	def after_insert(self):
		self.on_timeline(
			_("{0} may read this file until {1} (granted by {2}): {3}").format(
				self.user,
				frappe.format_value(self.valid_until, {"fieldtype": "Date"}),
				self.granted_by,
				self.reason,
			)
		)
		frappe.cache.delete_value(f"amass_grants::{self.user}")

	def on_update(self):
		frappe.cache.delete_value(f"amass_grants::{self.user}")

	@frappe.whitelist()
	def revoke(self):
		self.load_from_db()  # run_doc_method hands over the client's copy
		self.check_permission("write")
		self.db_set("status", GRANT_REVOKED)
		self.on_timeline(
			_("{0}'s access to this file was revoked by {1}.").format(self.user, frappe.session.user)
		)
		frappe.cache.delete_value(f"amass_grants::{self.user}")

	def on_timeline(self, text: str):
		frappe.get_doc("Beneficiary", self.beneficiary).add_comment("Info", text)


def expire_lapsed_grants():
	"""Daily: grants past their date end, each noted on the beneficiary's timeline."""
	for grant in frappe.get_all(
		"Branch Access Grant",
		filters={"status": GRANT_ACTIVE, "valid_until": ("<", today())},
		pluck="name",
	):
		doc = frappe.get_doc("Branch Access Grant", grant)
		doc.db_set("status", GRANT_EXPIRED)
		doc.on_timeline(_("{0}'s access to this file ended on {1}.").format(doc.user, doc.valid_until))
		frappe.cache.delete_value(f"amass_grants::{doc.user}")
