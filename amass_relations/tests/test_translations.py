import frappe

from amass_relations.constants import APP_ROLES, CHANNEL_INTERVIEW, STANDARD_CHANNELS
from amass_relations.tests.catalogue import generated_catalog, read_catalog
from amass_relations.tests.utils import AmassTestCase


class TestArabicCatalogue(AmassTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.template = generated_catalog()
		cls.arabic = read_catalog("ar")

	def test_every_message_of_the_app_has_an_arabic_translation(self):
		untranslated = [
			message.id
			for message in self.template
			if message.id and not (self.arabic.get(message.id, message.context) or frappe._dict()).string
		]
		self.assertEqual(untranslated, [], "run amass_relations.tests.catalogue.update_catalogue and translate")

	def test_strings_stored_in_records_reach_the_catalogue(self):
		ids = {message.id for message in self.template}
		for text in (*APP_ROLES, *STANDARD_CHANNELS):
			self.assertIn(text, ids)

	def test_the_desk_shows_records_in_arabic(self):
		frappe.local.lang = "ar"
		try:
			frappe.translate.clear_cache()
			self.assertEqual(frappe._(CHANNEL_INTERVIEW), "المقابلة")
			self.assertEqual(frappe._("Beneficiary Relations Officer"), "موظف علاقات المستفيدين")
		finally:
			frappe.local.lang = "en"
