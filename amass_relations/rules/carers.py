"""Carer authorizations: who may act for a patient, and when."""

from datetime import date

ACTIVE = "Active"


def authorization_problem(
	patient: str | None, carer: str | None, valid_from: date | None, valid_until: date | None
):
	if patient and carer and patient == carer:
		return "self_authorization"
	if valid_from and valid_until and valid_until < valid_from:
		return "ends_before_start"
	return None


def is_effective(status: str, valid_from: date | None, valid_until: date | None, on: date) -> bool:
	"""Rights hold only while active and within the dates: expiry ends them at once, even before the
	nightly job marks the authorization Expired."""
	if status != ACTIVE:
		return False
	if valid_from and on < valid_from:
		return False
	return not (valid_until and on > valid_until)


def is_lapsed(status: str, valid_until: date | None, today: date) -> bool:
	"""An active authorization whose end date has passed: the nightly job marks it Expired."""
	return status == ACTIVE and valid_until is not None and valid_until < today
