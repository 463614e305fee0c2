"""The committee's deadline kept (policy S5): a daily sweep escalates due-soon and overdue requests to
the committee chairs and the beneficiary relations managers, exactly once per request, threshold and entry
into the committee.

Exactly once is defined against the database: the marker row (Committee Escalation, unique on request +
threshold + entry) is written in the same transaction as the outgoing Notification Log / Email Queue rows.
A second sweep running at the same time blocks on the unique index and then finds the marker; a sweep
that fails before its commit leaves neither marker nor message, and the next run sends once."""

import frappe
from frappe import _
from frappe.utils import format_date, getdate, nowdate

from amass_relations import constants as c
from amass_relations.rules.deadlines import deadline_state, thresholds_reached
from amass_relations.services.staff import notify_staff, users_with_roles


def escalate_committee_deadlines(today=None) -> int:
	"""Scheduler entry point. Returns how many escalations were sent."""
	today = getdate(today or nowdate())
	# Every pending request, so that each one's deadline state moves with the calendar (On Time → Due Soon
	# → Overdue); only those past a threshold are escalated.
	requests = frappe.get_all(
		"Support Request",
		filters={"status": c.REQUEST_PENDING_COMMITTEE},
		fields=["name", "committee_due_date", "committee_entered_on", "beneficiary_name", "deadline_state"],
		order_by="committee_due_date asc",
	)
	recipients = escalation_recipients()
	# Escalations already sent are skipped without a write; the unique index still decides between two
	# sweeps that race for the same one.
	already = already_escalated([r.name for r in requests])
	sent = 0
	for request in requests:
		state = deadline_state(True, getdate(request.committee_due_date), today)
		if state != request.deadline_state:
			frappe.db.set_value(
				"Support Request", request.name, "deadline_state", state, update_modified=False
			)
			frappe.db.commit()
		for threshold in thresholds_reached(getdate(request.committee_due_date), today):
			if (request.name, threshold, str(request.committee_entered_on)) not in already:
				sent += escalate_once(request, threshold, recipients)
	return sent


def already_escalated(requests: list[str], chunk: int = 5000) -> set[tuple[str, str, str]]:
	found = set()
	for start in range(0, len(requests), chunk):
		for row in frappe.get_all(
			"Committee Escalation",
			filters={"support_request": ("in", requests[start : start + chunk])},
			fields=["support_request", "threshold", "committee_entered_on"],
		):
			found.add((row.support_request, row.threshold, str(row.committee_entered_on)))
	return found


def escalation_recipients() -> list[str]:
	return users_with_roles(c.ROLE_COMMITTEE_CHAIR, c.ROLE_MANAGER)


def escalate_once(request, threshold: str, recipients: list[str]) -> int:
	try:
		frappe.get_doc(
			{
				"doctype": "Committee Escalation",
				"support_request": request.name,
				"threshold": threshold,
				"committee_entered_on": request.committee_entered_on,
				"committee_due_date": request.committee_due_date,
				"recipients": "\n".join(recipients),
			}
		).insert(ignore_permissions=True)
	except (frappe.UniqueValidationError, frappe.DuplicateEntryError):
		frappe.db.rollback()
		return 0
	for user in recipients:
		notify(user, request, threshold)
	before_commit()
	frappe.db.commit()
	return 1


def notify(user: str, request, threshold: str):
	"""In the desk (Notification Log); the framework mails it to the user through the Email Queue."""
	due = format_date(request.committee_due_date)
	if threshold == "Overdue":
		subject = _("Overdue at the research committee: {0} ({1}), due {2}").format(
			request.name, request.beneficiary_name, due
		)
	else:
		subject = _("Due soon at the research committee: {0} ({1}), due {2}").format(
			request.name, request.beneficiary_name, due
		)
	notify_staff([user], "Support Request", request.name, subject)


def before_commit():
	"""A seam for the exactly-once test: a failure here must leave neither marker nor message."""


def on_doctype_update():
	frappe.db.add_unique(
		"Committee Escalation", ["support_request", "threshold", "committee_entered_on"], "unique_escalation"
	)
