"""The quality dashboard's figures (policy G5, G8, G9), read from maintained sums, never from the
million Feedback rows.

`Feedback Figure` holds, per month and cell (kind, branch, service type, channel, question, days), how
many items there were, how many were rated, the sum of the ratings and how many were rated 4 or 5.
Every write of a Feedback, an answer, a sent invitation or a complaint's first answer adds to its row in
the writer's transaction (`add`); `rebuild` recomputes months from the records (a patch, the month's
coarsening, the benchmark's bulk load). The open and overdue counts read the few open records by index.

Figures by branch, service type or channel follow the k rule: a group of fewer than k ratings is not
shown. Every read checks the reader's role first: the cards and charts ask these methods afresh (no
chart cache shared between users)."""

import hashlib
from datetime import date

import frappe
from frappe import _
from frappe.utils import add_months, getdate, nowdate

from amass_relations import constants as c
from amass_relations.rules import complaints as rule
from amass_relations.rules.feedback import month_of

FIGURE = "Feedback Figure"
SURVEY_RESPONSE = "Survey Response"
INVITATION = "Invitation"
ANSWER = "Answer"
RESOLUTION = "Resolution"
READERS = (c.ROLE_MANAGER, "System Manager")
GROUPS = {
	"month": "month",
	"branch": "branch_office",
	"service": "service_type",
	"channel": "channel",
	"question": "question",
}
FIGURE_LABELS = {
	"csat": c._lt("Satisfaction (CSAT %)"),
	"average": c._lt("Average Rating"),
	"responses": c._lt("Survey Responses"),
	"response_rate": c._lt("Response Rate %"),
	"complaints": c._lt("Complaints Received"),
	"median_days": c._lt("Median Working Days to Answer"),
}
FIGURES = tuple(FIGURE_LABELS)


# ---------------------------------------------------------------- writing
def add(
	month: str,
	kind: str,
	*,
	branch=None,
	service=None,
	channel=None,
	question: str = "",
	days: int = 0,
	count: int = 1,
	rating: int | None = None,
	sums: tuple[int, int, int] | None = None,
):
	"""One item (or `count` items of one `rating`, or given `sums` of rated, rating sum and rated 4–5)
	added to its cell's sums, in the caller's transaction (one upsert)."""
	values = {
		"month": month,
		"kind": kind,
		"branch": branch or "",
		"service": service or "",
		"channel": channel or "",
		"question": (question or "")[:140],
		"days": int(days or 0),
		"count": count,
		"rated": count if rating else 0,
		"rating_sum": int(rating or 0) * count,
		"satisfied": count if rating and int(rating) >= 4 else 0,
	}
	if sums:
		values["rated"], values["rating_sum"], values["satisfied"] = (int(v or 0) for v in sums)
	values["key"] = hashlib.sha256(
		"|".join(
			str(values[k]) for k in ("month", "kind", "branch", "service", "channel", "question", "days")
		).encode()
	).hexdigest()[:24]
	frappe.db.sql(
		"""insert into `tabFeedback Figure` (name, month, kind, branch_office, service_type, channel, question,
			days, `count`, rated, rating_sum, satisfied, creation, modified, owner, modified_by, docstatus, idx)
		values (%(key)s, %(month)s, %(kind)s, %(branch)s, %(service)s, %(channel)s, %(question)s, %(days)s,
			%(count)s, %(rated)s, %(rating_sum)s, %(satisfied)s, now(), now(), 'Administrator', 'Administrator', 0, 0)
		on duplicate key update `count` = `count` + values(`count`), rated = rated + values(rated),
			rating_sum = rating_sum + values(rating_sum), satisfied = satisfied + values(satisfied)""",
		values,
	)


def add_feedback(doc):
	"""A Feedback row (a survey answer, a complaint, a suggestion, praise) counted in its month's cell."""
	add(
		doc.month or month_of(getdate(doc.creation or nowdate())),
		doc.feedback_type,
		branch=doc.branch_office,
		service=doc.service_type,
		channel=doc.channel,
		rating=doc.rating or None,
	)


def add_answer(month: str, branch, service, channel, question: str, rating: int):
	add(month, ANSWER, branch=branch, service=service, channel=channel, question=question, rating=rating)


def add_invitation(month: str, branch, service):
	add(month, INVITATION, branch=branch, service=service)


def add_resolution(month: str, days: int, branch=None, service=None, channel=None):
	add(month, RESOLUTION, days=days, branch=branch, service=service, channel=channel)


def rebuild(months: list[str] | None = None):
	"""The sums recomputed from the records, for the given months (all when None), in one transaction."""
	where, args = "", {}
	if months:
		where, args = "where month in %(months)s", {"months": tuple(months)}
	frappe.db.sql(f"delete from `tabFeedback Figure` {where}", args)
	rows = frappe.db.sql(
		f"""select month, feedback_type, ifnull(branch_office, ''), ifnull(service_type, ''),
			ifnull(channel, ''), ifnull(rating, 0), count(*)
		from `tabFeedback` {where} group by 1, 2, 3, 4, 5, 6""",
		args,
	)
	for month, kind, branch, service, channel, rating, n in rows:
		add(month, kind, branch=branch, service=service, channel=channel, rating=rating or None, count=n)
	answer_where = "and f.month in %(months)s" if months else ""
	for month, branch, service, channel, question, rating, n in frappe.db.sql(
		f"""select f.month, ifnull(f.branch_office, ''), ifnull(f.service_type, ''), ifnull(f.channel, ''),
			left(a.question, 140), a.rating, count(*)
		from `tabFeedback Answer` a join `tabFeedback` f on f.name = a.parent
		where a.parenttype = 'Feedback' and a.rating between 1 and 5 {answer_where}
		group by 1, 2, 3, 4, 5, 6""",
		args,
	):
		add(
			month,
			ANSWER,
			branch=branch,
			service=service,
			channel=channel,
			question=question,
			rating=rating,
			count=n,
		)
	for month, branch, service, n in frappe.db.sql(
		"""select substr(sent_on, 1, 7), ifnull(branch_office, ''), ifnull(service_type, ''), count(*)
		from `tabSurvey Invitation` where sent_on is not null and ifnull(channels, '') != ''
		group by 1, 2, 3""",
	):
		if not months or month in months:
			add(month, INVITATION, branch=branch, service=service, count=n)
	for month, days, branch, service, channel, n in frappe.db.sql(
		"""select substr(resolved_on, 1, 7), resolution_days, ifnull(branch_office, ''),
			ifnull(service_type, ''), ifnull(channel, ''), count(*) from `tabFeedback`
		where feedback_type in ('Complaint', 'Suggestion') and resolved_on is not null group by 1, 2, 3, 4, 5"""
	):
		if not months or month in months:
			add(month, RESOLUTION, days=days or 0, branch=branch, service=service, channel=channel, count=n)


# ---------------------------------------------------------------- reading
def require_reader():
	if not set(READERS) & set(frappe.get_roles()):
		frappe.throw(_("Only the manager reads the service quality figures."), frappe.PermissionError)


def _filters(filters) -> frappe._dict:
	f = frappe._dict(frappe.parse_json(filters) if filters else {})
	if isinstance(f.get("filters"), dict):  # a chart source's filters arrive nested
		f.update(f.pop("filters"))
	return f


def period(filters) -> tuple[str, str]:
	"""(first month, last month), both 'YYYY-MM': the filters' or the last twelve months."""
	f = _filters(filters)
	today = getdate(nowdate())
	last = str(f.get("to_month") or month_of(today))[:7]
	first = str(f.get("from_month") or month_of(getdate(add_months(today, -11))))[:7]
	return first, last


def _where(filters, kinds) -> tuple[str, dict]:
	f = _filters(filters)
	first, last = period(f)
	conditions = ["kind in %(kinds)s", "month between %(first)s and %(last)s"]
	args = {"kinds": tuple(kinds), "first": first, "last": last}
	for key, column in (
		("branch_office", "branch_office"),
		("service_type", "service_type"),
		("channel", "channel"),
	):
		if f.get(key):
			conditions.append(f"{column} = %({key})s")
			args[key] = f[key]
	return " and ".join(conditions), args


def _sums(filters, kinds, group: str | None = None) -> list[frappe._dict]:
	where, args = _where(filters, kinds)
	column = GROUPS.get(group or "", None)
	select = f"{column} as label," if column else "'' as label,"
	group_by = f"group by {column} order by {column}" if column else ""
	return frappe.db.sql(
		f"""select {select} sum(`count`) as count, sum(rated) as rated, sum(rating_sum) as rating_sum,
			sum(satisfied) as satisfied
		from `tabFeedback Figure` where {where} {group_by}""",
		args,
		as_dict=True,
	)


def k() -> int:
	return frappe.db.get_single_value(c.SETTINGS_DOCTYPE, "feedback_k") or 5


def figure(name: str, filters=None, group: str | None = None) -> list[tuple[str, float | None]]:
	"""[(label, value)] of one figure, overall (label "") or by month, branch, service, channel or
	question. Groups of fewer than k ratings (answers, for counts) are left out, except by month."""
	if name not in FIGURES:
		frappe.throw(_("Unknown figure: {0}").format(name))
	least = k() if group in ("branch", "service", "channel", "question") else 0
	if name in ("csat", "average"):
		kinds = (ANSWER,) if group == "question" else (SURVEY_RESPONSE,)
		rows = _sums(filters, kinds, group)
		return [
			(
				r.label,
				rule.satisfaction(int(r.satisfied or 0), int(r.rated or 0))
				if name == "csat"
				else (round(float(r.rating_sum) / float(r.rated), 2) if r.rated else None),
			)
			for r in rows
			if (r.rated or 0) >= max(least, 1)
		]
	if name == "responses":
		return [
			(r.label, int(r.count or 0))
			for r in _sums(filters, (SURVEY_RESPONSE,), group)
			if (r.count or 0) >= least
		]
	if name == "complaints":
		return [
			(r.label, int(r.count or 0))
			for r in _sums(filters, rule.ANSWERED_KINDS, group)
			if (r.count or 0) >= least
		]
	if name == "response_rate":
		answered = {r.label: int(r.count or 0) for r in _sums(filters, (SURVEY_RESPONSE,), group)}
		return [
			(r.label, round(100.0 * answered.get(r.label, 0) / r.count, 1))
			for r in _sums(filters, (INVITATION,), group)
			if r.count and r.count >= max(least, 1)
		]
	return median_days(filters, group)


def median_days(filters=None, group: str | None = None) -> list[tuple[str, float | None]]:
	where, args = _where(filters, (RESOLUTION,))
	by_month = group == "month"
	counts: dict[str, dict[int, int]] = {}
	for month, days, n in frappe.db.sql(
		f"select month, days, sum(`count`) from `tabFeedback Figure` where {where} group by month, days", args
	):
		bucket = counts.setdefault(month if by_month else "", {})
		bucket[int(days)] = bucket.get(int(days), 0) + int(n)
	return [(label, rule.median_from_counts(bucket)) for label, bucket in sorted(counts.items())]


def one(name: str, filters=None):
	rows = figure(name, filters)
	return rows[0][1] if rows else None


def _open(table: str, kind_condition: str, overdue: bool, today) -> int:
	conditions = f"status in ('New', 'In Progress', 'Open'){kind_condition}"
	if overdue:
		conditions += " and due_on < %(today)s"
	return frappe.db.sql(f"select count(*) from `{table}` where {conditions}", {"today": today or nowdate()})[
		0
	][0]


def open_complaints(overdue: bool = False, today: date | None = None) -> int:
	"""Open (New, In Progress) complaints, or those past their due date: the few open rows, by index."""
	return _open("tabFeedback", " and feedback_type = 'Complaint'", overdue, today)


def open_actions(overdue: bool = False, today: date | None = None) -> int:
	return _open("tabImprovement Action", "", overdue, today)


def label_of(group: str | None, label: str) -> str:
	if group == "question":
		# Stored as "Arabic\nEnglish": the reader's language.
		parts = (label or "").split("\n")
		return parts[-1] if frappe.local.lang == "en" and len(parts) > 1 else parts[0]
	if group in ("branch", "service", "channel"):
		return _(label) if label else _("Not known")
	return label
