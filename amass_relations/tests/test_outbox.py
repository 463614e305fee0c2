"""The SMS outbox against a real gateway on 127.0.0.1 and the real worker the test command starts: a
message exists only if what caused it commits, goes out once, is retried with backoff when it certainly
did not go out, never twice when it may have, and its code is kept nowhere in the clear."""

import time
from unittest.mock import patch

import frappe
from frappe.utils import add_to_date, now_datetime

from amass_relations import constants as c
from amass_relations.services import outbox
from amass_relations.tests.sms_gateway import UsesFakeGateway
from amass_relations.tests.utils import AmassTestCase, make_user

CODE = "482913"
MESSAGE = "رمز التحقق من أمّس: {secret}"


def wait_for(name: str, *statuses: str, seconds: float = 30) -> frappe._dict:
	"""The row once the worker has brought it to one of `statuses` (reading past this test's snapshot)."""
	deadline = time.monotonic() + seconds
	while True:
		frappe.db.rollback()
		row = frappe.db.get_value(outbox.DOCTYPE, name, "*", as_dict=True)
		if (row and row.status in statuses) or time.monotonic() > deadline:
			return row
		time.sleep(0.3)


def stored_anywhere(text: str) -> list[str]:
	"""Tables where `text` is stored in the clear, among those a message could leave it in."""
	found = []
	for table, column in (
		("tabSMS Outbox", "message"),
		("tabSMS Outbox", "last_error"),
		("tabSMS Outbox", "secret"),
		("tabError Log", "error"),
		("tabVersion", "data"),
		("tabComment", "content"),
	):
		if frappe.db.sql(f"select 1 from `{table}` where `{column}` like %s limit 1", (f"%{text}%",)):
			found.append(f"{table}.{column}")
	return found


class TestSMSOutbox(UsesFakeGateway, AmassTestCase):
	def setUp(self):
		super().setUp()
		frappe.set_user("Administrator")

	def queue(self, recipient: str, secret: str | None = CODE) -> str:
		return outbox.queue_sms(recipient, MESSAGE, purpose="Test", secret=secret)

	def test_sent_once_after_the_commit_and_the_code_kept_nowhere(self):
		name = self.queue("+966500000101")
		time.sleep(1.5)
		self.assertEqual(self.gateway.texts_to("+966500000101"), [], "sent before the commit")
		frappe.db.commit()
		row = wait_for(name, outbox.SENT, outbox.FAILED, outbox.UNCERTAIN)
		self.assertEqual(row.status, outbox.SENT, row)
		self.assertEqual(self.gateway.texts_to("+966500000101"), [MESSAGE.replace("{secret}", CODE)])
		# Asked again (a duplicate job, the scheduler), it is not sent again.
		outbox.deliver(name)
		outbox.retry_due()
		time.sleep(1.5)
		self.assertEqual(len(self.gateway.texts_to("+966500000101")), 1)
		self.assertEqual(stored_anywhere(CODE), [])
		self.assertIn("{secret}", row.message)

	def test_nothing_is_sent_when_the_cause_rolls_back(self):
		name = self.queue("+966500000102")
		frappe.db.rollback()
		time.sleep(2)
		self.assertEqual(self.gateway.texts_to("+966500000102"), [])
		self.assertFalse(frappe.db.exists(outbox.DOCTYPE, name))

	def test_a_refusing_gateway_is_tried_again_later_and_the_message_goes_once(self):
		self.gateway.status = 503
		name = self.queue("+966500000103")
		frappe.db.commit()
		deadline = time.monotonic() + 30
		while True:
			row = wait_for(name, outbox.QUEUED, seconds=1)
			if row.attempts or time.monotonic() > deadline:
				break
		self.assertEqual((row.status, row.attempts), (outbox.QUEUED, 1), row)
		self.assertGreater(row.next_attempt_on, now_datetime())
		self.assertIn("503", row.last_error)
		# The backoff passes and the gateway is back: the scheduler hands it over again.
		self.gateway.status = 200
		frappe.db.set_value(outbox.DOCTYPE, name, "next_attempt_on", add_to_date(now_datetime(), minutes=-1))
		frappe.db.commit()
		outbox.retry_due()
		row = wait_for(name, outbox.SENT)
		self.assertEqual((row.status, row.attempts), (outbox.SENT, 2), row)
		self.assertEqual(len(self.gateway.texts_to("+966500000103")), 2)  # one refused, one taken
		self.assertEqual(stored_anywhere(CODE), [])

	def test_no_answer_in_time_is_never_sent_again_by_itself(self):
		# The job's own code, run here so that the gateway's time limit can be short.
		row = frappe.get_doc(
			{"doctype": outbox.DOCTYPE, "recipient": "+966500000104", "message": MESSAGE, "secret": CODE}
		).insert(ignore_permissions=True)
		frappe.db.commit()
		self.gateway.delay = 2
		with patch.object(outbox, "TIMEOUT_SECONDS", 0.5):
			outbox.deliver(row.name)
		stored = frappe.db.get_value(outbox.DOCTYPE, row.name, ["status", "next_attempt_on"], as_dict=True)
		self.assertEqual(stored.status, outbox.UNCERTAIN)
		outbox.retry_due()
		outbox.deliver(row.name)
		time.sleep(2.5)
		self.assertEqual(len(self.gateway.texts_to("+966500000104")), 1)

	def test_an_unreachable_gateway_leaves_no_code_in_the_error(self):
		row = frappe.get_doc(
			{"doctype": outbox.DOCTYPE, "recipient": "+966500000105", "message": MESSAGE, "secret": CODE}
		).insert(ignore_permissions=True)
		frappe.db.commit()
		settings = frappe.get_doc("SMS Settings")
		reachable = settings.sms_gateway_url
		# A GET gateway on a closed port: requests' error names the whole URL, message and code included.
		settings.sms_gateway_url = "http://127.0.0.1:9/send"
		settings.save(ignore_permissions=True)
		frappe.db.commit()
		try:
			outbox.deliver(row.name)
		finally:
			self.gateway.use()
		stored = frappe.db.get_value(outbox.DOCTYPE, row.name, ["status", "last_error"], as_dict=True)
		self.assertEqual(stored.status, outbox.QUEUED)
		self.assertIn("ConnectionError", stored.last_error)
		self.assertEqual(stored_anywhere(CODE), [])
		self.assertTrue(reachable)

	def test_a_manager_sends_a_failed_message_again_and_no_one_else_may(self):
		self.gateway.status = 400
		name = self.queue("+966500000106", secret=None)
		frappe.db.commit()
		self.assertEqual(wait_for(name, outbox.FAILED).status, outbox.FAILED)
		officer = make_user("outbox.officer@amass-test.example.com", [c.ROLE_OFFICER])
		frappe.set_user(officer)
		with self.assertRaises(frappe.PermissionError):
			frappe.get_doc(outbox.DOCTYPE, name).send_again()
		frappe.set_user("Administrator")
		manager = make_user("outbox.manager@amass-test.example.com", [c.ROLE_MANAGER])
		self.gateway.status = 200
		frappe.set_user(manager)
		frappe.get_doc(outbox.DOCTYPE, name).send_again()
		frappe.set_user("Administrator")
		frappe.db.commit()
		self.assertEqual(wait_for(name, outbox.SENT).status, outbox.SENT)
		self.assertEqual(len(self.gateway.texts_to("+966500000106")), 2)
