"""The Support Request Form rendered to PDF by the framework (wkhtmltopdf) and read back with poppler."""

import subprocess
import tempfile
import unicodedata

import frappe

from amass_relations.amass_relations.doctype.support_request.test_support_request import (
	SIGNATURE,
	RequestTestCase,
)


def pdf_text(pdf: bytes) -> tuple[str, int]:
	with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
		f.write(pdf)
		f.flush()
		text = subprocess.run(["pdftotext", f.name, "-"], capture_output=True, check=True, text=True).stdout
		info = subprocess.run(["pdfinfo", f.name], capture_output=True, check=True, text=True).stdout
	pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
	# pdftotext gives Arabic presentation forms and bidi marks: compare letters only.
	text = unicodedata.normalize("NFKC", text)
	return "".join(ch for ch in text if unicodedata.category(ch) not in ("Cf",)), pages


class TestSupportRequestForm(RequestTestCase):
	def test_the_form_renders_in_arabic_on_one_page(self):
		request = self.new_request(urgency="Urgent")
		request.signature = SIGNATURE
		request.signer_name = "مقدم الطلب"
		request.save()
		frappe.set_user("Administrator")
		pdf = frappe.get_print("Support Request", request.name, "Support Request Form", as_pdf=True)
		text, pages = pdf_text(pdf)
		self.assertEqual(pages, 1)
		self.assertIn("نموذج طلب دعم مستفيد", text)
		self.assertIn(frappe.db.get_value("Beneficiary", request.beneficiary, "full_name"), text)
		self.assertIn(request.name, text)
		self.assertIn("الإقرار", text)


HOSTILE = '<img src=x onerror="alert(1)"><script>alert(2)</script>" onmouseover="alert(3)'


class TestPrintFormatsEscape(RequestTestCase):
	"""Hostile values in every text field the Arabic print formats show come out as text, not markup."""

	def assertInert(self, html: str):
		for raw in ("<script>alert", '<img src="x"', "<img src=x", 'onerror="alert', '" onmouseover="alert'):
			self.assertNotIn(raw, html)
		self.assertIn("onmouseover=&#34;alert(3)", html)  # the value without < or >, escaped by the template

	def test_the_support_request_form_escapes_what_users_typed(self):
		beneficiary = self.new_beneficiary()
		beneficiary.reload()
		beneficiary.city = HOSTILE
		beneficiary.save()
		request = self.new_request(beneficiary=beneficiary.name, description=HOSTILE)
		request.signer_name = 'مقدم" onmouseover="alert(3)'  # no < or >: Frappe's sanitizer lets it through
		request.signature = SIGNATURE
		request.save()
		frappe.set_user("Administrator")
		self.assertInert(frappe.get_print("Support Request", request.name, "Support Request Form"))

	def test_a_signature_that_is_not_a_drawn_image_is_refused(self):
		from amass_relations.services.signatures import InvalidSignatureError

		request = self.new_request()
		request.signature = 'x" onerror="alert(1)'
		request.signer_name = "مقدم الطلب"
		with self.assertRaises(InvalidSignatureError):
			request.save()
