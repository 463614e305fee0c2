"""Acceptance check that uninstalling the app leaves the site as it was before install.

The test command takes a snapshot of a fresh site (row counts of every table, the files folders),
installs the app, loads demo data, uninstalls, and compares. Run through `bench execute`, not collected
by run-tests (the file name does not start with test_)."""

import json
import os
import sys

import frappe

# The framework's own logs that any uninstall (or the install/uninstall commands themselves) writes.
# Nothing else may differ.
FRAMEWORK_LOG_TABLES = {
	"tabDeleted Document": "delete_doc keeps a copy of what uninstall deleted",
	"tabError Log": "errors the framework logged while running",
	"tabScheduled Job Log": "the scheduler's own runs",
	"tabActivity Log": "logins and the commands' own activity",
	"tabAccess Log": "exports and prints of the commands",
	"tabSessions": "sessions of the commands' users",
}


# Rows the framework writes about itself on every install and uninstall, whatever the app.
FRAMEWORK_OWN_ROWS = {
	"tabVersion": (
		"ref_doctype = 'Installed Applications'",
		"the history of the framework's list of installed apps",
	),
}


def _table_counts() -> dict[str, int]:
	tables = frappe.db.sql_list("SHOW TABLES")
	counts = {}
	for table in tables:
		if table in FRAMEWORK_LOG_TABLES:
			continue
		framework_rows = FRAMEWORK_OWN_ROWS.get(table, ("1 = 0",))[0]
		counts[table] = frappe.db.sql(f"SELECT COUNT(*) FROM `{table}` WHERE NOT ({framework_rows})")[0][0]
	return counts


def _files(kind: str) -> list[str]:
	root = frappe.get_site_path(*(["private", "files"] if kind == "private" else ["public", "files"]))
	found = []
	for folder, _dirs, names in os.walk(root):
		found.extend(os.path.relpath(os.path.join(folder, name), root) for name in names)
	return sorted(found)


def _state() -> dict:
	return {"tables": _table_counts(), "private_files": _files("private"), "public_files": _files("public")}


def snapshot(path: str):
	# A fresh site has not yet listed its apps' versions; any install or uninstall does, so the baseline
	# starts from the framework's own state after one.
	frappe.get_single("Installed Applications").update_versions()
	frappe.db.commit()
	with open(path, "w") as f:
		json.dump(_state(), f, indent=1, sort_keys=True)
	print(f"snapshot: {len(_state()['tables'])} tables written to {path}")


def compare(path: str):
	with open(path) as f:
		before = json.load(f)
	after = _state()
	problems = []
	for table in sorted(set(before["tables"]) | set(after["tables"])):
		was, now = before["tables"].get(table), after["tables"].get(table)
		if was != now:
			problems.append(f"{table}: {was} rows before install, {now} after uninstall")
	for kind in ("private_files", "public_files"):
		added = sorted(set(after[kind]) - set(before[kind]))
		removed = sorted(set(before[kind]) - set(after[kind]))
		if added:
			problems.append(f"{kind} left behind: {', '.join(added)}")
		if removed:
			problems.append(f"{kind} lost: {', '.join(removed)}")
	if problems:
		print("uninstall left traces:\n  " + "\n  ".join(problems))
		sys.exit(1)
	print(
		f"uninstall clean: {len(after['tables'])} tables and the files folders as before install"
		f" (not compared: {', '.join(sorted(FRAMEWORK_LOG_TABLES))};"
		f" {', '.join(f'{t} rows where {c[0]}' for t, c in FRAMEWORK_OWN_ROWS.items())})"
	)


def main(argv: list[str]):
	"""python -m amass_relations.tests.uninstall_check snapshot|compare SITE PATH (run in sites/).

	Not `bench execute`: that refuses modules of an app the site does not have installed."""
	action, site, path = argv
	frappe.init(site=site, sites_path=".")
	frappe.connect()
	try:
		{"snapshot": snapshot, "compare": compare}[action](path)
	finally:
		frappe.destroy()


if __name__ == "__main__":
	main(sys.argv[1:])
