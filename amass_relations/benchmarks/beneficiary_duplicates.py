"""Benchmark (not a test): what the duplicate check adds to registering one beneficiary, with N already
registered. Prints figures; asserts nothing.

    bench --site BENCH_SITE execute amass_relations.benchmarks.beneficiary_duplicates.run \
        --kwargs "{'rows': 1000000, 'samples': 500}"

Run it on a throwaway site: it bulk-loads `rows` synthetic beneficiaries (IDs from the 11xxxxxxxx range,
Luhn-valid; marked demo) the first time, and keeps them for reruns."""

import random
import time

import frappe
from frappe.utils import now

from amass_relations.amass_relations.doctype.beneficiary.beneficiary import Beneficiary
from amass_relations.benchmarks.common import benchmark_branch, print_figures
from amass_relations.rules.identity import luhn_check_digit
from amass_relations.rules.names import name_key

FIRST = ("محمد", "أحمد", "عبدالله", "خالد", "فهد", "نورة", "فاطمة", "سارة", "مريم", "هند", "ريم", "منيرة")
FAMILY = ("القحطاني", "العتيبي", "الشهري", "الغامدي", "الزهراني", "الدوسري", "المطيري", "الحربي", "الشمري")
BATCH = 20000


def _national_id(n: int) -> str:
	first_nine = f"1{10000000 + n:08d}"
	return first_nine + luhn_check_digit(first_nine)


def _fill(rows: int, branch: str, category: str):
	have = frappe.db.count("Beneficiary")
	if have >= rows:
		return have
	rng = random.Random(rows)
	fields = [
		"name",
		"national_id",
		"id_kind",
		"full_name",
		"name_key",
		"gender",
		"date_of_birth",
		"mobile_no",
		"branch_office",
		"beneficiary_category",
		"status",
		"is_demo",
		"preferred_language",
		"creation",
		"modified",
		"owner",
		"modified_by",
	]
	timestamp = now()
	started = time.perf_counter()
	for start in range(have, rows, BATCH):
		values = []
		for n in range(start, min(start + BATCH, rows)):
			full_name = f"{rng.choice(FIRST)} {rng.choice(FIRST)} {rng.choice(FAMILY)}"
			values.append(
				(
					f"BENCH-{n:08d}",
					_national_id(n),
					"Citizen",
					full_name,
					name_key(full_name),
					rng.choice(("Male", "Female")),
					f"{rng.randrange(1940, 2020)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}",
					f"+9665{n:08d}",
					branch,
					category,
					"Registered",
					1,
					"ar",
					timestamp,
					timestamp,
					"Administrator",
					"Administrator",
				)
			)
		frappe.db.bulk_insert("Beneficiary", fields, values, ignore_duplicates=True)
		frappe.db.commit()
		print(f"  loaded {min(start + BATCH, rows):>9,} rows ({time.perf_counter() - started:.0f}s)")
	return frappe.db.count("Beneficiary")


def run(rows: int = 1_000_000, samples: int = 500):
	frappe.flags.mute_messages = True
	branch = benchmark_branch()
	category = "Patient"
	total = _fill(rows, branch, category)
	print(f"beneficiaries in the table: {total:,}")

	rng = random.Random(7)
	check_times, insert_times = [], []
	for i in range(samples):
		existing = rng.randrange(0, rows)
		doc = frappe.get_doc(
			{
				"doctype": "Beneficiary",
				"national_id": _national_id(rows + 1000 + i),
				"full_name": f"{rng.choice(FIRST)} {rng.choice(FIRST)} {rng.choice(FAMILY)}",
				"gender": "Female",
				"date_of_birth": "1985-05-05",
				"mobile_no": f"+9665{existing:08d}",  # a mobile already registered: the warning path runs
				"branch_office": branch,
				"beneficiary_category": category,
			}
		)
		doc.name = f"BENCH-NEW-{i}"
		doc.name_key = name_key(doc.full_name)
		started = time.perf_counter()
		# The duplicate check: the refusal lookup (ID) and both warning lookups, as validate/on_update run them.
		frappe.db.get_value("Beneficiary", {"national_id": doc.national_id, "name": ("!=", doc.name)}, "name")
		Beneficiary.warn_possible_duplicates(doc)
		check_times.append(time.perf_counter() - started)

		started = time.perf_counter()
		doc.insert(ignore_permissions=True, set_name=doc.name)
		insert_times.append(time.perf_counter() - started)
		frappe.db.rollback()
	frappe.flags.mute_messages = False
	print()
	print_figures("duplicate check (ID + mobile + name/birth date)", check_times)
	print_figures("whole insert of one beneficiary", insert_times)
	for label, condition, value in (
		("ID lookup", "national_id = %s", (_national_id(123),)),
		("mobile lookup", "mobile_no = %s", ("+966500000123",)),
		("name/birth lookup", "name_key = %s and date_of_birth = %s", ("محمدأحمدالقحطاني", "1985-05-05")),
	):
		plan = frappe.db.sql(
			f"EXPLAIN SELECT name FROM `tabBeneficiary` WHERE {condition}", value, as_dict=True
		)[0]
		print(f"EXPLAIN {label:<18} type={plan['type']:<6} key={plan['key']} rows={plan['rows']}")
