"""Benchmark (not a test): what the duplicate check adds to registering one beneficiary, with N already
registered. Prints figures; asserts nothing.

    bench --site BENCH_SITE execute amass_relations.benchmarks.beneficiary_duplicates.run \
        --kwargs "{'rows': 1000000, 'samples': 500}"

Run it on a benchmark site (see amass_relations/benchmarks/data.py, which loads the `rows` synthetic
beneficiaries the first time and keeps them for reruns)."""

import random
import time

import frappe

from amass_relations.amass_relations.doctype.beneficiary.beneficiary import Beneficiary
from amass_relations.benchmarks import data
from amass_relations.benchmarks.common import print_figures
from amass_relations.rules.names import name_key


def run(rows: int = 1_000_000, samples: int = 500):
	data.fill(rows, requests=0, interactions=0, documents=0, carers=0)
	frappe.flags.mute_messages = True
	branch = data.BRANCHES[0][0]
	category = "Patient"
	print(f"beneficiaries in the table: {frappe.db.count('Beneficiary'):,}")

	rng = random.Random(7)
	check_times, insert_times = [], []
	for i in range(samples):
		existing = rng.randrange(1, rows + 1)
		doc = frappe.get_doc(
			{
				"doctype": "Beneficiary",
				"national_id": data.national_id(10**data.DIGITS + i),  # past every generated one
				"full_name": data.random_full_name(rng),
				"gender": "Female",
				"date_of_birth": "1985-05-05",
				"mobile_no": data.mobile(existing),  # a mobile already registered: the warning path runs
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
		("ID lookup", "national_id = %s", (data.national_id(123),)),
		("mobile lookup", "mobile_no = %s", (data.mobile(123),)),
		("name/birth lookup", "name_key = %s and date_of_birth = %s", ("محمدأحمدالقحطاني", "1985-05-05")),
	):
		plan = frappe.db.sql(
			f"EXPLAIN SELECT name FROM `tabBeneficiary` WHERE {condition}", value, as_dict=True
		)[0]
		print(f"EXPLAIN {label:<18} type={plan['type']:<6} key={plan['key']} rows={plan['rows']}")
