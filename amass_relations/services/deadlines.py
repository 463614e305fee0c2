"""The committee's deadline kept (policy S5): a daily sweep escalates due-soon and overdue requests to
the committee chairs and the beneficiary relations managers, exactly once per request, threshold and entry
into the committee.

Exactly once is defined against the database: the marker row (Committee Escalation, unique on request +
threshold + entry) is written in the same transaction as the outgoing Notification Log / Email Queue rows.
A second sweep running at the same time blocks on the unique index and then finds the marker; a sweep
that fails before its commit leaves neither marker nor message, and the next run sends once."""

import frappe
from frappe import _
from frappe.translate import get_user_lang, print_language
from frappe.utils import escape_html, format_date, getdate, nowdate

from amass_relations import constants as c
from amass_relations.rules.deadlines import deadline_state, thresholds_reached
from amass_relations.services.staff import notify_staff, users_with_roles


def escalate_committee_deadlines(today=None) -> int:
	"""Scheduler entry point (the long queue). Returns how many escalations were sent."""
	today = getdate(today or nowdate())
	# Every pending request, so that each one's deadline state moves with the calendar (On Time → Due Soon
	# → Overdue); only those past a threshold are escalated.
	requests = frappe.get_all(
		"Support Request",
		filters={"status": c.REQUEST_PENDING_COMMITTEE},
		fields=[
			"name",
			"committee_due_date",
			"committee_entered_on",
			"beneficiary_name",
			"deadline_state",
		],
		order_by="committee_due_date asc",
	)
	# Escalations already sent are skipped without a write; the unique index still decides between two
	# sweeps that race for the same one.
	already = already_escalated([r.name for r in requests])
	due = []
	for request in requests:
		state = deadline_state(True, getdate(request.committee_due_date), today)
		if state != request.deadline_state:
			frappe.db.set_value(
				"Support Request", request.name, "deadline_state", state, update_modified=False
			)
			frappe.db.commit()
		for threshold in thresholds_reached(getdate(request.committee_due_date), today):
			if (request.name, threshold, str(request.committee_entered_on)) not in already:
				due.append((request, threshold))
	return escalate(due, escalation_recipients()) if due else 0


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


def escalate(due: list[tuple], recipients: list[str]) -> int:
	"""One transaction: the markers of this run's escalations, then for each recipient one digest email
	of the requests they may read (not one message a request) and an in-app notice a request. A marker
	another sweep wrote first is skipped (its savepoint rolled back); a failure before the commit leaves
	neither marker nor message."""
	sent = []
	for request, threshold in due:
		frappe.db.savepoint("escalation")
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
			frappe.db.rollback(save_point="escalation")
			continue
		sent.append((request, threshold))
	for user in recipients:
		# Each recipient hears only of the requests of the branches they see.
		readable = readable_by(user, [request.name for request, _threshold in sent])
		mine = [(request, threshold) for request, threshold in sent if request.name in readable]
		if not mine:
			continue
		with print_language(get_user_lang(user)):
			for request, threshold in mine:
				notify_staff([user], "Support Request", request.name, subject_of(request, threshold))
			send_digest(user, mine)
	before_commit()
	frappe.db.commit()
	return len(sent)


def subject_of(request, threshold: str) -> str:
	due = format_date(request.committee_due_date)
	if threshold == "Overdue":
		return _("Overdue at the research committee: {0} ({1}), due {2}").format(
			request.name, request.beneficiary_name, due
		)
	return _("Due soon at the research committee: {0} ({1}), due {2}").format(
		request.name, request.beneficiary_name, due
	)


def send_digest(user: str, escalations: list[tuple]):
	"""One email a recipient a run, queued (Email Queue) in the sweep's transaction."""
	email = frappe.db.get_value("User", user, "email")
	if not email:
		return
	overdue = sum(1 for _request, threshold in escalations if threshold == "Overdue")
	rows = "".join(
		f"<li>{escape_html(subject_of(request, threshold))}</li>" for request, threshold in escalations
	)
	intro = escape_html(_("These requests are due soon or overdue at the research committee:"))
	frappe.sendmail(
		recipients=[email],
		subject=_("Research committee deadlines: {0} requests need attention ({1} overdue)").format(
			len(escalations), overdue
		),
		message=f"<p>{intro}</p><ul>{rows}</ul>",
		reference_doctype="Support Request",
		reference_name=escalations[0][0].name,
		delayed=True,
	)


def readable_by(user: str, requests: list[str], chunk: int = 5000) -> set[str]:
	"""The requests `user` may read, one permission-checked query a chunk (the branch wall included)."""
	found = set()
	for start in range(0, len(requests), chunk):
		found.update(
			frappe.get_list(
				"Support Request",
				filters={"name": ("in", requests[start : start + chunk])},
				pluck="name",
				limit_page_length=0,
				user=user,
			)
		)
	return found


def before_commit():
	"""A seam for the exactly-once test: a failure here must leave neither marker nor message."""


def on_doctype_update():
	frappe.db.add_unique(
		"Committee Escalation", ["support_request", "threshold", "committee_entered_on"], "unique_escalation"
	)
