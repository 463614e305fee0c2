"""What satisfaction surveys decide without a database (policy G5, G7): the survey link's token, the
answers a template asks for, the overall figure, and how far a cell of answers is coarsened so that no
figure is about fewer than k people."""

import base64
import hashlib
import hmac
import re
from dataclasses import dataclass

# Question kinds (Survey Question.question_type) and what each is about (Survey Question.about).
RATING, YES_NO, ONE_CHOICE, FREE_TEXT = "Rating", "Yes/No", "One Choice", "Free Text"
ABOUT_SERVICE, ABOUT_STAFF, ABOUT_BRANCH = "Service", "Staff Member", "Branch"
YES, NO = "Yes", "No"
MAX_TEXT = 2000

# The cell a figure is reported for; ALL in place of a branch or a service that had too few answers.
ALL = "*"

_TOKEN = re.compile(r"^([A-Za-z0-9-]{4,40})\.([A-Za-z0-9_-]{20,64})$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _mac(secret: str, text: str) -> bytes:
	return hmac.new(secret.encode(), text.encode(), hashlib.sha256).digest()


def sign(secret: str, invitation: str, expires_on: str) -> str:
	"""The survey link's token: the invitation's (random) name and a signature of it and its end date.
	The same invitation always gives the same token, so a reminder carries the same link."""
	mac = base64.urlsafe_b64encode(_mac(secret, f"survey|{invitation}|{expires_on}")).decode().rstrip("=")
	return f"{invitation}.{mac[:32]}"


def invitation_of(token: str) -> str | None:
	"""The invitation a token names, or None when it is not shaped like a token at all."""
	match = _TOKEN.match(token or "")
	return match.group(1) if match else None


def verify(secret: str, token: str, expires_on: str) -> bool:
	invitation = invitation_of(token)
	return bool(invitation) and hmac.compare_digest(sign(secret, invitation, expires_on), token)


def used_key(secret: str, token: str) -> str:
	"""What marks a token used: a keyed digest no one without the site's secret can tie to a token or an
	invitation, so the table of used tokens never joins to the invitations or the answers."""
	return hmac.new(secret.encode(), f"used|{token}".encode(), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Question:
	key: str
	question_type: str
	required: bool = False
	options: tuple = ()
	about: str = ABOUT_SERVICE


def clean_text(value) -> str:
	return _CONTROL.sub("", str(value or "")).strip()


def answer_problems(questions: list[Question], given: dict) -> tuple[dict, dict]:
	"""(answers, problems): each question's answer in its stored form, and a problem code per question
	whose answer is missing or not one the question allows. The overall rating is the question "overall"."""
	answers, problems = {}, {}
	for q in questions:
		raw = given.get(q.key)
		raw = clean_text(raw) if raw is not None else ""
		if raw == "":
			if q.required:
				problems[q.key] = "required"
			continue
		if q.question_type == RATING:
			if raw not in ("1", "2", "3", "4", "5"):
				problems[q.key] = "not_a_rating"
				continue
			answers[q.key] = int(raw)
		elif q.question_type == YES_NO:
			if raw not in (YES, NO):
				problems[q.key] = "not_a_choice"
				continue
			answers[q.key] = raw
		elif q.question_type == ONE_CHOICE:
			if raw not in q.options:
				problems[q.key] = "not_a_choice"
				continue
			answers[q.key] = raw
		else:
			if len(raw) > MAX_TEXT:
				problems[q.key] = "too_long"
				continue
			if re.search(r"<\s*/?\s*[a-zA-Z!]", raw):
				problems[q.key] = "markup"
				continue
			answers[q.key] = raw
	return answers, problems


def month_of(day) -> str:
	"""YYYY-MM of a date or an ISO date string."""
	return str(day)[:7]


def satisfied(rating) -> bool:
	"""CSAT counts a 4 or a 5 as satisfied."""
	return rating is not None and int(rating) >= 4


@dataclass(frozen=True)
class Cell:
	month: str
	branch: str
	service: str
	answers: int
	satisfied: int
	total: int


def coarsen(rows: list[tuple], k: int) -> list[Cell]:
	"""Rows (month, branch, service, answers, satisfied, rating total) → cells of at least k answers.

	A (branch, service) cell of a month with fewer than k answers is reported for all branches; what
	is still short is reported for all services as well; a month with fewer than k answers in all is
	not reported at all. Decided on the answers as they stand when the figure is asked for."""
	k = max(int(k or 1), 1)
	months: dict[str, list] = {}
	for month, branch, service, answers, sat, total in rows:
		months.setdefault(month, []).append(
			(branch or ALL, service or ALL, int(answers), int(sat), int(total or 0))
		)
	cells = []
	for month in sorted(months):
		by_service: dict[str, list] = {}
		for branch, service, answers, sat, total in months[month]:
			if answers >= k and branch != ALL and service != ALL:
				cells.append(Cell(month, branch, service, answers, sat, total))
			else:
				by_service.setdefault(service, [0, 0, 0])
				s = by_service[service]
				s[0], s[1], s[2] = s[0] + answers, s[1] + sat, s[2] + total
		rest = [0, 0, 0]
		for service, (answers, sat, total) in sorted(by_service.items()):
			if answers >= k and service != ALL:
				cells.append(Cell(month, ALL, service, answers, sat, total))
			else:
				rest = [rest[0] + answers, rest[1] + sat, rest[2] + total]
		if rest[0] >= k:
			cells.append(Cell(month, ALL, ALL, *rest))
	return cells


def figure_or_none(answers: int, value, k: int):
	"""A figure about a person or a branch is shown only when at least k answers make it."""
	return value if int(answers or 0) >= max(int(k or 1), 1) else None


def rated_staff(recorder: str, staff: set) -> bool:
	"""A survey taken by phone is never taken by a member of staff it rates."""
	return recorder in staff
