"""Demo data for a dev or training site: clearly fake, flagged `is_demo`, safe to load twice.

Fake by construction: national IDs come from the block 10000xxxxx / 20000xxxxx (Luhn-valid, see
rules/identity.py), mobiles from 050000xxxx, names are combinations of common first and family names,
and medical details are generic. Deterministic: the same records on every site."""

import random
from datetime import date, timedelta

import frappe
from frappe.utils import add_days, today

from amass_relations.constants import (
	CATEGORY_FAMILY_MEMBER,
	CATEGORY_PATIENT,
	DOCUMENT_BANK_CERTIFICATE,
	DOCUMENT_HOSPITAL_REFERRAL,
	DOCUMENT_INCOME_PROOF,
	DOCUMENT_MEDICAL_REPORT,
	DOCUMENT_NATIONAL_ID_COPY,
	DOCUMENT_PRICE_QUOTATION,
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


def load_demo_data() -> dict[str, int]:
	"""Insert the demo records that are missing; returns how many of each were added."""
	rng = random.Random(20240124)  # the policy's approval date: the same data on every site
	added: dict[str, int] = {}

	def count(doctype):
		added[doctype] = added.get(doctype, 0) + 1

	_load_channels(count)
	branches = _load_branches(count)
	_load_services(count)
	patients = _load_beneficiaries(rng, branches, count)
	_load_carers(rng, patients, count)
	_load_interactions(rng, branches, patients, count)
	_load_requests(rng, patients, count)
	frappe.db.commit()
	return added


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

	if frappe.db.count("Support Request", {"is_demo": 1}) >= REQUESTS:
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
		for row in request.documents:
			if not row.file:
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
		request.signature = DEMO_SIGNATURE
		request.signer_name = frappe.db.get_value("Beneficiary", request.beneficiary, "full_name")
		request.save()
		request.verify_submission()
		apply_workflow(frappe.get_doc("Support Request", request.name).as_dict(), "Send to Committee")
