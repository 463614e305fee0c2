"""The public service guide (/services) over the served site: generated from the registry's services and
the settings, the managers' questions in the reader's language, no sign-in, cached by Frappe and fresh
after every change."""

import frappe

from amass_relations import constants as c
from amass_relations.tests.security.http import Client
from amass_relations.tests.utils import AmassTestCase

SERVICE = "خدمة دليل الاختبار"
HIDDEN = "خدمة موقوفة لدليل الاختبار"
HOSTILE = '<script>alert("guide")</script>'


class TestServiceGuide(AmassTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		for name, enabled in ((SERVICE, 1), (HIDDEN, 0)):
			if not frappe.db.exists("Support Service Type", name):
				frappe.get_doc(
					{
						"doctype": "Support Service Type",
						"service_name": name,
						"enabled": enabled,
						"is_financial": 1,
						"maximum_amount": 7350,
						"eligible_categories": [{"beneficiary_category": c.CATEGORY_PATIENT}],
						"required_documents": [
							{"document_type": c.DOCUMENT_MEDICAL_REPORT, "mandatory": 1},
							{"document_type": c.DOCUMENT_PRICE_QUOTATION, "mandatory": 0},
						],
						"description": "وصف عربي للخدمة",
						"description_en": "An English description of the service",
					}
				).insert()
		cls.question = frappe.get_doc(
			{
				"doctype": "Service Question",
				"question": "سؤال الدليل؟",
				"question_en": "A guide question?",
				"answer": f"جواب {HOSTILE}",
				"answer_en": f"An answer {HOSTILE}",
				"published": 1,
			}
		).insert()
		cls.draft = frappe.get_doc(
			{
				"doctype": "Service Question",
				"question": "سؤال غير منشور؟",
				"question_en": "Unpublished question?",
				"answer": "لا",
				"answer_en": "No",
				"published": 0,
			}
		).insert()
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls):
		frappe.set_user("Administrator")
		for doc in (cls.question, cls.draft):
			frappe.delete_doc("Service Question", doc.name, force=True)
		frappe.db.commit()
		super().tearDownClass()

	def page(self, language: str) -> str:
		guest = Client()
		guest.session.cookies.set("preferred_language", language)
		response = guest.get("/services")
		self.assertEqual(response.status_code, 200, response.text[:300])
		return response.text

	def test_a_guest_reads_the_services_in_arabic(self):
		html = self.page("ar")
		self.assertIn(SERVICE, html)
		self.assertNotIn(HIDDEN, html, "a disabled service is not offered")
		self.assertIn("وصف عربي للخدمة", html)
		self.assertIn(frappe._(c.DOCUMENT_MEDICAL_REPORT, lang="ar"), html)
		self.assertIn("7,350", html)
		days = frappe.db.get_single_value(c.SETTINGS_DOCTYPE, "committee_response_days")
		self.assertIn(f"خلال {days} يومًا", html)
		self.assertIn("سؤال الدليل؟", html)
		self.assertNotIn("سؤال غير منشور؟", html)
		# Frappe escapes the tag when the question is saved; the page escapes whatever is stored.
		self.assertNotIn("<script>alert", html)
		self.assertRegex(html, r"&(amp;)?lt;script&(amp;)?gt;alert")

	def test_a_guest_reads_the_services_in_english(self):
		html = self.page("en")
		self.assertIn("An English description of the service", html)
		self.assertIn("A guide question?", html)
		self.assertIn("Who may apply", html)

	def test_the_page_follows_the_records(self):
		self.page("en")  # cached now
		frappe.set_user("Administrator")
		service = frappe.get_doc("Support Service Type", SERVICE)
		service.description_en = "A changed English description"
		service.save()
		frappe.db.commit()
		try:
			self.assertIn("A changed English description", self.page("en"))
		finally:
			service.reload()
			service.description_en = "An English description of the service"
			service.save()
			frappe.db.commit()
