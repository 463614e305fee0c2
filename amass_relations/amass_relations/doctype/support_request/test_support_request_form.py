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
