"""Digit scripts. Arabic keyboards type Arabic-Indic digits and Persian keyboards their own, so every
number a person enters is normalised to ASCII before it is checked or stored."""

ASCII_DIGITS = "0123456789"
ARABIC_INDIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"  # U+0660–U+0669
PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"  # U+06F0–U+06F9, "Extended Arabic-Indic"

_TO_ASCII = str.maketrans(ARABIC_INDIC_DIGITS + PERSIAN_DIGITS, ASCII_DIGITS * 2)


def to_ascii_digits(text: str) -> str:
	"""`text` with Arabic-Indic and Persian digits turned into 0-9; every other character is kept as is."""
	return text.translate(_TO_ASCII)


def digit_scripts(text: str | None) -> set[str]:
	"""Which digit scripts `text` uses: "ascii", "arabic_indic", "persian".

	A number typed in two scripts at once is usually pasted together from two sources, so callers reject it
	rather than guess which part is right."""
	scripts: set[str] = set()
	for char in text or "":
		if char in ASCII_DIGITS:
			scripts.add("ascii")
		elif char in ARABIC_INDIC_DIGITS:
			scripts.add("arabic_indic")
		elif char in PERSIAN_DIGITS:
			scripts.add("persian")
	return scripts


def single_script_text(value) -> tuple[str | None, str | None]:
	"""The stripped text of a typed number in ASCII digits, or (None, "missing" / "mixed_digits").

	The first step of every number rule (ID, mobile): digits of one script only, whatever that script."""
	if value is None or isinstance(value, bool):
		return None, "missing"
	text = str(value).strip()
	if not text:
		return None, "missing"
	if len(digit_scripts(text)) > 1:
		return None, "mixed_digits"
	return to_ascii_digits(text), None
