"""'Link my file': the limits of linking a portal account to a beneficiary's file, and the date of birth
as a person types it (Gregorian or Hijri)."""

import hashlib
import re
from datetime import date

from amass_relations.rules.dates import parse_hijri
from amass_relations.rules.digits import to_ascii_digits

CODE_DIGITS = 6
CODE_SECONDS = 10 * 60
CODE_TRIES = 5
# Failed attempts a day, per account and per national ID tried; the framework's limiter bounds each IP
# higher (a hospital's Wi-Fi is one IP for many families).
FAILURES_PER_ACCOUNT = 5
FAILURES_PER_ID = 5
REQUESTS_PER_IP_HOUR = 60
DAY_SECONDS = 24 * 60 * 60

_GREGORIAN = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def parse_birth_date(text: str | None) -> tuple[date | None, str | None]:
	"""A Gregorian date (YYYY-MM-DD, as a date picker sends it) or a Hijri one (years before 1600)."""
	if not text or not isinstance(text, str):
		return None, "missing"
	plain = to_ascii_digits(text.strip())
	if (match := _GREGORIAN.fullmatch(plain)) and int(match.group(1)) >= 1700:
		try:
			return date(*map(int, match.groups())), None
		except ValueError:
			return None, "bad_format"
	return parse_hijri(plain)


def code_digest(user: str, code: str) -> str:
	"""What is kept of a one-time code: bound to the account it was sent for."""
	return hashlib.sha256(f"{user.lower()}:{code}".encode()).hexdigest()


def id_digest(national_id: str) -> str:
	"""The key a national ID's failures are counted under (the ID itself is kept nowhere)."""
	return hashlib.sha256(national_id.encode()).hexdigest()[:32]
