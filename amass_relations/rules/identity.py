"""Saudi national ID (citizens) and iqama (residents) numbers: ten digits, the first saying which, the
last a Luhn check digit that catches a mistyped or swapped digit before it reaches a beneficiary's file."""

from amass_relations.rules.digits import ASCII_DIGITS, single_script_text, to_ascii_digits

ID_LENGTH = 10
ID_KINDS = {"1": "citizen", "2": "resident"}

# Demo and test data use IDs 10000xxxxx (and iqamas 20000xxxxx), Luhn-valid so they pass every check,
# from a block the README documents as fake: anyone who meets one in a real file knows it is not a person.
DEMO_ID_PREFIX = "10000"
DEMO_RESIDENT_ID_PREFIX = "20000"
DEMO_ID_COUNT = 10_000


def normalize_national_id(value) -> tuple[str | None, str | None]:
	"""(the ID as ten ASCII digits, None), or (None, a problem code) saying why `value` is not an ID.

	Codes, checked in this order: "missing", "mixed_digits", "not_digits", "wrong_length",
	"wrong_first_digit", "bad_check_digit". Only surrounding whitespace is forgiven: anything inside the
	number is more likely a paste of the wrong thing than formatting."""
	text, problem = single_script_text(value)
	if problem:
		return None, problem
	if not _is_ascii_digits(text):
		return None, "not_digits"
	if len(text) != ID_LENGTH:
		return None, "wrong_length"
	if text[0] not in ID_KINDS:
		return None, "wrong_first_digit"
	if not luhn_valid(text):
		return None, "bad_check_digit"
	return text, None


def id_kind(national_id: str) -> str:
	"""Whether a normalised ID is a citizen's national ID (leading 1) or a resident's iqama (leading 2).

	Returns "citizen" or "resident"; any other leading digit is a caller's bug, so it raises ValueError."""
	kind = ID_KINDS.get(to_ascii_digits(national_id.strip())[:1])
	if kind is None:
		raise ValueError(f"not a Saudi national ID or iqama number: {national_id!r}")
	return kind


def luhn_valid(digits: str) -> bool:
	"""Whether the ASCII digit string `digits` passes the Luhn check (the check digit is the last one)."""
	if not digits or not _is_ascii_digits(digits):
		return False
	return _luhn_sum(digits) % 10 == 0


def luhn_check_digit(first_nine: str) -> str:
	"""The digit that, appended to `first_nine`, makes a Luhn-valid number; used to make demo IDs."""
	if not first_nine or not _is_ascii_digits(first_nine):
		raise ValueError(f"expected ASCII digits, got {first_nine!r}")
	return str((10 - _luhn_sum(first_nine + "0")) % 10)


def demo_national_id(n: int) -> str:
	"""The n-th fake citizen ID (0 <= n < 10000): 10000, n in four digits, then the check digit."""
	return _demo_id(DEMO_ID_PREFIX, n)


def demo_resident_id(n: int) -> str:
	"""The n-th fake iqama number (0 <= n < 10000), like demo_national_id but starting 20000."""
	return _demo_id(DEMO_RESIDENT_ID_PREFIX, n)


def _demo_id(prefix: str, n: int) -> str:
	if isinstance(n, bool) or not isinstance(n, int) or not 0 <= n < DEMO_ID_COUNT:
		raise ValueError(f"demo ID number must be an int in 0..{DEMO_ID_COUNT - 1}, got {n!r}")
	first_nine = f"{prefix}{n:04d}"
	return first_nine + luhn_check_digit(first_nine)


def _is_ascii_digits(text: str) -> bool:
	# str.isdigit() would also accept full-width, superscript and other scripts' digits.
	return all(char in ASCII_DIGITS for char in text)


def _luhn_sum(digits: str) -> int:
	"""Luhn sum with the last digit as the check digit: every second digit from the right is doubled."""
	total = 0
	for position, char in enumerate(reversed(digits)):
		digit = int(char)
		if position % 2 == 1:
			digit *= 2
			if digit > 9:
				digit -= 9
		total += digit
	return total
