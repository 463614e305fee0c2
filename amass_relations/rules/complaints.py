"""What complaints and suggestions decide without a database (policy G6, G8, G9): the statuses and the
moves between them, the one appeal, the escalation thresholds of an overdue complaint or improvement
action, the tracking code of an anonymous submitter, who triages, and the median resolution time from
the maintained counts of resolution days."""

import hashlib
import hmac
import secrets
from datetime import date

# Feedback kinds that are answered (the others are survey answers and praise).
COMPLAINT, SUGGESTION = "Complaint", "Suggestion"
ANSWERED_KINDS = (COMPLAINT, SUGGESTION)

NEW, IN_PROGRESS, RESOLVED, REJECTED, CLOSED = "New", "In Progress", "Resolved", "Rejected", "Closed"
STATUSES = (NEW, IN_PROGRESS, RESOLVED, REJECTED, CLOSED)
OPEN_STATUSES = (NEW, IN_PROGRESS)
OUTCOME_STATUSES = (RESOLVED, REJECTED)

# action -> (statuses it starts from, status it leads to)
MOVES = {
	"start": ((NEW,), IN_PROGRESS),
	"resolve": ((NEW, IN_PROGRESS), RESOLVED),
	"reject": ((NEW, IN_PROGRESS), REJECTED),
	"close": ((RESOLVED, REJECTED), CLOSED),
	# The submitter's one appeal of an outcome: back to work, not yet closed.
	"appeal": ((RESOLVED, REJECTED), IN_PROGRESS),
}

# Escalation thresholds after the due date, in working days: once each.
OVERDUE = "Overdue"
LONG_OVERDUE = "Overdue 5 Working Days"
THRESHOLDS = ((OVERDUE, 0), (LONG_OVERDUE, 5))

# Improvement actions.
ACTION_OPEN, ACTION_IN_PROGRESS, ACTION_DONE, ACTION_CANCELLED = "Open", "In Progress", "Done", "Cancelled"
ACTION_STATUSES = (ACTION_OPEN, ACTION_IN_PROGRESS, ACTION_DONE, ACTION_CANCELLED)
ACTION_OPEN_STATUSES = (ACTION_OPEN, ACTION_IN_PROGRESS)

MAX_TEXT = 4000
MIN_TEXT = 10


def move_problem(action: str, status: str, *, appealed: bool = False, reason: str = "") -> str | None:
	"""Why `action` may not be taken on a complaint in `status`, or None."""
	if action not in MOVES:
		return "unknown_action"
	starts, _to = MOVES[action]
	if status not in starts:
		return "wrong_status"
	if action == "appeal" and appealed:
		return "appealed_once"
	if action in ("resolve", "reject", "appeal") and len((reason or "").strip()) < 3:
		return "reason_required"
	return None


def next_status(action: str) -> str:
	return MOVES[action][1]


def text_problem(text: str) -> str | None:
	text = (text or "").strip()
	if len(text) < MIN_TEXT:
		return "too_short"
	if len(text) > MAX_TEXT:
		return "too_long"
	return None


def thresholds_reached(due: date | None, today: date, working_days_late: int) -> list[str]:
	"""The thresholds an open item past `due` has reached; `working_days_late` counts the working days
	after the due date up to today (inequalities: a day the scheduler missed is caught the next run)."""
	if not due or today <= due:
		return []
	return [name for name, days in THRESHOLDS if working_days_late >= days]


def new_tracking_code() -> str:
	"""The anonymous submitter's secret: 16 characters a person can copy (no 0/O, 1/l)."""
	alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
	return "".join(secrets.choice(alphabet) for _ in range(16))


def normal_code(code: str) -> str:
	return "".join(ch for ch in (code or "").upper() if ch.isalnum())


def code_digest(secret: str, reference: str, code: str) -> str:
	"""What is stored of a tracking code: a keyed digest tied to its reference."""
	return hmac.new(
		secret.encode(), f"track|{reference}|{normal_code(code)}".encode(), hashlib.sha256
	).hexdigest()


def code_matches(secret: str, reference: str, code: str, stored: str) -> bool:
	return bool(stored) and hmac.compare_digest(code_digest(secret, reference, code), stored)


def triage_owner(
	branch_owner: str | None, headquarters_owner: str | None, named_staff: str | None
) -> str | None:
	"""The branch's complaints owner, headquarters' when there is no branch owner; never the member of
	staff a complaint is about (then headquarters', else no one: the manager triages)."""
	for owner in (branch_owner, headquarters_owner):
		if owner and owner != named_staff:
			return owner
	return None


def median_from_counts(counts: dict[int, int]) -> float | None:
	"""The median of values given as value -> how many times (the maintained resolution-days counts);
	the lower middle value for an even total, as the nearest-rank percentile."""
	total = sum(n for n in counts.values() if n > 0)
	if not total:
		return None
	rank = (total + 1) // 2
	seen = 0
	for value in sorted(counts):
		seen += max(counts[value], 0)
		if seen >= rank:
			return value
	return None


def satisfaction(satisfied: int, rated: int) -> float | None:
	"""CSAT: the share of ratings of 4 or 5, in percent, one decimal."""
	return round(100.0 * satisfied / rated, 1) if rated else None
