"""Decision letters, made after the committee's decisions commit.

Submitting a meeting writes its decisions in one transaction and renders nothing: rendering goes through
Frappe's print view, which writes an Access Log and commits outside tests, so a letter rendered inside the
submission would commit half a meeting. Each submitted review queues one job after the commit
(`enqueue_after_commit`); the job is idempotent (a review whose letter exists is left alone), renders
the PDF and attaches it to the request in the worker's own transaction. A failure rolls that transaction
back — Frappe deletes a new File's bytes on rollback, so no orphan file stays — and records the failure
on the review; the scheduler retries a failed letter up to `MAX_ATTEMPTS` times, and staff retry it from
the review, the meeting or the request."""

import frappe
from frappe import _
from frappe.utils import add_to_date, now_datetime

from amass_relations import constants as c

MAX_ATTEMPTS = 3
# A letter still "being prepared" this long after its last change lost its job (a worker restarted).
STALE_MINUTES = 15
RETRY_ROLES = {
	c.ROLE_OFFICER,
	c.ROLE_MANAGER,
	c.ROLE_COMMITTEE_CHAIR,
	c.ROLE_COMMITTEE_SECRETARY,
	"System Manager",
}


def job_id(review: str) -> str:
	return f"amass-decision-letter::{review}"


def queue_letter(review: str):
	"""Mark the letter as being prepared and queue its job for after the current transaction commits."""
	frappe.db.set_value(
		"Committee Review",
		review,
		{"letter_state": c.LETTER_PREPARING, "letter_error": None},
		update_modified=False,
	)
	frappe.enqueue(
		make_letter,
		queue="short",
		job_id=job_id(review),
		deduplicate=True,
		enqueue_after_commit=True,
		review=review,
	)


def make_letter(review: str):
	"""The job: render the letter of a submitted review and attach it to its request, once."""
	# One letter a review, whoever runs this at the same time (a job, a retry, the demo loader): the row
	# lock orders them, and what decides is read under it with locking reads, which see the latest commit
	# (a plain read may see this transaction's older snapshot, from before the other one made the letter).
	stored = frappe.db.get_value(
		"Committee Review",
		review,
		["docstatus", "decision_letter", "support_request"],
		as_dict=True,
		for_update=True,
	)
	if not stored or stored.docstatus != 1:
		return  # cancelled since: no letter for a decision that no longer stands
	if stored.decision_letter and frappe.db.get_value(
		"File",
		{
			"file_url": stored.decision_letter,
			"attached_to_doctype": "Support Request",
			"attached_to_name": stored.support_request,
		},
		"name",
		for_update=True,
	):
		_set_state(review, c.LETTER_READY)
		return
	doc = frappe.get_doc("Committee Review", review)
	try:
		_render_and_attach(doc)
	except Exception:  # any failure: nothing of this attempt stays, the failure is recorded
		frappe.db.rollback()  # the File row and its bytes on disk go with it
		error = frappe.get_traceback()
		frappe.log_error(title=_("Decision letter {0} failed").format(review), message=error)
		# The rollback released the row: another maker may have made the letter since, and keeps it.
		state = frappe.db.get_value("Committee Review", review, "letter_state", for_update=True)
		if state != c.LETTER_READY:
			frappe.db.set_value(
				"Committee Review",
				review,
				{
					"letter_state": c.LETTER_FAILED,
					"letter_error": error.strip().splitlines()[-1][:500],
					"letter_attempts": (doc.letter_attempts or 0) + 1,
				},
				update_modified=False,
			)
		frappe.db.commit()
	finally:
		frappe.flags.ignore_print_permissions = False


def _render_and_attach(doc):
	# The letter is the system's record of the decision, whoever queued it (a staff retry, the
	# scheduler): it does not depend on that user's right to print reviews.
	frappe.flags.ignore_print_permissions = True
	pdf = frappe.get_print(doc.doctype, doc.name, "Decision Letter", doc=doc, as_pdf=True)
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": f"decision-letter-{doc.name}.pdf",
			"attached_to_doctype": "Support Request",
			"attached_to_name": doc.support_request,
			"is_private": 1,
			"content": pdf,
		}
	).insert(ignore_permissions=True)
	frappe.db.set_value(
		"Committee Review",
		doc.name,
		{"decision_letter": file.file_url, "letter_state": c.LETTER_READY, "letter_error": None},
		update_modified=False,
	)
	frappe.db.commit()


def _set_state(review: str, state: str):
	frappe.db.set_value("Committee Review", review, "letter_state", state, update_modified=False)


def retry_failed_letters():
	"""Scheduler: queue again each failed letter with attempts left, and each letter whose job was lost."""
	review = frappe.qb.DocType("Committee Review")
	stale = add_to_date(now_datetime(), minutes=-STALE_MINUTES)
	for name in (
		frappe.qb.from_(review)
		.select(review.name)
		.where(review.docstatus == 1)
		.where(
			((review.letter_state == c.LETTER_FAILED) & (review.letter_attempts < MAX_ATTEMPTS))
			| ((review.letter_state == c.LETTER_PREPARING) & (review.modified < stale))
		)
		.limit(200)
		.run(pluck=True)
	):
		queue_letter(name)
	frappe.db.commit()


def retry_letter(review: str):
	"""Staff's retry (from the review, the meeting or the request): queue the letter again now."""
	user = frappe.session.user
	if not (RETRY_ROLES & set(frappe.get_roles(user))):
		frappe.throw(_("Only staff may prepare a decision letter again."), frappe.PermissionError)
	doc = frappe.get_doc("Committee Review", review)
	doc.check_permission("read")
	if doc.docstatus != 1:
		frappe.throw(_("A letter is made only for a decision the committee has recorded."))
	if doc.letter_state == c.LETTER_READY:
		return doc.letter_state
	frappe.db.set_value("Committee Review", review, "letter_attempts", 0, update_modified=False)
	queue_letter(review)
	return c.LETTER_PREPARING


def letter_state_of_request(request: str) -> str | None:
	"""The state of the letter of the request's standing decision (its latest submitted review)."""
	state = frappe.get_all(
		"Committee Review",
		filters={"support_request": request, "docstatus": 1},
		fields=["letter_state"],
		order_by="creation desc",
		limit=1,
		pluck="letter_state",
	)
	return state[0] if state else None
