"""Satisfaction surveys after every service (policy G5, G7): the one invitation, its one reminder, the link
`/survey/<token>` answered without signing in, and answers that are anonymous for real.

Invitations: `dispatch` (hourly) invites, after the settings' delay, the contact person of every request
that reached Service Delivered or was rejected and of every closed inquiry — through the one consent
gate (services/contact.py), by email (Frappe's queue) and SMS (the outbox), and on the portal. Exactly
once: the invitation's `marker` (the request or inquiry it is about) is unique and inserted in the same transaction as
its messages, so a second run at the same time fails on it and rolls its messages back, a retried run
finds it, and a run that dies before its commit leaves nothing. `remind` sends one reminder to every
invitation of a day, or to none.

Anonymity, against someone who reads the database: an anonymous answer stores the service, the branch
and the month only (coarser when fewer than k invitations could have given it, and at the month's end
when fewer than k answers share its cell), a random name, Guest as owner and its day as its time; the
link is marked used by a keyed digest (the key is in the site's config, not the database) in a table
that joins to nothing; no Version, Comment or log is written. The email's stored copy carries a
placeholder, filled only when the mail is handed to the mail server (`SurveyEmailQueue`); the SMS's
stored copy shows the link masked (the outbox's secret)."""

import hashlib
import re
from email import message_from_string
from email.policy import compat32

import frappe
from frappe import _
from frappe.email.doctype.email_queue.email_queue import EmailQueue
from frappe.installer import update_site_config
from frappe.translate import print_language
from frappe.utils import add_days, cint, get_url, getdate, now_datetime, nowdate

from amass_relations import constants as c
from amass_relations.rules import feedback as rule
from amass_relations.services import quality
from amass_relations.services.contact import contact_of, person_contact, problem_message
from amass_relations.services.outbox import queue_sms

SECRET_KEY = "amass_survey_secret"
INVITATION = "Survey Invitation"
PURPOSE_DELIVERED, PURPOSE_REJECTED, PURPOSE_INQUIRY = "Service Delivered", "Rejected", "Inquiry Closed"
SURVEY_RESPONSE = "Survey Response"
# What the stored copy of an invitation email holds instead of its link's token.
EMAIL_MARK = re.compile(r"AMASSTOKEN\[(SINV-[0-9a-f]{6,40})\]")
OPEN, USED, EXPIRED, INVALID = "open", "used", "expired", "invalid"
# What is surveyed: a request delivered (or closed after a delivery) or rejected; and a closed inquiry.
SURVEYED_REQUEST_STATUSES = (c.REQUEST_SERVICE_DELIVERED, c.REQUEST_CLOSED, c.REQUEST_REJECTED)


# ---------------------------------------------------------------- settings and the site's secret
def settings() -> frappe._dict:
	s = frappe.get_cached_doc(c.SETTINGS_DOCTYPE)
	return frappe._dict(
		delay=cint(s.get("survey_delay_days")),
		valid=cint(s.get("survey_valid_days")) or 14,
		reminder=cint(s.get("survey_reminder_days")),
		k=max(cint(s.get("feedback_k")) or 5, 1),
		by_email=cint(s.get("survey_by_email")),
		by_sms=cint(s.get("survey_by_sms")),
	)


def ensure_secret():
	"""The key that signs survey links and marks them used: in the site's config, never the database."""
	if not frappe.conf.get(SECRET_KEY):
		value = frappe.generate_hash(length=64)
		update_site_config(SECRET_KEY, value)
		frappe.local.conf[SECRET_KEY] = value


def secret() -> str:
	value = frappe.conf.get(SECRET_KEY)
	if not value:
		frappe.throw(_("Satisfaction surveys are not set up on this site yet: run bench migrate."))
	return value


def token_of(invitation: str, expires_on) -> str:
	return rule.sign(secret(), invitation, str(getdate(expires_on)))


def link_of(invitation: str, expires_on) -> str:
	return get_url(f"/survey/{token_of(invitation, expires_on)}")


# ---------------------------------------------------------------- dispatch
def _candidates(earliest, cutoff, include_demo: bool = False) -> list[frappe._dict]:
	"""What is due an invitation: requests delivered or rejected, and inquiries closed, between `earliest`
	and `cutoff` (by their last change, which is when they got there), with no invitation yet."""
	window = {"earliest": f"{earliest} 00:00:00", "cutoff": f"{cutoff} 23:59:59.999999"}
	requests = frappe.db.sql(
		"""select sr.name, sr.status, sr.service_type, sr.branch_office
		from `tabSupport Request` sr
		where sr.modified between %(earliest)s and %(cutoff)s
			and sr.status in %(statuses)s and sr.is_demo <= %(demo)s
			and (sr.status != %(closed)s or exists (select 1 from `tabService Delivery` sd
				where sd.support_request = sr.name and sd.docstatus = 1))
			and not exists (select 1 from `tabSurvey Invitation` si
				where si.marker = concat('Support Request:', sr.name))""",
		{
			**window,
			"statuses": SURVEYED_REQUEST_STATUSES,
			"closed": c.REQUEST_CLOSED,
			"demo": int(include_demo),
		},
		as_dict=True,
	)
	inquiries = frappe.db.sql(
		"""select i.name, i.beneficiary, i.branch_office
		from `tabInteraction` i
		where i.modified between %(earliest)s and %(cutoff)s
			and i.status = 'Closed' and i.beneficiary is not null and i.is_demo <= %(demo)s
			and not exists (select 1 from `tabSurvey Invitation` si
				where si.marker = concat('Interaction:', i.name))""",
		{**window, "demo": int(include_demo)},
		as_dict=True,
	)
	due = []
	for r in requests:
		# A closed request is asked about only when it was delivered (the query's exists).
		purpose = PURPOSE_REJECTED if r.status == c.REQUEST_REJECTED else PURPOSE_DELIVERED
		due.append(frappe._dict(doctype="Support Request", purpose=purpose, **r))
	for i in inquiries:
		due.append(frappe._dict(doctype="Interaction", purpose=PURPOSE_INQUIRY, service_type=None, **i))
	return due


def dispatch(include_demo: bool = False):
	"""Scheduler, hourly: one invitation for each request or inquiry due one; each in its own
	transaction with its messages. Demo records are left out (their people are fictitious) unless a
	benchmark asks for them."""
	s = settings()
	cutoff = add_days(nowdate(), -s.delay)
	earliest = add_days(cutoff, -s.valid)
	sent = 0
	for due in _candidates(earliest, cutoff, include_demo):
		try:
			sent += invite(due, s)
			frappe.db.commit()
		except (frappe.DuplicateEntryError, frappe.UniqueValidationError):
			frappe.db.rollback()  # another run invited it first: its messages are the only ones
		except Exception:
			# One record that cannot be invited (a lock wait, a file missing its contact) does not stop
			# the others: the next run tries it again. The log names the record, never a token.
			frappe.db.rollback()
			frappe.log_error(title=f"Survey invitation of {due.doctype} {due.name} failed")
			frappe.db.commit()
	return sent


def invite(due, s=None) -> int:
	"""One invitation and its messages, in the caller's transaction. 0 when the consent gate says no."""
	s = s or settings()
	if due.doctype == "Support Request":
		person = contact_of(due.name)
	else:
		person = person_contact(due.beneficiary)
	today = getdate(nowdate())
	expires_on = add_days(today, s.valid)
	language = person.preferred_language or frappe.db.get_default("lang") or "ar"
	channels = []
	if person.may_contact:
		if s.by_email and person.email and can_email():
			channels.append("Email")
		if s.by_sms and person.mobile_no:
			channels.append("SMS")
		if person.user:
			channels.append("Portal")
	# Not invited (the consent gate said no, or there is no way to reach them) is recorded all the same,
	# once: the sweep does not ask again every hour, and the row says why. Its link was never sent.
	reason = (
		None
		if channels
		else (problem_message(person.problem) if person.problem else _("no email, mobile or portal account"))
	)
	invitation = frappe.get_doc(
		{
			"doctype": INVITATION,
			"purpose": due.purpose,
			"marker": f"{due.doctype}:{due.name}",
			"reference_doctype": due.doctype,
			"reference_name": due.name,
			"beneficiary": person.name,
			"language": language,
			"service_type": due.service_type,
			"branch_office": due.branch_office,
			"sent_on": today,
			"expires_on": expires_on,
			"channels": ", ".join(channels),
			"not_sent_reason": reason,
			# Who a question about "the member of staff who served you" rates, fixed when it is sent.
			"rated_staff": _rated_one(due),
		}
	)
	# A random name: the link's token carries it, and it says nothing of the request.
	invitation.name = f"SINV-{frappe.generate_hash(length=16)}"
	invitation.flags.ignore_links = True
	invitation.db_insert()  # the unique marker: a second run's insert fails here
	if not channels:
		return 0
	quality.add_invitation(rule.month_of(today), due.branch_office, due.service_type)
	_send(invitation, person, reminder=False)
	return 1


def can_email() -> bool:
	"""Whether the site has an outgoing mail account (a site without one would fail every sendmail)."""
	from frappe.email.doctype.email_account.email_account import EmailAccount

	account = EmailAccount.find_outgoing()
	return bool(account and account.get("email_id"))


def _send(invitation, person, reminder: bool):
	with print_language(invitation.language):
		until = frappe.utils.formatdate(invitation.expires_on, "dd-MM-yyyy")
		opening = (
			_("A reminder: we would still like to hear from you. If you have already answered, thank you.")
			if reminder
			else _("Thank you for dealing with Amass Association.")
		)
		ask = _("How was our service? Your answer takes a minute and helps us improve it.")
		terms = _("The link works once, until {0}. You may answer without giving your name.").format(until)
		subject = _("Amass Association: how was our service?")
		sms = _("Amass Association: how was our service? Tell us in a minute: {0}").format(
			get_url("/survey/{secret}")
		)
	if "Email" in invitation.channels and person.email and can_email():
		link = get_url(f"/survey/AMASSTOKEN[{invitation.name}]")
		frappe.sendmail(
			recipients=[person.email],
			subject=subject,
			message=(
				f"<p>{frappe.utils.escape_html(opening)}</p><p>{frappe.utils.escape_html(ask)}</p>"
				f'<p><a href="{link}">{link}</a></p><p>{frappe.utils.escape_html(terms)}</p>'
			),
			reference_doctype=INVITATION,
			reference_name=invitation.name,
			delayed=True,
		)
	if "SMS" in invitation.channels:
		queue_sms(
			person.mobile_no,
			sms,
			purpose="Survey Reminder" if reminder else "Survey",
			secret=token_of(invitation.name, invitation.expires_on),
			reference_doctype=INVITATION,
			reference_name=invitation.name,
		)


def remind():
	"""Scheduler, daily: one reminder to every invitation sent on the day `reminder` days ago (and any
	earlier day missed while its links still work), or to none of them; never chosen by who answered,
	which nothing here can tell. The day's Survey Reminder is the marker, inserted with the messages."""
	s = settings()
	if not s.reminder:
		return 0
	latest = add_days(nowdate(), -s.reminder)
	cohorts = frappe.db.sql(
		"""select distinct si.sent_on from `tabSurvey Invitation` si
		where si.sent_on between %(earliest)s and %(latest)s and si.expires_on > %(today)s and si.channels != ''
			and not exists (select 1 from `tabSurvey Reminder` r where r.name = si.sent_on)""",
		{"earliest": add_days(latest, -s.valid), "latest": latest, "today": nowdate()},
		pluck=True,
	)
	sent = 0
	for cohort in cohorts:
		try:
			sent += remind_cohort(cohort)
			frappe.db.commit()
		except (frappe.DuplicateEntryError, frappe.UniqueValidationError):
			frappe.db.rollback()
	return sent


def remind_cohort(cohort) -> int:
	invitations = frappe.get_all(
		INVITATION,
		filters={"sent_on": cohort, "channels": ("!=", "")},
		fields=[
			"name",
			"reference_doctype",
			"reference_name",
			"beneficiary",
			"language",
			"channels",
			"expires_on",
		],
	)
	marker = frappe.get_doc({"doctype": "Survey Reminder", "cohort": cohort, "invitations": 0})
	marker.name = str(getdate(cohort))
	marker.db_insert()
	sent = 0
	for invitation in invitations:
		person = (
			contact_of(invitation.reference_name)
			if invitation.reference_doctype == "Support Request"
			else person_contact(invitation.beneficiary)
		)
		if person.may_contact:
			_send(invitation, person, reminder=True)
			sent += 1
	frappe.db.set_value("Survey Reminder", marker.name, "invitations", sent, update_modified=False)
	return sent


class SurveyEmailQueue(EmailQueue):
	"""Frappe's Email Queue, filling a survey invitation's link only in the copy handed to the mail
	server: the stored row keeps the placeholder, so the mail log never holds a token."""

	def send(self, smtp_server_instance=None):
		if self.reference_doctype == INVITATION and self.message:
			self.message = fill_tokens(self.message)  # in memory: update_status writes the status only
		return super().send(smtp_server_instance)


def fill_tokens(raw: str) -> str:
	"""The placeholder replaced by the invitation's token in every text part of a MIME message, whatever
	its transfer encoding (quoted-printable may have folded the placeholder across lines)."""
	message = message_from_string(raw, policy=compat32)
	changed = False
	for part in message.walk():
		if part.get_content_maintype() != "text" or part.is_multipart():
			continue
		charset = part.get_content_charset() or "utf-8"
		text = part.get_payload(decode=True).decode(charset, errors="replace")
		filled = EMAIL_MARK.sub(lambda m: _token_for(m.group(1)), text)
		if filled != text:
			del part["Content-Transfer-Encoding"]
			part.set_payload(filled, charset)
			changed = True
	return message.as_string() if changed else raw


def _token_for(invitation: str) -> str:
	expires_on = frappe.db.get_value(INVITATION, invitation, "expires_on")
	return token_of(invitation, expires_on) if expires_on else "expired"


# ---------------------------------------------------------------- the link
def open_invitation(token: str) -> tuple[str, frappe._dict | None]:
	"""(state, invitation): open, used, expired or invalid (forged, malformed, unknown)."""
	name = rule.invitation_of(token)
	if not name:
		return INVALID, None
	invitation = frappe.db.get_value(
		INVITATION,
		name,
		[
			"name",
			"purpose",
			"reference_doctype",
			"reference_name",
			"beneficiary",
			"language",
			"service_type",
			"branch_office",
			"expires_on",
			"channels",
			"rated_staff",
		],
		as_dict=True,
	)
	if (
		not invitation
		or not invitation.channels
		or not rule.verify(secret(), token, str(getdate(invitation.expires_on)))
	):
		return INVALID, None  # forged, unknown, or never sent (not invited: no one holds its link)
	if frappe.db.exists("Survey Token Use", rule.used_key(secret(), token)):
		return USED, invitation
	if getdate(invitation.expires_on) < getdate(nowdate()):
		return EXPIRED, invitation
	return OPEN, invitation


def template_for(service_type: str | None) -> frappe._dict | None:
	name = None
	if service_type:
		name = frappe.db.get_value("Survey Template", {"service_type": service_type, "enabled": 1}, "name")
	name = name or frappe.db.get_value("Survey Template", {"is_default": 1, "enabled": 1}, "name")
	return frappe.get_cached_doc("Survey Template", name) if name else None


def questions_of(template) -> list[dict]:
	"""The template's questions as the page and the rules need them; the overall rating first."""
	questions = [
		{
			"key": "overall",
			"text": template.overall_question,
			"text_en": template.overall_question_en,
			"question_type": rule.RATING,
			"required": True,
			"about": rule.ABOUT_SERVICE,
			"options": [],
		}
	]
	for q in template.questions:
		options = []
		for line in (q.options or "").splitlines():
			if line.strip():
				ar, _sep, en = line.partition("|")
				options.append({"value": ar.strip(), "label_en": (en or ar).strip()})
		questions.append(
			{
				"key": q.name,
				"text": q.question,
				"text_en": q.question_en,
				"question_type": q.question_type,
				"required": bool(q.required),
				"about": q.about or rule.ABOUT_SERVICE,
				"options": options,
			}
		)
	return questions


def survey_of(invitation) -> tuple:
	template = template_for(invitation.service_type)
	if not template:
		frappe.throw(_("No survey is set up: a manager adds a default Survey Template."))
	return template, questions_of(template)


def check_answers(questions: list[dict], given: dict) -> tuple[dict, dict]:
	"""(answers, problem codes) of what a person gave, by the template's questions (rules/feedback.py)."""
	return rule.answer_problems(
		[
			rule.Question(
				q["key"],
				q["question_type"],
				q["required"],
				tuple(o["value"] for o in q["options"]),
				q["about"],
			)
			for q in questions
		],
		given,
	)


def field_message(code: str) -> str:
	return {
		"required": _("Please answer this question."),
		"not_a_rating": _("Choose from 1 to 5."),
		"not_a_choice": _("Choose one of the answers."),
		"too_long": _("Keep it under 2,000 characters."),
		"markup": _("Write plain text, without tags."),
	}.get(code, _("This answer is not valid."))


def submit(token: str, form: dict) -> dict:
	"""The person's answer from the link: {"state": ...} or {"errors": {question: message}}. Nothing is
	written unless every answer is valid; the link is used at most once even when sent twice at once."""
	state, invitation = open_invitation(token)
	if state != OPEN:
		return {"state": state}
	template, questions = survey_of(invitation)
	answers, problems = check_answers(questions, {q["key"]: form.get(q["key"]) for q in questions})
	comment = rule.clean_text(form.get("comment"))
	if len(comment) > rule.MAX_TEXT:
		problems["comment"] = "too_long"
	elif re.search(r"<\s*/?\s*[a-zA-Z!]", comment):
		problems["comment"] = "markup"
	if problems:
		return {"errors": {key: field_message(code) for key, code in problems.items()}}
	anonymous = str(form.get("anonymous") or "") in ("1", "on", "yes", "true")
	# "This is a complaint": the free text leaves the answer and becomes an anonymous complaint that
	# carries only the answer's coarsened cell — no link to the answer, nor its text beside it.
	as_complaint = bool(comment) and str(form.get("is_complaint") or "") in ("1", "on", "yes", "true")
	if as_complaint and len(comment) < 10:
		return {"errors": {"comment": _("Please write at least 10 characters.")}}
	try:
		mark_used(token)
	except frappe.DuplicateEntryError:
		return {"state": USED}
	record(invitation, template, questions, answers, None if as_complaint else comment, anonymous)
	if not as_complaint:
		return {"state": "thanks", "anonymous": anonymous}
	from amass_relations.services import complaints

	branch, service = _cell(invitation, settings().k)
	doc, code = complaints.receive(
		"Complaint",
		comment,
		channel=c.CHANNEL_WEBSITE,
		branch=branch,
		service=service,
		anonymous=True,
		language=invitation.language,
		hold=True,
	)
	return {"state": "thanks", "anonymous": anonymous, "reference": doc.reference, "code": code}


def mark_used(token: str):
	"""The link used, by its keyed digest, dated by the day only; raises DuplicateEntryError when it was."""
	day = f"{nowdate()} 00:00:00"
	try:
		frappe.db.sql(
			"""insert into `tabSurvey Token Use` (name, used_on, creation, modified, owner, modified_by, docstatus, idx)
			values (%s, %s, %s, %s, 'Guest', 'Guest', 0, 0)""",
			(rule.used_key(secret(), token), nowdate(), day, day),
		)
	except Exception as e:
		if frappe.db.is_duplicate_entry(e):
			raise frappe.DuplicateEntryError from e
		raise


def rated_staff(reference_doctype: str, reference_name: str) -> list[str]:
	"""Who a survey about this request or inquiry rates: who delivered, verified or studied it, or who
	handled the inquiry."""
	if reference_doctype == "Interaction":
		staff = frappe.db.get_value("Interaction", reference_name, ["handled_by", "referred_to"])
	else:
		staff = list(
			frappe.db.get_value("Support Request", reference_name, ["verified_by", "social_researcher"])
		)
		staff += frappe.get_all(
			"Service Delivery",
			filters={"support_request": reference_name, "docstatus": 1},
			pluck="delivered_by",
		)
	return [u for u in staff if u and u not in ("Administrator", "Guest")]


def _rated_one(invitation) -> str | None:
	"""The member of staff a question "about the staff member" is about: the one named on the invitation
	when it was sent; else who delivered the service (the last delivery), handled the inquiry or
	verified the request."""
	if invitation.get("rated_staff"):
		return invitation.rated_staff
	doctype = invitation.get("reference_doctype") or invitation.get("doctype")
	name = invitation.get("reference_name") or invitation.get("name")
	invitation = frappe._dict(reference_doctype=doctype, reference_name=name)
	if invitation.reference_doctype == "Interaction":
		return frappe.db.get_value("Interaction", invitation.reference_name, "handled_by")
	delivered = frappe.get_all(
		"Service Delivery",
		filters={"support_request": invitation.reference_name, "docstatus": 1},
		pluck="delivered_by",
		order_by="delivery_date desc",
		limit=1,
	)
	return (delivered or [None])[0] or frappe.db.get_value(
		"Support Request", invitation.reference_name, "verified_by"
	)


def _open_invitations(**where) -> int:
	"""Sent invitations whose link works today and that no named answer has used: the people an
	anonymous answer of today could be from."""
	conditions = ["si.sent_on <= %(today)s", "si.expires_on >= %(today)s", "ifnull(si.channels, '') != ''"]
	for field, value in where.items():
		conditions.append(f"si.`{field}` is null" if value is None else f"si.`{field}` = %({field})s")
	return frappe.db.sql(
		f"""select count(*) from `tabSurvey Invitation` si
		where {" and ".join(conditions)}
			and not exists (select 1 from `tabFeedback` f where f.support_request = si.reference_name)
			and not exists (select 1 from `tabFeedback` f where f.interaction = si.reference_name)""",
		{"today": nowdate(), **where},
	)[0][0]


def _cell(invitation, k: int) -> tuple:
	"""The branch and service an anonymous answer may carry: each only when at least k people could have
	given an answer of that branch and service today (the rest is coarsened at the month's end)."""
	branch, service = invitation.branch_office, invitation.service_type
	if branch and _open_invitations(branch_office=branch, service_type=service) < k:
		branch = None
	if service and _open_invitations(service_type=service) < k:
		service = None
	return branch, service


def record(invitation, template, questions, answers: dict, comment: str, anonymous: bool, recorded_by=None):
	"""The Feedback row and its answers, written as they are and nothing else: no hook, no Version, no
	Comment for an anonymous answer; staff and branch ratings go to the summed Staff Rating table.

	An anonymous answer carries no more than its cell allows: a service's own template (and so its
	questions' text) only where its service is kept; a rating of the member of staff only where at least
	k open invitations rate that same person, of the branch only where the branch is kept."""
	s = settings()
	now = now_datetime()
	month = rule.month_of(now.date())
	rated = {rule.ABOUT_STAFF: _rated_one(invitation), rule.ABOUT_BRANCH: invitation.branch_office}
	if anonymous:
		branch, service = _cell(invitation, s.k)
		stamp, user = f"{now.date()} 00:00:00", "Guest"
		if not service and template.service_type:
			template, answers = None, {"overall": answers.get("overall")}  # its questions name the service
		if rated[rule.ABOUT_STAFF] and _open_invitations(rated_staff=rated[rule.ABOUT_STAFF]) < s.k:
			rated[rule.ABOUT_STAFF] = None
		if not branch:
			rated[rule.ABOUT_BRANCH] = None
	else:
		branch, service = invitation.branch_office, invitation.service_type
		stamp, user = now, recorded_by or "Guest"
	values = {
		"doctype": "Feedback",
		"name": frappe.generate_hash(length=20),
		"feedback_type": SURVEY_RESPONSE,
		"channel": c.CHANNEL_PHONE if recorded_by else c.CHANNEL_WEBSITE,
		"is_anonymous": int(anonymous),
		"rating": answers.get("overall"),
		"month": month,
		"recorded_by_staff": int(bool(recorded_by)),
		"service_type": service,
		"branch_office": branch,
		"comment": comment or None,
		"survey_template": template.name if template else None,
		"owner": user,
		"modified_by": user,
		"creation": stamp,
		"modified": stamp,
	}
	if not anonymous:
		values["beneficiary"] = invitation.beneficiary
		values["interaction" if invitation.reference_doctype == "Interaction" else "support_request"] = (
			invitation.reference_name
		)
	# Every field given here: no default of the signed-in visitor's (User Permissions, defaults) slips in.
	feedback = frappe.get_doc(values)
	feedback.db_insert()
	quality.add_feedback(feedback)
	for idx, q in enumerate((q for q in questions if q["key"] != "overall" and q["key"] in answers), 1):
		value = answers[q["key"]]
		if q["about"] != rule.ABOUT_SERVICE:
			if q["question_type"] == rule.RATING and rated[q["about"]]:
				branch_of_rating = invitation.branch_office if not anonymous else branch
				add_staff_rating(q["about"], rated[q["about"]], branch_of_rating, month, q, value)
			continue
		if q["question_type"] == rule.RATING:
			quality.add_answer(
				month, branch, service, values["channel"], f"{q['text']}\n{q['text_en']}", value
			)
		frappe.get_doc(
			{
				"doctype": "Feedback Answer",
				"name": frappe.generate_hash(length=20),
				"parent": feedback.name,
				"parenttype": "Feedback",
				"parentfield": "answers",
				"idx": idx,
				"question": f"{q['text']}\n{q['text_en']}",
				"question_type": q["question_type"],
				"rating": value if q["question_type"] == rule.RATING else None,
				"answer": None if q["question_type"] == rule.RATING else str(value),
				"owner": user,
				"modified_by": user,
				"creation": stamp,
				"modified": stamp,
			}
		).db_insert()
	if not anonymous:
		_tell_the_timeline(feedback, invitation, recorded_by)
	return feedback.name


def add_staff_rating(about: str, subject: str, branch: str | None, month: str, question: dict, rating: int):
	"""One rating added to its (subject, month, question) sum: no row of it says who gave it or when."""
	staff = subject if about == rule.ABOUT_STAFF else None
	branch = branch if about == rule.ABOUT_STAFF else subject
	text = f"{question['text']}\n{question['text_en']}"
	key = hashlib.sha256(f"{about}|{staff}|{branch}|{month}|{text}".encode()).hexdigest()[:24]
	day = f"{month}-01 00:00:00"
	frappe.db.sql(
		"""insert into `tabStaff Rating` (name, subject, staff, branch_office, month, question, answers, total,
			creation, modified, owner, modified_by, docstatus, idx)
		values (%(key)s, %(about)s, %(staff)s, %(branch)s, %(month)s, %(text)s, 1, %(rating)s,
			%(day)s, %(day)s, 'Guest', 'Guest', 0, 0)
		on duplicate key update answers = answers + 1, total = total + %(rating)s""",
		{
			"key": key,
			"about": about,
			"staff": staff,
			"branch": branch,
			"month": month,
			"text": text,
			"rating": int(rating),
			"day": day,
		},
	)


def _tell_the_timeline(feedback, invitation, recorded_by):
	frappe.get_doc(
		{
			"doctype": "Comment",
			"comment_type": "Info",
			"reference_doctype": invitation.reference_doctype,
			"reference_name": invitation.reference_name,
			"content": (
				_("Satisfaction survey answered by phone: overall {0} of 5 ({1}).")
				if recorded_by
				else _("Satisfaction survey answered: overall {0} of 5 ({1}).")
			).format(feedback.rating, feedback.name),
		}
	).insert(ignore_permissions=True)


# ---------------------------------------------------------------- staff record a survey by phone
def may_record_by_phone(doc) -> bool:
	"""Whether the desk offers "Record a Survey by Phone" on this record to the current user."""
	if not {c.ROLE_OFFICER, c.ROLE_MANAGER} & set(frappe.get_roles()):
		return False
	if doc.doctype == "Interaction":
		return doc.status == "Closed" and bool(doc.beneficiary)
	return doc.status in SURVEYED_REQUEST_STATUSES


def record_by_phone(reference_doctype: str, reference_name: str, answers: dict, comment: str = "") -> str:
	"""A member of staff who may change the request (or inquiry) records the answers the person gave by
	phone: named (the staff member knows who answered), once, only with the person's consent to be
	contacted, and never by a member of staff it rates. The link sent to the person is used up with it."""
	if reference_doctype not in ("Support Request", "Interaction"):
		frappe.throw(_("Surveys are about a request or an inquiry."))
	if not {c.ROLE_OFFICER, c.ROLE_MANAGER} & set(frappe.get_roles()):
		frappe.throw(_("Only the beneficiary relations staff record surveys."), frappe.PermissionError)
	doc = frappe.get_doc(reference_doctype, reference_name)
	doc.check_permission("write")
	sent = frappe.db.get_value(
		INVITATION,
		{"marker": f"{reference_doctype}:{reference_name}"},
		["name", "expires_on", "channels", "rated_staff"],
		as_dict=True,
	)
	rated = set(rated_staff(reference_doctype, reference_name))
	if sent and sent.rated_staff:
		rated.add(sent.rated_staff)
	if rule.rated_staff(frappe.session.user, rated):
		frappe.throw(
			_("A member of staff this survey rates may not record it: ask a colleague to call."),
			frappe.PermissionError,
		)
	field = "interaction" if reference_doctype == "Interaction" else "support_request"
	if frappe.db.exists("Feedback", {field: reference_name, "feedback_type": SURVEY_RESPONSE}):
		frappe.throw(_("This survey has already been answered"))
	person = (
		contact_of(reference_name)
		if reference_doctype == "Support Request"
		else person_contact(doc.beneficiary)
	)
	if not person.may_contact:
		frappe.throw(_("No survey may be taken: {0}.").format(problem_message(person.problem)))
	invitation = frappe._dict(
		reference_doctype=reference_doctype,
		reference_name=reference_name,
		beneficiary=person.name,
		service_type=doc.get("service_type"),
		branch_office=doc.get("branch_office"),
		rated_staff=sent.rated_staff if sent else None,
	)
	template, questions = survey_of(invitation)
	values, problems = check_answers(questions, answers or {})
	if problems:
		texts = {
			q["key"]: q["text_en"] if not (frappe.local.lang or "").startswith("ar") else q["text"]
			for q in questions
		}
		frappe.throw(
			"<br>".join(f"{texts.get(key, key)}: {field_message(code)}" for key, code in problems.items()),
			title=_("The answers are not complete"),
		)
	if sent and sent.channels:
		try:
			mark_used(token_of(sent.name, sent.expires_on))
		except frappe.DuplicateEntryError:
			frappe.throw(_("This survey has already been answered"))
	return record(
		invitation,
		template,
		questions,
		values,
		rule.clean_text(comment),
		anonymous=False,
		recorded_by=frappe.session.user,
	)


# ---------------------------------------------------------------- the month's end
def close_months():
	"""Scheduler, daily: in every month that has ended, an anonymous answer keeps its branch (then its
	service) only where at least k anonymous answers share that cell; the rest are made coarser."""
	k = settings().k
	this_month = rule.month_of(nowdate())
	frappe.db.sql(
		"""update `tabFeedback` f join (
			select month, branch_office, service_type from `tabFeedback`
			where is_anonymous = 1 and month < %(month)s and branch_office is not null
			group by month, branch_office, service_type having count(*) < %(k)s) small
		on f.month = small.month and f.branch_office = small.branch_office
			and f.service_type <=> small.service_type
		set f.branch_office = null where f.is_anonymous = 1""",
		{"month": this_month, "k": k},
	)
	frappe.db.sql(
		"""update `tabFeedback` f join (
			select month, service_type from `tabFeedback`
			where is_anonymous = 1 and month < %(month)s and branch_office is null and service_type is not null
			group by month, service_type having count(*) < %(k)s) small
		on f.month = small.month and f.service_type = small.service_type
		set f.service_type = null where f.is_anonymous = 1 and f.branch_office is null""",
		{"month": this_month, "k": k},
	)
	# The dashboard's sums of the month just ended follow its coarser cells.
	quality.rebuild([rule.month_of(add_days(f"{this_month}-01", -1))])
	frappe.db.commit()


# ---------------------------------------------------------------- the portal
def open_survey_for(request: str) -> str | None:
	"""The survey link of a request shown on its portal page while it may still be answered."""
	invitation = frappe.db.get_value(
		INVITATION, {"marker": f"Support Request:{request}"}, ["name", "expires_on", "channels"], as_dict=True
	)
	if not invitation or not invitation.channels or getdate(invitation.expires_on) < getdate(nowdate()):
		return None
	token = token_of(invitation.name, invitation.expires_on)
	if frappe.db.exists("Survey Token Use", rule.used_key(secret(), token)):
		return None
	return f"/survey/{token}"


def phone_questions(reference_doctype: str, reference_name: str) -> list[dict]:
	"""The questions the desk's "Record a Survey by Phone" dialog asks."""
	if reference_doctype not in ("Support Request", "Interaction"):
		frappe.throw(_("Surveys are about a request or an inquiry."))
	doc = frappe.get_doc(reference_doctype, reference_name)
	doc.check_permission("read")
	_template, questions = survey_of(frappe._dict(service_type=doc.get("service_type")))
	return questions
