"""What a portal account sees: its own file, and the files of the patients it cares for.

One rule for every portal page and method (services/portal.py asks the database, this decides):
- a Deceased beneficiary's own account sees nothing (it is disabled as well);
- an Inactive beneficiary keeps a read-only portal: their right to their data and letters;
- a carer sees a patient while the authorization is effective (Active and within its dates, the day it
  lapses included): revocation or expiry ends it at once, whatever the nightly job has done yet;
- a carer keeps read-only access to a Deceased patient for `days_after_death` days after the status
  changed, then none;
- a carer whose own file is Inactive reads their patients' files but changes nothing."""

import re
import urllib.parse
from dataclasses import dataclass
from datetime import date, timedelta

from amass_relations.rules.carers import is_effective

INACTIVE = "Inactive"
DECEASED = "Deceased"


@dataclass(frozen=True)
class Authorization:
	patient: str
	status: str
	valid_from: date | None
	valid_until: date | None
	patient_status: str | None
	patient_status_changed_on: date | None


def visible_files(
	own: str | None,
	own_status: str | None,
	authorizations: list[Authorization],
	today: date,
	days_after_death: int,
) -> dict[str, bool]:
	"""{beneficiary: read_only} for everything the account may see; the own file first."""
	if not own or own_status == DECEASED:
		return {}
	own_read_only = own_status == INACTIVE
	files = {own: own_read_only}
	for a in authorizations:
		if a.patient in files or not is_effective(a.status, a.valid_from, a.valid_until, today):
			continue
		if a.patient_status == DECEASED:
			changed = a.patient_status_changed_on
			if changed is None or today > changed + timedelta(days=max(days_after_death, 0)):
				continue
			files[a.patient] = True
		else:
			files[a.patient] = own_read_only or a.patient_status == INACTIVE
	return files


def session_expiry(minutes: int | None, staff_expiry: str) -> str:
	"""The website user's session lifetime as Frappe's "HH:MM:SS", never longer than staff's."""
	parts = [int(p or 0) for p in (staff_expiry or "240:00:00").split(":")] + [0, 0]
	staff_seconds = parts[0] * 3600 + parts[1] * 60 + parts[2]
	seconds = min(max(int(minutes or 0), 1) * 60, staff_seconds) if minutes else staff_seconds
	return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


# What each request status means for the beneficiary: the stage shown, and whether it is still open.
# The words themselves are translated in services/portal.py.
STAGES = {
	"Draft": "draft",
	"Pending Verification": "received",
	"Under Social Research": "research",
	"Pending Committee": "committee",
	"Returned for Information": "information",
	"Approved": "approved",
	"Rejected": "rejected",
	"Registration Complete": "registered",
	"Service Delivered": "delivered",
	"Closed": "closed",
	"Withdrawn": "withdrawn",
}


def stage_of(status: str | None) -> str:
	return STAGES.get(status or "", "received")


def status_changes(versions: list[dict]) -> list[tuple]:
	"""(when, old, new) of each change of `status` in Frappe's Version data, oldest first."""
	changes = []
	for version in versions:
		for field, old, new in version.get("changed") or ():
			if field == "status" and old != new:
				changes.append((version["when"], old, new))
	return sorted(changes, key=lambda change: change[0])


def status_message_channel(
	preferred: str | None, has_mobile: bool, has_email: bool, decision_mailed: bool
) -> str | None:
	"""How a request's new status reaches its contact person: "SMS", "Email" or None. Their preferred
	channel first (Phone means SMS); a decision already goes by email through the committee's
	Notification, so no second email for it."""
	email = has_email and not decision_mailed
	if preferred == "Phone" and has_mobile:
		return "SMS"
	if preferred and preferred != "Phone" and has_email:
		return "Email" if email else None
	if has_mobile:
		return "SMS"
	return "Email" if email else None


def same_site_path(path: str | None) -> bool:
	"""A path on this site to send the browser back to: never another host (`//host`, `/\\host`, a
	scheme), which would make the language switch an open redirect."""
	if not path or not path.startswith("/") or "\\" in path:
		return False
	parts = urllib.parse.urlsplit(path)
	return not parts.scheme and not parts.netloc


# What a beneficiary writes on the portal is plain text of a bounded length.
DESCRIPTION_MAX_CHARS = 2000
MESSAGE_MAX_CHARS = 2000
_MARKUP = re.compile(r"<[a-zA-Z/!?]|&#|javascript:", re.IGNORECASE)


def text_problem(value, max_chars: int, required: bool = True) -> str | None:
	"""Why a text a beneficiary typed is refused, or None: empty (when required), too long, markup (a tag,
	an entity, a script URL) or control characters. Refused, not cleaned: what is kept is what was typed."""
	if value is not None and not isinstance(value, str):
		return "not_text"
	text = (value or "").strip()
	if not text:
		return "empty" if required else None
	if len(text) > max_chars:
		return "too_long"
	if _MARKUP.search(text):
		return "markup"
	if any(ord(ch) < 32 and ch not in "\n\r\t" for ch in text):
		return "control"
	return None


# Per account, per day (app counters: the framework's limiter keys on the IP and the method).
REQUESTS_PER_DAY = 10
UPLOADS_PER_DAY = 60
QUESTIONS_PER_DAY = 20
# Files attached to one request from the portal, replaced ones included.
UPLOADS_PER_REQUEST = 20
# Undecided statuses: the applicant may still withdraw.
WITHDRAWABLE = (
	"Draft",
	"Pending Verification",
	"Under Social Research",
	"Pending Committee",
	"Returned for Information",
)
# Statuses in which the applicant edits the request on the portal.
EDITABLE = ("Draft", "Returned for Information")
