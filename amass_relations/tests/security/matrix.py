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
	# A representative of branch A who holds shares of branch B's records and an assignment of one of
	# them, written straight to the database (as an import or an old version could have left them):
	# neither opens the wall, so this principal has exactly rep@A's rights.
	"rep@A+shared": ("rep", [ROLE_BRANCH_REPRESENTATIVE], "A", "System User"),
	"rep@none": ("rep", [ROLE_BRANCH_REPRESENTATIVE], "none", "System User"),
	"portal": (None, [ROLE_BENEFICIARY], None, "Website User"),
	# Beneficiaries' accounts linked to a file (portal A to branch A's beneficiary, portal B to B's), a
	# carer of branch A's patient holding an Active authorization, and a carer whose authorization was
	# revoked. Like "portal", none holds a right on any internal doctype: they read through the portal.
	"portal-A": (None, [ROLE_BENEFICIARY], None, "Website User"),
	"portal-B": (None, [ROLE_BENEFICIARY], None, "Website User"),
	"carer-C": (None, [ROLE_BENEFICIARY], None, "Website User"),
	"carer-C-revoked": (None, [ROLE_BENEFICIARY], None, "Website User"),
	"nobody": (None, [], None, "Website User"),
	"guest": (None, None, None, None),
}

# Roles that read medical data (they read the Beneficiary Medical Profile).
MEDICAL_READERS = {"manager", "officer", "researcher", "member", "chair"}

# doctype -> {role key: rights}; r read, w write, c create, d delete, s submit, x cancel, e export.
# Roles not named have none. The portal role has no right on any internal doctype: the portal reads
# through its own methods. Deleting is the System Manager's alone on every record of the registry and the requests.
STAFF_READ = {
	"manager": "r",
	"officer": "r",
	"researcher": "r",
	"member": "r",
	"chair": "r",
	"secretary": "r",
	"rep": "r",
}
RIGHTS = {
	"Beneficiary": {
		"manager": "rwce",
		"officer": "rwc",
		"researcher": "rw",
		"member": "r",
		"chair": "r",
		"secretary": "r",
		"rep": "rwc",
	},
	"Beneficiary Medical Profile": {
		"manager": "r",
		"officer": "rwc",
		"researcher": "rwc",
		"member": "r",
		"chair": "r",
	},
	"Beneficiary Document": {
		"manager": "rwc",
		"officer": "rwc",
		"researcher": "rw",
		"member": "r",
		"chair": "r",
		"rep": "rwc",
	},
	"Carer Authorization": {
		"manager": "rwc",
		"officer": "rwc",
		"researcher": "r",
		"member": "r",
		"chair": "r",
		"rep": "rwc",
	},
	"Interaction": {"manager": "rwce", "officer": "rwc", "researcher": "rw", "rep": "rwc"},
	"Support Request": {
		"manager": "rwce",
		"officer": "rwc",
		"researcher": "rw",
		"member": "r",
		"chair": "rw",
		"secretary": "r",
		"rep": "rwc",
	},
	"Social Research Report": {
		"manager": "r",
		"officer": "r",
		"researcher": "rwc",
		"member": "r",
		"chair": "r",
	},
	"Committee Review": {
		"manager": "r",
		"officer": "r",
		"member": "r",
		"chair": "rwcx",
		"secretary": "rwc",
	},
	"Committee Vote": {"manager": "r", "member": "rwc", "chair": "rwc", "secretary": "rwc"},
	"Committee Escalation": {"manager": "r", "chair": "r"},
	# Text messages (recipient, what they are about): the manager watches failures and sends again.
	"SMS Outbox": {"manager": "r"},
	"Service Delivery": {"manager": "rwcsx", "officer": "rwcsx", "rep": "rwcs", "chair": "r"},
	# Not walled by branch: a meeting decides the requests of every branch.
	"Committee Meeting": {"manager": "r", "member": "r", "chair": "rwcsx", "secretary": "rwc"},
	# The manager's alone: who may read which beneficiary outside their branch.
	"Branch Access Grant": {"manager": "rwc"},
	# Masters every member of staff reads and the manager keeps.
	"Beneficiary Category": {**STAFF_READ, "manager": "rwcde"},
	"Branch Office": {**STAFF_READ, "manager": "rwcde"},
	"Contact Channel": {**STAFF_READ, "manager": "rwcde"},
	"Document Type": {**STAFF_READ, "manager": "rwcde"},
	"Support Service Type": {**STAFF_READ, "manager": "rwcde"},
	# The public service guide's questions: shown to everyone on /services, kept by the manager.
	"Service Question": {**STAFF_READ, "manager": "rwcde"},
	"Beneficiary Relations Settings": {"manager": "rwc", "officer": "r", "chair": "r"},
	# Feedback (policy G5, G7): the manager reads answers, no one edits them; surveys are answered from
	# their link and recorded by phone through services/surveys.py, never through the doctype.
	"Feedback": {"manager": "re"},
	"Survey Template": {"manager": "rwcd"},
	"Survey Invitation": {"manager": "r"},
	"Survey Reminder": {"manager": "r"},
	# No role reads a used link's digest or a rating about a member of staff: sums of at least k
	# answers come from api/feedback.py only.
	"Survey Token Use": {},
	"Staff Rating": {},
	# The days deadlines in working days skip: kept by the manager, read by the officers.
	"Public Holiday": {"manager": "rwcd", "officer": "r"},
	# Complaints are Feedback too: the officers read only those they own (test_complaints.py), so the
	# seeded survey answer stays the manager's. Improvement actions: the manager's; an officer reads and
	# changes only one they own (not the seeded one). The dashboard's sums: no one; escalation markers:
	# the manager.
	"Improvement Action": {"manager": "rwce"},
	"Feedback Figure": {},
	"Quality Escalation": {"manager": "r"},
}

# Doctypes whose every record is medical data.
MEDICAL_DOCTYPES = {"Beneficiary Medical Profile"}
# Doctypes of the app not walled by branch: the branch limit does not apply to them.
UNWALLED = {
	"Committee Meeting",
	"Branch Access Grant",
	"Beneficiary Category",
	"Contact Channel",
	"Document Type",
	"Support Service Type",
	"Service Question",
	"Beneficiary Relations Settings",
	# Read by the manager alone (or no one), who reads every branch; an anonymous answer has no branch.
	"Feedback",
	"Survey Template",
	"Survey Invitation",
	"Survey Reminder",
	"Survey Token Use",
	"Staff Rating",
	"Public Holiday",
	"Improvement Action",
	"Feedback Figure",
	"Quality Escalation",
}


def may(principal: str, doctype: str, right: str, branch: str, medical: bool = False) -> bool:
	"""May `principal` exercise `right` on a record of `doctype` stored in `branch` ("A" or "B")?"""
	role, _roles, limit, _type = PRINCIPALS[principal]
	if role is None or right not in RIGHTS.get(doctype, {}).get(role, ""):
		return False
	if (medical or doctype in MEDICAL_DOCTYPES) and role not in MEDICAL_READERS:
		return False
	if doctype in UNWALLED:
		return True
	if doctype == "Branch Office":
		# The framework's User Permission on Branch Office: a limited user reads their own office only;
		# a representative listed on no branch has no User Permission, so reads every office.
		return limit in (None, "none") or limit == branch or branch == "any"
	if limit == "none":
		return False
	return limit is None or limit == branch


# Framework records about app records: readable as the record they are about (a file), by nobody but
# System Managers (comments, versions, communications and shares are read through the record's form;
# logs and queues are the System Manager's), or by the user a record is for (an assignment, a
# notification), and only while they may read the record it is about.
FOLLOWS_ITS_RECORD = {"File"}
SYSTEM_MANAGERS_ONLY = {
	"Comment",
	"Version",
	"Communication",
	"DocShare",
	"Deleted Document",
	"Access Log",
	"Email Queue",
	"SMS Log",
	"Prepared Report",
}
FOR_ONE_USER = {"ToDo", "Notification Log"}
FRAMEWORK_DOCTYPES = FOLLOWS_ITS_RECORD | SYSTEM_MANAGERS_ONLY | FOR_ONE_USER


def may_read_record(principal: str, record) -> bool:
	"""Read right on one seeded record: app records by the matrix above, framework records by the rule
	for their kind and the record they are about (record.about: (doctype, branch, medical))."""
	if record.doctype in SYSTEM_MANAGERS_ONLY:
		return False
	if record.doctype in FOLLOWS_ITS_RECORD:
		return may(principal, record.about[0], "r", record.about[1], record.about[2])
	if record.doctype in FOR_ONE_USER:
		return principal == record.assignee and may(
			principal, record.about[0], "r", record.about[1], record.about[2]
		)
	return may(principal, record.doctype, "r", record.branch, record.medical)


# The portal's one visibility rule (services/portal.py), declared independently: whose file each
# principal's account sees. Through the portal only the beneficiary and their requests are shown, with
# the request's standing decision and its letter; never a medical record.
PORTAL_FILES = {"portal-A": {"A"}, "portal-B": {"B"}, "carer-C": {"A"}}
PORTAL_DOCTYPES = {"Beneficiary", "Support Request"}


def may_read_on_portal(principal: str, record) -> bool:
	return (
		record.doctype in PORTAL_DOCTYPES
		and not record.medical
		and record.branch in PORTAL_FILES.get(principal, set())
	)
