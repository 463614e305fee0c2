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
		self.assertEqual(
			untranslated, [], "run amass_relations.tests.catalogue.update_catalogue and translate"
		)

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

	def test_the_app_does_not_change_the_frameworks_arabic(self):
		# One catalogue serves the whole desk: a msgid the framework already translates (e.g. "Website",
		# a workspace of Frappe's) must keep Frappe's words, or the app would rename Frappe's screens.
		from babel.messages.pofile import read_po

		with open(frappe.get_app_path("frappe", "locale", "ar.po"), "rb") as f:
			framework = read_po(f, locale="ar")
		changed = []
		for message in self.arabic:
			theirs = framework.get(message.id, message.context)
			if message.id and theirs and theirs.string and theirs.string != message.string:
				changed.append(
					f"{message.id!r}: Frappe says {theirs.string!r}, the app says {message.string!r}"
				)
		self.assertEqual(changed, [])
