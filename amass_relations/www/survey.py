"""/survey/<token>: a satisfaction survey answered from its link, without signing in (services/surveys.py).
A used, expired or forged link gets a clear page in the person's language, never an error; the answer
is a plain form POST, so it works without JavaScript."""

import frappe
from frappe import _

from amass_relations.services import surveys

no_cache = 1
sitemap = 0


def get_context(context):
	frappe.local.no_cache = 1
	context.no_cache = 1
	context.no_breadcrumbs = 1
	token = frappe.form_dict.get("token") or ""
	state, invitation = surveys.open_invitation(token)
	if invitation and invitation.language in ("ar", "en") and not frappe.form_dict.get("_lang"):
		frappe.local.lang = invitation.language
	context.lang = frappe.local.lang
	context.language = "ar" if (frappe.local.lang or "").startswith("ar") else "en"
	context.layout_direction = "rtl" if context.language == "ar" else "ltr"
	context.state, context.errors, context.given = state, {}, {}
	context.title = _("How was our service?")
	# Signed-in visitors' sessions check a CSRF token on the form's POST; a guest's has none.
	context.csrf_token = frappe.sessions.get_csrf_token() if frappe.session.user != "Guest" else ""
	if state == surveys.OPEN:
		try:
			answer(context, token, invitation)
		except Exception as e:
			# Nothing half-kept (Frappe would commit a POST whose page failed): the link stays open. The
			# log holds the kind of failure only: a traceback would keep the answer beside its invitation.
			frappe.db.rollback()
			frappe.log_error(title="Survey page failed", message=type(e).__name__)
			frappe.db.commit()
			context.state = "unavailable"
	if context.state != surveys.OPEN:
		context.title = {
			"thanks": _("Thank you"),
			"unavailable": _("The survey is not available right now"),
			surveys.USED: _("This survey has already been answered"),
			surveys.EXPIRED: _("This survey link has expired"),
		}.get(context.state, _("This survey link is not valid"))


def answer(context, token: str, invitation):
	_template, questions = surveys.survey_of(invitation)
	context.questions = questions
	context.anonymous_default = True
	if frappe.request and frappe.request.method == "POST":
		form = dict(frappe.form_dict)
		result = surveys.submit(token, form)
		if result.get("errors"):
			frappe.db.rollback()
			context.errors = result["errors"]
			context.given = {k: v for k, v in form.items() if isinstance(v, str)}
			context.anonymous_default = bool(form.get("anonymous"))
		else:
			frappe.db.commit()
			context.state = result["state"]
			context.anonymous = result.get("anonymous")
			context.complaint = {"reference": result.get("reference"), "code": result.get("code")}
