"""Benchmark (not a test): importing beneficiaries through the framework's Data Import, as an officer
does from the desk, into a registry of N. Prints figures; asserts nothing. Target: 10,000 rows in under
60 s.

    bench --site BENCH_SITE execute amass_relations.benchmarks.beneficiary_import.run \
        --kwargs "{'rows': 10000, 'registry': 1000000}"

`framework_floor` runs the same importer on Frappe's own Note, for what the machinery costs alone.
The file's rows are new people (IDs past every generated one) with one in a hundred carrying an ID already
registered, so the duplicate check refuses those rows and the import goes on. The job is the one the
worker runs for the desk's Start Import (`data_import.start_import`), here in this process so its wall
time is measured alone. A rerun first deletes the rows the previous run imported."""

import random
import time

import frappe

from amass_relations import constants as c
from amass_relations.benchmarks import data
from amass_relations.permissions.imports import IMPORT_ROLES
from amass_relations.services.imports import BENEFICIARY_COLUMNS, prepare_import

OFFICER = "bench.importer@amass-bench.example.com"
FIRST_NUMBER = 2 * 10**data.DIGITS  # past the generator's and the duplicate benchmark's IDs


def run(rows: int = 10_000, registry: int = 1_000_000, refused_every: int = 100):
	from frappe.core.doctype.data_import.data_import import start_import

	refs = data.fill(registry, requests=0, interactions=0, documents=0, carers=0)
	rng = random.Random(11)
	ids = [data.national_id(FIRST_NUMBER + i) for i in range(rows)]
	_forget_previous_run(ids)
	_officer()

	refused, lines = 0, []
	for i, national_id in enumerate(ids):
		if refused_every and i % refused_every == refused_every - 1:
			national_id = data.national_id(rng.randrange(1, registry + 1))  # registered already
			refused += 1
		lines.append(
			(
				national_id,
				data.random_full_name(rng),
				rng.choice(("Male", "Female")),
				f"{rng.randrange(1940, 2010)}-0{rng.randrange(1, 10)}-1{rng.randrange(0, 10)}",
				f"05{rng.randrange(10**7, 10**8)}",
				refs.branches[i % len(refs.branches)],
				c.CATEGORY_PATIENT,
			)
		)

	frappe.set_user(OFFICER)
	started = time.perf_counter()
	data_import = prepare_import("Beneficiary", BENEFICIARY_COLUMNS, lines, "beneficiaries-benchmark.csv")
	frappe.db.commit()
	prepared = time.perf_counter() - started

	started = time.perf_counter()
	start_import(data_import.name)
	imported_in = time.perf_counter() - started
	frappe.set_user("Administrator")

	status = frappe.db.get_value("Data Import", data_import.name, "status")
	logs = frappe.get_all(
		"Data Import Log", filters={"data_import": data_import.name}, fields=["success"], pluck="success"
	)
	print(f"registry before the import: {registry:,} beneficiaries")
	print(f"file: {rows:,} rows, {refused:,} of them with an ID already registered")
	print(f"{'upload and template check':<44} {prepared:9.1f} s")
	print(f"{'import (the worker job)':<44} {imported_in:9.1f} s   ({rows / imported_in:,.0f} rows/s)")
	print(f"{'whole import':<44} {prepared + imported_in:9.1f} s   (target: under 60 s)")
	print(f"result: {status}; {sum(logs):,} imported, {len(logs) - sum(logs):,} row errors")


def framework_floor(rows: int = 10_000):
	"""The same import machinery on Frappe's own Note (a title, no hooks of the app's): what the importer
	costs a row before the app's registry does anything."""
	from frappe.core.doctype.data_import.data_import import start_import

	data.require_benchmark_site()
	data_import = prepare_import(
		"Note", ["title", "public"], [(f"Benchmark note {i}", 0) for i in range(rows)], "notes-benchmark.csv"
	)
	frappe.db.commit()
	started = time.perf_counter()
	start_import(data_import.name)
	seconds = time.perf_counter() - started
	print(f"{'Frappe importer alone (Note)':<44} {seconds:9.1f} s   ({rows / seconds:,.0f} rows/s)")
	frappe.db.delete("Note", {"title": ("like", "Benchmark note %")})
	frappe.db.commit()


def _officer():
	if not frappe.db.exists("User", OFFICER):
		frappe.get_doc(
			{
				"doctype": "User",
				"email": OFFICER,
				"first_name": "Bench Importer",
				"send_welcome_email": 0,
				"roles": [{"role": IMPORT_ROLES[0]}],
			}
		).insert(ignore_permissions=True)
	frappe.db.commit()


def _forget_previous_run(ids: list[str]):
	for chunk in frappe.utils.create_batch(ids, 5000):
		frappe.db.delete("Beneficiary", {"national_id": ("in", chunk)})
	frappe.db.commit()
