"""Hijri (Umm al-Qura) dates. Beneficiaries and their documents give dates in Hijri; the system stores
Gregorian, so entry converts with the official Saudi calendar rather than an arithmetic approximation."""

import re
from datetime import date, datetime

from hijridate import Gregorian, Hijri

from amass_relations.rules.digits import to_ascii_digits

# No one alive is older; an earlier birth date is a typing mistake (often a Hijri year entered as Gregorian).
MAX_AGE_YEARS = 130

# 1446-09-15 or 1446/9/15 (year first), 15/09/1446 or 15-9-1446 (day first); one separator throughout.
_YEAR_FIRST = re.compile(r"([0-9]{4})([-/])([0-9]{1,2})\2([0-9]{1,2})", re.ASCII)
_DAY_FIRST = re.compile(r"([0-9]{1,2})([-/])([0-9]{1,2})\2([0-9]{4})", re.ASCII)


def hijri_to_gregorian(year: int, month: int, day: int) -> tuple[date | None, str | None]:
	"""(the Gregorian date, None), or (None, "invalid_hijri_date") for a day that does not exist, such as
	30 in a 29-day month, or (None, "out_of_range") outside the years the Umm al-Qura tables cover."""
	if not all(isinstance(part, int) and not isinstance(part, bool) for part in (year, month, day)):
		return None, "invalid_hijri_date"
	try:
		gregorian = Hijri(year, month, day).to_gregorian()
	except OverflowError:
		return None, "out_of_range"
	except ValueError:
		return None, "invalid_hijri_date"
	return date(gregorian.year, gregorian.month, gregorian.day), None


def gregorian_to_hijri(d: date) -> tuple[int, int, int] | None:
	"""(year, month, day) in Hijri, or None outside the range the Umm al-Qura tables cover."""
	if isinstance(d, datetime):
		d = d.date()
	try:
		return Gregorian(d.year, d.month, d.day).to_hijri().datetuple()
	except OverflowError:
		return None


def parse_hijri(text: str | None) -> tuple[date | None, str | None]:
	"""The Gregorian date for a typed Hijri date, or (None, a problem code).

	Accepts year first ("1446-09-15", "1446/9/15") or day first ("15/09/1446"), in any digit script.
	Codes: "missing", "bad_format", "invalid_hijri_date", "out_of_range"."""
	if text is None:
		return None, "missing"
	if not isinstance(text, str):
		return None, "bad_format"
	text = to_ascii_digits(text.strip())
	if not text:
		return None, "missing"
	if match := _YEAR_FIRST.fullmatch(text):
		year, month, day = match.group(1, 3, 4)
	elif match := _DAY_FIRST.fullmatch(text):
		day, month, year = match.group(1, 3, 4)
	else:
		return None, "bad_format"
	return hijri_to_gregorian(int(year), int(month), int(day))


def format_hijri(d: date) -> str:
	"""`d` as a Hijri "YYYY-MM-DD", for showing both calendars; "" outside the supported range."""
	hijri = gregorian_to_hijri(d)
	if hijri is None:
		return ""
	year, month, day = hijri
	return f"{year:04d}-{month:02d}-{day:02d}"


def birth_date_problem(d: date | None, today: date) -> str | None:
	"""Why `d` cannot be a living beneficiary's birth date ("missing", "in_future", "too_old"), or None."""
	if d is None:
		return "missing"
	if isinstance(d, datetime):
		d = d.date()
	if isinstance(today, datetime):
		today = today.date()
	if d > today:
		return "in_future"
	if d < _years_before(today, MAX_AGE_YEARS):
		return "too_old"
	return None


def _years_before(day: date, years: int) -> date:
	"""The same calendar day `years` earlier; 29 February becomes 28 February in a common year."""
	try:
		return day.replace(year=day.year - years)
	except ValueError:
		return day.replace(year=day.year - years, day=28)
