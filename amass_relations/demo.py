"""Demo data for a dev or training site: clearly fake, flagged `is_demo`, safe to load twice.

Fake by construction: national IDs come from the block 10000xxxxx / 20000xxxxx (Luhn-valid, see
rules/identity.py), mobiles from 050000xxxx, names are combinations of common first and family names,
and medical details are generic. Deterministic: the same records on every site.

Beside the records at the policy's first steps, a set of requests goes through the whole policy — social
research, a committee meeting with votes, decisions and their letters, deliveries, closing — each step
taken by the demo user whose step it is (one login per role, `DEMO_USERS`), through the app's own
controllers and workflow."""

import http.server
import logging
import os
import random
import secrets
import threading
import urllib.parse
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import partial

import frappe
from frappe.utils import add_days, today

from amass_relations.constants import (
	CATEGORY_FAMILY_MEMBER,
	CATEGORY_PATIENT,
	DECISION_APPROVED,
	DECISION_PARTIALLY_APPROVED,
	DECISION_REJECTED,
	DECISION_RETURNED,
	DOCUMENT_BANK_CERTIFICATE,
	DOCUMENT_HOSPITAL_REFERRAL,
	DOCUMENT_INCOME_PROOF,
	DOCUMENT_MEDICAL_REPORT,
	DOCUMENT_NATIONAL_ID_COPY,
	DOCUMENT_PRICE_QUOTATION,
	LETTER_READY,
	REQUEST_APPROVED,
	REQUEST_DRAFT,
	REQUEST_PENDING_COMMITTEE,
	REQUEST_PENDING_VERIFICATION,
	REQUEST_REGISTRATION_COMPLETE,
	REQUEST_SERVICE_DELIVERED,
	REQUEST_UNDER_RESEARCH,
	REQUEST_WITHDRAWN,
	ROLE_BRANCH_REPRESENTATIVE,
	ROLE_COMMITTEE_CHAIR,
	ROLE_COMMITTEE_MEMBER,
	ROLE_COMMITTEE_SECRETARY,
	ROLE_MANAGER,
	ROLE_OFFICER,
	ROLE_SOCIAL_RESEARCHER,
	STANDARD_CHANNELS,
)
from amass_relations.rules.identity import demo_national_id, demo_resident_id

PATIENTS = 200
REQUESTS = 12  # a third each in Draft, Pending Verification and Pending Committee
FAMILY_MEMBERS = 100
INTERACTIONS = 300

# Channels an admin might add beside the policy's eight, to show that the list is theirs to extend.
# Named in Arabic, as the association's admins would name them.
DEMO_CHANNELS = (
	("واتساب (تجريبي)", "سجل تجريبي: الرسائل الواردة على رقم واتساب الجمعية."),
	("فعالية توعوية (تجريبي)", "سجل تجريبي: أيام التوعية والزيارات الميدانية للمستشفيات."),
)

# (name, city, headquarters, cities served)
DEMO_BRANCHES = (
	("المقر الرئيسي (تجريبي)", "الرياض", 1, ("الخرج", "المجمعة")),
	("فرع جدة (تجريبي)", "جدة", 0, ("مكة المكرمة", "الطائف")),
	("فرع الدمام (تجريبي)", "الدمام", 0, ("الخبر", "الأحساء")),
	("فرع القصيم (تجريبي)", "بريدة", 0, ("عنيزة", "الرس")),
)

# (name, financial, maximum amount, eligible categories, required documents (type, mandatory))
DEMO_SERVICES = (
	(
		"صرف أدوية (تجريبي)",
		0,
		0,
		(CATEGORY_PATIENT,),
		((DOCUMENT_NATIONAL_ID_COPY, 1), (DOCUMENT_MEDICAL_REPORT, 1)),
	),
	(
		"نقل إلى المستشفى (تجريبي)",
		0,
		0,
		(CATEGORY_PATIENT,),
		((DOCUMENT_NATIONAL_ID_COPY, 1), (DOCUMENT_HOSPITAL_REFERRAL, 1)),
	),
	(
		"سكن قرب مركز العلاج (تجريبي)",
		0,
		0,
		(CATEGORY_PATIENT, CATEGORY_FAMILY_MEMBER),
		((DOCUMENT_NATIONAL_ID_COPY, 1), (DOCUMENT_HOSPITAL_REFERRAL, 1)),
	),
	(
		"مساعدة مالية (تجريبي)",
		1,
		5000,
		(CATEGORY_PATIENT, CATEGORY_FAMILY_MEMBER),
		((DOCUMENT_NATIONAL_ID_COPY, 1), (DOCUMENT_INCOME_PROOF, 1), (DOCUMENT_BANK_CERTIFICATE, 1)),
	),
	(
		"أجهزة طبية (تجريبي)",
		1,
		15000,
		(CATEGORY_PATIENT,),
		((DOCUMENT_NATIONAL_ID_COPY, 1), (DOCUMENT_MEDICAL_REPORT, 1), (DOCUMENT_PRICE_QUOTATION, 1)),
	),
	(
		"دعم نفسي (تجريبي)",
		0,
		0,
		(CATEGORY_PATIENT, CATEGORY_FAMILY_MEMBER),
		((DOCUMENT_NATIONAL_ID_COPY, 1),),
	),
	(
		"رعاية منزلية (تجريبي)",
		0,
		0,
		(CATEGORY_PATIENT,),
		((DOCUMENT_NATIONAL_ID_COPY, 1), (DOCUMENT_MEDICAL_REPORT, 1)),
	),
	(
		"سلة غذائية (تجريبي)",
		0,
		0,
		(CATEGORY_PATIENT, CATEGORY_FAMILY_MEMBER),
		((DOCUMENT_NATIONAL_ID_COPY, 1), (DOCUMENT_INCOME_PROOF, 0)),
	),
)

MALE_NAMES = (
	"محمد",
	"أحمد",
	"عبدالله",
	"خالد",
	"فهد",
	"سعد",
	"علي",
	"عمر",
	"يوسف",
	"إبراهيم",
	"ناصر",
	"سلطان",
)
FEMALE_NAMES = (
	"نورة",
	"فاطمة",
	"سارة",
	"مريم",
	"هند",
	"ريم",
	"عائشة",
	"لطيفة",
	"منيرة",
	"أمل",
	"هيفاء",
	"جواهر",
)
FAMILY_NAMES = ("التجريبي", "المثالي", "النموذجي", "الافتراضي", "الاختباري", "التدريبي")
CANCER_TYPES = (
	"سرطان الثدي",
	"سرطان القولون",
	"سرطان الدم",
	"سرطان الغدة الدرقية",
	"سرطان الرئة",
	"الأورام اللمفاوية",
)
HOSPITALS = ("مستشفى تجريبي للأورام", "مدينة طبية افتراضية", "مركز أورام نموذجي")
INQUIRIES = (
	("ما الخدمات التي تقدمها الجمعية لمرضى السرطان؟", "شُرحت الخدمات المتاحة وطريقة التقديم."),
	("كيف أقدّم طلب دعم؟", "شُرحت خطوات تقديم طلب الدعم والمستندات المطلوبة."),
	("متى يصدر قرار لجنة البحث في طلبي؟", "أُبلغ بأن اللجنة تدرس الطلب خلال المدة المحددة."),
	("هل يمكن لابني تقديم الطلب نيابة عني؟", "شُرح تفويض المرافق والمستندات اللازمة."),
	("أرغب في التطوع مع الجمعية.", "أُحيل إلى خدمة التطوع."),
)


# The demo's logins, one per desk role; the committee has two members, so that with its chair it meets the
# default quorum of three. Addresses on a reserved domain (example.com), names marked (تجريبي).
# (address before the @, role, name, branch the user is limited to: index in DEMO_BRANCHES, or None)
DEMO_DOMAIN = "amass-demo.example.com"
DEMO_USERS = (
	("officer", ROLE_OFFICER, "موظف علاقات المستفيدين", None),
	("researcher", ROLE_SOCIAL_RESEARCHER, "الباحثة الاجتماعية", None),
	("chair", ROLE_COMMITTEE_CHAIR, "رئيس لجنة البحث", None),
	("member", ROLE_COMMITTEE_MEMBER, "عضو لجنة البحث", None),
	("member2", ROLE_COMMITTEE_MEMBER, "عضوة لجنة البحث", None),
	("secretary", ROLE_COMMITTEE_SECRETARY, "أمين سر اللجنة", None),
	("representative", ROLE_BRANCH_REPRESENTATIVE, "مندوب فرع جدة", 1),
	("manager", ROLE_MANAGER, "مدير علاقات المستفيدين", None),
)


def demo_user(local: str) -> str:
	return f"{local}@{DEMO_DOMAIN}"


DEMO_USER_EMAILS = tuple(demo_user(local) for local, *_ in DEMO_USERS)


@dataclass(frozen=True)
class Story:
	"""A request taken through the policy to where it stops."""

	patient: int  # index among the demo patients (its branch: patient % 4, DEMO_BRANCHES)
	service: int  # index in DEMO_SERVICES
	amount: float = 0  # requested, for a financial service
	research: bool = False  # studied by the social researcher first
	stop: str | None = None  # stops before the committee: Under Social Research or Withdrawn
	decision: str | None = None
	approved: float = 0  # a partial approval's amount
	register: bool = False  # registration completed after the approval
	# (amount, or quantity of a non-financial service; whether it completes the service)
	deliveries: tuple[tuple[float, int], ...] = ()
	close: bool = False


STORIES = (
	# Medicines given in two visits, the second completing the service, then closed.
	Story(150, 0, decision=DECISION_APPROVED, register=True, deliveries=((1, 0), (1, 1)), close=True),
	# Studied by the researcher, approved in full, paid in two transfers, closed.
	Story(
		151,
		3,
		3000,
		research=True,
		decision=DECISION_APPROVED,
		register=True,
		deliveries=((1500, 0), (1500, 0)),
		close=True,
	),
	# Partly approved, delivered in full by the Jeddah branch's representative: Service Delivered.
	Story(
		153,
		4,
		12000,
		decision=DECISION_PARTIALLY_APPROVED,
		approved=8000,
		register=True,
		deliveries=((8000, 0),),
	),
	# Approved, a first part paid: Registration Complete.
	Story(154, 3, 4000, decision=DECISION_APPROVED, register=True, deliveries=((1500, 0),)),
	Story(155, 2, decision=DECISION_APPROVED),
	Story(156, 3, 5000, decision=DECISION_PARTIALLY_APPROVED, approved=2500),
	Story(157, 7, research=True, decision=DECISION_REJECTED),
	Story(158, 1, decision=DECISION_RETURNED),
	Story(159, 5, stop=REQUEST_UNDER_RESEARCH),
	Story(161, 6, stop=REQUEST_WITHDRAWN),
)

# (internal reason, reason given to the applicant in the letter), for each decision that needs them.
REASONS = {
	DECISION_APPROVED: ("", "نتمنى لكم دوام الصحة والعافية."),
	DECISION_PARTIALLY_APPROVED: (
		"سبب تجريبي: الميزانية المتاحة لهذا الشهر.",
		"اعتُمد جزء من المبلغ المطلوب وفق الميزانية المتاحة.",
	),
	DECISION_REJECTED: (
		"سبب تجريبي: لا تنطبق شروط الخدمة.",
		"الخدمة المطلوبة لا تنطبق على حالتكم حاليًا، ويسعدنا استقبال طلب لخدمة أخرى.",
	),
	DECISION_RETURNED: (
		"سبب تجريبي: ينقص تقرير طبي حديث.",
		"نرجو تزويدنا بتقرير طبي حديث لاستكمال دراسة الطلب.",
	),
}
VOTE_FOR = {
	DECISION_APPROVED: "Approve",
	DECISION_PARTIALLY_APPROVED: "Approve Partially",
	DECISION_REJECTED: "Reject",
	DECISION_RETURNED: "Defer for Information",
}
# Counted in what a load added: a rerun that only moves requests on must not say "nothing missing".
STEP = "Support Request step"
LETTER = "Decision Letter"


@dataclass
class Login:
	email: str
	role: str
	branch: str | None  # None: not limited to a branch
	password: str | None  # None: the user existed already and keeps its password


@dataclass
class DemoLoad:
	added: dict[str, int] = field(default_factory=dict)
	logins: list[Login] = field(default_factory=list)
	problems: list[str] = field(default_factory=list)  # what could not be made (a letter that failed)


def load_demo_data(password: str | None = None) -> DemoLoad:
	"""Insert the demo records and users that are missing and take the demo requests as far as their
	story goes; returns how many of each were added, the demo logins and what failed. New users get
	`password`, or one random password when none is given; existing users are left as they are."""
	rng = random.Random(20240124)  # the policy's approval date: the same data on every site
	result = DemoLoad()

	def count(doctype):
		result.added[doctype] = result.added.get(doctype, 0) + 1

	_load_channels(count)
	branches = _load_branches(count)
	_load_services(count)
	result.logins = _load_users(password or secrets.token_urlsafe(12), branches, count)
	patients = _load_beneficiaries(rng, branches, count)
	_load_carers(rng, patients, count)
	_load_interactions(rng, branches, patients, count)
	_load_requests(rng, patients, count)
	user = frappe.session.user
	try:
		result.problems = _load_stories(patients, count)
	finally:
		frappe.set_user(user)
	frappe.db.commit()
	return result


def _insert(values: dict, count) -> "frappe.model.document.Document":
	from amass_relations.permissions.code_owned import CODE_OWNED, allow_code_write

	doc = frappe.get_doc(values)
	doc.flags.ignore_permissions = True
	# The demo loader is the app's own code: the statuses and flags it sets are the system's.
	allow_code_write(doc, *CODE_OWNED.get(doc.doctype, ()))
	doc.insert()
	count(values["doctype"])
	return doc


def _load_channels(count):
	for position, (name, description) in enumerate(DEMO_CHANNELS, start=1):
		if frappe.db.exists("Contact Channel", name):
			continue
		_insert(
			{
				"doctype": "Contact Channel",
				"channel_name": name,
				"description": description,
				"sort_order": 1000 + position,
				"is_demo": 1,
			},
			count,
		)
		if position == 1:
			_attach_demo_guide(name)


def _attach_demo_guide(channel: str):
	"""A private attachment and a comment, as staff would leave on a record."""
	frappe.get_doc(
		{
			"doctype": "File",
			"file_name": "demo-channel-guide.txt",
			"attached_to_doctype": "Contact Channel",
			"attached_to_name": channel,
			"is_private": 1,
			"content": "سجل تجريبي: دليل الرد على رسائل واتساب (بيانات غير حقيقية).",
		}
	).insert(ignore_permissions=True)
	frappe.get_doc("Contact Channel", channel).add_comment("Comment", "تعليق تجريبي: تُراجع الرسائل يوميًا.")


def _load_branches(count) -> list[str]:
	for name, city, headquarters, served in DEMO_BRANCHES:
		if frappe.db.exists("Branch Office", name):
			continue
		_insert(
			{
				"doctype": "Branch Office",
				"branch_name": name,
				"city": city,
				"is_headquarters": headquarters
				if not frappe.db.exists("Branch Office", {"is_headquarters": 1})
				else 0,
				"is_demo": 1,
				"cities_served": [{"city": c} for c in served],
			},
			count,
		)
	return [name for name, *_ in DEMO_BRANCHES]


def _load_services(count):
	for name, financial, maximum, categories, documents in DEMO_SERVICES:
		if frappe.db.exists("Support Service Type", name):
			continue
		_insert(
			{
				"doctype": "Support Service Type",
				"service_name": name,
				"is_financial": financial,
				"maximum_amount": maximum,
				"is_demo": 1,
				"eligible_categories": [{"beneficiary_category": c} for c in categories],
				"required_documents": [{"document_type": d, "mandatory": m} for d, m in documents],
			},
			count,
		)


def _person(rng, n: int, branches: list[str]) -> dict:
	female = n % 2 == 1
	first = rng.choice(FEMALE_NAMES if female else MALE_NAMES)
	father = rng.choice(MALE_NAMES)
	family = rng.choice(FAMILY_NAMES)
	branch_index = n % len(DEMO_BRANCHES)
	born = date(1950, 1, 1) + timedelta(days=rng.randrange(0, 365 * 60))
	return {
		"full_name": f"{first} {father} {family}",
		"gender": "Female" if female else "Male",
		"date_of_birth": born,
		"mobile_no": f"050000{n:04d}",
		"city": DEMO_BRANCHES[branch_index][1],
		"branch_office": branches[branch_index],
		"nationality": "Saudi Arabia",
		"preferred_contact_channel": rng.choice(STANDARD_CHANNELS),
		"data_processing_consent": 1,
		"contact_consent": int(rng.random() < 0.9),
		"is_demo": 1,
	}


def _load_beneficiaries(rng, branches, count) -> list[str]:
	patients = []
	for n in range(PATIENTS + FAMILY_MEMBERS):
		national_id = demo_national_id(n) if n % 10 else demo_resident_id(n)
		person = _person(rng, n, branches)
		is_patient = n < PATIENTS
		existing = frappe.db.get_value("Beneficiary", {"national_id": national_id})
		if existing:
			if is_patient:
				patients.append(existing)
			continue
		beneficiary = _insert(
			{
				"doctype": "Beneficiary",
				"national_id": national_id,
				"beneficiary_category": CATEGORY_PATIENT if is_patient else CATEGORY_FAMILY_MEMBER,
				"status": "Registered" if rng.random() < 0.6 else "Applicant",
				**person,
			},
			count,
		)
		if is_patient:
			patients.append(beneficiary.name)
			_insert(
				{
					"doctype": "Beneficiary Medical Profile",
					"beneficiary": beneficiary.name,
					"cancer_type": rng.choice(CANCER_TYPES),
					"stage": rng.choice(("Stage I", "Stage II", "Stage III", "Unknown")),
					"treatment_status": rng.choice(("Newly Diagnosed", "Under Treatment", "Follow-up")),
					"treating_hospital": rng.choice(HOSPITALS),
					"diagnosis": "تشخيص تجريبي لأغراض التدريب فقط",
				},
				count,
			)
	return patients


def _load_carers(rng, patients, count):
	family = frappe.get_all(
		"Beneficiary",
		filters={"is_demo": 1, "beneficiary_category": CATEGORY_FAMILY_MEMBER},
		pluck="name",
		order_by="name asc",
	)
	for carer, patient in zip(family, patients, strict=False):
		if frappe.db.exists("Carer Authorization", {"carer": carer, "patient": patient}):
			continue
		_insert(
			{
				"doctype": "Carer Authorization",
				"patient": patient,
				"carer": carer,
				"relationship": rng.choice(("Spouse", "Son or Daughter", "Sibling", "Father or Mother")),
				"valid_from": add_days(today(), -rng.randrange(0, 300)),
				"valid_until": add_days(today(), rng.randrange(30, 365)),
				"status": "Pending",
			},
			count,
		)


def _load_interactions(rng, branches, patients, count):
	if frappe.db.count("Interaction", {"is_demo": 1}) >= INTERACTIONS:
		return
	handled_by = frappe.session.user
	for n in range(INTERACTIONS):
		inquiry, answer = rng.choice(INQUIRIES)
		registered = rng.random() < 0.7
		values = {
			"doctype": "Interaction",
			"channel": rng.choice(STANDARD_CHANNELS),
			"direction": "Inbound" if rng.random() < 0.8 else "Outbound",
			"interaction_time": f"{add_days(today(), -rng.randrange(0, 365))} {rng.randrange(8, 16):02d}:{rng.randrange(60):02d}:00",
			"inquiry": inquiry,
			"answer": answer,
			"handled_by": handled_by,
			"status": "Closed" if rng.random() < 0.8 else "Open",
			"is_demo": 1,
		}
		if registered:
			values["beneficiary"] = rng.choice(patients)
		else:
			values.update(
				{
					"caller_name": f"متصل التجريبي {n}",
					"caller_mobile": f"050001{n:04d}",
					"caller_city": rng.choice(("الرياض", "جدة", "عنيزة", "أبها")),
				}
			)
		_insert(values, count)


DEMO_SIGNATURE = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="


def _load_requests(rng, patients, count):
	"""Support requests at the first three steps of the policy, moved by the workflow itself."""
	from frappe.model.workflow import apply_workflow

	# The requests of the stories (below) are loaded apart: counted out here.
	story_patients = [patients[story.patient] for story in STORIES]
	if (
		frappe.db.count("Support Request", {"is_demo": 1, "beneficiary": ("not in", story_patients)})
		>= REQUESTS
	):
		return
	services = [
		name
		for name, _financial, _maximum, categories, _docs in DEMO_SERVICES
		if CATEGORY_PATIENT in categories
	]
	for n in range(REQUESTS):
		service = services[n % len(services)]
		maximum = frappe.db.get_value("Support Service Type", service, "maximum_amount")
		request = _insert(
			{
				"doctype": "Support Request",
				"beneficiary": patients[n * 7 % len(patients)],
				"service_type": service,
				"channel": rng.choice(STANDARD_CHANNELS),
				"description": "احتياج تجريبي لأغراض التدريب: "
				+ rng.choice(("دعم التنقل إلى العلاج", "تكاليف الدواء", "جهاز طبي منزلي")),
				"amount_requested": min(maximum, 1000 + 250 * n) if maximum else 0,
				"urgency": rng.choice(("Normal", "Normal", "Urgent")),
				"is_demo": 1,
			},
			count,
		)
		stage = n % 3
		if stage == 0:
			continue
		request = apply_workflow(request.as_dict(), "Submit for Verification")
		if stage == 1:
			continue
		_attach_documents(request)
		request.signature = DEMO_SIGNATURE
		request.signer_name = frappe.db.get_value("Beneficiary", request.beneficiary, "full_name")
		request.save()
		request.verify_submission()
		apply_workflow(frappe.get_doc("Support Request", request.name).as_dict(), "Send to Committee")


def _attach_documents(request):
	"""A fake PDF on each document row that has none (saved with the request by the caller)."""
	for row in request.documents:
		if not (row.file or row.beneficiary_document):
			row.file = (
				frappe.get_doc(
					{
						"doctype": "File",
						"file_name": f"demo-{frappe.scrub(row.document_type)}.pdf",
						"attached_to_doctype": "Support Request",
						"attached_to_name": request.name,
						"is_private": 1,
						"content": b"%PDF-1.4 demo document (fake)",
					}
				)
				.insert(ignore_permissions=True)
				.file_url
			)
			row.expiry_date = add_days(today(), 180)


def _load_users(password: str, branches: list[str], count) -> list[Login]:
	"""One login per desk role; a branch's user listed on its Branch Office, which writes the User
	Permission the branch wall reads (the app's way, services/branches.py)."""
	from frappe.core.doctype.user.user import create_contact

	logins = []
	for local, role, name, branch_index in DEMO_USERS:
		email = demo_user(local)
		branch = branches[branch_index] if branch_index is not None else None
		if frappe.db.exists("User", email):
			logins.append(Login(email, role, branch, None))
			continue
		user = frappe.new_doc("User")
		user.update(
			{
				"email": email,
				"first_name": name,
				"last_name": "(تجريبي)",
				"send_welcome_email": 0,
				"new_password": password,
				"roles": [{"role": role}],
			}
		)
		user.insert(ignore_permissions=True)
		# Frappe makes a user's contact in a job after the commit: made now, a job that runs late (a busy
		# worker) finds it instead of making one while the app is being uninstalled, which would stay.
		create_contact(user, ignore_mandatory=True)
		count("User")
		if branch:
			office = frappe.get_doc("Branch Office", branch)
			if email not in {row.user for row in office.users}:
				office.append("users", {"user": email})
				office.save(ignore_permissions=True)
		logins.append(Login(email, role, branch, password))
	return logins


def _load_stories(patients: list[str], count) -> list[str]:
	"""Take each story's request as far as its story goes, from wherever an earlier load left it: before
	the committee, the committee's meeting, the letters, then registration, deliveries and closing."""
	requests = [(story, _story_request(story, patients, count)) for story in STORIES]
	for story, name in requests:
		_before_committee(story, name, count)
	_committee_meeting(requests, count)
	problems = _letters(count)
	for story, name in requests:
		_after_committee(story, name, count)
	return problems


def _story_request(story: Story, patients: list[str], count) -> str:
	beneficiary = patients[story.patient]
	existing = frappe.db.get_value("Support Request", {"beneficiary": beneficiary, "is_demo": 1})
	if existing:
		return existing
	frappe.set_user(demo_user("officer"))
	service = DEMO_SERVICES[story.service][0]
	return _insert(
		{
			"doctype": "Support Request",
			"beneficiary": beneficiary,
			"service_type": service,
			"channel": STANDARD_CHANNELS[story.patient % len(STANDARD_CHANNELS)],
			"description": "احتياج تجريبي لأغراض التدريب: " + service,
			"amount_requested": story.amount,
			"urgency": "Normal",
			"is_demo": 1,
		},
		count,
	).name


def _status(name: str) -> str:
	return frappe.db.get_value("Support Request", name, "status")


def _step(name: str, action: str, local: str, count):
	"""A workflow action taken by the demo user whose step it is, as the desk's button does."""
	from frappe.model.workflow import apply_workflow

	frappe.set_user(demo_user(local))
	apply_workflow(frappe.get_doc("Support Request", name).as_dict(), action)
	count(STEP)


def _before_committee(story: Story, name: str, count):
	if _status(name) == REQUEST_DRAFT:
		_step(name, "Submit for Verification", "officer", count)
	if _status(name) == REQUEST_PENDING_VERIFICATION:
		if story.stop == REQUEST_WITHDRAWN:
			frappe.set_user(demo_user("manager"))
			frappe.get_doc("Support Request", name).set_transition_comment(
				"طلب المستفيد سحب الطلب لحصوله على الخدمة من جهة أخرى (تجريبي)."
			)
			_step(name, "Withdraw", "manager", count)
			return
		frappe.set_user(demo_user("officer"))
		request = frappe.get_doc("Support Request", name)
		_attach_documents(request)
		request.save()
		if (story.research or story.stop == REQUEST_UNDER_RESEARCH) and not request.research_report:
			request.refer_to_social_researcher(demo_user("researcher"))
			count(STEP)
	if _status(name) == REQUEST_UNDER_RESEARCH:
		if story.stop == REQUEST_UNDER_RESEARCH:
			return
		if not frappe.db.get_value("Support Request", name, "research_report"):
			_research_report(story, name, count)
		_step(name, "Return Research to Officer", "researcher", count)
	if _status(name) == REQUEST_PENDING_VERIFICATION and story.decision:
		frappe.set_user(demo_user("officer"))
		request = frappe.get_doc("Support Request", name)
		if not request.signed_on:
			request.signature = DEMO_SIGNATURE
			request.signer_name = frappe.db.get_value("Beneficiary", request.beneficiary, "full_name")
			request.save()
		if not request.verified_on:
			frappe.get_doc("Support Request", name).verify_submission()
		_step(name, "Send to Committee", "officer", count)


def _research_report(story: Story, name: str, count):
	frappe.set_user(demo_user("researcher"))
	supported = story.decision != DECISION_REJECTED
	frappe.get_doc(
		{
			"doctype": "Social Research Report",
			"support_request": name,
			"beneficiary": frappe.db.get_value("Support Request", name, "beneficiary"),
			"assessment_mode": "Home Visit",
			"household_size": 6,
			"dependents": 4,
			"monthly_income": 3500,
			"income_sources": "راتب تقاعدي (بيانات تجريبية)",
			"housing": "Rented",
			"needs_found": "زيارة منزلية تجريبية: الأسرة تتحمل تكاليف العلاج والتنقل، والدخل لا يكفي."
			if supported
			else "زيارة منزلية تجريبية: الاحتياج المذكور تغطيه جهة أخرى.",
			"recommendation": "Support" if supported else "Do Not Support",
		}
	).insert()
	count("Social Research Report")


def _demo_meeting(docstatus: int) -> str | None:
	return frappe.db.get_value(
		"Committee Meeting", {"chair": demo_user("chair"), "docstatus": docstatus}, order_by="creation asc"
	)


def _committee_meeting(requests: list[tuple[Story, str]], count):
	"""The chair's meeting decides every story request pending the committee: each member votes (the
	second member's paper vote entered by the secretary), the chair records the decisions and submits
	the meeting, which applies them to the requests (committee_meeting.py)."""
	pending = [
		(story, name)
		for story, name in requests
		if story.decision and _status(name) == REQUEST_PENDING_COMMITTEE
	]
	if not pending:
		return
	chair, member, member2 = demo_user("chair"), demo_user("member"), demo_user("member2")
	frappe.set_user(chair)
	name = _demo_meeting(0)
	if name:
		meeting = frappe.get_doc("Committee Meeting", name)
	else:
		meeting = frappe.get_doc(
			{
				"doctype": "Committee Meeting",
				"meeting_date": today(),
				"chair": chair,
				"chair_signature": DEMO_SIGNATURE,
				# The secretary keeps the minutes; only the chair and the members count towards the quorum.
				"members_present": [{"member": m} for m in (chair, member, member2, demo_user("secretary"))],
				"minutes": "<p>محضر اجتماع تجريبي: درست اللجنة الطلبات المدرجة وصوّت أعضاؤها عليها.</p>",
			}
		).insert()
		count("Committee Meeting")
	on_agenda = {row.support_request: row.committee_review for row in meeting.agenda}
	for _story, request in pending:
		if request not in on_agenda:
			review = frappe.get_doc(
				{"doctype": "Committee Review", "support_request": request, "committee_meeting": meeting.name}
			).insert()
			count("Committee Review")
			meeting.append("agenda", {"support_request": request, "committee_review": review.name})
			on_agenda[request] = review.name
	meeting.save()
	for story, request in pending:
		review = on_agenda[request]
		vote = VOTE_FOR[story.decision]
		# The second member abstains on the rejection: the two other votes still carry it.
		for voter, entered_by, choice in (
			(chair, chair, vote),
			(member, member, vote),
			(member2, demo_user("secretary"), "Abstain" if story.decision == DECISION_REJECTED else vote),
		):
			if frappe.db.exists("Committee Vote", {"committee_review": review, "member": voter}):
				continue
			frappe.set_user(entered_by)
			frappe.get_doc(
				{"doctype": "Committee Vote", "committee_review": review, "member": voter, "vote": choice}
			).insert()
			count("Committee Vote")
		frappe.set_user(chair)
		reason, for_applicant = REASONS[story.decision]
		review = frappe.get_doc("Committee Review", review)
		review.update(
			{
				"decision": story.decision,
				"approved_amount": story.approved or story.amount,
				"decision_reason": reason,
				"reason_for_applicant": for_applicant,
			}
		)
		review.save()
	frappe.set_user(chair)
	frappe.get_doc("Committee Meeting", meeting.name).submit()


def _letters(count) -> list[str]:
	"""The decision letters of the demo meeting, made here rather than by a worker (a fresh dev site may
	have none running). The job they would run commits what came before it, as after a real meeting."""
	from amass_relations.services.letters import make_letter

	problems = []
	meetings = frappe.get_all("Committee Meeting", filters={"chair": demo_user("chair")}, pluck="name")
	reviews = meetings and frappe.get_all(
		"Committee Review",
		filters={"committee_meeting": ("in", meetings), "docstatus": 1, "letter_state": ("!=", LETTER_READY)},
		pluck="name",
		order_by="name asc",
	)
	if not reviews:
		return problems
	frappe.set_user("Administrator")  # the worker's user
	with _print_styles_reachable(), _quiet_css_parser():
		for review in reviews:
			frappe.db.commit()  # the job runs after the decisions commit; a failure rolls back only its own
			make_letter(review)
			state, error = frappe.db.get_value("Committee Review", review, ["letter_state", "letter_error"])
			if state == LETTER_READY:
				count(LETTER)
			else:
				problems.append(f"decision letter {review}: {state} ({error})")
	return problems


@contextmanager
def _print_styles_reachable():
	"""wkhtmltopdf fetches the print styles over HTTP from the site's URL (frappe.utils.pdf) and fails when
	nothing answers there, as on a dev site being set up or in the test command's install round trip. Such a
	site gets the bench's public assets — nothing else — from a local server while its letters are made."""
	if _answers(frappe.utils.get_url("/api/method/ping")):
		yield  # the site is served: its own URL, as for any letter
		return
	assets = os.path.realpath(os.path.join(frappe.local.sites_path, "assets"))

	class AssetsOnly(http.server.SimpleHTTPRequestHandler):
		def translate_path(self, path):
			path = urllib.parse.urlsplit(path).path
			if not path.startswith("/assets/"):
				return ""  # no such file: 404
			return super().translate_path(path.removeprefix("/assets"))

		def list_directory(self, path):
			self.send_error(404)

		def log_message(self, *args):
			pass

	server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(AssetsOnly, directory=assets))
	threading.Thread(target=server.serve_forever, daemon=True).start()
	host_name = frappe.local.conf.get("host_name")
	frappe.local.conf.host_name = f"http://127.0.0.1:{server.server_address[1]}"
	try:
		yield
	finally:
		frappe.local.conf.host_name = host_name
		server.shutdown()
		server.server_close()


@contextmanager
def _quiet_css_parser():
	"""Frappe's PDF reads the print styles with cssutils, which logs every property it does not know (a
	screen of warnings per letter, the same on any site): not shown above the command's table of logins."""
	import cssutils  # first: importing it sets its log's level

	log = cssutils.log
	level = log.getEffectiveLevel()
	log.setLevel(logging.CRITICAL)
	try:
		yield
	finally:
		log.setLevel(level)


def _answers(url: str) -> bool:
	try:
		urllib.request.urlopen(url, timeout=3).close()
		return True
	except (OSError, ValueError):
		return False


def _after_committee(story: Story, name: str, count):
	if story.register and _status(name) == REQUEST_APPROVED:
		_step(name, "Complete Registration", "officer", count)
	if _status(name) == REQUEST_REGISTRATION_COMPLETE:
		done = frappe.db.count("Service Delivery", {"support_request": name, "docstatus": 1})
		for amount, completes in story.deliveries[done:]:
			_deliver(story, name, amount, completes, count)
	if story.close and _status(name) == REQUEST_SERVICE_DELIVERED:
		_step(name, "Close", "officer", count)


def _deliver(story: Story, name: str, amount: float, completes: int, count):
	"""Recorded and submitted by the branch's representative for a request of their branch, else the
	officer; the delivery itself moves the request to Service Delivered once it covers the approval."""
	branch = frappe.db.get_value("Support Request", name, "branch_office")
	frappe.set_user(
		next(
			(
				demo_user(local)
				for local, _role, _name, index in DEMO_USERS
				if index is not None and DEMO_BRANCHES[index][0] == branch
			),
			demo_user("officer"),
		)
	)
	financial = DEMO_SERVICES[story.service][1]
	delivery = frappe.get_doc(
		{
			"doctype": "Service Delivery",
			"support_request": name,
			"mode": "Transfer" if financial else "Home Visit",
			"description": "تسليم تجريبي: " + DEMO_SERVICES[story.service][0],
			"amount": amount if financial else 0,
			"quantity": 0 if financial else amount,
			"completes_service": completes,
		}
	).insert()
	delivery.submit()
	count("Service Delivery")
