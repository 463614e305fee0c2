"""Deadlines in working days on this site: the settings' weekend and the Public Holiday list
(rules/working_days.py does the counting)."""

from datetime import date

import frappe
from frappe.utils import getdate

from amass_relations import constants as c
from amass_relations.amass_relations.doctype.beneficiary_relations_settings.beneficiary_relations_settings import (
	split_days,
)
from amass_relations.rules import working_days as rule


def weekend() -> frozenset[int]:
	value = frappe.db.get_single_value(c.SETTINGS_DOCTYPE, "weekend_days") or ", ".join(rule.SAUDI_WEEKEND)
	return rule.weekend_numbers(split_days(value))


def holidays(first_year: int, last_year: int) -> frozenset[date]:
	"""The days off between these years: each dated holiday, and each yearly one in every year."""
	days = set()
	for h in frappe.get_all("Public Holiday", fields=["holiday_date", "every_year"]):
		day = getdate(h.holiday_date)
		if not h.every_year:
			days.add(day)
			continue
		for year in range(first_year, last_year + 1):
			try:
				days.add(day.replace(year=year))
			except ValueError:  # 29 February in a common year
				continue
	return frozenset(days)


def add_working_days(start, days: int) -> date:
	start = getdate(start)
	# Enough years for any deadline the app sets (a year of working days at most).
	return rule.add_working_days(start, days, weekend(), holidays(start.year, start.year + 2))


def working_days_between(start, end) -> int:
	start, end = getdate(start), getdate(end)
	low, high = min(start, end), max(start, end)
	return rule.working_days_between(start, end, weekend(), holidays(low.year, high.year))
