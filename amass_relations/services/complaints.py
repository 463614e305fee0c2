"""Complaints and suggestions (policy G6, G8, G9): received from the portal, the public form, the survey
page and the desk; acknowledged with a reference (and, for someone the association cannot reach, a
secret tracking code); routed to the branch's complaints owner (the Assignment Rule "based on field"
assigns `triage_owner`); answered within working days; escalated once per threshold when overdue; the
outcome told to the submitter in their language; one appeal.

Who sees a complaint: the manager, and its owner (the triage owner) — never the member of staff it
names (permissions/feedback.py; shares and assignments to them are refused there too). Every change
goes through this module: the Feedback form has no field anyone edits."""

import frappe
from frappe import _
from frappe.model.naming import make_autoname
from frappe.translate import print_language
from frappe.utils import cint, escape_html, get_url, getdate, now_datetime, nowdate

from amass_relations import constants as c
from amass_relations.rules import complaints as rule
from amass_relations.rules.feedback import clean_text, month_of
from amass_relations.rules.phone import normalize_saudi_mobile
from amass_relations.services import quality
from amass_relations.services.contact import person_contact
from amass_relations.services.messages import mobile_message
from amass_relations.services.portal import send_to
from amass_relations.services.staff import notify_staff, users_with_roles
from amass_relations.services.working_days import add_working_days, working_days_between

FEEDBACK = "Feedback"
ACTION = "Improvement Action"
ESCALATION = "Quality Escalation"
SERIES = {rule.COMPLAINT: "CMP-.YY.-.#####", rule.SUGGESTION: "SUG-.YY.-.#####"}
HANDLER_ROLES = (c.ROLE_OFFICER, c.ROLE_MANAGER)
RECORDER_ROLES = (c.ROLE_OFFICER, c.ROLE_MANAGER, c.ROLE_BRANCH_REPRESENTATIVE)


class FieldErrors(frappe.ValidationError):
	"""Bad input: {field: message}, shown beside each field; nothing was written."""

	def __init__(self, errors: dict):
		super().__init__(" ".join(errors.values()))
		self.errors = errors


def text_message(code: str) -> str:
	return {
		"too_short": _("Please write at least 10 characters."),
		"too_long": _("Keep it under 4,000 characters."),
		"markup": _("Write plain text, without tags."),
		"kind": _("Choose a complaint or a suggestion."),
		"email": _("This is not a valid email address."),
		"contact": _(
			"Give an email or a mobile number to be told the outcome, or send it without your name."
		),
		"reason_required": _("Please write the reason."),
		"wrong_status": _("This cannot be done in the complaint's present status."),
		"appealed_once": _("An outcome may be appealed once, and this one was."),
		"action_not_done": _(
			"The improvement action is not done yet: resolve the complaint by it once it is."
		),
		"staff": _("Choose the member of staff the complaint is about."),
	}.get(code, _("This value is not valid."))


def _clean(text) -> str:
	return clean_text(text)


def owner_for(branch: str | None, named_staff: str | None = None) -> str | None:
	"""The branch's complaints owner (headquarters' when the branch has none), who may handle complaints;
	never the person a complaint names."""
	from amass_relations.services.branches import headquarters

	def owner(of):
		user = of and frappe.db.get_value("Branch Office", of, "complaints_owner")
		return user if user and may_handle_role(user) else None

	return rule.triage_owner(owner(branch), owner(headquarters()), named_staff)


def may_handle_role(user: str) -> bool:
	return bool(
		set(HANDLER_ROLES) & set(frappe.get_roles(user)) and frappe.db.get_value("User", user, "enabled")
	)


def is_manager(user: str | None = None) -> bool:
	return bool({c.ROLE_MANAGER, "System Manager"} & set(frappe.get_roles(user or frappe.session.user)))


def may_handle(doc, user: str | None = None) -> bool:
	"""The manager, or the complaint's owner — never the member of staff it names."""
	user = user or frappe.session.user
	if doc.feedback_type not in rule.ANSWERED_KINDS or (doc.staff_member and doc.staff_member == user):
		return False
	return is_manager(user) or (bool(doc.triage_owner) and doc.triage_owner == user)


def _check_text(errors: dict, field: str, text: str):
	problem = rule.text_problem(text)
	if not problem and "<" in text and any(ch.isalpha() for ch in text.split("<", 1)[1][:1]):
		problem = "markup"
	if problem:
		errors[field] = text_message(problem)


def receive(
	kind: str,
	text: str,
	*,
	channel: str,
	beneficiary: str | None = None,
	support_request: str | None = None,
	branch: str | None = None,
	service: str | None = None,
	about_staff: bool = False,
	staff_member: str | None = None,
	anonymous: bool = False,
	contact: dict | None = None,
	recorded_by_staff: bool = False,
	with_tracking: bool = False,
	language: str | None = None,
	hold: bool = False,
) -> tuple:
	"""A complaint or suggestion received: (the Feedback, the tracking code or None). Refuses with
	FieldErrors before writing anything; acknowledges the submitter where the consent gate lets it."""
	text = _clean(text)
	errors = {}
	if kind not in rule.ANSWERED_KINDS:
		errors["feedback_type"] = text_message("kind")
	_check_text(errors, "comment", text)
	contact = frappe._dict(contact or {})
	email = _clean(contact.get("email")).lower()
	mobile = None
	if anonymous:
		beneficiary = support_request = None
		contact = frappe._dict()
		email = ""
	else:
		if email and not frappe.utils.validate_email_address(email):
			errors["email"] = text_message("email")
		if _clean(contact.get("mobile")):
			mobile, problem = normalize_saudi_mobile(contact.get("mobile"))
			if problem:
				errors["mobile"] = mobile_message(problem)
		if (
			not beneficiary
			and cint(contact.get("consent"))
			and not (email or mobile)
			and "email" not in errors
		):
			errors["email"] = text_message("contact")
	if staff_member and not frappe.db.exists("User", staff_member):
		errors["staff_member"] = text_message("staff")
	if errors:
		raise FieldErrors(errors)

	if beneficiary and not branch:
		branch = frappe.db.get_value("Beneficiary", beneficiary, "branch_office")
	if support_request:
		branch, service = frappe.db.get_value(
			"Support Request", support_request, ["branch_office", "service_type"]
		) or (branch, service)
	now = now_datetime()
	doc = frappe.get_doc(
		{
			"doctype": FEEDBACK,
			"feedback_type": kind,
			"channel": channel,
			"is_anonymous": int(bool(anonymous)),
			"month": month_of(now.date()),
			"recorded_by_staff": int(bool(recorded_by_staff)),
			"service_type": service,
			"branch_office": branch,
			"support_request": support_request,
			"beneficiary": beneficiary,
			"comment": text,
			"reference": make_autoname(SERIES[kind]),
			"status": rule.NEW,
			"received_on": now,
			"due_on": add_working_days(now.date(), resolution_days()),
			"about_staff": int(bool(about_staff or staff_member)),
			"staff_member": staff_member,
			# About a member of staff not named (yet): the manager triages, not a branch owner who may be
			# the one it is about. A held complaint is routed by the hourly batch.
			"triage_owner": None
			if hold or (about_staff and not staff_member)
			else owner_for(branch, staff_member),
			"held": int(bool(hold)),
			"language": language or frappe.local.lang or "ar",
			"contact_name": None if anonymous else _clean(contact.get("name"))[:140] or None,
			"contact_email": email or None,
			"contact_mobile": mobile,
			"contact_consent": 0 if anonymous else cint(contact.get("consent")),
		}
	)
	code = None
	if with_tracking or anonymous or not beneficiary:
		from amass_relations.services.surveys import secret

		code = rule.new_tracking_code()
		doc.tracking_digest = rule.code_digest(secret(), doc.reference, code)
	doc.flags.from_service = True
	doc.insert(ignore_permissions=True)
	quality.add_feedback(doc)
	_timeline(
		doc,
		_("Received: {0}, to be answered by {1}.").format(doc.reference, frappe.format(doc.due_on, "Date")),
	)
	if hold:
		# Its row and timeline dated by the day only: nothing ties it to the moment of the answer.
		day = f"{now.date()} 00:00:00"
		frappe.db.sql(
			"update `tabFeedback` set creation = %(day)s, modified = %(day)s, received_on = %(day)s where name = %(name)s",
			{"day": day, "name": doc.name},
		)
		frappe.db.sql(
			"""update `tabComment` set creation = %(day)s, modified = %(day)s
			where reference_doctype = 'Feedback' and reference_name = %(name)s""",
			{"day": day, "name": doc.name},
		)
	acknowledge(doc)
	return doc, code


def release_held():
	"""Scheduler, hourly: the complaints held since the last run are routed together, in a shuffled
	order (their owners, assignments and notices all bear this run's time, not their answers')."""
	import random

	held = frappe.get_all(FEEDBACK, filters={"held": 1}, pluck="name")
	random.shuffle(held)
	for name in held:
		doc = frappe.get_doc(FEEDBACK, name)
		doc.held = 0
		doc.triage_owner = (
			None
			if doc.about_staff and not doc.staff_member
			else owner_for(doc.branch_office, doc.staff_member)
		)
		doc.flags.from_service = True
		doc.save(ignore_permissions=True)
	frappe.db.commit()
	return len(held)


def resolution_days() -> int:
	return cint(frappe.db.get_single_value(c.SETTINGS_DOCTYPE, "complaint_resolution_days")) or 10


def submitter(doc) -> frappe._dict | None:
	"""Who hears of a complaint, through the one consent gate (services/contact.py): the beneficiary's
	file, or the contact a public submitter gave and agreed to be told on; no one for an anonymous one."""
	if doc.is_anonymous:
		return None
	if doc.beneficiary:
		person = person_contact(doc.beneficiary)
		return person if person.may_contact else None
	if doc.contact_consent and (doc.contact_email or doc.contact_mobile):
		return frappe._dict(
			email=doc.contact_email,
			mobile_no=doc.contact_mobile,
			preferred_contact_channel="Phone" if doc.contact_mobile else "Email",
			preferred_language=doc.language,
			may_contact=True,
		)
	return None


ACKS_PER_RECIPIENT_DAY = 5


def _tell(doc, words):
	person = submitter(doc)
	if not person:
		return
	if not doc.beneficiary:
		# A public submitter's address is theirs to give: at most a few messages a day reach any one
		# address from the form, so no one can use it to flood someone else's phone.
		from amass_relations.services import limits

		to = person.mobile_no or person.email
		if not limits.count("complaints", "message", to, ACKS_PER_RECIPIENT_DAY, 24 * 60 * 60):
			return
	with print_language(person.preferred_language or doc.language or "ar"):
		text, subject = words()
	send_to(person, text, subject, "Complaint", (FEEDBACK, doc.name))


def acknowledge(doc):
	def words():
		kind = _("complaint") if doc.feedback_type == rule.COMPLAINT else _("suggestion")
		text = _("Amass Association: we received your {0}, reference {1}. We will answer by {2}.").format(
			kind, doc.reference, frappe.format(doc.due_on, "Date")
		)
		return text, _("We received your {0} {1}").format(kind, doc.reference)

	_tell(doc, words)


def tell_outcome(doc):
	def words():
		if doc.status == rule.RESOLVED:
			text = _("Amass Association: your {0} was resolved: {1}").format(doc.reference, doc.outcome)
		else:
			text = _("Amass Association: your {0} was not accepted. The reason: {1}").format(
				doc.reference, doc.outcome
			)
		text += " " + _("You may appeal once: {0}").format(get_url("/feedback-status"))
		return text, _("The outcome of {0}").format(doc.reference)

	_tell(doc, words)


def _timeline(doc, text: str):
	frappe.get_doc(
		{
			"doctype": "Comment",
			"comment_type": "Info",
			"reference_doctype": FEEDBACK,
			"reference_name": doc.name,
			"content": escape_html(text),
		}
	).insert(ignore_permissions=True)


def load_for_handling(name: str):
	doc = frappe.get_doc(FEEDBACK, name)
	if not may_handle(doc):
		frappe.throw(_("Only the manager and the complaint's owner handle it."), frappe.PermissionError)
	return doc


def act(name: str, action: str, text: str | None = None, improvement_action: str | None = None):
	"""Start, resolve, reject or close a complaint (by its owner or the manager)."""
	if action not in ("start", "resolve", "reject", "close"):
		frappe.throw(_("Unknown action."))
	doc = load_for_handling(name)
	text = _clean(text)
	problem = rule.move_problem(action, doc.status, reason=text)
	if not problem and improvement_action:
		status = frappe.db.get_value(ACTION, improvement_action, "status")
		listed = frappe.db.exists(
			"Improvement Action Feedback",
			{"parent": improvement_action, "parenttype": ACTION, "feedback": doc.name},
		)
		if not listed:
			problem = "action_not_listed"
		elif status != rule.ACTION_DONE:
			problem = "action_not_done"
	if not problem and action == "close" and doc.resolved_by_action:
		if frappe.db.get_value(ACTION, doc.improvement_action, "status") != rule.ACTION_DONE:
			problem = "action_not_done"
	if problem:
		raise FieldErrors({"text": text_message(problem)})
	doc.status = rule.next_status(action)
	now = now_datetime()
	if action in ("resolve", "reject"):
		doc.outcome = text
		if improvement_action:
			doc.improvement_action, doc.resolved_by_action = improvement_action, 1
		if not doc.resolved_on:
			# The first answer is what the deadline measured; an appeal's answer does not move it.
			doc.resolved_on = now
			doc.resolution_days = working_days_between(getdate(doc.received_on), now.date())
			quality.add_resolution(
				month_of(now.date()), doc.resolution_days, doc.branch_office, doc.service_type, doc.channel
			)
	if action == "close":
		doc.closed_on = now
	doc.flags.from_service = True
	doc.save(ignore_permissions=True)
	_timeline(
		doc,
		{
			"start": _("Work started."),
			"resolve": _("Resolved: {0}"),
			"reject": _("Rejected: {0}"),
			"close": _("Closed."),
		}[action].format(text),
	)
	if action in ("resolve", "reject"):
		tell_outcome(doc)
	return doc


def appeal(doc, text: str):
	"""The submitter's one appeal of an outcome (checked by the caller: their file or their code)."""
	text = _clean(text)
	problem = rule.move_problem("appeal", doc.status, appealed=bool(doc.appealed_on), reason=text)
	if not problem:
		problem = rule.text_problem(text) and "reason_required"
	if problem:
		raise FieldErrors({"appeal": text_message(problem if problem != "reason_required" else "too_short")})
	doc.status = rule.IN_PROGRESS
	doc.appeal, doc.appealed_on = text, now_datetime()
	# A new deadline for the second answer: escalated again, once per threshold, if it is late.
	doc.due_on = add_working_days(doc.appealed_on.date(), resolution_days())
	doc.flags.from_service = True
	doc.save(ignore_permissions=True)
	_timeline(doc, _("Appealed by the submitter: {0}").format(text))
	people = set(users_with_roles(c.ROLE_MANAGER))
	if doc.triage_owner:
		people.add(doc.triage_owner)
	people.discard(doc.staff_member)
	for user in people:
		with print_language(frappe.db.get_value("User", user, "language") or "ar"):
			notify_staff([user], FEEDBACK, doc.name, _("Appealed: {0}").format(doc.reference))
	return doc


def mark_about_staff(name: str, staff_member: str):
	"""At triage: the complaint is about this member of staff. Their assignment, if any, is cancelled and
	the owner moves away from them."""
	doc = load_for_handling(name)
	if not staff_member or not frappe.db.exists("User", staff_member):
		raise FieldErrors({"staff_member": text_message("staff")})
	doc.about_staff, doc.staff_member = 1, staff_member
	if doc.triage_owner == staff_member:
		doc.triage_owner = owner_for(doc.branch_office, staff_member)
	doc.flags.from_service = True
	doc.save(ignore_permissions=True)
	for todo in frappe.get_all(
		"ToDo",
		filters={
			"reference_type": FEEDBACK,
			"reference_name": doc.name,
			"allocated_to": staff_member,
			"status": "Open",
		},
		pluck="name",
	):
		frappe.db.set_value("ToDo", todo, "status", "Cancelled")
	frappe.db.delete("DocShare", {"share_doctype": FEEDBACK, "share_name": doc.name, "user": staff_member})
	_timeline(doc, _("Marked as about a member of staff."))
	return doc


# ---------------------------------------------------------------- the submitter's view
def find_by_code(reference: str, code: str):
	"""The complaint a reference and its tracking code name, or None (the same answer for a wrong code
	and an unknown reference)."""
	from amass_relations.services.surveys import secret

	reference = _clean(reference).upper()
	row = frappe.db.get_value(FEEDBACK, {"reference": reference}, ["name", "tracking_digest"], as_dict=True)
	if not row or not rule.code_matches(secret(), reference, code, row.tracking_digest):
		return None
	return frappe.get_doc(FEEDBACK, row.name)


def status_label(status: str) -> str:
	"""A status in the submitter's plain words (the portal's, not the desk's)."""
	return {
		rule.NEW: _("Received, not yet handled"),
		rule.IN_PROGRESS: _("Being handled"),
		rule.RESOLVED: _("Resolved"),
		rule.REJECTED: _("Not accepted"),
		rule.CLOSED: _("Closed"),
	}.get(status, status)


def public_view(doc) -> dict:
	"""What a submitter reads of their complaint: never the owner, the staff member or internal notes."""
	return {
		"reference": doc.reference,
		"kind": doc.feedback_type,
		"status": doc.status,
		"status_label": status_label(doc.status),
		"received_on": str(doc.received_on)[:10],
		"due_on": str(doc.due_on),
		"outcome": doc.outcome if doc.status in (rule.RESOLVED, rule.REJECTED, rule.CLOSED) else None,
		"may_appeal": doc.status in rule.OUTCOME_STATUSES and not doc.appealed_on,
		"appealed": bool(doc.appealed_on),
	}


# ---------------------------------------------------------------- overdue: once per threshold
def escalate_overdue(today=None) -> int:
	"""Scheduler, daily: each open complaint and improvement action past its due date is escalated to
	the managers (and its owner) once per threshold; a marker (Quality Escalation, unique) decides."""
	today = getdate(today or nowdate())
	due = []
	for row in frappe.db.sql(
		"""select name, reference, due_on, triage_owner as owner, staff_member from `tabFeedback`
		where feedback_type in ('Complaint', 'Suggestion') and status in ('New', 'In Progress') and due_on < %s""",
		today,
		as_dict=True,
	):
		due.append((FEEDBACK, row))
	for row in frappe.db.sql(
		"""select name, name as reference, due_on, action_owner as owner, null as staff_member
		from `tabImprovement Action` where status in ('Open', 'In Progress') and due_on < %s""",
		today,
		as_dict=True,
	):
		due.append((ACTION, row))
	managers = users_with_roles(c.ROLE_MANAGER)
	sent = 0
	for doctype, row in due:
		late = working_days_between(row.due_on, today)
		for threshold in rule.thresholds_reached(getdate(row.due_on), today, late):
			if frappe.db.exists(
				ESCALATION,
				{
					"reference_doctype": doctype,
					"reference_name": row.name,
					"threshold": threshold,
					"due_on": row.due_on,
				},
			):
				continue
			people = [u for u in dict.fromkeys([*managers, row.owner]) if u and u != row.staff_member]
			frappe.db.savepoint("quality_escalation")
			try:
				frappe.get_doc(
					{
						"doctype": ESCALATION,
						"reference_doctype": doctype,
						"reference_name": row.name,
						"threshold": threshold,
						"due_on": row.due_on,
						"recipients": "\n".join(people),
					}
				).insert(ignore_permissions=True)
			except (frappe.UniqueValidationError, frappe.DuplicateEntryError):
				frappe.db.rollback(save_point="quality_escalation")
				continue
			for user in people:
				with print_language(frappe.db.get_value("User", user, "language") or "ar"):
					subject = (
						_("Overdue complaint or suggestion: {0}, due {1}")
						if doctype == FEEDBACK
						else _("Overdue improvement action: {0}, due {1}")
					).format(row.reference, frappe.format(row.due_on, "Date"))
					if threshold == rule.LONG_OVERDUE:
						subject = _("Five working days overdue: {0}").format(subject)
				notify_staff([user], doctype, row.name, subject)
			sent += 1
	frappe.db.commit()
	return sent


def keep_evidence(doc, method=None):
	"""File.on_trash: the evidence of a done improvement action is not deleted (the manager reopens the
	action first)."""
	if doc.attached_to_doctype != ACTION or not doc.attached_to_name:
		return
	if frappe.db.get_value(ACTION, doc.attached_to_name, "status") == rule.ACTION_DONE:
		frappe.throw(
			_("This file is the evidence of a done improvement action: reopen the action to remove it."),
			frappe.PermissionError,
		)
