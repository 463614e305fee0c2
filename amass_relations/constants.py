"""Names of the app's standard records, in one place.

Record names are stable English strings; what a user reads comes from the Arabic catalogue.
`_lt` marks a string for the catalogue (the POT extractor looks for it) and returns it unchanged, so
this module imports nothing from frappe and the fast tests can read it.
"""


def _lt(message: str) -> str:
	return message


APP_NAME = "amass_relations"
MODULE_NAME = "Amass Relations"
SETTINGS_DOCTYPE = "Beneficiary Relations Settings"

# Roles (README.md says what each may do).
ROLE_OFFICER = _lt("Beneficiary Relations Officer")
ROLE_SOCIAL_RESEARCHER = _lt("Social Researcher")
ROLE_COMMITTEE_MEMBER = _lt("Research Committee Member")
ROLE_COMMITTEE_CHAIR = _lt("Research Committee Chair")
ROLE_COMMITTEE_SECRETARY = _lt("Committee Secretary")
ROLE_BRANCH_REPRESENTATIVE = _lt("Branch Representative")
ROLE_MANAGER = _lt("Beneficiary Relations Manager")
ROLE_BENEFICIARY = _lt("Beneficiary")

DESK_ROLES = (
	ROLE_OFFICER,
	ROLE_SOCIAL_RESEARCHER,
	ROLE_COMMITTEE_MEMBER,
	ROLE_COMMITTEE_CHAIR,
	ROLE_COMMITTEE_SECRETARY,
	ROLE_BRANCH_REPRESENTATIVE,
	ROLE_MANAGER,
)
# Beneficiaries use the web portal only.
PORTAL_ROLES = (ROLE_BENEFICIARY,)
APP_ROLES = DESK_ROLES + PORTAL_ROLES

# The policy's eight communication channels, in the policy's order.
CHANNEL_INTERVIEW = _lt("Interview")
CHANNEL_PHONE = _lt("Phone")
CHANNEL_SOCIAL_MEDIA = _lt("Social Media")
CHANNEL_LETTER = _lt("Letter")
CHANNEL_ASSISTANCE_REQUEST = _lt("Assistance Request Service")
CHANNEL_VOLUNTEERING = _lt("Volunteering")
CHANNEL_WEBSITE = _lt("Website")
CHANNEL_BRANCH_REPRESENTATIVE = _lt("Branch Representative")

STANDARD_CHANNELS = (
	CHANNEL_INTERVIEW,
	CHANNEL_PHONE,
	CHANNEL_SOCIAL_MEDIA,
	CHANNEL_LETTER,
	CHANNEL_ASSISTANCE_REQUEST,
	CHANNEL_VOLUNTEERING,
	CHANNEL_WEBSITE,
	CHANNEL_BRANCH_REPRESENTATIVE,
)

# Policy S5: the committee answers within a period of (at least) two weeks.
DEFAULT_COMMITTEE_RESPONSE_DAYS = 14

# Beneficiary categories shipped as standard records. Acting for a patient is a Carer Authorization,
# not a category.
CATEGORY_PATIENT = _lt("Patient")
CATEGORY_FAMILY_MEMBER = _lt("Family Member")
STANDARD_CATEGORIES = (CATEGORY_PATIENT, CATEGORY_FAMILY_MEMBER)

# Document types shipped as standard records: (name, scope, expires, is_medical).
SCOPE_BENEFICIARY = "Beneficiary"
SCOPE_REQUEST = "Request"
DOCUMENT_NATIONAL_ID_COPY = _lt("National ID Copy")
DOCUMENT_MEDICAL_REPORT = _lt("Medical Report")
DOCUMENT_INCOME_PROOF = _lt("Income Proof")
DOCUMENT_BANK_CERTIFICATE = _lt("Bank Account Certificate")
DOCUMENT_PRICE_QUOTATION = _lt("Price Quotation")
DOCUMENT_HOSPITAL_REFERRAL = _lt("Hospital Referral")
STANDARD_DOCUMENT_TYPES = (
	(DOCUMENT_NATIONAL_ID_COPY, SCOPE_BENEFICIARY, True, False),
	(DOCUMENT_MEDICAL_REPORT, SCOPE_BENEFICIARY, True, True),
	(DOCUMENT_INCOME_PROOF, SCOPE_BENEFICIARY, True, False),
	(DOCUMENT_BANK_CERTIFICATE, SCOPE_BENEFICIARY, False, False),
	(DOCUMENT_PRICE_QUOTATION, SCOPE_REQUEST, True, False),
	(DOCUMENT_HOSPITAL_REFERRAL, SCOPE_REQUEST, True, True),
)

# Beneficiary statuses (code reads these, never labels).
BENEFICIARY_APPLICANT = "Applicant"
BENEFICIARY_REGISTERED = "Registered"
BENEFICIARY_INACTIVE = "Inactive"
BENEFICIARY_DECEASED = "Deceased"

# Carer authorization statuses.
CARER_PENDING = "Pending"
CARER_ACTIVE = "Active"
CARER_REVOKED = "Revoked"
CARER_EXPIRED = "Expired"

# Doctypes whose records belong to a branch office: a branch's users see only their branch's records.
BRANCH_SCOPED_DOCTYPES = (
	"Beneficiary",
	"Beneficiary Document",
	"Interaction",
	"Carer Authorization",
	"Support Request",
)

# Support Request statuses: code and reports read `status`, which each workflow state sets (update_field),
# so an admin may rename or add workflow states without breaking behaviour.
REQUEST_DRAFT = _lt("Draft")
REQUEST_PENDING_VERIFICATION = _lt("Pending Verification")
REQUEST_UNDER_RESEARCH = _lt("Under Social Research")
REQUEST_PENDING_COMMITTEE = _lt("Pending Committee")
REQUEST_RETURNED = _lt("Returned for Information")
REQUEST_APPROVED = _lt("Approved")
REQUEST_REJECTED = _lt("Rejected")
REQUEST_REGISTRATION_COMPLETE = _lt("Registration Complete")
REQUEST_SERVICE_DELIVERED = _lt("Service Delivered")
REQUEST_CLOSED = _lt("Closed")
REQUEST_WITHDRAWN = _lt("Withdrawn")
REQUEST_OPEN_STATUSES = (
	REQUEST_DRAFT,
	REQUEST_PENDING_VERIFICATION,
	REQUEST_UNDER_RESEARCH,
	REQUEST_PENDING_COMMITTEE,
	REQUEST_RETURNED,
	REQUEST_APPROVED,
	REQUEST_REGISTRATION_COMPLETE,
)
# Entering these needs a comment, which goes to the timeline.
REQUEST_STATUSES_NEEDING_COMMENT = (REQUEST_RETURNED, REQUEST_REJECTED, REQUEST_WITHDRAWN)
# Entering these is a decision: the conflict-of-interest rule applies.
REQUEST_DECISION_STATUSES = (REQUEST_APPROVED, REQUEST_REJECTED)

# Committee decisions (Committee Review), as the request records them.
DECISION_APPROVED = _lt("Approved")
DECISION_PARTIALLY_APPROVED = _lt("Partially Approved")
DECISION_REJECTED = _lt("Rejected")
DECISION_RETURNED = _lt("Returned for Information")

# A decision letter (Committee Review.letter_state): made by a background job after the decision commits.
LETTER_PREPARING = _lt("Being Prepared")
LETTER_READY = _lt("Ready")
LETTER_FAILED = _lt("Failed")

REQUEST_WORKFLOW = "Support Request"
