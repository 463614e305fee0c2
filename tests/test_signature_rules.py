import unittest

from amass_relations.rules.signature import MAX_LENGTH, signature_problem

PNG = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="


class TestSignature(unittest.TestCase):
	def test_a_drawn_signature_is_accepted(self):
		self.assertIsNone(signature_problem(PNG))
		self.assertIsNone(signature_problem(PNG.replace("image/png", "image/jpeg")))
		self.assertIsNone(signature_problem(None))
		self.assertIsNone(signature_problem(""))

	def test_anything_else_is_refused(self):
		for hostile in (
			'x" onerror="alert(1)',
			"javascript:alert(1)",
			"data:image/svg+xml;base64,PHN2Zz4=",
			"data:text/html;base64,PHNjcmlwdD4=",
			PNG + '" onload="alert(1)',
			"/private/files/signature.png",
		):
			self.assertEqual(signature_problem(hostile), "not_an_image", hostile)

	def test_a_huge_value_is_refused(self):
		self.assertEqual(signature_problem("data:image/png;base64," + "A" * MAX_LENGTH), "too_large")
