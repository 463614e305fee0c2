"""The desk's form and list scripts parse: a syntax error there leaves a form blank, and no Python test sees it."""

import pathlib
import shutil
import subprocess
import unittest

APP = pathlib.Path(__file__).resolve().parent.parent / "amass_relations"


@unittest.skipUnless(shutil.which("node"), "node is not installed")
class TestDeskScripts(unittest.TestCase):
	def test_every_script_parses(self):
		scripts = sorted(APP.rglob("*.js"))
		self.assertTrue(scripts)
		for script in scripts:
			with self.subTest(script=str(script.relative_to(APP))):
				result = subprocess.run(["node", "--check", str(script)], capture_output=True, text=True)
				self.assertEqual(result.returncode, 0, result.stderr)
