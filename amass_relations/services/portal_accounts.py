"""Portal accounts of beneficiaries: an officer's invitation, and the officer's unlinking.

An account is a Website User holding the Beneficiary role only, granted when the link to the file is
made. One account links to one beneficiary and one beneficiary to one account (Beneficiary.user, a field
only this code writes). Inviting is a message: the one consent gate decides whether it may go out
(services/contact.py). The email goes through Frappe's own set-password mail, rendered in the
beneficiary's language; the SMS carries a one-time set-password link through the outbox, where the
link's key is kept encrypted and never shown."""

import frappe
from frappe import _
from frappe.sessions import clear_sessions
from frappe.translate import print_language

from amass_relations import constants as c
from amass_relations.permissions.code_owned import set_by_code
from amass_relations.rules.phone import normalize_saudi_mobile, sign_in_form
from amass_relations.services.contact import person_contact
from amass_relations.services.outbox import queue_sms

BY_EMAIL, BY_SMS = "Email", "SMS"
# A beneficiary invited by SMS without an email on file gets an address of this reserved domain as the
# account's name (Frappe's users are named by email, and a guessable one would tell who has an account);
# they sign in with their mobile number where System Settings allow login by mobile.
NO_EMAIL_DOMAIN = "no-email.amass-portal.invalid"


class PortalAccountError(frappe.ValidationError):
	pass


def invite(beneficiary: str, channel: str) -> str:
	"""Create the beneficiary's portal account, link it, and send the invitation; returns the account."""
	doc = frappe.get_doc("Beneficiary", beneficiary)
	if not frappe.has_permission("Beneficiary", "write", doc=doc):
		frappe.throw(_("Only staff who may edit this beneficiary may invite them."), frappe.PermissionError)
	if channel not in (BY_EMAIL, BY_SMS):
		frappe.throw(_("Invite by email or by SMS."), PortalAccountError)
	frappe.db.get_value("Beneficiary", doc.name, "name", for_update=True)  # one invitation at a time
	if frappe.db.get_value("Beneficiary", doc.name, "user"):
		frappe.throw(_("This beneficiary already has a portal account."), PortalAccountError)
	person = person_contact(doc.name)
	if not person.may_contact:
		frappe.throw(
			_("No message may be sent to this beneficiary: {0}").format(person.reason), PortalAccountError
		)
	if channel == BY_EMAIL and not doc.email:
		frappe.throw(_("Add the beneficiary's email address first, or invite by SMS."), PortalAccountError)
	if channel == BY_SMS and not doc.mobile_no:
		frappe.throw(_("Add the beneficiary's mobile number first, or invite by email."), PortalAccountError)

	sign_in_mobile = sign_in_form(doc.mobile_no)
	mobile_taken = bool(sign_in_mobile and frappe.db.exists("User", {"mobile_no": sign_in_mobile}))
	if channel == BY_SMS and mobile_taken:
		# One account per mobile number (Frappe signs in by it): a family sharing one phone has one
		# account, the carer's, acting for the patients through Carer Authorizations.
		frappe.throw(
			_(
				"Another portal account already uses this mobile number. Record a carer authorization so that its holder acts for this beneficiary, or invite by email."
			),
			PortalAccountError,
		)
	# A random name for an account without email: nothing to guess from the file's number.
	email = (doc.email or f"{frappe.generate_hash(length=16)}@{NO_EMAIL_DOMAIN}").strip().lower()
	if frappe.db.exists("User", email):
		# Never give the beneficiary's file to an account someone else made (staff's, or a sign-up the
		# person has not proved is theirs): they link it themselves with "Link my file".
		frappe.throw(
			_(
				"An account with this email address already exists. The beneficiary can link it to the file from the portal."
			),
			PortalAccountError,
		)
	lang = doc.preferred_language or frappe.db.get_default("lang")
	user = frappe.get_doc(
		{
			"doctype": "User",
			"email": email,
			"first_name": doc.full_name,
			"mobile_no": None if mobile_taken else sign_in_mobile,
			"user_type": "Website User",
			"language": lang,
			"send_welcome_email": int(channel == BY_EMAIL),
		}
	)
	user.flags.ignore_permissions = True
	user.flags.delay_emails = True  # queued (Email Queue), not sent while the officer waits
	with print_language(lang):
		user.insert()  # Frappe's welcome mail with its set-password link, in the beneficiary's language
		if channel == BY_SMS:
			link = frappe.get_doc("User", user.name).reset_password()
			queue_sms(
				doc.mobile_no,
				_("Amass Association: your account on our portal is ready. Set your password: {0}").format(
					"{secret}"
				),
				secret=link,
				purpose="Portal Invitation",
				reference_doctype="Beneficiary",
				reference_name=doc.name,
			)
	link_account(doc, user.name)
	doc.add_comment(
		"Info",
		_("Invited to the portal by {0} ({1}).").format(frappe.session.user, _(channel)),
	)
	return user.name


def link_account(doc, user: str):
	"""The one place a file and an account are joined, and the Beneficiary role granted."""
	if frappe.db.exists("Beneficiary", {"user": user, "name": ("!=", doc.name)}):
		frappe.throw(_("This account is already linked to another beneficiary."), PortalAccountError)
	account = frappe.get_doc("User", user)
	if account.user_type != "Website User" or {r.role for r in account.roles} - {c.ROLE_BENEFICIARY}:
		# A desk account, or one holding other roles, never becomes a beneficiary's.
		frappe.throw(_("This account cannot be linked to a beneficiary's file."), PortalAccountError)
	set_by_code(doc, user=user)
	doc.save(ignore_permissions=True)
	account.flags.ignore_permissions = True
	account.add_roles(c.ROLE_BENEFICIARY)


def link_in_person(beneficiary: str, account: str, reason: str) -> str:
	"""An officer verified the person with their ID and links the account they signed up with: for a
	file without a mobile (the officers' queue) and after a lost phone (unlink, then link). The file's
	attempts count is cleared (an attacker's failed tries cannot lock the person out) and the queue's
	open tasks for the file are closed."""
	doc = frappe.get_doc("Beneficiary", beneficiary)
	if not frappe.has_permission("Beneficiary", "write", doc=doc) or not (
		{c.ROLE_OFFICER, c.ROLE_MANAGER} & set(frappe.get_roles())
	):
		frappe.throw(
			_("Only staff who may edit this beneficiary may link their account."), frappe.PermissionError
		)
	if not (reason or "").strip():
		frappe.throw(_("Say how the person was verified."), PortalAccountError)
	frappe.db.get_value("Beneficiary", doc.name, "name", for_update=True)
	if frappe.db.get_value("Beneficiary", doc.name, "user"):
		frappe.throw(_("This beneficiary already has a portal account. Unlink it first."), PortalAccountError)
	wanted = (account or "").strip()
	normalized, _problem = normalize_saudi_mobile(wanted)
	user = frappe.db.get_value("User", wanted.lower()) or (
		normalized and frappe.db.get_value("User", {"mobile_no": sign_in_form(normalized)})
	)
	if not user:
		frappe.throw(_("No account with this email or mobile number."), PortalAccountError)
	link_account(doc, user)
	# portal_link joins files through this module: imported here, not at the top, to keep one direction.
	from amass_relations.services.portal_link import clear_attempts

	clear_attempts(user, doc.national_id)
	close_link_tasks(doc.name)
	doc.add_comment(
		"Info",
		_("Portal account {0} linked in person by {1}: {2}").format(
			user, frappe.session.user, frappe.utils.escape_html(reason.strip())
		),
	)
	return user


def close_link_tasks(beneficiary: str):
	"""The officers' queue: open tasks asking to link this file are done once it is linked."""
	for todo in frappe.get_all(
		"ToDo",
		filters={
			"reference_type": "Beneficiary",
			"reference_name": beneficiary,
			"status": "Open",
			"sender": ("is", "set"),
		},
		pluck="name",
	):
		frappe.db.set_value("ToDo", todo, "status", "Closed")


def queue_link_task(beneficiary: str, user: str):
	"""The officers' queue: a file that matched "Link my file" but cannot receive a code (no mobile, no
	consent); the officer verifies the person's ID and links in person. `sender` is the account that
	asked: close_link_tasks knows these tasks by it."""
	queue_officer_task(
		beneficiary,
		_(
			"Portal account {0} asked to link this file, which cannot receive a code. Verify the person's ID in person, then use Portal > Link Account in Person."
		).format(user),
		sender=user,
	)


def queue_officer_task(
	beneficiary: str, description: str, sender: str | None = None, reference: tuple | None = None
):
	"""A task (ToDo) on the file — or on `reference` (doctype, name), e.g. a request — for the officers of
	the file's branch, or the managers where it has none; made once while the same task is open."""
	branch = frappe.db.get_value("Beneficiary", beneficiary, "branch_office")
	members = frappe.get_all(
		"Branch Office User", filters={"parent": branch, "parenttype": "Branch Office"}, pluck="user"
	)
	officers = [u for u in members if c.ROLE_OFFICER in frappe.get_roles(u)] or [
		u
		for u in frappe.get_all(
			"Has Role", filters={"role": c.ROLE_MANAGER, "parenttype": "User"}, pluck="parent"
		)
		if frappe.db.get_value("User", u, "enabled")
	]
	reference_type, reference_name = reference or ("Beneficiary", beneficiary)
	task = {
		"reference_type": reference_type,
		"reference_name": reference_name,
		"sender": sender,
		"description": description,
	}
	for officer in dict.fromkeys(officers):
		if frappe.db.exists(
			"ToDo", {**task, "sender": sender or ("is", "not set"), "allocated_to": officer, "status": "Open"}
		):
			continue
		frappe.get_doc(
			{"doctype": "ToDo", "allocated_to": officer, "assigned_by": "Administrator", **task}
		).insert(ignore_permissions=True)


def follow_status(doc):
	"""A Deceased beneficiary's own account is disabled and signed out; made active again (a mistaken
	status), it is enabled again. Carers' access follows rules/portal.py, not the account."""
	if not doc.user:
		return
	deceased = doc.status == c.BENEFICIARY_DECEASED
	if bool(frappe.db.get_value("User", doc.user, "enabled")) != deceased:
		return
	frappe.db.set_value("User", doc.user, "enabled", int(not deceased))
	if deceased:
		clear_sessions(user=doc.user, force=True)
	frappe.clear_cache(user=doc.user)


def unlink(beneficiary: str, reason: str):
	"""An officer ends a file's link to its account (a lost phone, a wrong person): the account loses
	the Beneficiary role and every session; the reason goes to the file's timeline."""
	doc = frappe.get_doc("Beneficiary", beneficiary)
	if not frappe.has_permission("Beneficiary", "write", doc=doc):
		frappe.throw(
			_("Only staff who may edit this beneficiary may unlink their account."), frappe.PermissionError
		)
	if not (reason or "").strip():
		frappe.throw(_("Give the reason for unlinking the account."), PortalAccountError)
	user = frappe.db.get_value("Beneficiary", doc.name, "user", for_update=True)
	if not user:
		frappe.throw(_("This beneficiary has no portal account."), PortalAccountError)
	set_by_code(doc, user=None)
	doc.save(ignore_permissions=True)
	account = frappe.get_doc("User", user)
	account.flags.ignore_permissions = True
	account.remove_roles(c.ROLE_BENEFICIARY)
	clear_sessions(user=user, force=True)
	# portal_link joins files through this module: imported here, not at the top, to keep one direction.
	from amass_relations.services.portal_link import forget_pending

	forget_pending(user)
	doc.add_comment(
		"Info", _("Portal account {0} unlinked by {1}: {2}").format(user, frappe.session.user, reason.strip())
	)
