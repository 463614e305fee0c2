"""Users who leave: what a user still holds (open meetings, votes, assignments, research) and its
handover to a successor in one action.

Disabling a user is never blocked: whoever disables them is shown what is left, and every manager gets
a notification. The handover checks everything before it writes anything, so it moves all or nothing."""

import html

import frappe
from frappe import _
from frappe.desk.form.assign_to import add as add_assignment
from frappe.desk.form.assign_to import set_status as set_assignment_status
from frappe.utils import escape_html, get_fullname, strip_html

from amass_relations import constants as c
from amass_relations.permissions.branches import BRANCH_OF
from amass_relations.permissions.sharing import could_read_without_share
from amass_relations.services.staff import notify_staff, users_with_roles

HANDOVER_ROLES = (c.ROLE_MANAGER, "System Manager")
SEATS = ("chair", "vice_chair", "present")


class HandoverError(frappe.ValidationError):
	pass


def open_work(user: str) -> dict:
	"""What `user` holds that someone else must carry on. Record names only: the form shows them to
	managers, whose own permissions decide what opening each one shows."""
	meetings = {}
	for seat, filters in (
		("chair", {"chair": user}),
		("vice_chair", {"vice_chair": user}),
	):
		for row in frappe.get_all(
			"Committee Meeting", filters={"docstatus": 0, **filters}, fields=["name", "meeting_date"]
		):
			meetings.setdefault(row.name, frappe._dict(row, seats=[]))["seats"].append(seat)
	for row in frappe.get_all(
		"Committee Meeting Member",
		filters={"parenttype": "Committee Meeting", "member": user},
		fields=["parent"],
	):
		meeting = frappe.db.get_value(
			"Committee Meeting", {"name": row.parent, "docstatus": 0}, ["name", "meeting_date"], as_dict=True
		)
		if meeting:
			meetings.setdefault(meeting.name, frappe._dict(meeting, seats=[]))["seats"].append("present")

	vote, review = frappe.qb.DocType("Committee Vote"), frappe.qb.DocType("Committee Review")
	votes = (
		frappe.qb.from_(vote)
		.join(review)
		.on(review.name == vote.committee_review)
		.select(vote.name, vote.committee_review, review.support_request, review.committee_meeting)
		.where((vote.member == user) & (review.docstatus == 0))
		.orderby(vote.creation)
		.run(as_dict=True)
	)

	todos = frappe.get_all(
		"ToDo",
		filters={"allocated_to": user, "status": "Open"},
		fields=["name", "reference_type", "reference_name", "description", "priority", "date"],
		order_by="creation asc",
	)
	for todo in todos:
		# A ToDo without a record is known by its text only: a short plain excerpt.
		todo.description = "" if todo.reference_type else _excerpt(todo.description)

	requests = frappe.get_all(
		"Support Request",
		filters={"social_researcher": user, "status": c.REQUEST_UNDER_RESEARCH},
		fields=["name"],
		order_by="creation asc",
	)

	work = {
		"user": user,
		"meetings": sorted(meetings.values(), key=lambda m: m.name),
		"votes": votes,
		"todos": todos,
		"requests": requests,
	}
	work["count"] = sum(len(work[key]) for key in ("meetings", "votes", "todos", "requests"))
	return work


def _excerpt(text: str | None, length: int = 80) -> str:
	plain = html.unescape(strip_html(text or "")).strip()
	return plain if len(plain) <= length else plain[: length - 1] + "…"


def describe(work: dict) -> list[str]:
	"""One translated line per item, as HTML (values escaped)."""
	lines = []
	seat_text = {
		"chair": _("Chairs meeting {0}"),
		"vice_chair": _("Vice-chair of meeting {0}"),
		"present": _("Listed present in meeting {0}"),
	}
	for meeting in work["meetings"]:
		seat = next(s for s in SEATS if s in meeting["seats"])
		lines.append(seat_text[seat].format(_bold(meeting["name"])))
	for vote in work["votes"]:
		lines.append(
			_("Vote on {0} (request {1}), not yet decided").format(
				_bold(vote["committee_review"]), _bold(vote["support_request"])
			)
		)
	for todo in work["todos"]:
		if todo["reference_type"]:
			lines.append(
				_("Open assignment: {0} {1}").format(
					escape_html(doctype_label(todo)), _bold(todo["reference_name"])
				)
			)
		else:
			lines.append(_("Open assignment: {0}").format(escape_html(todo["description"])))
	for request in work["requests"]:
		lines.append(_("Social researcher of request {0}").format(_bold(request["name"])))
	return lines


def doctype_label(todo) -> str:
	doctype = todo["reference_type"]
	return _(doctype)


def _bold(value) -> str:
	return frappe.bold(escape_html(str(value)))


def _html_list(lines: list[str]) -> str:
	return "<ul>" + "".join(f"<li>{line}</li>" for line in lines) + "</ul>"


def on_user_update(doc, method=None):
	"""User.on_update: a user just disabled who still holds work. Shown to whoever disabled them and
	notified to every manager; a failure here never stops the disabling (it is logged instead)."""
	if doc.enabled or not doc.has_value_changed("enabled"):
		return
	frappe.db.savepoint("offboarding_notice")
	try:
		notify_open_work(doc.name)
	except Exception:
		frappe.db.rollback(save_point="offboarding_notice")
		frappe.log_error(title=_("Open work of a disabled user could not be reported"))
	else:
		frappe.db.release_savepoint("offboarding_notice")


def notify_open_work(user: str):
	work = open_work(user)
	if not work["count"]:
		return
	listing = _html_list(describe(work))
	subject = _("{0} was disabled and still holds work to hand over (items: {1}).").format(
		_bold(get_fullname(user)), work["count"]
	)
	managers = [manager for manager in users_with_roles(c.ROLE_MANAGER) if manager != user]
	notify_staff(managers, "User", user, subject, listing)
	# Shown last: writing the notices may drop the last message (Frappe's get_cached_value clears it
	# when a manager has no Notification Settings yet).
	frappe.msgprint(
		_("{0} still holds work that must be handed over:").format(_bold(get_fullname(user)))
		+ listing
		+ _("A manager hands it over in one action: Hand Over Work on the user's record."),
		title=_("Work to Hand Over"),
		indicator="orange",
	)


# ------------------------------------------------------------------------------------------------ API
def check_may_hand_over():
	if not set(HANDOVER_ROLES) & set(frappe.get_roles()):
		frappe.throw(
			_("Only a Beneficiary Relations Manager or a System Manager hands over a user's work."),
			frappe.PermissionError,
			title=_("Not Permitted"),
		)


@frappe.whitelist()
def get_open_work(user: str) -> dict:
	check_may_hand_over()
	if not frappe.db.exists("User", user):
		frappe.throw(_("User {0} does not exist.").format(_bold(user)), frappe.DoesNotExistError)
	work = open_work(user)
	work["lines"] = describe(work)
	return work


@frappe.whitelist(methods=["POST"])
def hand_over(user: str, successor: str) -> dict:
	"""Everything `user` holds passes to `successor` in one action: their seats on open meetings, their
	open assignments and research; their votes on undecided reviews are deleted (a departed member's
	vote cannot count). Every check comes first: when one fails nothing is changed."""
	check_may_hand_over()
	work = open_work(user)
	problems = handover_problems(user, successor, work)
	if problems:
		frappe.throw(
			_("Nothing was handed over:") + _html_list(problems),
			HandoverError,
			title=_("Handover Not Possible"),
		)
	# Whoever calls it (a request, a job, the console), a failure half-way leaves nothing written.
	frappe.db.savepoint("hand_over")
	try:
		done = [
			*_hand_over_meetings(user, successor, work["meetings"]),
			*_delete_votes(user, work["votes"]),
			*_reassign_todos(user, successor, work["todos"]),
			*_hand_over_research(user, successor, work["requests"]),
		]
		if done:
			frappe.get_doc("User", user).add_comment(
				"Info", _("Work of {0} handed over to {1}.").format(_bold(user), _bold(successor))
			)
	except Exception:
		frappe.db.rollback(save_point="hand_over")
		raise
	frappe.db.release_savepoint("hand_over")
	return {"user": user, "successor": successor, "count": work["count"], "lines": done}


def handover_problems(user: str, successor: str, work: dict) -> list[str]:
	if not user or not frappe.db.exists("User", user):
		return [_("User {0} does not exist.").format(_bold(user or ""))]
	if not successor:
		return [_("Choose who takes over the work.")]
	if successor == user:
		return [_("The work cannot be handed over to the person who is leaving.")]
	if not frappe.db.get_value("User", successor, "enabled"):
		return [_("{0} is not an enabled user.").format(_bold(successor))]
	problems = []
	roles = set(frappe.get_roles(successor))
	chaired = [m["name"] for m in work["meetings"] if {"chair", "vice_chair"} & set(m["seats"])]
	if chaired and c.ROLE_COMMITTEE_CHAIR not in roles:
		problems.append(
			_(
				"{0} does not hold the Research Committee Chair role, so they cannot chair or vice-chair {1}."
			).format(_bold(successor), ", ".join(_bold(name) for name in chaired))
		)
	if work["requests"] and c.ROLE_SOCIAL_RESEARCHER not in roles:
		problems.append(
			_("{0} is not a social researcher, so they cannot take over the research of {1}.").format(
				_bold(successor), ", ".join(_bold(r["name"]) for r in work["requests"])
			)
		)
	for todo in work["todos"]:
		if todo["reference_type"] and not _may_be_assigned(todo, successor):
			problems.append(
				_(
					"{0} may not see {1} {2} (another branch, or medical data), so its assignment cannot move to them."
				).format(_bold(successor), escape_html(doctype_label(todo)), _bold(todo["reference_name"]))
			)
	return problems


def _may_be_assigned(todo, successor: str) -> bool:
	doctype, name = todo["reference_type"], todo["reference_name"]
	if not frappe.db.exists(doctype, name):
		return True  # a ToDo about a deleted record moves as it is
	if doctype in BRANCH_OF:
		return could_read_without_share(doctype, name, successor)
	# Elsewhere the framework shares the record with the assignee, unless sharing is disabled.
	return frappe.has_permission(doctype, "read", doc=name, user=successor) or not frappe.get_system_settings(
		"disable_document_sharing"
	)


def _hand_over_meetings(user: str, successor: str, meetings: list[dict]) -> list[str]:
	done = []
	for row in meetings:
		meeting = frappe.get_doc("Committee Meeting", row["name"])
		if meeting.chair == user:
			meeting.chair = successor
			# The signature printed on the decision letters is the chair's: the new chair signs.
			meeting.chair_signature = None
			if meeting.vice_chair == successor:
				meeting.vice_chair = None
				done.append(
					_("{0} is now the chair of meeting {1}, which has no vice-chair now.").format(
						_bold(successor), _bold(meeting.name)
					)
				)
			else:
				done.append(
					_("{0} is now the chair of meeting {1}.").format(_bold(successor), _bold(meeting.name))
				)
		if meeting.vice_chair == user:
			if meeting.chair == successor:
				meeting.vice_chair = None
				done.append(
					_("{0} chairs meeting {1} already; it has no vice-chair now.").format(
						_bold(successor), _bold(meeting.name)
					)
				)
			else:
				meeting.vice_chair = successor
				done.append(
					_("{0} is now the vice-chair of meeting {1}.").format(
						_bold(successor), _bold(meeting.name)
					)
				)
		present = [r for r in meeting.members_present if r.member == user]
		for member_row in present:
			meeting.remove(member_row)
		if present:
			done.append(
				_("{0} is no longer listed present in meeting {1}.").format(_bold(user), _bold(meeting.name))
			)
		meeting.flags.ignore_permissions = True  # the handover's own permission is the gate
		meeting.save()
		meeting.add_comment(
			"Info", _("Work of {0} handed over to {1}.").format(_bold(user), _bold(successor))
		)
	return done


def _delete_votes(user: str, votes: list[dict]) -> list[str]:
	done = []
	for vote in votes:
		frappe.delete_doc("Committee Vote", vote["name"], ignore_permissions=True)
		frappe.get_doc("Committee Review", vote["committee_review"]).add_comment(
			"Info",
			_("The vote of {0} was deleted when they left: a departed member's vote cannot count.").format(
				_bold(user)
			),
		)
		done.append(
			_("The vote of {0} on {1} was deleted: a departed member's vote cannot count.").format(
				_bold(user), _bold(vote["committee_review"])
			)
		)
	return done


def _reassign_todos(user: str, successor: str, todos: list[dict]) -> list[str]:
	done = []
	for row in todos:
		if not row["reference_type"] or not frappe.db.exists(row["reference_type"], row["reference_name"]):
			todo = frappe.get_doc("ToDo", row["name"])
			todo.allocated_to = successor
			todo.save(ignore_permissions=True)
			done.append(_("An open assignment moved to {0}.").format(_bold(successor)))
			continue
		todo = frappe.get_doc("ToDo", row["name"])
		doctype, name = todo.reference_type, todo.reference_name
		# Through the framework's assignment functions, so the record's timeline shows both steps.
		set_assignment_status(
			doctype, name, todo=todo.name, assign_to=user, status="Cancelled", ignore_permissions=True
		)
		already = frappe.db.exists(
			"ToDo",
			{"reference_type": doctype, "reference_name": name, "allocated_to": successor, "status": "Open"},
		)
		if not already:
			add_assignment(
				{
					"doctype": doctype,
					"name": name,
					"assign_to": [successor],
					# The stored text is escaped already; add() escapes it again.
					"description": html.unescape(todo.description or ""),
					"priority": todo.priority,
					"date": todo.date,
				},
				ignore_permissions=True,
			)
		done.append(
			_("The assignment on {0} {1} moved to {2}.").format(
				escape_html(_(doctype)), _bold(name), _bold(successor)
			)
		)
	return done


def _hand_over_research(user: str, successor: str, requests: list[dict]) -> list[str]:
	done = []
	for row in requests:
		request = frappe.get_doc("Support Request", row["name"])
		# Only the researcher changes: a full save would re-run the intake checks, which are not the
		# handover's to pass or fail (the referral sets it the same way).
		request.db_set("social_researcher", successor)
		request.add_comment(
			"Info", _("Work of {0} handed over to {1}.").format(_bold(user), _bold(successor))
		)
		done.append(
			_("{0} is now the social researcher of request {1}.").format(
				_bold(successor), _bold(request.name)
			)
		)
	return done
