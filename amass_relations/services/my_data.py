"""Download my data (PDPL, the data subject's right of access): everything the association holds about a
file that is not internal, as one JSON document, from the portal.

Frappe's Personal Data Download Request is not used: it collects the rows of doctypes listed in
`user_data_fields` whose field matches the account's email, mails a link, and knows nothing of a file
that is not the account's own. Here the subject is a beneficiary's file (the account's own, or a
patient's through an effective carer authorization), the rows are found by the file, not by an email,
and what leaves is chosen field by field: no committee reasoning or votes, no research report, no staff
note or comment, no staff identity. Medical data is the subject's own: it is in their export, and in a
carer's export of the patient only when the authorization says so (Includes Medical Data)."""

import frappe
from frappe import _
from frappe.utils import getdate, now_datetime, today

from amass_relations import constants as c
from amass_relations.rules import carers as carer_rule
from amass_relations.services import limits, portal
from amass_relations.services.documents import medical_document_types
from amass_relations.services.portal import files_of, not_found, own_file
from amass_relations.services.portal_requests import SCOPE

EXPORTS_PER_DAY = 10

PERSON_FIELDS = [
	"name",
	"national_id",
	"id_kind",
	"full_name",
	"full_name_en",
	"gender",
	"date_of_birth",
	"nationality",
	"mobile_no",
	"email",
	"city",
	"branch_office",
	"beneficiary_category",
	"status",
	"preferred_language",
	"preferred_contact_channel",
	"data_processing_consent",
	"data_consent_on",
	"contact_consent",
	"contact_consent_on",
	"creation",
]
REQUEST_FIELDS = [
	"name",
	"service_type",
	"channel",
	"status",
	"creation",
	"description",
	"amount_requested",
	"reconsideration_of",
	"signer_name",
	"signed_on",
	"declaration_text",
	"accepted_on_portal",
	"committee_due_date",
	"committee_decision",
	"applicant_message",
	"applicant_answer",
	"delivered_amount",
]


def medical_allowed(files: dict[str, bool], person: str) -> bool:
	"""The subject's own file: yes. A patient's, for a carer: only when an effective authorization
	includes medical data."""
	if own_file(files) == person:
		return True
	carer = own_file(files)
	on = getdate(today())
	return any(
		carer_rule.is_effective(
			a.status,
			getdate(a.valid_from) if a.valid_from else None,
			getdate(a.valid_until) if a.valid_until else None,
			on,
		)
		and a.includes_medical_data
		for a in frappe.get_all(
			"Carer Authorization",
			filters={"carer": carer, "patient": person},
			fields=["status", "valid_from", "valid_until", "includes_medical_data"],
		)
	)


def export_of(user: str, person: str | None = None) -> dict:
	files = files_of(user)
	person = person or own_file(files)
	if not person or person not in files:
		not_found()
	limits.within(SCOPE, "exports", user, EXPORTS_PER_DAY)
	medical = medical_allowed(files, person)
	medical_types = medical_document_types()
	requests = frappe.get_all(
		"Support Request", filters={"beneficiary": person}, fields=REQUEST_FIELDS, order_by="creation asc"
	)
	names = [r.name for r in requests] or [""]
	documents_of = {}
	for row in frappe.get_all(
		"Support Request Document",
		filters={"parenttype": "Support Request", "parent": ("in", names)},
		fields=[
			"parent",
			"document_type",
			"mandatory",
			"expiry_date",
			"from_portal",
			"file",
			"beneficiary_document",
		],
		order_by="idx asc",
	):
		if row.document_type in medical_types and not medical:
			continue
		documents_of.setdefault(row.parent, []).append(
			{
				"document_type": row.document_type,
				"mandatory": row.mandatory,
				"provided": bool(row.file or row.beneficiary_document),
				"uploaded_on_portal": row.from_portal,
				"expiry_date": row.expiry_date,
			}
		)
	decisions = {}
	for review in frappe.get_all(
		"Committee Review",
		filters={"support_request": ("in", names), "docstatus": 1},
		fields=["support_request", "decision", "decision_date", "reason_for_applicant", "approved_amount"],
		order_by="creation asc",
	):
		decisions.setdefault(review.pop("support_request"), []).append(review)
	deliveries = portal.deliveries_of([r.name for r in requests])
	for request in requests:
		request["documents"] = documents_of.get(request.name, [])
		request["decisions"] = decisions.get(request.name, [])
		request["deliveries"] = deliveries.get(request.name, [])
	data = {
		"format": "amass-relations/my-data/1",
		"exported_on": now_datetime(),
		"exported_for": user,
		"person": frappe.db.get_value("Beneficiary", person, PERSON_FIELDS, as_dict=True),
		"documents_on_file": [
			d
			for d in frappe.get_all(
				"Beneficiary Document",
				filters={"beneficiary": person},
				fields=[
					"document_type",
					"issue_date",
					"expiry_date",
					"verified_on",
					"support_request",
					"is_medical",
				],
				order_by="creation asc",
			)
			if medical or not d.is_medical
		],
		"requests": requests,
		"carer_authorizations": frappe.get_all(
			"Carer Authorization",
			filters={"patient": person},
			fields=[
				"carer_name",
				"relationship",
				"status",
				"valid_from",
				"valid_until",
				"includes_medical_data",
			],
			order_by="creation asc",
		)
		+ frappe.get_all(
			"Carer Authorization",
			filters={"carer": person},
			fields=["patient_name", "relationship", "status", "valid_from", "valid_until"],
			order_by="creation asc",
		),
		"questions": [
			{
				**q,
				"messages": frappe.get_all(
					"Interaction Message",
					filters={"parenttype": "Interaction", "parent": q.name, "internal": 0},
					fields=["sent_on", "direction", "message"],
					order_by="idx asc",
				),
			}
			for q in frappe.get_all(
				"Interaction",
				filters={"beneficiary": person, "channel": c.CHANNEL_WEBSITE},
				fields=["name", "interaction_time", "status"],
				order_by="interaction_time asc",
			)
		],
		"messages_sent": frappe.get_all(
			"SMS Outbox",
			filters={"reference_doctype": "Support Request", "reference_name": ("in", names)},
			fields=["creation", "purpose", "status"],
			order_by="creation asc",
		),
		"medical": None,
		"medical_included": medical,
	}
	if medical:
		data["medical"] = frappe.db.get_value(
			"Beneficiary Medical Profile",
			{"beneficiary": person},
			["treatment_status", "treating_hospital", "cancer_type", "stage", "diagnosis"],
			as_dict=True,
		)
	else:
		data["medical_note"] = _(
			"Medical data is not included: the patient's authorization does not include it."
		)
	return data


def download(user: str, person: str | None = None):
	data = export_of(user, person)
	frappe.local.response.filename = f"amass-my-data-{data['person'].name}.json"
	frappe.local.response.filecontent = frappe.as_json(data, indent=1)
	frappe.local.response.type = "download"
