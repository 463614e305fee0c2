app_name = "amass_relations"
app_title = "Amass Relations"
app_publisher = "Amass Association - Friends of Cancer Patients"
app_description = "Beneficiary relations for the Amass Association: intake, research committee, service delivery and feedback"
app_email = "it@amass.example.org"
app_license = "mit"

# Desk assets
# -----------
app_include_css = "/assets/amass_relations/css/amass_relations.css"

# Installation
# ------------
# Roles, the policy's standard records and settings defaults: inserted when missing, never overwritten.
after_install = "amass_relations.setup.install.after_install"

# Uninstallation
# --------------
before_uninstall = "amass_relations.setup.uninstall.before_uninstall"


# Permissions
# -----------
# Branch isolation and medical-document privacy (see amass_relations/permissions.py).
permission_query_conditions = {
	"Beneficiary": "amass_relations.permissions.beneficiary_query",
	"Beneficiary Document": "amass_relations.permissions.beneficiary_document_query",
	"Interaction": "amass_relations.permissions.interaction_query",
	"Carer Authorization": "amass_relations.permissions.carer_authorization_query",
	"Support Request": "amass_relations.permissions.support_request_query",
}
has_permission = {
	"Beneficiary": "amass_relations.permissions.branch_has_permission",
	"Beneficiary Document": "amass_relations.permissions.branch_has_permission",
	"Interaction": "amass_relations.permissions.branch_has_permission",
	"Carer Authorization": "amass_relations.permissions.branch_has_permission",
	"Support Request": "amass_relations.permissions.branch_has_permission",
	"Committee Vote": "amass_relations.amass_relations.doctype.committee_vote.committee_vote.has_permission",
}

# Scheduled Tasks
# ---------------
scheduler_events = {
	"daily": [
		"amass_relations.amass_relations.doctype.carer_authorization.carer_authorization.expire_lapsed_authorizations",
		"amass_relations.services.deadlines.escalate_committee_deadlines",
	],
}
