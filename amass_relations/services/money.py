"""Amounts as a person reads them: always with the association's currency (the settings', SAR by
default), also on a site with no default currency."""

import frappe
from frappe.utils import fmt_money

from amass_relations import constants as c

DEFAULT_CURRENCY = "SAR"


def currency() -> str:
	return (
		frappe.db.get_single_value(c.SETTINGS_DOCTYPE, "currency")
		or frappe.db.get_default("currency")
		or DEFAULT_CURRENCY
	)


def money(amount) -> str:
	return fmt_money(amount, currency=currency())
