"""Satisfaction figures, always as sums of at least k answers (rules/feedback.py): CSAT by month, branch
and service for the manager; ratings about a member of staff or a branch for the manager, and a member
of staff's own, never one by one (policy G7)."""

import frappe
from frappe import _
from frappe.utils import add_months, nowdate

from amass_relations import constants as c
from amass_relations.rules import feedback as rule
from amass_relations.services.surveys import SURVEY_RESPONSE, settings

STAFF_FIGURES_ROLES = (c.ROLE_MANAGER, "System Manager")


def _months(month_from, month_to) -> tuple[str, str]:
	for value in (month_from, month_to):
		if value and not (len(value) == 7 and value[4] == "-" and value.replace("-", "").isdigit()):
			frappe.throw(_("Give months as YYYY-MM."))
	return month_from or "0000-00", month_to or "9999-99"


def _require(roles):
	if not set(roles) & set(frappe.get_roles()):
		frappe.throw(_("Only the Beneficiary Relations Manager reads these figures."), frappe.PermissionError)


def satisfaction(month_from=None, month_to=None) -> list[dict]:
	"""CSAT (share of 4 and 5) and the average overall rating per month, branch and service."""
	_require(STAFF_FIGURES_ROLES)
	low, high = _months(month_from, month_to)
	rows = frappe.db.sql(
		"""select month, branch_office, service_type, count(*), sum(rating >= 4), sum(rating)
		from `tabFeedback`
		where feedback_type = %(type)s and rating is not null and month between %(low)s and %(high)s
		group by month, branch_office, service_type""",
		{"type": SURVEY_RESPONSE, "low": low, "high": high},
	)
	return [_shape(cell) for cell in rule.coarsen(rows, settings().k)]


def _shape(cell) -> dict:
	return {
		"month": cell.month,
		"branch_office": None if cell.branch == rule.ALL else cell.branch,
		"service_type": None if cell.service == rule.ALL else cell.service,
		"answers": cell.answers,
		"csat": round(100.0 * cell.satisfied / cell.answers, 1),
		"average": round(cell.total / cell.answers, 2),
	}


def _ratings(subject: str, low: str, high: str, staff: str | None = None) -> list[dict]:
	"""Sums of at least k answers, of months that have ended: a figure still moving would tell, to
	whoever asks after each answer, what that one answer was."""
	k = settings().k
	high = min(high, add_months(nowdate(), -1)[:7])
	conditions, values = ["subject = %(subject)s", "month between %(low)s and %(high)s"], {}
	if staff:
		conditions.append("staff = %(staff)s")
	rows = frappe.db.sql(
		f"""select month, staff, branch_office, question, sum(answers) as answers, sum(total) as total
		from `tabStaff Rating` where {" and ".join(conditions)}
		group by month, staff, branch_office, question""",
		{"subject": subject, "low": low, "high": high, "staff": staff, **values},
		as_dict=True,
	)
	return [
		{
			"month": r.month,
			"staff": r.staff,
			"branch_office": r.branch_office,
			"question": r.question,
			"answers": int(r.answers),
			"average": round(r.total / r.answers, 2),
		}
		for r in rows
		if rule.figure_or_none(r.answers, r.total, k) is not None
	]


def staff_figures(month_from=None, month_to=None) -> list[dict]:
	"""Ratings about members of staff: every one's for the manager; a member of staff's own for them;
	each a sum of at least k answers."""
	low, high = _months(month_from, month_to)
	if set(STAFF_FIGURES_ROLES) & set(frappe.get_roles()):
		return _ratings(rule.ABOUT_STAFF, low, high)
	if (
		frappe.session.user == "Guest"
		or frappe.get_cached_value("User", frappe.session.user, "user_type") != "System User"
	):
		frappe.throw(_("Only staff read these figures."), frappe.PermissionError)
	return _ratings(rule.ABOUT_STAFF, low, high, staff=frappe.session.user)


def branch_figures(month_from=None, month_to=None) -> list[dict]:
	_require(STAFF_FIGURES_ROLES)
	low, high = _months(month_from, month_to)
	return _ratings(rule.ABOUT_BRANCH, low, high)
