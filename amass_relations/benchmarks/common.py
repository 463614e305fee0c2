"""What the benchmarks share: timing figures and EXPLAIN lines (their data: data.py)."""

import statistics

import frappe

from amass_relations.rules.deadlines import percentile


def print_figures(label: str, seconds: list[float]):
	ms = [s * 1000 for s in seconds]
	print(
		f"{label:<46} median {statistics.median(ms):9.3f} ms   p95 {percentile(ms, 0.95):9.3f} ms   (n={len(ms)})"
	)


def print_explain(label: str, sql: str, values=None):
	# frappe.db.sql turns values=None into (None,), which breaks a query without placeholders.
	rows = (
		frappe.db.sql(f"EXPLAIN {sql}", values, as_dict=True)
		if values
		else frappe.db.sql(f"EXPLAIN {sql}", as_dict=True)
	)
	for row in rows:
		print(
			f"EXPLAIN {label:<22} table={row['table']:<22} type={row['type']:<6} key={row['key']} rows={row['rows']}"
		)
