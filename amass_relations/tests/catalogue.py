"""The app's translation catalogue: generate the POT the way `bench generate-pot-file` does, and merge
it into ar.po.

`bench generate-pot-file` asks git about ignored folders through the bench's apps/ path, which fails
when apps/amass_relations is a symlink to a checkout (as the test command links it); here git is asked at
the real path. Update the catalogue after adding strings:

    bench --site SITE execute amass_relations.tests.catalogue.update_catalogue
"""

import os
from pathlib import Path
from unittest.mock import patch

import frappe
from babel.messages.pofile import read_po, write_po
from frappe.gettext import translate as gettext_translate

APP = "amass_relations"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"


def _gitignored_at_real_path(app):
	import git

	repo = git.Repo(os.path.realpath(frappe.get_app_source_path(app)), search_parent_directories=True)
	return lambda d: bool(repo.ignored([str(d).rstrip("/")]))


def generated_catalog():
	"""The POT catalogue of the app's current sources."""
	captured = {}

	def capture(app, catalog, locale=None):
		captured["catalog"] = catalog
		return LOCALE_DIR / "main.pot"

	with (
		patch.object(gettext_translate, "write_catalog", capture),
		patch.object(gettext_translate, "get_is_gitignored_function_for_app", _gitignored_at_real_path),
		patch("builtins.print"),
	):
		gettext_translate.generate_pot(APP)
	return captured["catalog"]


def read_catalog(locale: str = "ar"):
	with open(LOCALE_DIR / f"{locale}.po", "rb") as f:
		return read_po(f, locale=locale)


def update_catalogue(locale: str = "ar"):
	"""Write main.pot and merge it into LOCALE.po, keeping existing translations."""
	template = generated_catalog()
	with open(LOCALE_DIR / "main.pot", "wb") as f:
		write_po(f, template, sort_output=True, width=None)
	po_path = LOCALE_DIR / f"{locale}.po"
	if po_path.exists():
		catalog = read_catalog(locale)
		catalog.update(template, no_fuzzy_matching=True)
	else:
		catalog = template
		catalog.locale = locale
	with open(po_path, "wb") as f:
		write_po(f, catalog, sort_output=True, width=None, ignore_obsolete=True)
	missing = [m.id for m in catalog if m.id and not m.string]
	print(f"{len(template)} messages; {len(missing)} without a {locale} translation")
	for message in missing:
		print(f"  {message!r}")
