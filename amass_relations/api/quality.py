"""The quality dashboard's Number Cards (type Custom: each names its method here) and its chart
source (amass_relations/dashboard_chart_source/service_quality): figures from services/quality.py's
maintained sums. Every method checks the reader's role; none is cached between users."""

import frappe

from amass_relations.services import quality


def _card(value, fieldtype="Int"):
	# No figure yet (no answers in the period) reads as a dash, not as a 0 that would mean something.
	return "—" if value is None else {"value": value, "fieldtype": fieldtype}


def _one(name, filters, fieldtype):
	quality.require_reader()
	return _card(quality.one(name, filters), fieldtype)


@frappe.whitelist(methods=["GET", "POST"])
def csat(filters=None):
	return _one("csat", filters, "Percent")


@frappe.whitelist(methods=["GET", "POST"])
def average_rating(filters=None):
	return _one("average", filters, "Float")


@frappe.whitelist(methods=["GET", "POST"])
def response_rate(filters=None):
	return _one("response_rate", filters, "Percent")


@frappe.whitelist(methods=["GET", "POST"])
def complaints_received(filters=None):
	return _one("complaints", filters, "Int")


@frappe.whitelist(methods=["GET", "POST"])
def median_resolution_days(filters=None):
	return _one("median_days", filters, "Float")


@frappe.whitelist(methods=["GET", "POST"])
def open_complaints(filters=None):
	quality.require_reader()
	return _card(quality.open_complaints())


@frappe.whitelist(methods=["GET", "POST"])
def overdue_complaints(filters=None):
	quality.require_reader()
	return _card(quality.open_complaints(overdue=True))


@frappe.whitelist(methods=["GET", "POST"])
def open_actions(filters=None):
	quality.require_reader()
	return _card(quality.open_actions())


@frappe.whitelist(methods=["GET", "POST"])
def overdue_actions(filters=None):
	quality.require_reader()
	return _card(quality.open_actions(overdue=True))


def chart(filters=None) -> dict:
	"""A chart's labels and values: the figure and grouping its filters name."""
	quality.require_reader()
	f = frappe._dict(frappe.parse_json(filters) if filters else {})
	name = f.get("figure") or "csat"
	group = f.get("group_by") or "month"
	if group not in quality.GROUPS:
		frappe.throw(frappe._("Unknown grouping: {0}").format(group))
	rows = quality.figure(name, f, group)
	if not rows:
		return {}  # the framework's "No Data", not an empty frame
	return {
		"labels": [quality.label_of(group, label) for label, _value in rows],
		"datasets": [
			{"name": frappe._(quality.FIGURE_LABELS[name]), "values": [value or 0 for _label, value in rows]}
		],
	}
