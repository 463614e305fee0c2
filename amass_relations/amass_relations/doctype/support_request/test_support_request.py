import frappe
from frappe.model.workflow import (
	WorkflowPermissionError,
	WorkflowTransitionError,
	apply_workflow,
	get_transitions,
)
from frappe.utils import add_days, getdate, today

from amass_relations import constants as c
from amass_relations.amass_relations.doctype.support_request.support_request import (
	ConflictOfInterestError,
	SupportRequestError,
)
from amass_relations.setup.install import ensure_standard_records
from amass_relations.setup.workflow import TRANSITIONS
from amass_relations.tests.utils import (
	AmassTestCase,
	make_beneficiary,
	make_branch,
	make_user,
	test_national_id,
)

SIGNATURE = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
SERVICE = "خدمة اختبار الطلبات"
FINANCIAL_SERVICE = "مساعدة مالية اختبارية"
FAMILY_ONLY_SERVICE = "خدمة للأسرة فقط"

_NUMBERS = iter(range(500, 990))  # test ID numbers for this module's beneficiaries


def fresh_number() -> int:
	"""The next test ID number no beneficiary holds (tests over HTTP commit theirs)."""
	for n in _NUMBERS:
		if not frappe.db.exists("Beneficiary", {"national_id": test_national_id(n)}):
			return n
	raise RuntimeError("no test ID number left")


ROLE_USERS = {
	c.ROLE_OFFICER: "officer.requests@amass-test.example.com",
	c.ROLE_SOCIAL_RESEARCHER: "researcher.requests@amass-test.example.com",
	c.ROLE_COMMITTEE_CHAIR: "chair.requests@amass-test.example.com",
	c.ROLE_COMMITTEE_MEMBER: "member.requests@amass-test.example.com",
	c.ROLE_MANAGER: "manager.requests@amass-test.example.com",
	c.ROLE_BRANCH_REPRESENTATIVE: "rep.requests@amass-test.example.com",
}


def private_file(name: str, content: bytes | str = b"%PDF-1.4 test") -> str:
	file = frappe.get_doc({"doctype": "File", "file_name": name, "is_private": 1, "content": content}).insert(
		ignore_permissions=True
	)
	return file.file_url


class RequestTestCase(AmassTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		for role, email in ROLE_USERS.items():
			make_user(email, [role])
		cls.officer = ROLE_USERS[c.ROLE_OFFICER]
		cls.chair = ROLE_USERS[c.ROLE_COMMITTEE_CHAIR]
		cls.researcher = ROLE_USERS[c.ROLE_SOCIAL_RESEARCHER]
		cls.manager = ROLE_USERS[c.ROLE_MANAGER]
		cls.branch = make_branch("فرع اختبار الطلبات", "مدينة الطلبات")
		for name, financial, maximum, categories in (
			(SERVICE, 0, 0, (c.CATEGORY_PATIENT,)),
			(FINANCIAL_SERVICE, 1, 5000, (c.CATEGORY_PATIENT,)),
			(FAMILY_ONLY_SERVICE, 0, 0, (c.CATEGORY_FAMILY_MEMBER,)),
		):
			if not frappe.db.exists("Support Service Type", name):
				frappe.get_doc(
					{
						"doctype": "Support Service Type",
						"service_name": name,
						"is_financial": financial,
						"maximum_amount": maximum,
						"eligible_categories": [{"beneficiary_category": cat} for cat in categories],
						"required_documents": [
							{"document_type": c.DOCUMENT_NATIONAL_ID_COPY, "mandatory": 1},
							{"document_type": c.DOCUMENT_PRICE_QUOTATION, "mandatory": 1},
						],
					}
				).insert()

	def setUp(self):
		frappe.set_user("Administrator")

	def tearDown(self):
		frappe.set_user("Administrator")

	def new_beneficiary(self):
		beneficiary = make_beneficiary(fresh_number(), self.branch, data_processing_consent=1)
		document = frappe.get_doc(
			{
				"doctype": "Beneficiary Document",
				"beneficiary": beneficiary.name,
				"document_type": c.DOCUMENT_NATIONAL_ID_COPY,
				"file": private_file(f"id-{beneficiary.name}.pdf"),
				"expiry_date": add_days(today(), 365),
			}
		).insert()
		document.verify()
		return beneficiary

	def new_request(self, **values):
		beneficiary = values.pop("beneficiary", None) or self.new_beneficiary().name
		frappe.set_user(self.officer)
		request = frappe.get_doc(
			{
				"doctype": "Support Request",
				"beneficiary": beneficiary,
				"service_type": SERVICE,
				"channel": c.CHANNEL_INTERVIEW,
				"description": "يحتاج المريض إلى الخدمة",
				**values,
			}
		).insert()
		return request

	def act(self, request, action, user):
		frappe.set_user(user)
		return apply_workflow(frappe.get_doc("Support Request", request.name).as_dict(), action)

	def attach_quotation(self, request, expiry=None):
		frappe.set_user(self.officer)
		request = frappe.get_doc("Support Request", request.name)
		row = next(r for r in request.documents if r.document_type == c.DOCUMENT_PRICE_QUOTATION)
		row.file = private_file(f"quotation-{request.name}-{frappe.generate_hash(length=5)}.pdf")
		row.expiry_date = expiry or add_days(today(), 30)
		request.save()
		return request

	def sign(self, request):
		frappe.set_user(self.officer)
		request = frappe.get_doc("Support Request", request.name)
		request.signature = SIGNATURE
		request.signer_name = "مقدم الطلب"
		request.save()
		return request

	def to_committee(self):
		request = self.new_request()
		self.act(request, "Submit for Verification", self.officer)
		request = self.attach_quotation(request)
		frappe.get_doc("Support Request", request.name).verify_submission()
		self.sign(request)
		return self.act(request, "Send to Committee", self.officer)

	def decide(self, request, decision):
		"""What the committee issue's Committee Review will record on submission."""
		frappe.db.set_value("Support Request", request.name, "committee_decision", decision)

	def comment(self, request, text):
		frappe.get_doc("Support Request", request.name).set_transition_comment(text)


class TestRequestIntake(RequestTestCase):
	def test_required_documents_appear_and_valid_ones_are_reused(self):
		request = self.new_request()
		rows = {row.document_type: row for row in request.documents}
		self.assertEqual(set(rows), {c.DOCUMENT_NATIONAL_ID_COPY, c.DOCUMENT_PRICE_QUOTATION})
		self.assertTrue(rows[c.DOCUMENT_NATIONAL_ID_COPY].beneficiary_document)
		self.assertTrue(rows[c.DOCUMENT_NATIONAL_ID_COPY].file)
		self.assertFalse(rows[c.DOCUMENT_PRICE_QUOTATION].file)
		self.assertEqual(request.status, c.REQUEST_DRAFT)
		self.assertEqual(request.branch_office, self.branch)
		self.assertEqual(request.applicant, request.beneficiary)
		self.assertEqual(request.contact_person, request.beneficiary)

	def test_verification_names_each_problem(self):
		request = self.new_request()
		self.act(request, "Submit for Verification", self.officer)
		frappe.set_user(self.officer)
		with self.assertRaises(SupportRequestError) as missing:
			frappe.get_doc("Support Request", request.name).verify_submission()
		self.assertIn(c.DOCUMENT_PRICE_QUOTATION, str(missing.exception))
		self.attach_quotation(request, expiry=add_days(today(), -1))
		with self.assertRaises(SupportRequestError) as expired:
			frappe.get_doc("Support Request", request.name).verify_submission()
		self.assertIn("expired", str(expired.exception))
		frappe.db.set_value("Beneficiary", request.beneficiary, "data_processing_consent", 0)
		with self.assertRaises(SupportRequestError) as consent:
			frappe.get_doc("Support Request", request.name).verify_submission()
		self.assertIn("consent", str(consent.exception))
		self.assertFalse(frappe.db.get_value("Support Request", request.name, "verified_on"))

	def test_no_declaration_no_committee_and_editing_voids_it(self):
		request = self.new_request()
		self.act(request, "Submit for Verification", self.officer)
		self.attach_quotation(request)
		frappe.get_doc("Support Request", request.name).verify_submission()
		with self.assertRaises(SupportRequestError) as unsigned:
			self.act(request, "Send to Committee", self.officer)
		self.assertIn("signed", str(unsigned.exception))
		signed = self.sign(request)
		self.assertTrue(signed.signed_on)
		signed.description = "وصف معدل بعد التوقيع"
		signed.save()
		self.assertFalse(signed.signed_on)
		self.assertFalse(signed.signature)
		with self.assertRaises(SupportRequestError):
			self.act(request, "Send to Committee", self.officer)

	def test_entering_the_committee_sets_the_due_date_from_settings(self):
		frappe.db.set_single_value(c.SETTINGS_DOCTYPE, "committee_response_days", 14)
		request = self.to_committee()
		self.assertEqual(request.status, c.REQUEST_PENDING_COMMITTEE)
		self.assertEqual(getdate(request.committee_due_date), getdate(add_days(today(), 14)))
		self.assertTrue(request.committee_entered_on)

	def test_bad_input_is_refused_and_nothing_saved(self):
		before = frappe.db.count("Support Request")
		beneficiary = self.new_beneficiary().name
		cases = (
			({"service_type": FAMILY_ONLY_SERVICE}, "not offered to the category"),
			({"service_type": FINANCIAL_SERVICE, "amount_requested": -50}, "more than zero"),
			({"service_type": FINANCIAL_SERVICE, "amount_requested": 0}, "more than zero"),
			({"service_type": FINANCIAL_SERVICE, "amount_requested": 5000.5}, "maximum"),
			({"service_type": SERVICE, "amount_requested": 100}, "not a financial service"),
		)
		for values, words in cases:
			with self.subTest(values=values), self.assertRaises(SupportRequestError) as caught:
				self.new_request(beneficiary=beneficiary, **values)
			self.assertIn(words, str(caught.exception))
		frappe.set_user("Administrator")
		self.assertEqual(frappe.db.count("Support Request"), before)
		self.assertTrue(
			self.new_request(beneficiary=beneficiary, service_type=FINANCIAL_SERVICE, amount_requested=5000)
		)

	def test_disallowed_and_oversized_files_are_refused(self):
		request = self.new_request()
		row = next(r for r in request.documents if r.document_type == c.DOCUMENT_PRICE_QUOTATION)
		row.file = private_file("quotation.html", "<script>x</script>")
		with self.assertRaises(SupportRequestError) as wrong_type:
			request.save()
		self.assertIn("PDF, JPG or PNG", str(wrong_type.exception))
		frappe.db.set_single_value(c.SETTINGS_DOCTYPE, "max_attachment_mb", 1)
		request = frappe.get_doc("Support Request", request.name)
		row = next(r for r in request.documents if r.document_type == c.DOCUMENT_PRICE_QUOTATION)
		row.file = private_file("big-quotation.pdf", b"%PDF" + b"0" * (1024 * 1024 + 10))
		with self.assertRaises(SupportRequestError) as too_big:
			request.save()
		self.assertIn("1 MB", str(too_big.exception))
		frappe.db.set_single_value(c.SETTINGS_DOCTYPE, "max_attachment_mb", 5)
		self.assertFalse(
			frappe.db.get_value("Support Request Document", {"parent": request.name, "file": row.file})
		)

	def test_a_carer_applies_only_while_authorized(self):
		request_beneficiary = self.new_beneficiary()
		carer = make_beneficiary(499, self.branch, beneficiary_category=c.CATEGORY_FAMILY_MEMBER)
		with self.assertRaises(SupportRequestError):
			self.new_request(beneficiary=request_beneficiary.name, applicant=carer.name)
		frappe.set_user("Administrator")
		frappe.get_doc(
			{
				"doctype": "Carer Authorization",
				"patient": request_beneficiary.name,
				"carer": carer.name,
				"relationship": "Spouse",
				"valid_from": today(),
				"status": "Active",
				"authorization_document": private_file("authorization.pdf"),
			}
		).insert()
		request = self.new_request(beneficiary=request_beneficiary.name, applicant=carer.name)
		self.assertEqual(request.contact_person, carer.name)


class TestRequestWorkflow(RequestTestCase):
	def test_the_policy_walk_to_closure(self):
		request = self.to_committee()
		with self.assertRaises(WorkflowTransitionError):
			self.act(request, "Approve", self.chair)  # no committee decision yet
		self.decide(request, c.DECISION_RETURNED)
		with self.assertRaises(SupportRequestError):
			self.act(request, "Return for Information", self.chair)  # no comment, no message to the applicant
		self.comment(request, "يرجى إرفاق تقرير طبي أحدث")
		with self.assertRaises(SupportRequestError):
			self.act(request, "Return for Information", self.chair)  # the comment alone: no message
		# The desk's dialog: the internal comment and the message the applicant reads on the portal.
		frappe.set_user(self.chair)
		frappe.get_doc("Support Request", request.name).return_to_applicant(
			"يرجى إرفاق تقرير طبي أحدث", "أرفق تقريراً طبياً حديثاً من فضلك.", "Return for Information"
		)
		returned = frappe.get_doc("Support Request", request.name)
		self.assertEqual(returned.status, c.REQUEST_RETURNED)
		self.assertEqual(returned.applicant_message, "أرفق تقريراً طبياً حديثاً من فضلك.")
		self.assertTrue(
			frappe.db.exists(
				"Comment",
				{
					"reference_name": request.name,
					"comment_type": "Comment",
					"content": ("like", "%تقرير طبي أحدث%"),
				},
			)
		)
		self.act(request, "Resubmit", self.officer)
		self.sign(request)
		frappe.set_user(self.officer)
		frappe.get_doc("Support Request", request.name).verify_submission()
		back = self.act(request, "Send to Committee", self.officer)
		# Back with the committee, the earlier decision is gone: no decision step until a new one.
		self.assertFalse(back.committee_decision or back.decided_by)
		frappe.set_user(self.chair)
		self.assertFalse(
			{t.action for t in get_transitions(frappe.get_doc("Support Request", request.name))}
			& {"Approve", "Reject", "Return for Information"}
		)
		self.decide(request, c.DECISION_PARTIALLY_APPROVED)
		approved = self.act(request, "Approve", self.chair)
		self.assertEqual(approved.status, c.REQUEST_APPROVED)
		self.assertEqual(approved.decided_by, self.chair)
		completed = self.act(request, "Complete Registration", self.officer)
		self.assertEqual(completed.status, c.REQUEST_REGISTRATION_COMPLETE)
		self.assertEqual(
			frappe.db.get_value("Beneficiary", request.beneficiary, "status"), c.BENEFICIARY_REGISTERED
		)
		with self.assertRaises(WorkflowTransitionError):
			self.act(request, "Mark Service Delivered", self.officer)
		frappe.db.set_value("Support Request", request.name, "delivery_complete", 1)
		self.act(request, "Mark Service Delivered", self.officer)
		closed = self.act(request, "Close", self.officer)
		self.assertEqual(closed.status, c.REQUEST_CLOSED)

	def test_cancelled_review_reopens_the_committee(self):
		request = self.to_committee()
		self.decide(request, c.DECISION_REJECTED)
		self.comment(request, "لا تنطبق شروط الخدمة")
		self.assertEqual(self.act(request, "Reject", self.chair).status, c.REQUEST_REJECTED)
		with self.assertRaises(WorkflowTransitionError):
			self.act(request, "Reopen for Committee", self.chair)
		self.decide(request, None)
		self.assertEqual(
			self.act(request, "Reopen for Committee", self.chair).status, c.REQUEST_PENDING_COMMITTEE
		)

	def test_the_manager_withdraws_with_a_comment(self):
		request = self.new_request()
		with self.assertRaises(SupportRequestError):
			self.act(request, "Withdraw", self.manager)
		self.comment(request, "طلب المستفيد سحب الطلب")
		self.assertEqual(self.act(request, "Withdraw", self.manager).status, c.REQUEST_WITHDRAWN)

	def test_every_transition_belongs_to_its_role_only(self):
		request = self.new_request()
		frappe.set_user("Administrator")
		frappe.db.set_value(
			"Support Request", request.name, {"committee_decision": None, "delivery_complete": 0}
		)
		# (action, state) -> the roles whose step it is (the delivery steps belong to several roles).
		roles_of = {}
		for action, state, _next_state, role, _condition, _since in TRANSITIONS:
			roles_of.setdefault((action, state), set()).add(role)
		for action, state, _next_state, _role, condition, _since in TRANSITIONS:
			values = {
				"workflow_state": state,
				"status": state,
				"delivery_complete": 0,
				"committee_decision": None,
			}
			if condition and "delivery_complete" in condition and "not" not in condition:
				values["delivery_complete"] = 1
			if condition and "committee_decision" in condition and "not" not in condition:
				values["committee_decision"] = (
					c.DECISION_APPROVED
					if action == "Approve"
					else c.DECISION_REJECTED
					if action == "Reject"
					else c.DECISION_RETURNED
				)
			frappe.db.set_value("Support Request", request.name, values)
			for user_role, user in ROLE_USERS.items():
				frappe.set_user(user)
				try:
					actions = {
						t.action for t in get_transitions(frappe.get_doc("Support Request", request.name))
					}
				except frappe.PermissionError:
					actions = set()
				with self.subTest(action=action, state=state, user_role=user_role):
					# A representative listed on no branch reads no request, so takes no step on one.
					readable = frappe.has_permission("Support Request", "read", doc=request.name, user=user)
					self.assertEqual(action in actions, user_role in roles_of[(action, state)] and readable)
			frappe.set_user("Administrator")

	def test_a_put_that_jumps_state_is_refused(self):
		request = self.new_request()
		frappe.set_user(self.officer)
		doc = frappe.get_doc("Support Request", request.name)
		doc.workflow_state = c.REQUEST_APPROVED
		with self.assertRaises(WorkflowPermissionError):
			doc.save()
		frappe.set_user(self.chair)
		doc = frappe.get_doc("Support Request", request.name)
		doc.update({"workflow_state": c.REQUEST_PENDING_COMMITTEE})
		with self.assertRaises((WorkflowPermissionError, frappe.PermissionError)):
			doc.save()
		self.assertEqual(frappe.db.get_value("Support Request", request.name, "status"), c.REQUEST_DRAFT)

	def test_a_refused_move_names_the_states_in_the_readers_language(self):
		request = self.new_request()
		frappe.set_user(self.officer)
		lang, frappe.local.lang = frappe.local.lang, "ar"
		try:
			doc = frappe.get_doc("Support Request", request.name)
			doc.workflow_state = c.REQUEST_APPROVED
			with self.assertRaises(WorkflowPermissionError) as refused:
				doc.save()
		finally:
			frappe.local.lang = lang
		said = str(refused.exception)
		for state in (c.REQUEST_DRAFT, c.REQUEST_APPROVED):
			self.assertNotIn(state, said)
			self.assertIn(frappe._(state, lang="ar"), said)


class TestConflictOfInterest(RequestTestCase):
	def test_the_verifier_cannot_decide_whatever_the_path(self):
		officer_chair = make_user(
			"officer.chair@amass-test.example.com", [c.ROLE_OFFICER, c.ROLE_COMMITTEE_CHAIR]
		)
		request = self.new_request()
		self.act(request, "Submit for Verification", self.officer)
		self.attach_quotation(request)
		frappe.set_user(officer_chair)
		frappe.get_doc("Support Request", request.name).verify_submission()
		self.sign(request)
		self.act(request, "Send to Committee", self.officer)
		self.decide(request, c.DECISION_APPROVED)
		with self.assertRaises(ConflictOfInterestError):
			self.act(request, "Approve", officer_chair)
		# The same rule on the committee's path: the review's decided_by is the deciding user.
		frappe.set_user(self.chair)
		doc = frappe.get_doc("Support Request", request.name)
		doc.flags.decided_by = officer_chair
		doc.workflow_state = c.REQUEST_APPROVED
		with self.assertRaises(ConflictOfInterestError):
			doc.save()
		self.assertEqual(self.act(request, "Approve", self.chair).decided_by, self.chair)

	def test_the_applicants_own_account_cannot_decide(self):
		applicant_chair = make_user(
			"applicant.chair@amass-test.example.com", [c.ROLE_OFFICER, c.ROLE_COMMITTEE_CHAIR]
		)
		request = self.new_request()
		frappe.db.set_value("Support Request", request.name, "owner", applicant_chair)
		self.act(request, "Submit for Verification", self.officer)
		self.attach_quotation(request)
		frappe.set_user(self.officer)
		frappe.get_doc("Support Request", request.name).verify_submission()
		self.sign(request)
		self.act(request, "Send to Committee", self.officer)
		self.decide(request, c.DECISION_REJECTED)
		self.comment(request, "رفض")
		with self.assertRaises(ConflictOfInterestError):
			self.act(request, "Reject", applicant_chair)


class TestAdminEditsTheWorkflow(RequestTestCase):
	def test_a_renamed_state_survives_migrate_and_the_due_date_still_comes(self):
		frappe.rename_doc("Workflow State", c.REQUEST_PENDING_COMMITTEE, "قيد دراسة اللجنة", force=True)
		frappe.clear_cache(doctype="Support Request")
		ensure_standard_records()  # what the post_model_sync patch runs on migrate
		workflow = frappe.get_doc("Workflow", c.REQUEST_WORKFLOW)
		self.assertIn("قيد دراسة اللجنة", {s.state for s in workflow.states})
		self.assertNotIn(c.REQUEST_PENDING_COMMITTEE, {s.state for s in workflow.states})
		request = self.to_committee()
		self.assertEqual(request.workflow_state, "قيد دراسة اللجنة")
		self.assertEqual(request.status, c.REQUEST_PENDING_COMMITTEE)
		self.assertEqual(getdate(request.committee_due_date), getdate(add_days(today(), 14)))

	def test_a_renamed_state_keeps_the_comment_prompt(self):
		frappe.rename_doc("Workflow State", c.REQUEST_WITHDRAWN, "مسحوب بطلب المستفيد", force=True)
		frappe.clear_cache(doctype="Support Request")
		request = self.new_request()
		frappe.set_user(self.officer)
		onload = frappe.get_doc("Support Request", request.name)
		onload.run_method("onload")
		needing = onload.get_onload().states_needing_comment
		self.assertIn("مسحوب بطلب المستفيد", needing)
		self.assertNotIn(c.REQUEST_WITHDRAWN, needing)
		# The desk script names no state itself: it reads these.
		script = frappe.get_app_path(
			"amass_relations", "amass_relations", "doctype", "support_request", "support_request.js"
		)
		with open(script) as f:
			source = f.read()
		for status in c.REQUEST_STATUSES_NEEDING_COMMENT:
			self.assertNotIn(f'"{status}"', source)

	def test_a_state_added_between_two_keeps_the_walk(self):
		if not frappe.db.exists("Workflow State", "تدقيق المدير"):
			frappe.get_doc({"doctype": "Workflow State", "workflow_state_name": "تدقيق المدير"}).insert()
		workflow = frappe.get_doc("Workflow", c.REQUEST_WORKFLOW)
		sending = next(t for t in workflow.transitions if t.action == "Send to Committee")
		sending.next_state = "تدقيق المدير"
		workflow.append(
			"states",
			{
				"state": "تدقيق المدير",
				"doc_status": "0",
				"allow_edit": c.ROLE_MANAGER,
				"update_field": "status",
				"update_value": c.REQUEST_PENDING_VERIFICATION,
			},
		)
		workflow.append(
			"transitions",
			{
				"action": "Approve",
				"state": "تدقيق المدير",
				"next_state": sending.state
				and next(s.state for s in workflow.states if s.update_value == c.REQUEST_PENDING_COMMITTEE),
				"allowed": c.ROLE_MANAGER,
				"allow_self_approval": 1,
			},
		)
		workflow.save()
		frappe.clear_cache(doctype="Support Request")
		request = self.to_committee()
		self.assertEqual(request.workflow_state, "تدقيق المدير")
		self.assertEqual(request.status, c.REQUEST_PENDING_VERIFICATION)
		request = self.act(request, "Approve", self.manager)
		self.assertEqual(request.status, c.REQUEST_PENDING_COMMITTEE)
		self.assertTrue(request.committee_due_date)


class TestWorkflowPatch(RequestTestCase):
	"""The one patch for changes to the shipped workflow, on a site whose workflow an admin edited."""

	def test_the_patch_adds_what_is_new_and_keeps_the_admins_edits(self):
		from amass_relations.setup.workflow import SHIPPED_DEFAULT, sync_request_workflow

		workflow = frappe.get_doc("Workflow", c.REQUEST_WORKFLOW)
		# A site of version 0.1: the delivery steps were the officer's alone, and nothing was recorded.
		delivery = ("Mark Service Delivered", "Reopen Delivery")
		workflow.transitions = [
			t for t in workflow.transitions if not (t.action in delivery and t.allowed != c.ROLE_OFFICER)
		]
		# The admin's edits: a condition of their own, a move deleted, a move leading elsewhere.
		closing = next(t for t in workflow.transitions if t.action == "Close")
		closing.condition = "doc.amount_requested < 5000"
		# Nor had it the portal's moves (0.3): the Beneficiary's and the officer's Return to Applicant.
		added_in_0_3 = [
			t
			for t in workflow.transitions
			if t.allowed == c.ROLE_BENEFICIARY or t.action == "Return to Applicant"
		]
		workflow.transitions = [t for t in workflow.transitions if t not in added_in_0_3]
		workflow.transitions = [
			t
			for t in workflow.transitions
			if not (t.action == "Withdraw" and t.state == c.REQUEST_DRAFT and t.allowed == c.ROLE_MANAGER)
		]
		resubmit = next(t for t in workflow.transitions if t.action == "Resubmit")
		resubmit.next_state = c.REQUEST_DRAFT
		workflow.save()
		frappe.db.set_default(SHIPPED_DEFAULT, None)

		changes = sync_request_workflow()

		workflow = frappe.get_doc("Workflow", c.REQUEST_WORKFLOW)
		roles = {(t.action, t.allowed) for t in workflow.transitions if t.action in delivery}
		for action in delivery:
			for role in (c.ROLE_OFFICER, c.ROLE_BRANCH_REPRESENTATIVE, c.ROLE_MANAGER):
				self.assertIn((action, role), roles)
		self.assertEqual(len(changes), 4 + len(added_in_0_3), changes)
		self.assertEqual(len(added_in_0_3), 8)
		self.assertEqual(
			next(t for t in workflow.transitions if t.action == "Close").condition,
			"doc.amount_requested < 5000",
		)
		self.assertFalse(
			[
				t
				for t in workflow.transitions
				if t.action == "Withdraw" and t.state == c.REQUEST_DRAFT and t.allowed == c.ROLE_MANAGER
			]
		)
		self.assertEqual(
			next(
				t for t in workflow.transitions if t.action == "Resubmit" and t.allowed == c.ROLE_OFFICER
			).next_state,
			c.REQUEST_DRAFT,
		)
		self.assertEqual(sync_request_workflow(), [], "a second run changes nothing")
		frappe.clear_cache(doctype="Support Request")


class TestRequestContract(RequestTestCase):
	def test_the_rest_fieldnames_integrators_rely_on(self):
		meta = frappe.get_meta("Support Request")
		for fieldname in (
			"beneficiary",
			"service_type",
			"channel",
			"branch_office",
			"committee_entered_on",
			"committee_due_date",
			"workflow_state",
			"status",
		):
			self.assertTrue(meta.has_field(fieldname), fieldname)
		self.assertFalse(meta.is_submittable)
		self.assertEqual(meta.get_field("workflow_state").fieldtype, "Link")
		self.assertTrue(meta.get_field("workflow_state").search_index)

	def test_the_beneficiary_is_told_the_due_date_in_their_language(self):
		from amass_relations.amass_relations.doctype.support_request.support_request import committee_notice

		request = self.to_committee()
		notice = committee_notice(request)
		self.assertIn("لجنة البحث", notice)
		self.assertIn(frappe.format_value(request.committee_due_date, {"fieldtype": "Date"}), notice)
