"""The research committee's response period (policy S5)."""

from datetime import date, datetime, timedelta

MIN_RESPONSE_DAYS = 1
# A period longer than a year is a typing mistake, not a policy.
MAX_RESPONSE_DAYS = 365


def response_days_problem(days) -> str | None:
	"""Why `days` cannot be the committee response period, or None when it can.

	Returns a stable code; the caller maps it to a translated message."""
	if days is None or isinstance(days, bool):
		return "missing"
	try:
		as_int = int(days)
	except (TypeError, ValueError):
		return "not_a_number"
	if as_int != days and str(as_int) != str(days).strip():
		return "not_a_number"
	if as_int < MIN_RESPONSE_DAYS:
		return "too_short"
	if as_int > MAX_RESPONSE_DAYS:
		return "too_long"
	return None


def committee_due_date(entered_on: date | datetime, response_days: int) -> date:
	"""The day the committee owes its answer: calendar days after the request entered the committee."""
	if isinstance(entered_on, datetime):
		entered_on = entered_on.date()
	return entered_on + timedelta(days=int(response_days))
