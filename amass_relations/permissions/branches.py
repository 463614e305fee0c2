"""The branch wall (mapped in hooks.py). Each hook returns an explicit answer: a SQL condition string,
or True/False (v16 treats None as deny).

A user listed on a Branch Office sees only that branch's records. Frappe applies User Permissions
loosely (rows with an empty branch stay visible, and `ignore_user_permissions` drops them); these hooks
apply the wall strictly, in lists, report view, counts, link search and REST alike, and judge an
existing record by the branch it is *stored* with, not by what a client sends: otherwise a
`set_value(…, "branch_office", <own branch>)` moves another branch's record into view.

The framework's own User Permissions do not apply to the branch fields (`ignore_user_permissions` on
each `branch_office`): they would judge the incoming value, let rows with no branch through, and refuse
what a Branch Access Grant opens. The branch's User Permissions stay the one list of who works where;
these hooks read it.

Records without a branch column of their own take it from the record they belong to (`BRANCH_OF`):
a medical profile from its beneficiary, a committee vote from its request, a request's document row
from the request."""

import frappe

from amass_relations.constants import ROLE_BRANCH_REPRESENTATIVE, ROLE_MANAGER
from amass_relations.services.branches import allowed_branches, granted_beneficiaries

MEDICAL_PROFILE = "Beneficiary Medical Profile"
BRANCH_FIELD = "branch_office"

# doctype -> None when it has its own branch column, else (link field, doctype it points at).
BRANCH_OF: dict[str, tuple[str, str] | None] = {
	"Beneficiary": None,
	"Beneficiary Document": None,
	"Interaction": None,
	"Carer Authorization": None,
	"Support Request": None,
	"Service Delivery": None,
	MEDICAL_PROFILE: ("beneficiary", "Beneficiary"),
	"Social Research Report": ("beneficiary", "Beneficiary"),
	"Committee Review": ("support_request", "Support Request"),
	"Committee Vote": ("support_request", "Support Request"),
	"Committee Escalation": ("support_request", "Support Request"),
	"Support Request Document": ("parent", "Support Request"),
}

# doctype -> (column, None) where the column names the beneficiary, or (column, doctype) where it links
# to a record that names the beneficiary: a Branch Access Grant opens that beneficiary's records.
BENEFICIARY_OF: dict[str, tuple[str, str | None]] = {
	"Beneficiary": ("name", None),
	"Beneficiary Document": ("beneficiary", None),
	"Interaction": ("beneficiary", None),
	"Carer Authorization": ("patient", None),
	"Support Request": ("beneficiary", None),
	"Service Delivery": ("beneficiary", None),
	MEDICAL_PROFILE: ("beneficiary", None),
	"Social Research Report": ("beneficiary", None),
	"Committee Review": ("beneficiary", None),
	"Committee Vote": ("support_request", "Support Request"),
	"Committee Escalation": ("support_request", "Support Request"),
	"Support Request Document": ("parent", "Support Request"),
}
# Framework records about these are read only by whoever reads the record they are about: the walled
# records, and Feedback (a complaint about a member of staff is not theirs to read through its timeline).
REFERENCED = (*BRANCH_OF, "Feedback")

# What a grant allows: reading the file, not changing it.
GRANTED_PTYPES = {"read", "select", "print", "report", "export"}

# Records created for a beneficiary (those naming the beneficiary themselves, other than the beneficiary
# and the committee's own records): whoever creates one must be able to read that beneficiary.
CREATED_FOR_BENEFICIARY = {
	doctype: column
	for doctype, (column, via) in BENEFICIARY_OF.items()
	if via is None and doctype not in ("Beneficiary", "Committee Review")
}

# Roles whose holders work for one branch: listed on no branch, they see no branch at all.
BRANCH_BOUND_ROLES = {ROLE_BRANCH_REPRESENTATIVE}
# Roles that see every branch even when they also hold a branch-bound role.
ALL_BRANCH_ROLES = {ROLE_MANAGER, "System Manager"}


def user_branches(user: str | None = None) -> list[str] | None:
	"""The branches `user` may see: None for all of them, [] for none."""
	user = user or frappe.session.user
	branches = allowed_branches(user)
	if branches is not None:
		return branches
	roles = set(frappe.get_roles(user))
	if roles & BRANCH_BOUND_ROLES and not roles & ALL_BRANCH_ROLES:
		return []
	return None


def reads_medical_data(user: str | None = None) -> bool:
	return frappe.has_permission(MEDICAL_PROFILE, "read", user=user or frappe.session.user)


# ---------------------------------------------------------------- lists, counts, searches
def branch_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	user = user or frappe.session.user
	conditions = []
	branches = user_branches(user)
	if branches is not None:
		condition = _branch_condition(doctype, branches)
		granted = granted_beneficiaries(user)
		if granted:
			condition = f"({condition} or {_grant_condition(doctype, granted)})"
		conditions.append(condition)
	if doctype == "Beneficiary Document" and not reads_medical_data(user):
		conditions.append("ifnull(`tabBeneficiary Document`.`is_medical`, 0) = 0")
	return " and ".join(conditions)


def _branch_condition(doctype: str, branches: list[str]) -> str:
	if not branches:
		return "1 = 0"
	values = ", ".join(frappe.db.escape(branch) for branch in branches)
	via = BRANCH_OF[doctype]
	if via is None:
		return f"`tab{doctype}`.`{BRANCH_FIELD}` in ({values})"
	field, target = via
	return (
		f"`tab{doctype}`.`{field}` in (select `name` from `tab{target}` where `{BRANCH_FIELD}` in ({values}))"
	)


def _grant_condition(doctype: str, beneficiaries: list[str]) -> str:
	values = ", ".join(frappe.db.escape(b) for b in beneficiaries)
	column, via = BENEFICIARY_OF[doctype]
	if via is None:
		return f"`tab{doctype}`.`{column}` in ({values})"
	return f"`tab{doctype}`.`{column}` in (select `name` from `tab{via}` where `beneficiary` in ({values}))"


def _granted(doc, user: str) -> bool:
	"""Does an active Branch Access Grant open this stored record's beneficiary to `user`?"""
	granted = granted_beneficiaries(user)
	if not granted:
		return False
	column, via = BENEFICIARY_OF[doc.doctype]
	value = doc.name if column == "name" else frappe.db.get_value(doc.doctype, doc.name, column)
	if via:
		value = frappe.db.get_value(via, value, "beneficiary") if value else None
	return value in granted


# ---------------------------------------------------------------- one record
def branch_has_permission(doc, ptype: str | None = None, user: str | None = None, **kwargs) -> bool:
	user = user or frappe.session.user
	if doc.doctype not in BRANCH_OF:
		return True
	branches = user_branches(user)
	medical_wall = doc.doctype == "Beneficiary Document" and not reads_medical_data(user)
	if branches is None and not medical_wall:
		return True  # no stored value to read: the hot path of unrestricted users
	stored = _stored(doc)
	if medical_wall and (doc.get("is_medical") or (stored and stored.get("is_medical"))):
		return False
	if branches is None:
		return True
	if stored is None:
		# A new record: its branch comes from what it is created for; the form may not have it yet.
		branch = _incoming_branch(doc)
		if not branch:
			return ptype == "create"
		return branch in branches
	if stored.branch not in branches:
		return ptype in GRANTED_PTYPES and _granted(doc, user)
	incoming = _incoming_branch(doc)
	return not incoming or incoming in branches


def _stored(doc) -> frappe._dict | None:
	"""The record as stored: its branch (and whether it is medical), or None for a new record."""
	if not doc.get("name"):
		return None
	via = BRANCH_OF[doc.doctype]
	fields = [BRANCH_FIELD if via is None else via[0]]
	if doc.doctype == "Beneficiary Document":
		fields.append("is_medical")
	row = frappe.db.get_value(doc.doctype, doc.name, fields, as_dict=True)
	if row is None:
		return None
	row.branch = row.get(BRANCH_FIELD) if via is None else _branch_of_record(via[1], row.get(via[0]))
	return row


def _incoming_branch(doc) -> str | None:
	via = BRANCH_OF[doc.doctype]
	if via is None:
		return doc.get(BRANCH_FIELD)
	return _branch_of_record(via[1], doc.get(via[0]))


def _branch_of_record(doctype: str, name: str | None) -> str | None:
	return frappe.db.get_value(doctype, name, BRANCH_FIELD) if name else None


def require_reading_beneficiary(doc, method=None):
	"""before_insert: a record is created only for a beneficiary its creator may read, so nobody
	creates a request for another branch's beneficiary and reads it back in the response."""
	field = CREATED_FOR_BENEFICIARY.get(doc.doctype)
	beneficiary = doc.get(field) if field else None
	if not beneficiary or doc.flags.ignore_permissions:
		return
	if not frappe.has_permission("Beneficiary", "read", doc=beneficiary):
		frappe.throw(frappe._("You may not create records for this beneficiary."), frappe.PermissionError)


# One function each, named for hooks.py.
def beneficiary_query(user=None, doctype=None):
	return branch_query_conditions(user, "Beneficiary")


def beneficiary_document_query(user=None, doctype=None):
	return branch_query_conditions(user, "Beneficiary Document")


def interaction_query(user=None, doctype=None):
	return branch_query_conditions(user, "Interaction")


def carer_authorization_query(user=None, doctype=None):
	return branch_query_conditions(user, "Carer Authorization")


def support_request_query(user=None, doctype=None):
	return branch_query_conditions(user, "Support Request")


def service_delivery_query(user=None, doctype=None):
	return branch_query_conditions(user, "Service Delivery")


def medical_profile_query(user=None, doctype=None):
	return branch_query_conditions(user, MEDICAL_PROFILE)


def social_research_report_query(user=None, doctype=None):
	return branch_query_conditions(user, "Social Research Report")


def committee_review_query(user=None, doctype=None):
	return branch_query_conditions(user, "Committee Review")


def committee_vote_query(user=None, doctype=None):
	return branch_query_conditions(user, "Committee Vote")


def committee_escalation_query(user=None, doctype=None):
	return branch_query_conditions(user, "Committee Escalation")


def support_request_document_query(user=None, doctype=None):
	return branch_query_conditions(user, "Support Request Document")


# ---------------------------------------------------------------- framework records about app records
# Files, comments, versions, assignments, emails and shares about a beneficiary's records carry their
# data (a file name, a comment, the old values). They follow the record they are about:
# doctype -> (column naming the record's doctype, column naming the record).
REFERENCES = {
	"File": ("attached_to_doctype", "attached_to_name"),
	"Comment": ("reference_doctype", "reference_name"),
	"Version": ("ref_doctype", "docname"),
	"ToDo": ("reference_type", "reference_name"),
	"Communication": ("reference_doctype", "reference_name"),
	"DocShare": ("share_doctype", "share_name"),
	# A notification's subject names the record (a beneficiary's name): read only while the record is.
	"Notification Log": ("document_type", "document_name"),
	# A text message names its recipient and what it is about: read only while that record is.
	"SMS Outbox": ("reference_doctype", "reference_name"),
}


def _readable_records_condition(user: str, doctype: str) -> str | None:
	"""SQL over `tab{doctype}` selecting what `user` may read; None for all, "1 = 0" for none."""
	if not frappe.has_permission(doctype, "read", user=user):
		return "1 = 0"
	if doctype == "Feedback":
		from amass_relations.permissions.feedback import feedback_query

		return feedback_query(user) or None
	return branch_query_conditions(user, doctype) or None


def reference_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	user = user or frappe.session.user
	if user == "Administrator":
		return ""
	doctype_column, name_column = REFERENCES[doctype]
	kind = f"`tab{doctype}`.`{doctype_column}`"
	record = f"`tab{doctype}`.`{name_column}`"
	free, walled = [], []
	for app_doctype in REFERENCED:
		condition = _readable_records_condition(user, app_doctype)
		if condition is None:
			free.append(frappe.db.escape(app_doctype))
		elif condition != "1 = 0":
			walled.append(
				f"({kind} = {frappe.db.escape(app_doctype)} and {record} in "
				f"(select `name` from `tab{app_doctype}` where {condition}))"
			)
	if len(free) == len(REFERENCED):
		return ""
	app_doctypes = ", ".join(frappe.db.escape(d) for d in REFERENCED)
	allowed = [f"ifnull({kind}, '') not in ({app_doctypes})", *walled]
	if free:
		allowed.append(f"{kind} in ({', '.join(free)})")
	return "(" + " or ".join(allowed) + ")"


def reference_has_permission(doc, ptype: str | None = None, user: str | None = None, **kwargs) -> bool:
	"""A framework record about an app record is readable only by whoever reads that record — the file's
	owner included (Frappe lets a file's owner always download it) — and by whom the framework's own hook
	for its doctype allows: in v15 the last app's hook decides alone, so this one asks Frappe's too."""
	user = user or frappe.session.user
	if user == "Administrator":
		return True
	doctype_column, name_column = REFERENCES[doc.doctype]
	if (
		doc.doctype == "Notification Log"
		and (doc.get("for_user") or "").lower() != user.lower()
		and "System Manager" not in frappe.get_roles(user)
	):
		# Frappe filters the list by its user but lets anyone with the All role open any notification.
		return False
	target, name = doc.get(doctype_column), doc.get(name_column)
	if target in REFERENCED and name and frappe.db.exists(target, name):
		if not frappe.has_permission(target, "read", doc=name, user=user):
			return False
	return framework_hooks_allow(doc, ptype, user)


def framework_hooks_allow(doc, ptype, user) -> bool:
	for method in frappe.get_hooks("has_permission", app_name="frappe").get(doc.doctype, []):
		allowed = frappe.call(method, doc=doc, ptype=ptype, user=user)
		if allowed is not None and not allowed:
			return False
	return True


def file_query(user=None, doctype=None):
	return reference_query_conditions(user, "File")


def comment_query(user=None, doctype=None):
	return reference_query_conditions(user, "Comment")


def version_query(user=None, doctype=None):
	return reference_query_conditions(user, "Version")


def todo_query(user=None, doctype=None):
	return reference_query_conditions(user, "ToDo")


def communication_query(user=None, doctype=None):
	return reference_query_conditions(user, "Communication")


def docshare_query(user=None, doctype=None):
	return reference_query_conditions(user, "DocShare")


def notification_log_query(user=None, doctype=None):
	return reference_query_conditions(user, "Notification Log")


def sms_outbox_query(user=None, doctype=None):
	return reference_query_conditions(user, "SMS Outbox")
