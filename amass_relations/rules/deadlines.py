"""The committee's deadline (policy S5) and the service delivered against the decision (S6-S7)."""

from datetime import date, timedelta

DUE_SOON, OVERDUE, ON_TIME = "Due Soon", "Overdue", "On Time"
SOON_DAYS = 2


def deadline_state(pending_committee: bool, due: date | None, today: date, soon_days: int = SOON_DAYS) -> str:
	if not pending_committee or not due:
		return ""
	if due < today:
		return OVERDUE
	if due <= today + timedelta(days=soon_days):
		return DUE_SOON
	return ON_TIME


def thresholds_reached(due: date | None, today: date, soon_days: int = SOON_DAYS) -> list[str]:
	"""Inequalities, not equalities: a day the scheduler missed is caught on the next run."""
	if not due:
		return []
	reached = []
	if due <= today + timedelta(days=soon_days):
		reached.append(DUE_SOON)
	if due < today:
		reached.append(OVERDUE)
	return reached


def percentile(values: list[float], fraction: float) -> float | None:
	"""Nearest-rank percentile (the 90th: the smallest value 90 % of the values are at most). The Decision
	Time report's PERCENTILE_DISC is the same definition in SQL."""
	if not values:
		return None
	ordered = sorted(values)
	rank = max(1, -(-len(ordered) * fraction // 1))  # ceil
	return ordered[int(rank) - 1]


def delivery_problem(
	is_financial: bool, approved: float, delivered_before: float, amount: float, override: bool
) -> str | None:
	if is_financial and amount <= 0:
		return "no_amount"
	if is_financial and delivered_before + amount > approved + 1e-9 and not override:
		return "beyond_approved"
	return None


def delivery_complete(
	is_financial: bool, approved: float, delivered_total: float, any_completes: bool
) -> bool:
	if is_financial:
		return approved > 0 and delivered_total + 1e-9 >= approved
	return any_completes
