import frappe

from amass_relations.constants import (
	APP_ROLES,
	CHANNEL_PHONE,
	DESK_ROLES,
	PORTAL_ROLES,
	ROLE_MANAGER,
	ROLE_OFFICER,
	SETTINGS_DOCTYPE,
	STANDARD_CHANNELS,
)
from amass_relations.setup.install import ensure_standard_records
from amass_relations.tests.utils import AmassTestCase, make_user


class TestInstall(AmassTestCase):
	def test_roles_exist_and_only_the_beneficiary_has_no_desk(self):
		for role in DESK_ROLES:
			self.assertEqual(frappe.db.get_value("Role", role, "desk_access"), 1, role)
		for role in PORTAL_ROLES:
			self.assertEqual(frappe.db.get_value("Role", role, "desk_access"), 0, role)

	def test_the_policy_channels_are_standard_and_in_order(self):
		channels = frappe.get_all(
			"Contact Channel", filters={"is_standard": 1}, order_by="sort_order asc", pluck="name"
		)
		self.assertEqual(tuple(channels), STANDARD_CHANNELS)

	def test_committee_period_defaults_to_two_weeks(self):
		self.assertEqual(frappe.db.get_single_value(SETTINGS_DOCTYPE, "committee_response_days"), 14)

	def test_rerunning_setup_keeps_admins_edits(self):
		channel = frappe.get_doc("Contact Channel", CHANNEL_PHONE)
		channel.enabled = 0
		channel.description = "Edited by an admin"
		channel.save()
		frappe.db.set_single_value(SETTINGS_DOCTYPE, "committee_response_days", 21)
		frappe.db.set_value("Role", ROLE_OFFICER, "two_factor_auth", 1)

		ensure_standard_records()

		channel.reload()
		self.assertEqual((channel.enabled, channel.description), (0, "Edited by an admin"))
		self.assertEqual(frappe.db.get_single_value(SETTINGS_DOCTYPE, "committee_response_days"), 21)
		self.assertEqual(frappe.db.get_value("Role", ROLE_OFFICER, "two_factor_auth"), 1)
		self.assertEqual(frappe.db.count("Contact Channel", {"is_standard": 1}), len(STANDARD_CHANNELS))

	def test_setup_restores_what_is_missing(self):
		frappe.db.delete("Contact Channel", {"name": CHANNEL_PHONE})
		ensure_standard_records()
		self.assertEqual(frappe.db.get_value("Contact Channel", CHANNEL_PHONE, "is_standard"), 1)
		self.assertEqual(len(APP_ROLES), frappe.db.count("Role", {"name": ("in", APP_ROLES)}))

	def test_the_patch_is_registered_after_model_sync(self):
		text = open(frappe.get_app_path("amass_relations", "patches.txt")).read()
		post_model_sync = text.split("[post_model_sync]", 1)[1]
		self.assertIn("amass_relations.patches.v0_1.ensure_standard_records", post_model_sync)
		self.assertTrue(frappe.db.exists("Patch Log", {"patch": ("like", "amass_relations.patches.%")}))


class TestSettings(AmassTestCase):
	def test_invalid_response_period_is_refused_in_arabic_and_nothing_saved(self):
		before = frappe.db.get_single_value(SETTINGS_DOCTYPE, "committee_response_days")
		for bad in (0, -5, 400):
			settings = frappe.get_doc(SETTINGS_DOCTYPE)
			settings.committee_response_days = bad
			frappe.local.lang = "ar"
			try:
				with self.assertRaises(frappe.ValidationError) as caught:
					settings.save()
			finally:
				frappe.local.lang = "en"
			self.assertIn("مدة رد اللجنة", str(caught.exception))
			self.assertEqual(frappe.db.get_single_value(SETTINGS_DOCTYPE, "committee_response_days"), before)

	def test_manager_may_change_the_period_and_an_officer_may_not(self):
		manager = make_user("manager.settings@amass-test.example.com", [ROLE_MANAGER])
		officer = make_user("officer.settings@amass-test.example.com", [ROLE_OFFICER])
		frappe.set_user(officer)
		try:
			self.assertFalse(frappe.has_permission(SETTINGS_DOCTYPE, "write"))
			self.assertTrue(frappe.has_permission(SETTINGS_DOCTYPE, "read"))
			frappe.set_user(manager)
			settings = frappe.get_doc(SETTINGS_DOCTYPE)
			settings.committee_response_days = 15
			settings.save()
		finally:
			frappe.set_user("Administrator")
		self.assertEqual(frappe.db.get_single_value(SETTINGS_DOCTYPE, "committee_response_days"), 15)


class TestUninstall(AmassTestCase):
	def test_uninstall_removes_the_app_counters_and_no_other_apps(self):
		from amass_relations.setup.uninstall import app_doctypes, delete_naming_series

		mine = ("SR-2031-", "BEN-", "CM-2031-")
		# Counters of other apps whose names start like the app's prefixes.
		theirs = ("SR-ORD-2031-", "BENB-", "CA-LOCAL-", "INT-REQ-", "SD-X-2031-", "CR-")
		for name in mine + theirs:
			frappe.db.sql(
				"insert into `tabSeries` (name, current) values (%s, 7) on duplicate key update current = 7",
				(name,),
			)
		try:
			delete_naming_series(app_doctypes())
			left = set(frappe.db.sql_list("select name from `tabSeries` where name in %s", (mine + theirs,)))
			self.assertEqual(left, set(theirs))
		finally:
			frappe.db.rollback()


class TestBenchmarksStayOnTheirSite(AmassTestCase):
	def test_every_benchmark_refuses_a_site_not_made_for_it(self):
		from amass_relations.benchmarks import (
			beneficiary_duplicates,
			branch_list,
			committee_deadlines,
			data,
		)

		before = frappe.db.count("Beneficiary"), frappe.db.count("Support Request")
		for run in (data.run, beneficiary_duplicates.run, committee_deadlines.run, branch_list.run):
			with self.subTest(run.__module__), self.assertRaises(data.NotABenchmarkSite):
				run()
		self.assertEqual((frappe.db.count("Beneficiary"), frappe.db.count("Support Request")), before)

	def test_a_benchmark_site_sends_no_mail(self):
		from amass_relations.benchmarks import data

		conf = frappe.local.conf
		saved = conf.get("amass_benchmark_site"), frappe.flags.mute_emails
		conf["amass_benchmark_site"] = 1
		try:
			data.require_benchmark_site()
			self.assertTrue(frappe.are_emails_muted())
		finally:
			conf["amass_benchmark_site"], frappe.flags.mute_emails = saved
