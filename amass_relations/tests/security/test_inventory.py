"""The route inventory is complete: every whitelisted method of the installed apps that takes a doctype,
a record name, filters or fields is overridden, proven, excluded or listed open — and hooks.py
overrides exactly what the inventory says."""

import importlib
import inspect
import pkgutil

import frappe

from amass_relations.permissions import inventory
from amass_relations.tests.utils import AmassTestCase

SKIPPED_MODULE_PARTS = (".tests", ".test_", ".patches.", "benchmarks", "commands")


def whitelisted_methods_with_doc_parameters() -> set[str]:
	for app in frappe.get_installed_apps():
		package = importlib.import_module(app)
		for module in pkgutil.walk_packages(package.__path__, f"{app}."):
			if any(part in module.name for part in SKIPPED_MODULE_PARTS):
				continue
			try:
				importlib.import_module(module.name)
			except Exception:
				continue
	found = set()
	for fn in frappe.whitelisted:
		path = f"{fn.__module__}.{fn.__qualname__}"
		if path.startswith("amass_relations.permissions.routes"):
			continue  # the overrides themselves
		try:
			parameters = set(inspect.signature(fn).parameters)
		except (TypeError, ValueError):
			continue
		# The app's own document methods (run_doc_method hands them a record) are listed whatever
		# their parameters, so a new one cannot be forgotten.
		app_doc_method = path.startswith("amass_relations.") and "." in fn.__qualname__
		if parameters & inventory.DOC_PARAMETERS or path in inventory.OVERRIDDEN or app_doc_method:
			found.add(path)
	return found


class TestRouteInventory(AmassTestCase):
	def test_every_method_is_in_exactly_one_list(self):
		lists = {
			"OVERRIDDEN": inventory.OVERRIDDEN,
			"PROVEN": inventory.PROVEN,
			"EXCLUDED": inventory.EXCLUDED,
			"OPEN": inventory.OPEN,
		}
		seen = {}
		for name, entries in lists.items():
			for path in entries:
				self.assertNotIn(path, seen, f"{path} is in {seen.get(path)} and {name}")
				seen[path] = name
		unlisted = sorted(whitelisted_methods_with_doc_parameters() - set(seen))
		self.assertEqual(unlisted, [], "add each to amass_relations/permissions/inventory.py")
		print(
			f"route inventory: {len(inventory.OVERRIDDEN)} overridden, {len(inventory.PROVEN)} proven, "
			f"{len(inventory.EXCLUDED)} excluded, {len(inventory.OPEN)} open"
		)

	def test_hooks_override_what_the_inventory_says(self):
		overridden = {
			path
			for path, targets in frappe.get_hooks("override_whitelisted_methods").items()
			if targets[-1].startswith("amass_relations.")
		}
		self.assertEqual(overridden, set(inventory.OVERRIDDEN))

	def test_each_override_is_whitelisted(self):
		for path, targets in frappe.get_hooks("override_whitelisted_methods").items():
			if targets[-1].startswith("amass_relations."):
				self.assertIn(frappe.get_attr(targets[-1]), frappe.whitelisted, path)
