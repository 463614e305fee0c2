"""Translated messages for the rules' problem codes, one place per rule."""

from frappe import _


def national_id_message(code: str) -> str:
	return {
		"missing": _("Enter the national ID or iqama number."),
		"mixed_digits": _("The ID number mixes Arabic and Latin digits. Enter it in one kind of digits."),
		"not_digits": _("The ID number may contain digits only."),
		"wrong_length": _("The ID number must be exactly 10 digits."),
		"wrong_first_digit": _("The ID number must start with 1 (citizen) or 2 (resident)."),
		"bad_check_digit": _(
			"The ID number is not valid: its check digit does not match. Check it for a typing mistake."
		),
	}.get(code) or _("The ID number is not valid.")


def mobile_message(code: str) -> str:
	return {
		"missing": _("Enter the mobile number."),
		"mixed_digits": _("The mobile number mixes Arabic and Latin digits. Enter it in one kind of digits."),
		"not_digits": _("The mobile number may contain digits only."),
		"not_saudi_mobile": _("Enter a Saudi mobile number, such as 05XXXXXXXX or +9665XXXXXXXX."),
	}.get(code) or _("The mobile number is not valid.")


def hijri_message(code: str) -> str:
	return {
		"bad_format": _("Enter the Hijri date as year-month-day, such as 1410-05-21."),
		"invalid_hijri_date": _("This Hijri date does not exist in the Umm al-Qura calendar."),
		"out_of_range": _("This Hijri date is outside the supported range of the Umm al-Qura calendar."),
	}.get(code) or _("The Hijri date is not valid.")


def birth_date_message(code: str) -> str:
	return {
		"in_future": _("The date of birth cannot be in the future."),
		"missing": _("Enter the date of birth."),
		"too_old": _("The date of birth is more than 130 years ago. Check it for a typing mistake."),
	}.get(code) or _("The date of birth is not valid.")


def carer_message(code: str) -> str:
	return {
		"self_authorization": _("A patient cannot be their own carer."),
		"ends_before_start": _("The authorization cannot end before it starts."),
	}.get(code) or _("The carer authorization is not valid.")
