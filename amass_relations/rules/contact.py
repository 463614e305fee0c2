"""Whether anyone may be contacted about a request: the one rule every message the app sends obeys."""

INACTIVE = "Inactive"
DECEASED = "Deceased"
GONE = (INACTIVE, DECEASED)


def contact_problem(patient_status: str | None, contact_status: str | None, contact_consent) -> str | None:
	"""Why no message may go out about a patient's request, or None when one may.

	Nothing is sent about a patient who has died or whose file is closed, whoever the contact person is;
	nothing to a contact person who is inactive, deceased or has not consented to be contacted."""
	if patient_status in GONE:
		return "patient_gone"
	if contact_status in GONE:
		return "contact_gone"
	if not contact_consent:
		return "no_consent"
	return None
