"""Questions on the portal (policy G3, G4; the website is channel 7): an Interaction (channel Website,
Inbound) for the officers of the file's branch, with a thread of messages (Interaction Message): the
beneficiary's, staff's replies, and staff's internal notes, which never leave the desk. The portal shows
a thread through `questions_of` only, with explicit fields; the beneficiary hears of each reply through
the one consent gate (services/contact.py), by SMS through the outbox or by email."""

import frappe
from frappe import _
from frappe.translate import print_language
from frappe.utils import now_datetime

from amass_relations import constants as c
from amass_relations.rules import portal as rule
from amass_relations.services import limits
from amass_relations.services.contact import person_contact
from amass_relations.services.portal import files_of, not_found, own_file, send_to
from amass_relations.services.portal_accounts import queue_officer_task
from amass_relations.services.portal_requests import SCOPE, refuse_fields, text_message, writable_person

OPEN, ANSWERED, CLOSED = "Open", "Answered", "Closed"
INBOUND, OUTBOUND = "Inbound", "Outbound"


def _message(text: str, direction: str, internal: int = 0) -> dict:
	return {
		"sent_on": now_datetime(),
		"direction": direction,
		"internal": internal,
		"author": frappe.session.user,
		"message": text.strip(),
	}


def _checked(text, what) -> str:
	problem = text_message(rule.text_problem(text, rule.MESSAGE_MAX_CHARS), what, rule.MESSAGE_MAX_CHARS)
	refuse_fields({"message": problem} if problem else {})
	return text.strip()


def ask(user: str, message, person: str | None = None) -> dict:
	"""A new question about the account's own file, or a patient's it may act for."""
	person = writable_person(user, person)
	text = _checked(message, _("Your question"))
	limits.within(SCOPE, "questions", user, rule.QUESTIONS_PER_DAY)
	asker = own_file(files_of(user))
	mobile = frappe.db.get_value("Beneficiary", asker, "mobile_no")
	doc = frappe.get_doc(
		{
			"doctype": "Interaction",
			"channel": c.CHANNEL_WEBSITE,
			"direction": INBOUND,
			"interaction_time": now_datetime(),
			"status": OPEN,
			"beneficiary": person,
			"caller_mobile": mobile,
			"inquiry": text,
			"messages": [_message(text, INBOUND)],
		}
	)
	doc.flags.ignore_permissions = True  # the visibility rule above: the role holds no DocPerm
	doc.flags.code_owned_set = {"messages"}
	doc.insert()
	queue_officer_task(
		person,
		_("A question from the portal: {0}").format(text[:140]),
		reference=("Interaction", doc.name),
	)
	return {"name": doc.name}


def _question_for(user: str, name) -> "frappe.model.document.Document":
	files = files_of(user)
	row = (
		frappe.db.get_value(
			"Interaction",
			{"name": name, "channel": c.CHANNEL_WEBSITE, "beneficiary": ("in", list(files) or [""])},
			["name", "beneficiary"],
			as_dict=True,
		)
		if isinstance(name, str) and name
		else None
	)
	if not row:
		not_found()
	if files[row.beneficiary]:
		frappe.throw(_("This file is read-only. Please contact the association."), frappe.PermissionError)
	doc = frappe.get_doc("Interaction", row.name, for_update=True)
	doc.flags.ignore_permissions = True
	return doc


def follow_up(user: str, name, message) -> dict:
	"""The beneficiary writes again in the thread; a closed question opens again for the officers."""
	doc = _question_for(user, name)
	text = _checked(message, _("Your message"))
	limits.within(SCOPE, "questions", user, rule.QUESTIONS_PER_DAY)
	doc.append("messages", _message(text, INBOUND))
	doc.status = OPEN
	doc.flags.code_owned_set = {"messages"}
	doc.save()
	queue_officer_task(
		doc.beneficiary,
		_("The beneficiary wrote again on the portal: {0}").format(text[:140]),
		reference=("Interaction", doc.name),
	)
	return {"name": doc.name}


def questions_of(user: str) -> list[dict]:
	"""The account's questions (its files' Website interactions) with their threads, internal notes
	left out; newest first."""
	files = files_of(user)
	if not files:
		return []
	names = frappe.get_all(
		"Interaction",
		filters={"channel": c.CHANNEL_WEBSITE, "beneficiary": ("in", list(files))},
		fields=["name", "beneficiary", "status", "interaction_time"],
		order_by="interaction_time desc",
		limit=100,
	)
	threads = {}
	for row in frappe.get_all(
		"Interaction Message",
		filters={
			"parenttype": "Interaction",
			"parent": ("in", [n.name for n in names] or [""]),
			"internal": 0,
		},
		fields=["parent", "sent_on", "direction", "message"],
		order_by="sent_on asc, idx asc",
	):
		threads.setdefault(row.parent, []).append(
			{"sent_on": row.sent_on, "from_us": row.direction == OUTBOUND, "message": row.message}
		)
	return [
		{
			"name": n.name,
			"person": n.beneficiary,
			"status": _(n.status),
			"answered": n.status in (ANSWERED, CLOSED),
			"asked_on": n.interaction_time,
			"messages": threads.get(n.name, []),
			"read_only": files[n.beneficiary],
		}
		for n in names
	]


def reply(doc, message: str, internal: bool) -> str:
	"""Staff's reply in the thread (the desk's Reply button), or an internal note. A reply is told to
	the beneficiary who asked, through the consent gate; a note to no one."""
	problem = rule.text_problem(message, rule.MESSAGE_MAX_CHARS)
	if problem:
		frappe.throw(
			_("Write the message in plain text of at most {0} characters.").format(rule.MESSAGE_MAX_CHARS),
			title=_("Message Required"),
		)
	doc.append("messages", _message(message, OUTBOUND, int(bool(internal))))
	if not internal:
		doc.status = ANSWERED
		doc.answer = message.strip()
	doc.flags.code_owned_set = set(doc.flags.code_owned_set or ()) | {"messages"}
	doc.save()
	if not internal:
		tell_of_reply(doc)
	return doc.status


def tell_of_reply(doc):
	asker = frappe.db.get_value("Beneficiary", {"user": doc.owner}, "name") or doc.beneficiary
	person = person_contact(asker)
	if not person.may_contact:
		return
	with print_language(person.preferred_language or frappe.db.get_default("lang")):
		text = _(
			"Amass Association: we replied to your question {0}. Read it on the portal: My Questions."
		).format(doc.name)
		subject = _("A reply to your question {0}").format(doc.name)
	send_to(person, text, subject, "Question Reply", ("Interaction", doc.name))
