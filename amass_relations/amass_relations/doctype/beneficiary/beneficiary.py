# Copyright (c) 2026, Amass Association and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.delete_doc import check_if_doc_is_linked
from frappe.model.document import Document
from frappe.utils import get_link_to_form, getdate, now_datetime, today

from amass_relations import constants as c
from amass_relations.permissions.code_owned import set_by_code
from amass_relations.rules.dates import birth_date_problem, format_hijri, parse_hijri
from amass_relations.rules.identity import id_kind, normalize_national_id
from amass_relations.rules.names import name_key
from amass_relations.rules.phone import normalize_saudi_mobile
from amass_relations.services import messages, portal_accounts
from amass_relations.services.branches import BRANCH_DOCTYPE, move_open_records


class InvalidBeneficiaryDataError(frappe.ValidationError):
	pass


class DuplicateBeneficiaryError(frappe.ValidationError):
	pass


class BeneficiaryLinkedError(frappe.ValidationError):
	pass


# The action's third choice: back to Applicant or Registered, whichever the person's requests make them.
STATUS_ACTIVE = "Active"


class BeneficiaryStatusError(frappe.ValidationError):
	pass


class Beneficiary(Document):
	def validate(self):
		self.validate_national_id()
		self.validate_mobile()
		self.validate_date_of_birth()
		self.name_key = name_key(self.full_name)
		self.record_consents()
		self.validate_branch_move()

	def on_update(self):
		self.warn_possible_duplicates()
		if self.has_value_changed("branch_office") and not self.flags.in_insert:
			move_open_records(self.name, self.branch_office)

	def validate_branch_move(self):
		"""Only those who manage branches move a beneficiary to another branch (policy G4: a patient
		treated in another city); a branch's own staff cannot pull another branch's file into view."""
		if self.is_new() or not self.has_value_changed("branch_office"):
			return
		if not frappe.has_permission(BRANCH_DOCTYPE, "write"):
			frappe.throw(
				_("Only a manager may move a beneficiary to another branch."),
				frappe.PermissionError,
				title=_("Not Permitted"),
			)

	def on_trash(self):
		self.refuse_delete_when_linked()

	@frappe.whitelist()
	def change_status(self, status: str, reason: str):
		"""An officer or a manager marks the person Inactive or Deceased, or makes them active again,
		with a reason; who, when and why go on the timeline. Applicant and Registered are the requests'
		doing, never set by hand."""
		self.load_from_db()  # run_doc_method hands over the client's copy: decide on what is stored
		self.check_permission("write")
		if (
			not {c.ROLE_OFFICER, c.ROLE_MANAGER} & set(frappe.get_roles())
			and frappe.session.user != "Administrator"
		):
			frappe.throw(
				_("Only a beneficiary relations officer or manager changes a beneficiary's status."),
				frappe.PermissionError,
				title=_("Not Permitted"),
			)
		reason = (reason or "").strip()
		if not reason:
			frappe.throw(_("Give the reason for the change of status."), BeneficiaryStatusError)
		if status == STATUS_ACTIVE:
			if self.status not in (c.BENEFICIARY_INACTIVE, c.BENEFICIARY_DECEASED):
				frappe.throw(_("The beneficiary is already active."), BeneficiaryStatusError)
			status = c.BENEFICIARY_REGISTERED if self.has_registered_request() else c.BENEFICIARY_APPLICANT
		elif status not in (c.BENEFICIARY_INACTIVE, c.BENEFICIARY_DECEASED) or status == self.status:
			frappe.throw(
				_("Choose {0}, {1} or {2}.").format(
					_(c.BENEFICIARY_INACTIVE), _(c.BENEFICIARY_DECEASED), _(STATUS_ACTIVE)
				),
				BeneficiaryStatusError,
			)
		set_by_code(self, status=status, status_changed_on=now_datetime())
		self.save()
		# A deceased person's own portal account is closed; it opens again if the status was a mistake.
		portal_accounts.follow_status(self)
		self.add_comment(
			"Info",
			_("Status changed to {0}: {1}").format(frappe.bold(_(status)), frappe.utils.escape_html(reason)),
		)
		return self.status

	@frappe.whitelist()
	def invite_to_portal(self, channel: str):
		"""Officer's action: the beneficiary's portal account, made and sent by email or SMS."""
		return portal_accounts.invite(self.name, channel)

	@frappe.whitelist()
	def link_account_in_person(self, account: str, reason: str):
		"""Officer's action: the person showed their ID; their signed-up account is linked to the file."""
		return portal_accounts.link_in_person(self.name, account, reason)

	@frappe.whitelist()
	def unlink_portal_account(self, reason: str):
		portal_accounts.unlink(self.name, reason)

	def has_registered_request(self) -> bool:
		return bool(
			frappe.db.exists(
				"Support Request",
				{
					"beneficiary": self.name,
					"status": (
						"in",
						(c.REQUEST_REGISTRATION_COMPLETE, c.REQUEST_SERVICE_DELIVERED, c.REQUEST_CLOSED),
					),
				},
			)
		)

	def validate_national_id(self):
		national_id, problem = normalize_national_id(self.national_id)
		if problem:
			frappe.throw(
				messages.national_id_message(problem),
				InvalidBeneficiaryDataError,
				title=_("Invalid ID Number"),
			)
		self.national_id = national_id
		self.id_kind = "Citizen" if id_kind(national_id) == "citizen" else "Resident"

		beneficiary = frappe.qb.DocType("Beneficiary")
		existing = (
			frappe.qb.from_(beneficiary)
			.select(beneficiary.name)
			.where((beneficiary.national_id == national_id) & (beneficiary.name != (self.name or "")))
			.limit(1)
			.run(pluck=True)
		)
		existing = existing[0] if existing else None
		if not existing:
			return
		if frappe.has_permission("Beneficiary", "read", doc=existing):
			message = _("A beneficiary with this ID number is already registered: {0}.").format(
				get_link_to_form("Beneficiary", existing)
			)
		else:
			# Whoever may not read that record learns nothing about it, not even its number.
			message = _(
				"A beneficiary with this ID number is already registered. Please contact the association."
			)
		frappe.throw(message, DuplicateBeneficiaryError, title=_("Already Registered"))

	def validate_mobile(self):
		if not self.mobile_no:
			return
		mobile, problem = normalize_saudi_mobile(self.mobile_no)
		if problem:
			frappe.throw(
				messages.mobile_message(problem), InvalidBeneficiaryDataError, title=_("Invalid Mobile No.")
			)
		self.mobile_no = mobile

	def validate_date_of_birth(self):
		# Either calendar may be entered: a newly entered Hijri date sets the Gregorian one, unless the
		# Gregorian date was entered too; the Hijri field is then recomputed for display.
		hijri_entered = self.date_of_birth_hijri and self.has_value_changed("date_of_birth_hijri")
		gregorian_entered = self.date_of_birth and self.has_value_changed("date_of_birth")
		if hijri_entered and (not gregorian_entered or not self.date_of_birth):
			gregorian, problem = parse_hijri(self.date_of_birth_hijri)
			if problem:
				frappe.throw(
					messages.hijri_message(problem),
					InvalidBeneficiaryDataError,
					title=_("Invalid Hijri Date"),
				)
			self.date_of_birth = gregorian
		problem = birth_date_problem(
			getdate(self.date_of_birth) if self.date_of_birth else None, getdate(today())
		)
		if problem:
			frappe.throw(
				messages.birth_date_message(problem),
				InvalidBeneficiaryDataError,
				title=_("Invalid Date of Birth"),
			)
		self.date_of_birth_hijri = format_hijri(getdate(self.date_of_birth))

	def record_consents(self):
		for consent, on_field, by_field in (
			("data_processing_consent", "data_consent_on", "data_consent_by"),
			("contact_consent", "contact_consent_on", "contact_consent_by"),
		):
			if not self.get(consent):
				self.set(on_field, None)
				self.set(by_field, None)
			elif self.has_value_changed(consent) or not self.get(on_field):
				self.set(on_field, now_datetime())
				self.set(by_field, frappe.session.user)

	def warn_possible_duplicates(self):
		if self.flags.from_portal:
			return  # a beneficiary's own choices on the portal: no word of anyone else's file
		# Plain indexed lookups (mobile_no; name_key + date_of_birth): this runs on every save and on each
		# row of a Data Import, where get_all's filter parsing costs more than the queries.
		beneficiary = frappe.qb.DocType("Beneficiary")
		lookups = []
		if self.mobile_no:
			lookups.append(beneficiary.mobile_no == self.mobile_no)
		if self.name_key and self.date_of_birth:
			lookups.append(
				(beneficiary.name_key == self.name_key) & (beneficiary.date_of_birth == self.date_of_birth)
			)
		candidates = []
		for lookup in lookups:
			candidates += (
				frappe.qb.from_(beneficiary)
				.select(beneficiary.name)
				.where(lookup & (beneficiary.name != self.name))
				.limit(5)
				.run(pluck=True)
			)
		candidates = list(dict.fromkeys(candidates))
		if not candidates:
			return
		readable = [c for c in candidates if frappe.has_permission("Beneficiary", "read", doc=c)]
		if readable:
			links = ", ".join(get_link_to_form("Beneficiary", c) for c in readable)
			message = _(
				"This may be the same person as {0}: same mobile number, or same name and date of birth."
			).format(links)
		else:
			message = _(
				"A beneficiary with the same mobile number, or the same name and date of birth, may already be registered. Please check before continuing."
			)
		if frappe.flags.in_import:
			# Data Import keeps no message of a row it imported: the warning stays on the record's timeline.
			self.add_comment("Comment", f"{_('Possible Duplicate')}: {message}")
			return
		frappe.msgprint(message, title=_("Possible Duplicate"), indicator="orange")

	def refuse_delete_when_linked(self):
		"""The framework's own link check, with the policy's advice: deactivate instead."""
		try:
			check_if_doc_is_linked(self)
		except frappe.LinkExistsError:
			frappe.throw(
				_(
					"{0} cannot be deleted because other records are linked to them. Set the status to Inactive instead."
				).format(frappe.bold(self.full_name)),
				BeneficiaryLinkedError,
				title=_("Cannot Delete"),
			)


def on_doctype_update():
	# national_id has its unique index and mobile_no its search index from the field definitions.
	frappe.db.add_index("Beneficiary", ["name_key", "date_of_birth"], "name_key_date_of_birth_index")
	# The list's sort (creation), alone and after the branch a branch-restricted user is limited to.
	frappe.db.add_index("Beneficiary", ["creation"], "creation")
	frappe.db.add_index("Beneficiary", ["branch_office", "creation"], "branch_office_creation_index")
