# Copyright (c) 2026, Amass Association and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.model.workflow import WorkflowPermissionError, get_workflow, validate_workflow
from frappe.utils import cint, getdate, now_datetime, today

from amass_relations import constants as c
from amass_relations.amass_relations.doctype.carer_authorization.carer_authorization import is_active_carer
from amass_relations.permissions.code_owned import allow_code_write, set_by_code
from amass_relations.rules.committee import committee_due_date
from amass_relations.rules.deadlines import deadline_state
from amass_relations.rules.identity import normalize_national_id
from amass_relations.rules.phone import normalize_saudi_mobile
from amass_relations.rules.portal import MESSAGE_MAX_CHARS, text_problem
from amass_relations.rules.requests import (
	amount_problem,
	conflict_of_interest,
	declaration_voided,
	file_problem,
)
from amass_relations.services import portal, surveys
from amass_relations.services.documents import (
	medical_document_types,
	move_behind_medical_wall,
	valid_documents,
)
from amass_relations.services.letters import letter_state_of_request
from amass_relations.services.money import money
from amass_relations.services.referral import assign_to_social_researcher, check_social_researcher
from amass_relations.services.signatures import check_signature
from amass_relations.services.workflow import apply_step

SETTINGS = c.SETTINGS_DOCTYPE
RETURN_TO_APPLICANT = "Return to Applicant"
# What the signed declaration covers: changing any of it after signing voids the signature.
DECLARED_FIELDS = ("beneficiary", "applicant", "service_type", "amount_requested", "description")


class SupportRequestError(frappe.ValidationError):
	pass


class ConflictOfInterestError(frappe.ValidationError):
	pass


# Entering these re-checks what may have changed since the request was written.
GATED_STATUSES = (c.REQUEST_PENDING_VERIFICATION, c.REQUEST_PENDING_COMMITTEE)


def refuse(problems: list[str], title: str):
	"""Every failing check named at once, nothing saved."""
	if problems:
		frappe.throw(
			problems[0]
			if len(problems) == 1
			else "<ul>" + "".join(f"<li>{p}</li>" for p in problems) + "</ul>",
			SupportRequestError,
			title=title,
		)


def states_needing_comment() -> list[str]:
	"""The workflow states (by their names today) whose entry needs a comment: those that set a status
	needing one. The desk's comment prompt reads this, so renaming a state keeps the prompt."""
	workflow = get_workflow("Support Request")
	return [
		state.state
		for state in workflow.states
		if state.update_field == "status" and state.update_value in c.REQUEST_STATUSES_NEEDING_COMMENT
	]


def states_of_status(status: str) -> list[str]:
	"""The workflow states (by their names today) that set this status."""
	return [
		state.state
		for state in get_workflow("Support Request").states
		if state.update_field == "status" and state.update_value == status
	]


def check_workflow_move(doc):
	"""Frappe's check of a state edited by hand (a REST PUT), refused in the reader's words: the states
	translated and whose step the move is, instead of "transition not allowed from Draft to Approved"."""
	try:
		validate_workflow(doc)
	except WorkflowPermissionError:
		if frappe.local.message_log:
			frappe.local.message_log.pop()  # the framework's message, with the states' stored names
		workflow = get_workflow(doc.doctype)
		before = doc.get_doc_before_save()
		current = before.get(workflow.workflow_state_field) if before else workflow.states[0].state
		target = doc.get(workflow.workflow_state_field)
		roles = sorted(
			{t.allowed for t in workflow.transitions if t.state == current and t.next_state == target}
		)
		states = (frappe.bold(_(current)), frappe.bold(_(target)))
		frappe.throw(
			_("Moving a request from {0} to {1} is a step for {2}.").format(
				*states, " / ".join(frappe.bold(_(role)) for role in roles)
			)
			if roles
			else _(
				"A request does not move from {0} to {1} directly; it follows the workflow's steps."
			).format(*states),
			WorkflowPermissionError,
			title=_("Not Your Step") if roles else _("Not Permitted"),
		)


class SupportRequest(Document):
	def onload(self):
		self.set_onload("states_needing_comment", states_needing_comment())
		self.set_onload("states_returning", states_of_status(c.REQUEST_RETURNED))
		if not self.is_new():
			self.set_onload("blocked_by", self.blocking_checks())
			# The desk's "Record a Survey by Phone" (services/surveys.py decides who and when).
			self.set_onload("survey_by_phone", surveys.may_record_by_phone(self))

	def load_doc_before_save(self, *args, **kwargs):
		super().load_doc_before_save(*args, **kwargs)
		if self.flags.ignore_permissions and self._doc_before_save:
			# A save the app's code allowed (a portal step, after its own visibility check) reads its own
			# stored copy allowed too: Frappe's workflow check reads that copy's transitions as the user.
			self._doc_before_save.flags.ignore_permissions = True

	def validate(self):
		if not self.is_new() and self.has_value_changed("workflow_state"):
			# The framework checks the move after validate(); check it first, so that a move the user
			# may not make (a REST PUT jumping states) is refused as such, before any step's own checks.
			check_workflow_move(self)
		self.set_status_from_workflow()
		# Rules on data that changes over time (a carer's authorization, the service, the size limit) are
		# checked where they belong — on creation, when the data they guard changes, on the steps they
		# gate — never on every save: a request must not freeze when an authorization expires later.
		gate = self.is_new() or self.entering() in GATED_STATUSES
		self.set_people()
		if gate or self.changed("beneficiary", "applicant", "contact_person"):
			refuse(self.people_problems(), _("Not Authorized"))
		self.keep_branch()
		if gate or self.changed("beneficiary", "service_type", "amount_requested"):
			self.set_service_values()
			refuse(self.service_problems(), _("Not Eligible"))
		self.sync_required_documents()
		refuse(self.file_problems(all_rows=gate), _("File Not Accepted"))
		self.keep_medical_documents_apart()
		self.void_declaration_on_change()
		self.record_signature()
		self.on_status_change()
		self.deadline_state = deadline_state(
			self.status == c.REQUEST_PENDING_COMMITTEE,
			getdate(self.committee_due_date) if self.committee_due_date else None,
			getdate(today()),
		)

	def on_update(self):
		if self.has_value_changed("status") and not self.flags.in_insert:
			portal.notify_status(self)  # the beneficiary hears of each step (services/portal.py)
		if self.has_value_changed("status") and self.status == c.REQUEST_PENDING_COMMITTEE:
			# Policy S5: explain to the beneficiary that the committee studies the request and answers.
			frappe.msgprint(committee_notice(self), title=_("Tell the Beneficiary"), indicator="blue")
		if self.flags.comment_for_timeline:
			self.add_comment("Comment", self.flags.comment_for_timeline)
		if self.has_value_changed("status") and self.status == c.REQUEST_REGISTRATION_COMPLETE:
			beneficiary = frappe.get_doc("Beneficiary", self.beneficiary)
			if beneficiary.status == c.BENEFICIARY_APPLICANT:
				set_by_code(beneficiary, status=c.BENEFICIARY_REGISTERED)
				beneficiary.save(ignore_permissions=True)

	# -- status ---------------------------------------------------------------------------------------
	def set_status_from_workflow(self):
		"""`status` is what code reads; each workflow state sets it, on every save, whatever the path."""
		workflow = get_workflow(self.doctype)
		if not self.workflow_state:
			self.workflow_state = workflow.states[0].state
		row = next((s for s in workflow.states if s.state == self.workflow_state), None)
		if row and row.update_field == "status" and row.update_value:
			self.status = row.update_value

	def status_entered(self, *statuses) -> bool:
		return self.status in statuses and (self.is_new() or self.has_value_changed("status"))

	def on_status_change(self):
		if self.status_entered(*c.REQUEST_STATUSES_NEEDING_COMMENT):
			if not (self.transition_comment or "").strip():
				frappe.throw(
					_("Write a comment for the beneficiary's file before the request becomes {0}.").format(
						frappe.bold(_(self.status))
					),
					SupportRequestError,
					title=_("Comment Required"),
				)
			self.flags.comment_for_timeline = self.transition_comment.strip()
		self.transition_comment = None

		if self.status_entered(c.REQUEST_RETURNED):
			# What the applicant is asked, apart from the internal comment: the officer's Return to
			# Applicant or the committee's reason for the applicant. Shown on the portal while returned.
			message = (self.flags.applicant_message or "").strip()
			if not message:
				frappe.throw(
					_("Write the message the applicant will read: what is missing or what to answer."),
					SupportRequestError,
					title=_("Message Required"),
				)
			self.applicant_message = message
			self.applicant_answer = None
		if self.status_entered(c.REQUEST_PENDING_VERIFICATION) and self.flags.resubmitted_on_portal:
			# Back from the applicant with new documents or answers: the officer verifies it again.
			self.verified_by = None
			self.verified_on = None
		if self.status_entered(c.REQUEST_PENDING_COMMITTEE):
			self.check_ready_for_committee()
			# Back with the committee (after a return for information): the earlier decision is gone.
			self.committee_decision = None
			self.decided_by = None
			entered = now_datetime()
			self.committee_entered_on = entered
			self.committee_due_date = committee_due_date(
				entered, cint(frappe.db.get_single_value(SETTINGS, "committee_response_days"))
			)
		if self.status_entered(*c.REQUEST_DECISION_STATUSES):
			self.check_conflict_of_interest()
		if self.status_entered(c.REQUEST_REGISTRATION_COMPLETE):
			self.check_documents_complete()
		before = self.get_doc_before_save()
		if (
			before
			and before.status == c.REQUEST_UNDER_RESEARCH
			and self.status_entered(c.REQUEST_PENDING_VERIFICATION)
			and not self.research_report
		):
			frappe.throw(
				_("Write the social research report before returning the request to the officer."),
				SupportRequestError,
			)

	# -- people and branch --------------------------------------------------------------------------
	def set_people(self):
		self.applicant = self.applicant or self.beneficiary
		self.contact_person = self.contact_person or self.applicant
		self.contact_mobile = frappe.db.get_value("Beneficiary", self.contact_person, "mobile_no")

	def people_problems(self) -> list[str]:
		"""The applicant and the contact person act for the beneficiary only with an active authorization."""
		return [
			_("The {0} must be the beneficiary or a carer with an active authorization for them.").format(
				role
			)
			for role, person in ((_("applicant"), self.applicant), (_("contact person"), self.contact_person))
			if person != self.beneficiary and not is_active_carer(person, self.beneficiary)
		]

	def entering(self) -> str | None:
		"""The status this save enters, if it changes it."""
		before = self.get_doc_before_save()
		return self.status if before is None or before.status != self.status else None

	def changed(self, *fields: str) -> bool:
		return any(self.has_value_changed(field) for field in fields)

	def keep_branch(self):
		"""The branch is the beneficiary's at creation and stays with the request."""
		before = self.get_doc_before_save()
		if before and before.branch_office:
			self.branch_office = before.branch_office
		elif not self.branch_office:
			self.branch_office = frappe.db.get_value("Beneficiary", self.beneficiary, "branch_office")

	# -- service, amount, documents -----------------------------------------------------------------
	def set_service_values(self):
		service = frappe.get_cached_doc("Support Service Type", self.service_type)
		self.is_financial = service.is_financial
		self.maximum_amount = service.maximum_amount

	def service_problems(self) -> list[str]:
		"""The service offered today, to the beneficiary's category, within its maximum."""
		service = frappe.get_cached_doc("Support Service Type", self.service_type)
		problems = []
		if not service.enabled:
			problems.append(_("The service {0} is not offered any more.").format(frappe.bold(service.name)))
		category = frappe.db.get_value("Beneficiary", self.beneficiary, "beneficiary_category")
		if category not in {row.beneficiary_category for row in service.eligible_categories}:
			problems.append(
				_("The service {0} is not offered to the category {1}.").format(
					frappe.bold(_(service.name)), frappe.bold(_(category))
				)
			)
		problem = amount_problem(service.is_financial, self.amount_requested, service.maximum_amount)
		if problem:
			problems.append(self.amount_message(problem, service))
		return problems

	def amount_message(self, problem: str, service) -> str:
		return {
			"amount_on_non_financial": _("{0} is not a financial service: leave the amount empty.").format(
				frappe.bold(_(service.name))
			),
			"not_positive": _("Enter the amount requested: more than zero."),
			"above_maximum": _("The amount requested is above the service's maximum of {0}.").format(
				frappe.bold(money(service.maximum_amount))
			),
		}.get(problem, _("The amount requested is not valid."))

	def sync_required_documents(self):
		"""On choosing the service its required documents appear; valid beneficiary documents fill in."""
		if self.is_new() or self.has_value_changed("service_type") or not self.documents:
			required = frappe.get_cached_doc("Support Service Type", self.service_type).required_documents
			existing = {row.document_type: row for row in self.documents}
			self.set("documents", [])
			for requirement in required:
				row = existing.get(requirement.document_type)
				self.append(
					"documents",
					{
						"document_type": requirement.document_type,
						"mandatory": requirement.mandatory,
						"file": row.file if row else None,
						"expiry_date": row.expiry_date if row else None,
					},
				)
		on_file = valid_documents(self.beneficiary, self.name)
		medical = medical_document_types()
		for row in self.documents:
			if row.file or row.beneficiary_document or row.document_type not in on_file:
				continue
			document = frappe.db.get_value(
				"Beneficiary Document",
				on_file[row.document_type],
				["name", "file", "expiry_date", "verified_by", "verified_on"],
				as_dict=True,
			)
			row.update(
				{
					"beneficiary_document": document.name,
					# A medical document is reached through its record, behind the medical wall.
					"file": None if row.document_type in medical else document.file,
					"expiry_date": document.expiry_date,
					"verified_by": document.verified_by,
					"verified_on": document.verified_on,
				}
			)

	def keep_medical_documents_apart(self):
		"""A medical file uploaded on a row goes onto a medical Beneficiary Document: the request's
		readers (a branch representative, the committee's secretary) never reach it through the row."""
		medical = medical_document_types()
		for row in self.documents:
			if row.file and row.document_type in medical:
				row.beneficiary_document = move_behind_medical_wall(self, row)
				row.file = None
				row.verified_by = None
				row.verified_on = None

	def file_problems(self, all_rows: bool = True) -> list[str]:
		"""Files of an allowed type within the size limit: every row when `all_rows`, else only the rows
		whose file changed in this save (a limit lowered later does not refuse files already accepted)."""
		max_bytes = cint(frappe.db.get_single_value(SETTINGS, "max_attachment_mb") or 5) * 1024 * 1024
		before = self.get_doc_before_save()
		files_before = {row.name: row.file for row in before.documents} if before else {}
		problems = []
		for row in self.documents:
			if not row.file or row.beneficiary_document:
				continue
			if not all_rows and row.name in files_before and files_before[row.name] == row.file:
				continue
			size = frappe.db.get_value("File", {"file_url": row.file}, "file_size")
			problem = file_problem(row.file.rsplit("/", 1)[-1], size, max_bytes)
			if problem == "file_type":
				problems.append(
					_("Row {0}: {1} must be a PDF, JPG or PNG file.").format(
						row.idx, frappe.bold(_(row.document_type))
					)
				)
			if problem == "file_too_large":
				problems.append(
					_("Row {0}: {1} is larger than {2} MB.").format(
						row.idx, frappe.bold(_(row.document_type)), max_bytes // (1024 * 1024)
					)
				)
		return problems

	def blocking_checks(self) -> list[str]:
		"""Why this request cannot take its next step (verification, the committee), in plain words: every
		failing check of what has changed since it was written. Empty when nothing blocks it."""
		if self.status not in (c.REQUEST_DRAFT, c.REQUEST_PENDING_VERIFICATION, c.REQUEST_RETURNED):
			return []
		return (
			self.people_problems() + self.service_problems() + self.file_problems() + self.document_problems()
		)

	def document_problems(self, on=None) -> list[str]:
		"""Mandatory documents that are missing or expired, each named."""
		on = getdate(on or today())
		problems = []
		for row in self.documents:
			if not row.mandatory:
				continue
			if not (row.file or row.beneficiary_document):
				problems.append(_("{0} is missing.").format(frappe.bold(_(row.document_type))))
			elif row.expiry_date and getdate(row.expiry_date) < on:
				problems.append(
					_("{0} expired on {1}.").format(
						frappe.bold(_(row.document_type)), frappe.utils.format_date(row.expiry_date)
					)
				)
		return problems

	# -- declaration ----------------------------------------------------------------------------------
	def void_declaration_on_change(self):
		before = self.get_doc_before_save()
		if not before or not before.signed_on:
			return
		documents_before = [(r.document_type, r.file, r.beneficiary_document) for r in before.documents]
		documents_now = [(r.document_type, r.file, r.beneficiary_document) for r in self.documents]
		if (
			declaration_voided(before.as_dict(), self.as_dict(), DECLARED_FIELDS)
			or documents_before != documents_now
		):
			self.signature = None
			self.signed_on = None
			self.signer_name = None
			self.accepted_from_ip = None
			self.accepted_on_portal = 0
			frappe.msgprint(
				_("The request changed after the applicant signed it: the declaration must be signed again."),
				indicator="orange",
				alert=True,
			)

	def record_signature(self):
		accepted = self.flags.accepted_on_portal
		if accepted:
			# Policy S4 on the portal: the settings' text in the applicant's language, read and accepted,
			# recorded with who, when and from where (services/portal_requests.py sets the flag).
			self.signature = None
			self.signer_name = accepted["signer_name"]
			self.signed_on = now_datetime()
			self.accepted_from_ip = accepted["ip"]
			self.accepted_on_portal = 1
			self.declaration_text = accepted["text"]
			return
		if self.accepted_on_portal and self.signed_on:
			return  # accepted on the portal: no drawn signature to check
		check_signature(self, "signature")
		if self.signature and not self.signed_on:
			if not (self.signer_name or "").strip():
				frappe.throw(_("Enter the name of the person signing the declaration."), SupportRequestError)
			self.signed_on = now_datetime()
			self.declaration_text = frappe.db.get_single_value(SETTINGS, "declaration_text")
		elif not self.signature:
			self.signed_on = None

	# -- steps ------------------------------------------------------------------------------------------
	def check_ready_for_committee(self):
		problems = []
		if not self.verified_on:
			problems.append(_("The officer has not verified the data at submission."))
		if not self.signed_on:
			problems.append(_("The applicant has not signed the declaration."))
		problems += self.document_problems()
		if problems:
			frappe.throw(
				_("The request cannot go to the research committee yet:")
				+ "<ul><li>"
				+ "</li><li>".join(problems)
				+ "</li></ul>",
				SupportRequestError,
				title=_("Not Ready for the Committee"),
			)

	def check_documents_complete(self):
		problems = self.document_problems()
		if problems:
			frappe.throw(
				_("Registration cannot be completed until the documents are complete:")
				+ "<ul><li>"
				+ "</li><li>".join(problems)
				+ "</li></ul>",
				SupportRequestError,
			)

	def check_conflict_of_interest(self):
		decider = self.flags.decided_by or frappe.session.user
		reason = conflict_of_interest(
			decider,
			self.verified_by,
			self.get_researcher(),
			self.applied_by(),
			frappe.db.get_value("Beneficiary", self.beneficiary, "user"),
		)
		if reason:
			frappe.throw(
				{
					"verified": _("You verified this request, so you cannot decide it."),
					"researched": _(
						"You studied this request as social researcher, so you cannot decide it."
					),
					"applied": _("You applied for this request, so you cannot decide it."),
					"is_beneficiary": _("This request is your own, so you cannot decide it."),
				}[reason],
				ConflictOfInterestError,
				title=_("Conflict of Interest"),
			)
		self.decided_by = decider

	@property
	def decision_letter_state(self) -> str | None:
		"""The state of the standing decision's letter (virtual: the review holds it)."""
		if not self.committee_decision or self.is_new():
			return None
		return letter_state_of_request(self.name)

	def get_researcher(self) -> str | None:
		if self.research_report:
			return frappe.db.get_value("Social Research Report", self.research_report, "researcher")
		return self.social_researcher

	def applied_by(self) -> str | None:
		"""The user who submitted the request: the applicant's portal account, else whoever created it."""
		return frappe.db.get_value("Beneficiary", self.applicant, "user") or self.owner

	@frappe.whitelist()
	def verify_submission(self):
		"""Policy S2: the officer matches the data and confirms it valid at the time of submission. Every
		problem is named; nothing is recorded unless there is none."""
		self.load_from_db()  # run_doc_method hands over the client's copy: decide on what is stored
		self.check_permission("write")
		beneficiary = frappe.get_doc("Beneficiary", self.beneficiary)
		problems = []
		if normalize_national_id(beneficiary.national_id)[1]:
			problems.append(_("The beneficiary's ID number is not valid."))
		contact_mobile = frappe.db.get_value("Beneficiary", self.contact_person, "mobile_no")
		if normalize_saudi_mobile(contact_mobile)[1]:
			problems.append(_("The contact person's mobile number is missing or not valid."))
		if not beneficiary.data_processing_consent:
			problems.append(_("The beneficiary's consent to data processing is not recorded."))
		problems += self.document_problems()
		if problems:
			frappe.throw(
				_("The request cannot be verified:") + "<ul><li>" + "</li><li>".join(problems) + "</li></ul>",
				SupportRequestError,
				title=_("Verification Failed"),
			)
		self.verified_by = frappe.session.user
		self.verified_on = now_datetime()
		allow_code_write(self, "verified_by", "verified_on", "documents")
		for row in self.documents:
			if (row.file or row.beneficiary_document) and not row.verified_on:
				row.verified_by = self.verified_by
				row.verified_on = self.verified_on
				if row.beneficiary_document:
					# The request's own document (a hospital referral) is verified with the request.
					frappe.db.set_value(
						"Beneficiary Document",
						{"name": row.beneficiary_document, "verified_on": ("is", "not set")},
						{"verified_by": self.verified_by, "verified_on": self.verified_on},
					)
		self.save()
		return self.verified_on

	@frappe.whitelist()
	def set_transition_comment(self, comment: str):
		"""The desk asks for the comment before a workflow action that needs one, and keeps it here."""
		self.load_from_db()
		self.check_permission("write")
		self.db_set("transition_comment", comment, update_modified=False)

	@frappe.whitelist()
	def return_to_applicant(self, comment: str, message: str, action: str = RETURN_TO_APPLICANT):
		"""The officer's Return to Applicant: an internal comment for the file's timeline and a message the
		applicant reads on the portal, then the workflow's own step."""
		self.load_from_db()
		self.check_permission("write")
		problem = text_problem(message, MESSAGE_MAX_CHARS)
		if problem:
			frappe.throw(
				_(
					"Write the message the applicant will read, in plain text of at most {0} characters."
				).format(MESSAGE_MAX_CHARS),
				SupportRequestError,
				title=_("Message Required"),
			)
		self.db_set("transition_comment", comment, update_modified=False)
		doc = apply_step(self.doctype, self.name, action, applicant_message=message)
		return doc.status

	@frappe.whitelist()
	def refer_to_social_researcher(self, researcher: str):
		"""Policy S3: the request goes to a social researcher, who finds it in their ToDo list."""
		self.load_from_db()
		self.check_permission("write")
		check_social_researcher(researcher)
		self.db_set("social_researcher", researcher)
		doc = apply_step(self.doctype, self.name, "Refer to Social Research")
		assign_to_social_researcher(
			self, researcher, _("Social research for support request {0}").format(self.name)
		)
		return doc.status


def committee_notice(request) -> str:
	"""What the beneficiary is told when the request reaches the committee (settings text)."""
	language = frappe.db.get_value("Beneficiary", request.contact_person, "preferred_language") or "ar"
	field = "committee_notice" if language == "ar" else "committee_notice_en"
	text = frappe.db.get_single_value(SETTINGS, field) or ""
	return text.replace("{0}", frappe.format_value(request.committee_due_date, {"fieldtype": "Date"}))


def on_doctype_update():
	# The overdue list, the deadline sweep and the Decision Time report filter on these.
	frappe.db.add_index("Support Request", ["status", "committee_due_date"], "status_due_date_index")
	frappe.db.add_index(
		"Support Request", ["deadline_state", "committee_due_date"], "deadline_state_due_date_index"
	)
	# The list sorts by creation (stable: a request keeps its place when edited or swept). Each list
	# filter gets an index ending in the sort column, with and without the branch that the permission
	# hook adds for a branch-restricted user, so a page of 20 reads about 20 rows instead of sorting
	# every match (measured at 3,000,000 requests: benchmarks/branch_list.py).
	frappe.db.add_index("Support Request", ["creation"], "creation")
	frappe.db.add_index("Support Request", ["branch_office", "creation"], "branch_office_creation_index")
	frappe.db.add_index("Support Request", ["status", "creation"], "status_creation_index")
	frappe.db.add_index(
		"Support Request", ["status", "branch_office", "creation"], "status_branch_office_creation_index"
	)
	frappe.db.add_index("Support Request", ["deadline_state", "creation"], "deadline_state_creation_index")
	frappe.db.add_index(
		"Support Request",
		["deadline_state", "branch_office", "creation"],
		"deadline_state_branch_office_creation_index",
	)
	# The overdue views sorted by due date, for a branch: without these MariaDB walks the whole
	# due-date index (1.2 s) looking for the branch's rows.
	frappe.db.add_index(
		"Support Request",
		["status", "branch_office", "committee_due_date"],
		"status_branch_office_due_date_index",
	)
	frappe.db.add_index(
		"Support Request",
		["deadline_state", "branch_office", "committee_due_date"],
		"deadline_state_branch_office_due_date_index",
	)
