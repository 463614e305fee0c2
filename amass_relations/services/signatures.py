"""Signature fields are checked on save (rules/signature.py), whatever the route."""

import frappe
from frappe import _

from amass_relations.rules.signature import signature_problem


class InvalidSignatureError(frappe.ValidationError):
	pass


def check_signature(doc, fieldname: str):
	problem = signature_problem(doc.get(fieldname))
	if problem:
		frappe.throw(
			_("The signature must be drawn in the signature box (a PNG or JPEG image).")
			if problem == "not_an_image"
			else _("The signature image is too large."),
			InvalidSignatureError,
			title=_("Invalid Signature"),
		)
