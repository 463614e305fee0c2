# Copyright (c) 2026, Amass Association and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import flt

from amass_relations import constants as c
from amass_relations.rules.deadlines import delivery_complete, delivery_problem
from amass_relations.services.money import money
from amass_relations.services.workflow import apply_step


class ServiceDeliveryError(frappe.ValidationError):
	pass


class ServiceDelivery(Document):
	def validate(self):
		request = frappe.get_doc("Support Request", self.support_request)
		if request.status != c.REQUEST_REGISTRATION_COMPLETE and self.docstatus == 0:
			frappe.throw(
				_(
					"A service is delivered once the request's registration is complete (the request is {0})."
				).format(frappe.bold(_(request.status))),
				ServiceDeliveryError,
			)
		decision = approved_decision(self.support_request)
		self.service_type = decision.approved_service or request.service_type
		self.approved_amount = flt(decision.approved_amount)
		# Submitting locks the request's row and reads its running total there: two deliveries submitted at
		# once are taken one after the other, and the second sees the first (a plain SUM would read the
		# transaction's older snapshot).
		submitting = self.docstatus == 1
		self.delivered_before = (
			locked_total(self.support_request)
			if submitting
			else delivered_total(self.support_request, exclude=self.name)
		)
		is_financial = frappe.get_cached_value("Support Service Type", self.service_type, "is_financial")
		override = bool((self.override_reason or "").strip())
		if override and c.ROLE_MANAGER not in frappe.get_roles():
			frappe.throw(
				_("Only a Beneficiary Relations Manager may record an override."), frappe.PermissionError
			)
		self.override_by = frappe.session.user if override else None
		problem = delivery_problem(
			is_financial, self.approved_amount, self.delivered_before, flt(self.amount), override
		)
		if problem == "no_amount":
			frappe.throw(_("Enter the amount delivered."), ServiceDeliveryError)
		if problem == "beyond_approved":
			frappe.throw(
				_(
					"The deliveries would total {0}, above the approved {1}. A manager may record an override with its reason."
				).format(
					frappe.bold(money(self.delivered_before + flt(self.amount))),
					frappe.bold(money(self.approved_amount)),
				),
				ServiceDeliveryError,
				title=_("Above the Approved Amount"),
			)

	def on_submit(self):
		update_request(self.support_request, self.delivered_before + flt(self.amount))

	def on_cancel(self):
		update_request(self.support_request, locked_total(self.support_request) - flt(self.amount))


def approved_decision(support_request: str):
	decision = frappe.db.get_value(
		"Committee Review",
		{
			"support_request": support_request,
			"docstatus": 1,
			"decision": ("in", (c.DECISION_APPROVED, c.DECISION_PARTIALLY_APPROVED)),
		},
		["approved_service", "approved_amount"],
		as_dict=True,
		order_by="creation desc",
	)
	if not decision:
		frappe.throw(
			_("No approved committee decision was found for {0}.").format(support_request),
			ServiceDeliveryError,
		)
	return decision


def delivered_total(support_request: str, exclude: str | None = None) -> float:
	filters = {"support_request": support_request, "docstatus": 1}
	if exclude:
		filters["name"] = ("!=", exclude)
	return flt(frappe.db.get_value("Service Delivery", filters, "sum(amount)"))


def locked_total(support_request: str) -> float:
	"""The request's delivered total, its row locked until this transaction ends (a locking read returns
	the latest committed value)."""
	return flt(frappe.db.get_value("Support Request", support_request, "delivered_amount", for_update=True))


def update_request(support_request: str, total: float):
	"""Record the delivered total, and move Registration Complete ⇄ Service Delivered by the intake
	workflow's own transitions as deliveries cover what was approved or a delivery is cancelled."""
	frappe.db.set_value("Support Request", support_request, "delivered_amount", total, update_modified=False)
	request = frappe.get_doc("Support Request", support_request)
	decision = approved_decision(support_request)
	service = decision.approved_service or request.service_type
	is_financial = frappe.get_cached_value("Support Service Type", service, "is_financial")
	complete = delivery_complete(
		is_financial,
		flt(decision.approved_amount),
		total,
		bool(
			frappe.db.exists(
				"Service Delivery",
				{"support_request": support_request, "docstatus": 1, "completes_service": 1},
			)
		),
	)
	frappe.db.set_value("Support Request", support_request, "delivery_complete", int(complete))
	action = None
	if complete and request.status == c.REQUEST_REGISTRATION_COMPLETE:
		action = "Mark Service Delivered"
	elif not complete and request.status == c.REQUEST_SERVICE_DELIVERED:
		action = "Reopen Delivery"
	if action:
		# Whoever records (or cancels) the delivery takes the step: the workflow allows each role that may.
		apply_step("Support Request", support_request, action)
