import frappe

from amass_relations.constants import CHANNEL_INTERVIEW, CHANNEL_WEBSITE, ROLE_MANAGER, ROLE_OFFICER
from amass_relations.services.standard_records import StandardRecordError as StandardChannelError
from amass_relations.tests.utils import AmassTestCase, make_user


class TestContactChannel(AmassTestCase):
	def setUp(self):
		self.manager = make_user("manager.channels@amass-test.example.com", [ROLE_MANAGER])
		self.officer = make_user("officer.channels@amass-test.example.com", [ROLE_OFFICER])

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_a_standard_channel_cannot_be_deleted(self):
		frappe.set_user(self.manager)
		with self.assertRaises(StandardChannelError):
			frappe.delete_doc("Contact Channel", CHANNEL_INTERVIEW)
		self.assertTrue(frappe.db.exists("Contact Channel", CHANNEL_INTERVIEW))

	def test_a_standard_channel_cannot_be_renamed(self):
		frappe.set_user(self.manager)
		with self.assertRaises(StandardChannelError):
			frappe.rename_doc("Contact Channel", CHANNEL_WEBSITE, "Portal")
		self.assertTrue(frappe.db.exists("Contact Channel", CHANNEL_WEBSITE))

	def test_a_standard_channel_can_be_disabled(self):
		frappe.set_user(self.manager)
		channel = frappe.get_doc("Contact Channel", CHANNEL_INTERVIEW)
		channel.enabled = 0
		channel.save()
		self.assertEqual(frappe.db.get_value("Contact Channel", CHANNEL_INTERVIEW, "enabled"), 0)

	def test_an_admin_adds_renames_and_deletes_their_own_channel(self):
		frappe.set_user(self.manager)
		channel = frappe.get_doc(
			{"doctype": "Contact Channel", "channel_name": "Test Kiosk", "is_standard": 1}
		).insert()
		self.assertEqual(channel.is_standard, 0, "only install code marks a channel standard")
		frappe.rename_doc("Contact Channel", "Test Kiosk", "Test Hospital Kiosk")
		frappe.delete_doc("Contact Channel", "Test Hospital Kiosk")
		self.assertFalse(frappe.db.exists("Contact Channel", "Test Hospital Kiosk"))

	def test_a_record_cannot_be_made_standard_afterwards(self):
		frappe.set_user(self.manager)
		channel = frappe.get_doc({"doctype": "Contact Channel", "channel_name": "Test Fax"}).insert()
		channel.is_standard = 1
		channel.save()
		self.assertEqual(frappe.db.get_value("Contact Channel", "Test Fax", "is_standard"), 0)

	def test_an_officer_reads_channels_but_cannot_change_them(self):
		frappe.set_user(self.officer)
		self.assertTrue(frappe.has_permission("Contact Channel", "read"))
		self.assertFalse(frappe.has_permission("Contact Channel", "create"))
		self.assertFalse(frappe.has_permission("Contact Channel", "delete"))
