"""Working-day arithmetic for deadlines (policy G6: complaints answered within a period): the weekend
(Friday and Saturday in Saudi Arabia, from the settings) and the holidays the manager keeps (Eid al-Fitr
and Eid al-Adha move every year; Founding Day 22 February; National Day 23 September) are not counted."""

from datetime import date, timedelta

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
SAUDI_WEEKEND = ("Friday", "Saturday")


def weekend_numbers(names) -> frozenset[int]:
	"""Python's weekday numbers (Monday 0) of the weekend's day names; unknown names are refused."""
	numbers = set()
	for name in names or ():
		if name not in WEEKDAYS:
			raise ValueError(f"not a day of the week: {name!r}")
		numbers.add(WEEKDAYS.index(name))
	if len(numbers) >= 7:
		raise ValueError("a week needs at least one working day")
	return frozenset(numbers)


def is_working_day(day: date, weekend: frozenset[int], holidays: frozenset[date]) -> bool:
	return day.weekday() not in weekend and day not in holidays


def add_working_days(start: date, days: int, weekend: frozenset[int], holidays=frozenset()) -> date:
	"""The day `days` working days after `start` (the day something arrived does not count: one working
	day after a Thursday arrival, with a Friday-Saturday weekend, is Sunday). 0 days: `start` itself if it
	is a working day, else the next working day."""
	if days < 0:
		raise ValueError("days must not be negative")
	holidays = frozenset(holidays)
	day = start
	if days == 0:
		while not is_working_day(day, weekend, holidays):
			day += timedelta(days=1)
		return day
	counted = 0
	while counted < days:
		day += timedelta(days=1)
		if is_working_day(day, weekend, holidays):
			counted += 1
	return day


def working_days_between(start: date, end: date, weekend: frozenset[int], holidays=frozenset()) -> int:
	"""Working days after `start` up to and including `end` (negative when `end` is before `start`)."""
	if end < start:
		return -working_days_between(end, start, weekend, holidays)
	holidays = frozenset(holidays)
	return sum(
		1
		for n in range(1, (end - start).days + 1)
		if is_working_day(start + timedelta(days=n), weekend, holidays)
	)
