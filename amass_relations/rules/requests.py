"""Support requests: what may be asked for, by whom, and who may decide."""

from decimal import Decimal, InvalidOperation

# Files a request's documents may be: scans and photos of paper documents.
ALLOWED_FILE_EXTENSIONS = ("pdf", "jpg", "jpeg", "png")


def amount_problem(is_financial: bool, amount, maximum) -> str | None:
	"""Only financial services carry an amount: positive, and at most the service's maximum."""
	try:
		value = Decimal(str(amount)) if amount not in (None, "") else Decimal(0)
	except InvalidOperation:
		return "not_a_number"
	if not is_financial:
		return "amount_on_non_financial" if value else None
	if value <= 0:
		return "not_positive"
	if maximum and value > Decimal(str(maximum)):
		return "above_maximum"
	return None


def file_problem(file_name: str | None, size_bytes: int | None, max_bytes: int) -> str | None:
	if not file_name:
		return None
	extension = file_name.rsplit(".", 1)[-1].lower() if "." in file_name else ""
	if extension not in ALLOWED_FILE_EXTENSIONS:
		return "file_type"
	if size_bytes and size_bytes > max_bytes:
		return "file_too_large"
	return None


def conflict_of_interest(
	decider: str,
	verified_by: str | None,
	researched_by: str | None,
	applied_by: str | None,
	beneficiary_user: str | None,
) -> str | None:
	"""Why `decider` may not decide a request, or None. One rule for every path a decision takes."""
	for role, user in (
		("verified", verified_by),
		("researched", researched_by),
		("applied", applied_by),
		("is_beneficiary", beneficiary_user),
	):
		if user and user == decider:
			return role
	return None


def declaration_voided(before: dict, after: dict, watched: tuple[str, ...]) -> bool:
	"""A signed declaration covers the data as signed: any change to a watched value voids it."""
	return any(before.get(field) != after.get(field) for field in watched)


# What a file's first bytes say it is, whatever its name: the only kinds a request's documents may be.
MAGIC_BYTES = (
	(b"%PDF-", "pdf"),
	(b"\x89PNG\r\n\x1a\n", "png"),
	(b"\xff\xd8\xff", "jpg"),
)
# Enough of a file to tell its kind.
MAGIC_LENGTH = 8


def content_kind(head: bytes | None) -> str | None:
	"""'pdf', 'png' or 'jpg' by the file's content (its magic bytes), else None."""
	for magic, kind in MAGIC_BYTES:
		if head and head.startswith(magic):
			return kind
	return None


def upload_problem(head: bytes | None, size_bytes: int, max_bytes: int) -> str | None:
	"""Why an uploaded file is refused, by its content and size (never its name), or None."""
	if not size_bytes:
		return "empty"
	if size_bytes > max_bytes:
		return "file_too_large"
	if not content_kind(head):
		return "file_type"
	return None
