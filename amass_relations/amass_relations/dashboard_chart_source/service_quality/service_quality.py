"""The quality dashboard's chart source: each chart's filters name a figure and a grouping
(api/quality.py). Not wrapped in Frappe's `cache_source`: that cache is one per chart name for every
user; these sums are read afresh, within milliseconds, for a reader whose role is checked."""

import frappe

from amass_relations.api.quality import chart


@frappe.whitelist(methods=["GET", "POST"])
def get(
	chart_name=None,
	chart=None,
	no_cache=None,
	filters=None,
	from_date=None,
	to_date=None,
	timespan=None,
	time_interval=None,
	heatmap_year=None,
	refresh=None,
):
	return _chart(filters)


_chart = chart
