"""Checks on the shipped DocType definitions that need no bench."""

import json
import pathlib
import unittest

from amass_relations import constants

APP = pathlib.Path(__file__).resolve().parent.parent / "amass_relations"
FRAMEWORK_ROLES = {"System Manager", "Administrator", "All", "Guest", "Desk User"}


def doctype_files():
	return sorted(APP.glob("*/doctype/*/*.json"))


class TestDoctypeDefinitions(unittest.TestCase):
	def test_there_are_doctypes(self):
		self.assertTrue(doctype_files())

	def test_every_doctype_sets_its_sort_field(self):
		# v16 changed the default list sort; an explicit sort_field keeps lists as designed on both.
		for path in doctype_files():
			with self.subTest(doctype=path.stem):
				self.assertTrue(json.loads(path.read_text()).get("sort_field"))

	def test_permissions_name_only_known_roles(self):
		known = set(constants.APP_ROLES) | FRAMEWORK_ROLES
		for path in doctype_files():
			for perm in json.loads(path.read_text()).get("permissions", []):
				with self.subTest(doctype=path.stem, role=perm["role"]):
					self.assertIn(perm["role"], known)

	def test_the_portal_role_reads_no_internal_doctype(self):
		for path in doctype_files():
			roles = {perm["role"] for perm in json.loads(path.read_text()).get("permissions", [])}
			with self.subTest(doctype=path.stem):
				self.assertNotIn(constants.ROLE_BENEFICIARY, roles)

	def test_module_folders_match_modules_txt(self):
		modules = (APP / "modules.txt").read_text().split()
		self.assertEqual(" ".join(modules), constants.MODULE_NAME)
		self.assertTrue((APP / "amass_relations" / "doctype").is_dir())
