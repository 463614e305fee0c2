"""A drawn signature, as the desk's Signature field stores it: a PNG or JPEG data URL, and nothing else.

Print formats put it in `<img src="…">`; Frappe's Jinja does not escape, and Frappe sanitizes only values
containing `<` or `>`, so a value such as `x" onerror="…` would run script in the print view."""

import re

_DATA_URL = re.compile(r"data:image/(png|jpeg);base64,[A-Za-z0-9+/]+={0,2}")
MAX_LENGTH = 500_000  # a drawn signature is a few kilobytes; this bounds what a client may store


def signature_problem(value: str | None) -> str | None:
	"""None when `value` is empty or a PNG/JPEG data URL; else "too_large" or "not_an_image"."""
	if not value:
		return None
	if len(value) > MAX_LENGTH:
		return "too_large"
	if not _DATA_URL.fullmatch(value):
		return "not_an_image"
	return None
