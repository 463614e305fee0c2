"""Letters made before they had a state: those attached are Ready; a submitted review without one is
marked Failed with no attempt spent, so the scheduler prepares it."""

import frappe

from amass_relations import constants as c


def execute():
	review = frappe.qb.DocType("Committee Review")
	unset = (review.docstatus == 1) & ((review.letter_state.isnull()) | (review.letter_state == ""))
	frappe.qb.update(review).set(review.letter_state, c.LETTER_READY).where(
		unset & (review.decision_letter.notnull()) & (review.decision_letter != "")
	).run()
	frappe.qb.update(review).set(review.letter_state, c.LETTER_FAILED).set(review.letter_attempts, 0).where(
		unset
	).run()
