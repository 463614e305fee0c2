import threading
from unittest.mock import patch

import frappe
from frappe.utils import add_days, getdate, today

from amass_relations import constants as c
from amass_relations.amass_relations.doctype.committee_meeting.test_committee_meeting import (
	CHAIR,
	CommitteeTestCase,
)
from amass_relations.amass_relations.doctype.committee_review.committee_review import CommitteeReviewError
from amass_relations.amass_relations.doctype.service_delivery.service_delivery import ServiceDeliveryError
from amass_relations.amass_relations.doctype.support_request.support_request import SupportRequestError
from amass_relations.amass_relations.doctype.support_request.test_support_request import (
	FINANCIAL_SERVICE,
	fresh_number,
	private_file,
)
from amass_relations.amass_relations.report.decision_time.decision_time import execute as decision_time
from amass_relations.services import deadlines
from amass_relations.services.deadlines import escalate_committee_deadlines, escalation_recipients
from amass_relations.tests.utils import make_beneficiary


class DeliveryTestCase(CommitteeTestCase):
	def approved_request(self, amount=3000, approved=3000):
		request = self.new_request(service_type=FINANCIAL_SERVICE, amount_requested=amount)
		self.act(request, "Submit for Verification", self.officer)
		self.attach_quotation(request)
		frappe.get_doc("Support Request", request.name).verify_submission()
		self.sign(request)
		request = self.act(request, "Send to Committee", self.officer)
		meeting = self.meeting([request])
		decision = c.DECISION_APPROVED if approved == amount else c.DECISION_PARTIALLY_APPROVED
		self.record(
			meeting,
			request,
			decision,
			approved_amount=approved,
			decision_reason="x",
			reason_for_applicant="y",
		)
		frappe.set_user(CHAIR)
		frappe.get_doc("Committee Meeting", meeting.name).submit()
		self.act(request, "Complete Registration", self.officer)
		return request, meeting

	def deliver(self, request, amount, user=None, **values):
		frappe.set_user(user or self.officer)
		delivery = frappe.get_doc(
			{
				"doctype": "Service Delivery",
				"support_request": request.name,
				"mode": "Transfer",
				"description": "تحويل بنكي تجريبي",
				"amount": amount,
				**values,
			}
		).insert()
		delivery.submit()
		return delivery


class TestServiceDelivery(DeliveryTestCase):
	def test_delivered_in_two_parts_then_closed(self):
		request, _meeting = self.approved_request(amount=3000, approved=2500)
		self.deliver(request, 1000)
		self.assertEqual(self.status(request), c.REQUEST_REGISTRATION_COMPLETE)
		second = self.deliver(request, 1500)
		self.assertEqual(self.status(request), c.REQUEST_SERVICE_DELIVERED)
		frappe.set_user(self.officer)
		second.reload()
		second.cancel()
		self.assertEqual(self.status(request), c.REQUEST_REGISTRATION_COMPLETE)
		self.deliver(request, 1500)
		self.assertEqual(self.status(request), c.REQUEST_SERVICE_DELIVERED)
		self.assertEqual(self.act(request, "Close", self.officer).status, c.REQUEST_CLOSED)

	def test_beyond_the_approved_amount_only_with_a_managers_override(self):
		request, _meeting = self.approved_request(amount=3000, approved=2000)
		with self.assertRaises(ServiceDeliveryError):
			self.deliver(request, 2500)
		with self.assertRaises(frappe.PermissionError):
			self.deliver(request, 2500, override_reason="ارتفاع سعر الجهاز")
		frappe.set_user("Administrator")
		user = frappe.get_doc("User", self.manager)
		user.append("roles", {"role": c.ROLE_OFFICER})
		user.save()
		delivery = self.deliver(request, 2500, user=self.manager, override_reason="ارتفاع سعر الجهاز")
		self.assertEqual(delivery.override_by, self.manager)
		self.assertEqual(self.status(request), c.REQUEST_SERVICE_DELIVERED)

	def test_no_delivery_before_registration_and_no_review_cancel_after_delivery(self):
		request = self.to_committee()
		with self.assertRaises(ServiceDeliveryError):
			self.deliver(request, 100)
		request, meeting = self.approved_request()
		self.deliver(request, 1000)
		frappe.set_user(CHAIR)
		with self.assertRaises(CommitteeReviewError):
			frappe.get_doc("Committee Meeting", meeting.name).cancel()

	def test_the_decision_time_report(self):
		self.approved_request()
		frappe.set_user("Administrator")
		_columns, rows = decision_time({"from_date": add_days(today(), -1), "to_date": today()})
		row = next(
			r for r in rows if r["service_type"] == FINANCIAL_SERVICE and r["branch_office"] == self.branch
		)
		self.assertGreaterEqual(row["decided"], 1)
		self.assertEqual(row["month"], getdate(today()).strftime("%Y-%m"))
		self.assertEqual(row["median_days"], 0)
		self.assertEqual(row["share_within"], 100.0)


class TestDeliveriesAtOnce(DeliveryTestCase):
	"""Commits: two officers submit on two connections at the same moment."""

	def test_two_deliveries_submitted_at_once_stay_within_the_approved_amount(self):
		request, _meeting = self.approved_request(amount=3000, approved=3000)
		drafts = []
		for _ in range(2):
			frappe.set_user(self.officer)
			drafts.append(
				frappe.get_doc(
					{
						"doctype": "Service Delivery",
						"support_request": request.name,
						"mode": "Transfer",
						"description": "تحويل بنكي تجريبي",
						"amount": 2000,
					}
				)
				.insert()
				.name
			)
		frappe.set_user("Administrator")
		frappe.db.commit()  # the desk saves a draft, then submits it in another request
		site, sites_path, officer = frappe.local.site, frappe.local.sites_path, self.officer
		barrier = threading.Barrier(2)
		outcomes = []

		def submit(name):
			try:
				frappe.init(site=site, sites_path=sites_path)
				frappe.connect()
				frappe.set_user(officer)
				delivery = frappe.get_doc("Service Delivery", name)
				barrier.wait(timeout=30)
				delivery.submit()
				frappe.db.commit()
				outcomes.append("submitted")
			except ServiceDeliveryError:
				frappe.db.rollback()
				outcomes.append("refused")
			except Exception as e:
				frappe.db.rollback()
				outcomes.append(repr(e))
			finally:
				frappe.destroy()

		threads = [threading.Thread(target=submit, args=(name,)) for name in drafts]
		for thread in threads:
			thread.start()
		for thread in threads:
			thread.join(timeout=120)
		frappe.db.commit()  # a new snapshot
		self.assertEqual(sorted(outcomes), ["refused", "submitted"])
		self.assertEqual(
			frappe.db.get_value(
				"Service Delivery", {"support_request": request.name, "docstatus": 1}, "sum(amount)"
			),
			2000,
		)
		self.assertEqual(frappe.db.get_value("Support Request", request.name, "delivered_amount"), 2000)


class TestDeadlineSweep(DeliveryTestCase):
	"""These tests commit: the sweep commits per escalation and two sweeps run on two connections."""

	def setUp(self):
		super().setUp()
		self.request = self.to_committee()
		frappe.set_user("Administrator")
		self.recipients = escalation_recipients()
		self.assertTrue(self.recipients)

	def tearDown(self):
		frappe.db.rollback()
		frappe.db.delete("Committee Escalation", {"support_request": self.request.name})
		frappe.db.delete("Notification Log", {"document_name": self.request.name})
		frappe.db.delete("Email Queue", {"message": ("like", f"%{self.request.name}%")})
		frappe.db.set_value("Support Request", self.request.name, "status", c.REQUEST_WITHDRAWN)
		frappe.db.commit()
		super().tearDown()

	def due_in(self, days):
		frappe.db.set_value(
			"Support Request", self.request.name, "committee_due_date", add_days(today(), days)
		)
		frappe.db.commit()

	def counts(self):
		return (
			frappe.db.count("Committee Escalation", {"support_request": self.request.name}),
			frappe.db.count("Notification Log", {"document_name": self.request.name}),
		)

	def test_due_soon_then_overdue_each_exactly_once(self):
		self.due_in(5)
		escalate_committee_deadlines()
		self.assertEqual(self.counts(), (0, 0))
		self.due_in(2)
		escalate_committee_deadlines()
		escalate_committee_deadlines()
		self.assertEqual(self.counts(), (1, len(self.recipients)))
		self.assertEqual(
			frappe.db.get_value("Support Request", self.request.name, "deadline_state"), "Due Soon"
		)
		self.due_in(-3)  # the scheduler missed days: caught by the inequality
		escalate_committee_deadlines()
		self.assertEqual(self.counts(), (2, 2 * len(self.recipients)))
		self.assertEqual(
			frappe.db.get_value("Support Request", self.request.name, "deadline_state"), "Overdue"
		)

	def test_two_sweeps_at_once_send_once(self):
		self.due_in(1)
		site, sites_path = frappe.local.site, frappe.local.sites_path
		barrier = threading.Barrier(2)
		errors = []

		def sweep():
			try:
				frappe.init(site=site, sites_path=sites_path)
				frappe.connect()
				frappe.set_user("Administrator")
				barrier.wait(timeout=30)
				escalate_committee_deadlines()
			except Exception as e:
				errors.append(repr(e))
			finally:
				frappe.destroy()

		threads = [threading.Thread(target=sweep) for _ in range(2)]
		for thread in threads:
			thread.start()
		for thread in threads:
			thread.join(timeout=120)
		self.assertEqual(errors, [])
		self.assertEqual(self.counts(), (1, len(self.recipients)))

	def test_one_digest_email_a_recipient_a_run(self):
		second = self.to_committee()
		frappe.set_user("Administrator")
		for request in (self.request, second):
			frappe.db.set_value("Support Request", request.name, "committee_due_date", add_days(today(), -1))
		frappe.db.commit()
		try:
			escalate_committee_deadlines()
			digests = frappe.get_all(
				"Email Queue",
				filters={"message": ("like", f"%{self.request.name}%")},
				fields=["name", "message"],
			)
			# Emailed, not only logged in the desk (Frappe 15 never mails an "Alert" Notification Log):
			# one message a recipient, holding both requests.
			self.assertTrue(digests)
			for digest in digests:
				self.assertIn(second.name, digest.message)
			emailed = frappe.get_all(
				"Email Queue Recipient",
				filters={"parent": ("in", [d.name for d in digests])},
				pluck="recipient",
			)
			self.assertEqual(len(emailed), len(set(emailed)))
			self.assertEqual(len(emailed), len(digests))
			self.assertEqual(
				frappe.db.count("Email Queue", {"message": ("like", f"%{second.name}%")}), len(digests)
			)
		finally:
			frappe.db.delete("Committee Escalation", {"support_request": second.name})
			frappe.db.delete("Notification Log", {"document_name": second.name})
			frappe.db.delete("Email Queue", {"message": ("like", f"%{second.name}%")})
			frappe.db.set_value("Support Request", second.name, "status", c.REQUEST_WITHDRAWN)
			frappe.db.commit()

	def test_a_failure_before_commit_then_a_rerun_sends_once(self):
		self.due_in(0)

		def fail():
			raise RuntimeError("the worker died before its commit")

		with patch.object(deadlines, "before_commit", fail), self.assertRaises(RuntimeError):
			escalate_committee_deadlines()
		frappe.db.rollback()  # what the job runner does with a failed job
		self.assertEqual(self.counts(), (0, 0))
		escalate_committee_deadlines()
		self.assertEqual(self.counts(), (1, len(self.recipients)))


class TestNothingFreezesARequest(DeliveryTestCase):
	"""Rules on data that changes over time are checked on creation, when that data changes and on the
	steps they gate — a later change never stops a request being decided, delivered, withdrawn or closed."""

	def change_service(self, **values):
		frappe.set_user("Administrator")
		service = frappe.get_doc("Support Service Type", FINANCIAL_SERVICE)
		before = {key: service.get(key) for key in values}
		service.update(values)
		service.save()
		self.addCleanup(self.restore_service, before)

	def restore_service(self, before):
		frappe.set_user("Administrator")
		service = frappe.get_doc("Support Service Type", FINANCIAL_SERVICE)
		service.update(before)
		service.save()

	def test_a_retired_service_and_a_lower_maximum_still_let_it_be_decided_delivered_and_closed(self):
		waiting = self.to_committee_with(FINANCIAL_SERVICE, 3000)
		delivered, _meeting = self.approved_request(amount=3000, approved=3000)
		self.change_service(maximum_amount=1000)
		self.change_service(enabled=0)
		# Decided by the committee after the change.
		meeting = self.meeting([waiting])
		self.record(meeting, waiting, c.DECISION_APPROVED)
		frappe.set_user(CHAIR)
		frappe.get_doc("Committee Meeting", meeting.name).submit()
		self.assertEqual(self.status(waiting), c.REQUEST_APPROVED)
		# Delivered and closed after the change.
		self.deliver(delivered, 3000)
		self.assertEqual(self.status(delivered), c.REQUEST_SERVICE_DELIVERED)
		self.assertEqual(self.act(delivered, "Close", self.officer).status, c.REQUEST_CLOSED)
		# A new request for the retired service is still refused, every problem named.
		with self.assertRaises(SupportRequestError):
			self.new_request(service_type=FINANCIAL_SERVICE, amount_requested=3000)

	def test_a_lapsed_authorization_still_lets_the_manager_withdraw_and_the_form_says_why_it_is_blocked(self):
		patient = self.new_beneficiary()
		carer = make_beneficiary(fresh_number(), self.branch, beneficiary_category=c.CATEGORY_FAMILY_MEMBER)
		frappe.set_user("Administrator")
		authorization = frappe.get_doc(
			{
				"doctype": "Carer Authorization",
				"patient": patient.name,
				"carer": carer.name,
				"relationship": "Spouse",
				"valid_from": today(),
				"status": "Active",
				"authorization_document": private_file("authorization.pdf"),
			}
		).insert()
		request = self.new_request(beneficiary=patient.name, applicant=carer.name)
		frappe.db.set_value("Carer Authorization", authorization.name, "status", "Expired")
		# The form lists the failing check; the step it gates is refused, naming it.
		frappe.set_user(self.officer)
		stored = frappe.get_doc("Support Request", request.name)
		stored.run_method("onload")
		blocked = stored.get_onload().blocked_by
		self.assertTrue(any(frappe._("applicant") in problem for problem in blocked), blocked)
		with self.assertRaises(SupportRequestError):
			self.act(request, "Submit for Verification", self.officer)
		# Edits that do not touch the people are saved; the manager withdraws it.
		stored = frappe.get_doc("Support Request", request.name)
		stored.description = "وصف معدل بعد انتهاء التفويض"
		stored.save()
		self.comment(request, "انتهى تفويض المرافق")
		self.assertEqual(self.act(request, "Withdraw", self.manager).status, c.REQUEST_WITHDRAWN)

	def test_a_smaller_size_limit_does_not_refuse_files_already_accepted(self):
		request = self.new_request(service_type=FINANCIAL_SERVICE, amount_requested=1000)
		frappe.set_user("Administrator")
		big = private_file("quotation-big.pdf", b"%PDF-1.4 " + b"0" * (1536 * 1024))
		stored = frappe.get_doc("Support Request", request.name)
		row = next(r for r in stored.documents if r.document_type == c.DOCUMENT_PRICE_QUOTATION)
		row.file = big
		stored.save()
		frappe.db.set_single_value(c.SETTINGS_DOCTYPE, "max_attachment_mb", 1)
		try:
			stored = frappe.get_doc("Support Request", request.name)
			stored.description = "وصف معدل بعد تصغير الحد"
			stored.save()  # the file already accepted stays accepted
			self.comment(request, "سحب تجريبي")
			self.assertEqual(self.act(request, "Withdraw", self.manager).status, c.REQUEST_WITHDRAWN)
		finally:
			frappe.db.set_single_value(c.SETTINGS_DOCTYPE, "max_attachment_mb", 5)
