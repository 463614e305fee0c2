import frappe

from amass_relations.constants import CARER_ACTIVE


@frappe.whitelist()
@frappe.validate_and_sanitize_search_inputs
def people_acting_for(doctype, txt, searchfield, start, page_len, filters):
	"""The beneficiary and their carers with an active authorization: who may apply or be contacted."""
	beneficiary = (filters or {}).get("beneficiary")
	if not beneficiary:
		return []
	carers = frappe.get_all(
		"Carer Authorization",
		filters={"patient": beneficiary, "status": CARER_ACTIVE},
		or_filters=[["valid_until", "is", "not set"], ["valid_until", ">=", frappe.utils.today()]],
		pluck="carer",
	)
	people = frappe.get_list(
		"Beneficiary",
		filters={"name": ("in", [beneficiary, *carers]), "full_name": ("like", f"%{txt}%")},
		fields=["name", "full_name"],
		limit_start=start,
		limit_page_length=page_len,
		as_list=True,
	)
	return people
