"""The permission matrix: who may read and change what, declared once, independently of the DocType
files, so that a change to either shows up as a difference. test_matrix.py asks every cell over HTTP
through every route it knows and fails on any answer the matrix does not allow.

A principal is a role (or none), optionally limited to branch A. Records are seeded in branches A and B.
A principal limited to A reads only A's records; one limited to no branch at all (a branch
representative listed on no branch) reads nothing of the walled doctypes. Medical records (the medical
profile, medical beneficiary documents) are read only by roles that read the medical profile."""

from amass_relations.constants import (
	ROLE_BENEFICIARY,
	ROLE_BRANCH_REPRESENTATIVE,
	ROLE_COMMITTEE_CHAIR,
	ROLE_COMMITTEE_MEMBER,
	ROLE_COMMITTEE_SECRETARY,
	ROLE_MANAGER,
	ROLE_OFFICER,
	ROLE_SOCIAL_RESEARCHER,
)

# principal -> (role key, roles, branch limit: None (all), "A", or "none"; user type)
PRINCIPALS = {
	"manager": ("manager", [ROLE_MANAGER], None, "System User"),
	"officer": ("officer", [ROLE_OFFICER], None, "System User"),
	"officer@A": ("officer", [ROLE_OFFICER], "A", "System User"),
	"researcher": ("researcher", [ROLE_SOCIAL_RESEARCHER], None, "System User"),
	"researcher@A": ("researcher", [ROLE_SOCIAL_RESEARCHER], "A", "System User"),
	"member": ("member", [ROLE_COMMITTEE_MEMBER], None, "System User"),
	"chair": ("chair", [ROLE_COMMITTEE_CHAIR], None, "System User"),
	"secretary": ("secretary", [ROLE_COMMITTEE_SECRETARY], None, "System User"),
	"rep@A": ("rep", [ROLE_BRANCH_REPRESENTATIVE], "A", "System User"),
	"rep@none": ("rep", [ROLE_BRANCH_REPRESENTATIVE], "none", "System User"),
	"portal": (None, [ROLE_BENEFICIARY], None, "Website User"),
	"nobody": (None, [], None, "Website User"),
	"guest": (None, None, None, None),
}

# Roles that read medical data (they read the Beneficiary Medical Profile).
MEDICAL_READERS = {"manager", "officer", "researcher", "member", "chair"}

# doctype -> {role key: rights}; r read, w write. Roles not named have none. The portal role has no
# right on any internal doctype: the portal reads through its own methods.
RIGHTS = {
	"Beneficiary": {
		"manager": "rw",
		"officer": "rw",
		"researcher": "rw",
		"member": "r",
		"chair": "r",
		"secretary": "r",
		"rep": "rw",
	},
	"Beneficiary Medical Profile": {
		"manager": "r",
		"officer": "rw",
		"researcher": "rw",
		"member": "r",
		"chair": "r",
	},
	"Beneficiary Document": {
		"manager": "rw",
		"officer": "rw",
		"researcher": "rw",
		"member": "r",
		"chair": "r",
		"rep": "rw",
	},
	"Carer Authorization": {
		"manager": "rw",
		"officer": "rw",
		"researcher": "r",
		"member": "r",
		"chair": "r",
		"rep": "rw",
	},
	"Interaction": {"manager": "rw", "officer": "rw", "researcher": "rw", "rep": "rw"},
	"Support Request": {
		"manager": "rw",
		"officer": "rw",
		"researcher": "rw",
		"member": "r",
		"chair": "rw",
		"secretary": "r",
		"rep": "rw",
	},
	"Social Research Report": {
		"manager": "r",
		"officer": "r",
		"researcher": "rw",
		"member": "r",
		"chair": "r",
	},
	"Committee Review": {"manager": "r", "officer": "r", "member": "r", "chair": "rw", "secretary": "rw"},
}

# Doctypes whose every record is medical data.
MEDICAL_DOCTYPES = {"Beneficiary Medical Profile"}


def may(principal: str, doctype: str, right: str, branch: str, medical: bool = False) -> bool:
	"""May `principal` exercise `right` on a record of `doctype` stored in `branch` ("A" or "B")?"""
	role, _roles, limit, _type = PRINCIPALS[principal]
	if role is None or right not in RIGHTS.get(doctype, {}).get(role, ""):
		return False
	if (medical or doctype in MEDICAL_DOCTYPES) and role not in MEDICAL_READERS:
		return False
	if limit == "none":
		return False
	return limit is None or limit == branch


# Framework records about app records: readable as the record they are about (a file), by nobody but
# System Managers (comments and versions are read through the record's form), or by the people an
# assignment names (a ToDo: its assignee, and only while they may read the record).
FOLLOWS_ITS_RECORD = {"File"}
SYSTEM_MANAGERS_ONLY = {"Comment", "Version"}
ASSIGNEES_ONLY = {"ToDo"}


def may_read_record(principal: str, record) -> bool:
	"""Read right on one seeded record: app records by the matrix above, framework records by the rule
	for their kind and the record they are about (record.about: (doctype, branch, medical))."""
	if record.doctype in SYSTEM_MANAGERS_ONLY:
		return False
	if record.doctype in FOLLOWS_ITS_RECORD:
		return may(principal, record.about[0], "r", record.about[1], record.about[2])
	if record.doctype in ASSIGNEES_ONLY:
		return principal == record.assignee and may(
			principal, record.about[0], "r", record.about[1], record.about[2]
		)
	return may(principal, record.doctype, "r", record.branch, record.medical)
