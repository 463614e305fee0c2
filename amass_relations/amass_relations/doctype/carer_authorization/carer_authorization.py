# Copyright (c) 2026, Amass Association and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, now_datetime, today

from amass_relations.constants import CARER_ACTIVE, CARER_EXPIRED, CARER_PENDING, CARER_REVOKED
from amass_relations.rules.carers import authorization_problem, is_effective, is_lapsed
from amass_relations.services import messages


class CarerAuthorizationError(frappe.ValidationError):
	pass


class CarerAuthorization(Document):
	def validate(self):
		problem = authorization_problem(
			self.patient,
			self.carer,
			getdate(self.valid_from),
			getdate(self.valid_until) if self.valid_until else None,
		)
		if problem:
			frappe.throw(messages.carer_message(problem), CarerAuthorizationError)
		self.validate_one_open_authorization()
		self.apply_status_change()

	def validate_one_open_authorization(self):
		other = frappe.db.get_value(
			"Carer Authorization",
			{
				"patient": self.patient,
				"carer": self.carer,
				"status": ("in", (CARER_PENDING, CARER_ACTIVE)),
				"name": ("!=", self.name or ""),
			},
		)
		if other and self.status in (CARER_PENDING, CARER_ACTIVE):
			frappe.throw(
				_("This carer already has an open authorization for this patient: {0}.").format(
					frappe.bold(other)
				),
				CarerAuthorizationError,
			)

	def apply_status_change(self):
		if not self.has_value_changed("status") and not self.is_new():
			if is_lapsed(
				self.status, getdate(self.valid_until) if self.valid_until else None, getdate(today())
			):
				self.status = CARER_EXPIRED
			return
		if self.status == CARER_ACTIVE:
			if not self.authorization_document:
				frappe.throw(
					_("Attach the authorization document before activating the authorization."),
					CarerAuthorizationError,
				)
			self.verified_by = frappe.session.user
			self.verified_on = now_datetime()
		elif self.status == CARER_REVOKED:
			if not self.revocation_reason:
				frappe.throw(_("Give the reason for revoking the authorization."), CarerAuthorizationError)
			self.revoked_by = frappe.session.user
			self.revoked_on = now_datetime()


def is_active_carer(carer: str, patient: str, on=None) -> bool:
	"""Whether `carer` may act for `patient` on the day `on` (today by default)."""
	on = getdate(on or today())
	for authorization in frappe.get_all(
		"Carer Authorization",
		filters={"carer": carer, "patient": patient, "status": CARER_ACTIVE},
		fields=["status", "valid_from", "valid_until"],
	):
		if is_effective(authorization.status, authorization.valid_from, authorization.valid_until, on):
			return True
	return False


def expire_lapsed_authorizations():
	"""Daily: mark active authorizations past their end date Expired (rights already ended at expiry)."""
	for name in frappe.get_all(
		"Carer Authorization",
		filters={"status": CARER_ACTIVE, "valid_until": ("<", today())},
		pluck="name",
	):
		authorization = frappe.get_doc("Carer Authorization", name)
		authorization.status = CARER_EXPIRED
		authorization.save(ignore_permissions=True)


def on_doctype_update():
	frappe.db.add_index("Carer Authorization", ["carer", "status"], "carer_status_index")
	# Who may act for a patient (people_acting_for), and the list's sort with and without the branch.
	frappe.db.add_index("Carer Authorization", ["patient", "status"], "patient_status_index")
	frappe.db.add_index("Carer Authorization", ["creation"], "creation")
	frappe.db.add_index("Carer Authorization", ["branch_office", "creation"], "branch_office_creation_index")
