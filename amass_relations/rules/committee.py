"""The research committee's response period (policy S5)."""

from dataclasses import dataclass
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


# A member's vote and the decision it stands for. An abstention stands for none.
VOTE_DECISIONS = {
	"Approve": "Approved",
	"Approve Partially": "Partially Approved",
	"Reject": "Rejected",
	"Defer for Information": "Returned for Information",
}
ABSTAIN = "Abstain"


@dataclass(frozen=True)
class Tally:
	"""What the votes on one request carry under the committee's rule (set by the manager)."""

	decision: str | None  # None: no decision has the majority
	counts: dict[str, int]  # decision -> votes
	abstentions: int
	base: int  # the number the majority is taken of
	needed: int  # votes a decision needs
	by_casting_vote: bool = False


def tally(
	votes: dict[str, str],
	members: int,
	abstentions_count: bool,
	chair: str | None = None,
	casting_vote: bool = False,
) -> Tally:
	"""Tally `votes` (member -> vote) against `members` — the members present, or all members, who may
	vote on this request (a member with a conflict of interest is not one of them).

	A decision is carried by more than half of the base. The base is `members`, less those who abstained
	unless abstentions count. On a tie — the chair's choice holding exactly half the base — the chair's
	vote carries it when the chair has a casting vote."""
	counts: dict[str, int] = {}
	abstentions = 0
	for vote in votes.values():
		if vote == ABSTAIN:
			abstentions += 1
		elif vote in VOTE_DECISIONS:
			decision = VOTE_DECISIONS[vote]
			counts[decision] = counts.get(decision, 0) + 1
	base = max(members, len(votes))
	if not abstentions_count:
		base -= abstentions
	needed = base // 2 + 1
	carried = [decision for decision, count in counts.items() if count >= needed]
	if carried:
		return Tally(carried[0], counts, abstentions, base, needed)
	chosen = VOTE_DECISIONS.get(votes.get(chair or "", ""))
	if casting_vote and chosen and base and counts.get(chosen, 0) * 2 == base:
		return Tally(chosen, counts, abstentions, base, needed, by_casting_vote=True)
	return Tally(None, counts, abstentions, base, needed)
