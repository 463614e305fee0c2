"""Deadlines in working days on a real site: the settings' weekend and the Public Holiday list (yearly
days and each year's Eid), and a weekend the settings refuse."""

from datetime import date

import frappe

from amass_relations import constants as c
from amass_relations.services import working_days
from amass_relations.tests.utils import AmassTestCase


class TestWorkingDays(AmassTestCase):
	def setUp(self):
		frappe.set_user("Administrator")

	def tearDown(self):
		frappe.db.rollback()

	def test_the_weekend_and_the_holidays_are_skipped(self):
		# Installed: Founding Day and National Day, every year.
		self.assertEqual(
			sorted(frappe.get_all("Public Holiday", filters={"every_year": 1}, pluck="holiday_name_en")),
			["Founding Day", "National Day"],
		)
		self.assertEqual(working_days.weekend(), frozenset({4, 5}))
		# National Day 2027 is a Thursday: one working day after Wednesday 22 September is Sunday the 26th.
		self.assertEqual(working_days.add_working_days("2027-09-22", 1), date(2027, 9, 26))
		# The manager enters Eid al-Adha 1448 (a sample of a year's moving days).
		for day in ("2027-05-16", "2027-05-17", "2027-05-18"):
			frappe.get_doc(
				{
					"doctype": "Public Holiday",
					"holiday_name": "عيد الأضحى",
					"holiday_name_en": "Eid al-Adha",
					"holiday_date": day,
				}
			).insert()
		self.assertEqual(working_days.add_working_days("2027-05-13", 1), date(2027, 5, 19))
		self.assertEqual(working_days.working_days_between("2027-05-13", "2027-05-19"), 1)

	def test_a_weekend_not_of_day_names_is_refused(self):
		settings = frappe.get_doc(c.SETTINGS_DOCTYPE)
		settings.weekend_days = "الجمعة"
		with self.assertRaises(frappe.ValidationError):
			settings.save()
		settings.reload()
		settings.weekend_days = "friday, saturday"
		settings.save()
		self.assertEqual(working_days.weekend(), frozenset({4, 5}))
