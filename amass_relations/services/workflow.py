"""Workflow steps the app's code applies (a committee decision, a delivery): always as the user who is
acting — never by switching the session user — and refused, with whose step it is, when that user's
roles do not allow it."""

import frappe
from frappe import _
from frappe.model.workflow import (
	WorkflowPermissionError,
	get_transitions,
	get_workflow,
	has_approval_access,
)


def apply_step(doctype: str, name: str, action: str, **flags):
	"""Frappe's apply_workflow for the stored record, run as the session user, with `flags` set on the
	document for its controller (e.g. who decides). The app's workflow keeps every state a draft."""
	return move(frappe.get_doc(doctype, name), action, **flags)


def move(doc, action: str, **flags):
	"""apply_step on a record already in hand, with what the step carries set on it (the portal's: a
	declaration, an answer, after its own visibility check): one save, one transaction."""
	workflow = get_workflow(doc.doctype)
	transition = next((t for t in get_transitions(doc, workflow) if t.action == action), None)
	if not transition:
		refuse(doc, workflow, action)
	if not has_approval_access(frappe.session.user, doc, transition):
		frappe.throw(_("Self approval is not allowed"), WorkflowPermissionError)
	doc.set(workflow.workflow_state_field, transition.next_state)
	state = next(s for s in workflow.states if s.state == transition.next_state)
	if state.update_field:
		doc.set(state.update_field, state.update_value)
	doc.flags.update(flags)
	doc.save()
	doc.add_comment("Workflow", _(state.state))
	return doc


@frappe.whitelist(methods=["POST"])
def apply_workflow(doc, action: str):
	"""The desk's workflow button (overrides frappe.model.workflow.apply_workflow): a step the user's
	roles do not allow, or that the record's state does not offer, is refused saying whose step it is,
	instead of the framework's bare "Not a valid Workflow Action"; the rest is Frappe's own."""
	from frappe.model import workflow as framework

	stored = frappe.get_doc(frappe.parse_json(doc))
	stored.load_from_db()
	workflow = get_workflow(stored.doctype)
	if not any(t.action == action for t in get_transitions(stored, workflow)):
		refuse(stored, workflow, action)
	return framework.apply_workflow(doc, action)


def refuse(doc, workflow, action: str):
	current = doc.get(workflow.workflow_state_field)
	roles = sorted({t.allowed for t in workflow.transitions if t.action == action and t.state == current})
	if roles and not set(roles) & set(frappe.get_roles()):
		frappe.throw(
			_("{0} is a step for {1}; {2} does not hold that role.").format(
				frappe.bold(_(action)),
				" / ".join(frappe.bold(_(role)) for role in roles),
				frappe.bold(frappe.utils.get_fullname(frappe.session.user)),
			),
			WorkflowPermissionError,
			title=_("Not Your Step"),
		)
	frappe.throw(
		_("{0} cannot be taken now: the request is {1}.").format(
			frappe.bold(_(action)), frappe.bold(_(current))
		),
		WorkflowPermissionError,
		title=_("Not Permitted"),
	)
