"""Saudi mobile numbers, stored in one form (+9665XXXXXXXX) so that SMS sending and duplicate checks
do not depend on how the officer or the beneficiary happened to type the number."""

import re

from amass_relations.rules.digits import single_script_text

# Separators people put inside a number; word processors turn "-" into the Unicode dashes.
_SEPARATORS = frozenset(" .-()\u2010\u2011\u2012\u2013\u2014\u2015\u2212")
# Local (05…, 5…) and international (966…, +966…, 00966…) forms of a Saudi mobile: 5 and eight digits.
_SAUDI_MOBILE = re.compile(r"(?:\+966|00966|966|0)?(5[0-9]{8})", re.ASCII)


def normalize_saudi_mobile(value) -> tuple[str | None, str | None]:
	"""("+9665XXXXXXXX", None), or (None, a problem code) saying why `value` is not a Saudi mobile.

	Codes: "missing", "mixed_digits", "not_digits" (letters or other characters, or a "+" that is not
	first), "not_saudi_mobile" (landlines, wrong length, foreign numbers)."""
	text, problem = single_script_text(value)
	if problem:
		return None, problem
	text = "".join(char for char in text if char not in _SEPARATORS and not char.isspace())
	if not text:
		return None, "not_digits"
	body = text[1:] if text.startswith("+") else text
	if not body or not all("0" <= char <= "9" for char in body):
		return None, "not_digits"
	match = _SAUDI_MOBILE.fullmatch(text)
	if match is None:
		return None, "not_saudi_mobile"
	return "+966" + match.group(1), None


def sign_in_form(normalized: str | None) -> str | None:
	"""A stored mobile (+9665XXXXXXXX) as people type it to sign in (05XXXXXXXX): the portal account's
	mobile number, which Frappe matches exactly when System Settings allow signing in by mobile."""
	if not normalized or not normalized.startswith("+966"):
		return normalized
	return "0" + normalized[4:]
