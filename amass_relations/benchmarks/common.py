"""What the benchmarks share: a throwaway branch, timing figures and EXPLAIN lines."""

import statistics

import frappe

from amass_relations.rules.deadlines import percentile


def benchmark_branch() -> str:
	return frappe.db.get_value("Branch Office", {}, "name") or (
		frappe.get_doc(
			{
				"doctype": "Branch Office",
				"branch_name": "فرع القياس",
				"city": "مدينة القياس",
				"is_headquarters": 1,
			}
		)
		.insert()
		.name
	)


def print_figures(label: str, seconds: list[float]):
	ms = [s * 1000 for s in seconds]
	print(
		f"{label:<46} median {statistics.median(ms):9.3f} ms   p95 {percentile(ms, 0.95):9.3f} ms   (n={len(ms)})"
	)


def print_explain(label: str, sql: str, values=None):
	for row in frappe.db.sql(f"EXPLAIN {sql}", values, as_dict=True):
		print(
			f"EXPLAIN {label:<22} table={row['table']:<22} type={row['type']:<6} key={row['key']} rows={row['rows']}"
		)
