"""The Support Request workflow: every state and move the policy needs.

Created by install code when it does not exist; on an existing site `sync_request_workflow` (the one
patch every change to the shipped workflow goes through) adds the states and transitions the app ships
that are missing, and updates a shipped transition's condition only where it still equals what an
earlier version shipped (`EARLIER_CONDITIONS`) — so an admin's edits in the Workflow editor survive.
Each state sets the code-owned `status` (update_field), which is what code and reports read.

Conditions read only fields the app's code writes (`committee_decision`, `delivery_complete`: see
permissions/code_owned.py), and Frappe evaluates them on the stored record."""

import json

import frappe

from amass_relations import constants as c

OFFICER, RESEARCHER, CHAIR, MANAGER, REPRESENTATIVE = (
	c.ROLE_OFFICER,
	c.ROLE_SOCIAL_RESEARCHER,
	c.ROLE_COMMITTEE_CHAIR,
	c.ROLE_MANAGER,
	c.ROLE_BRANCH_REPRESENTATIVE,
)
# The roles that record (and cancel) a Service Delivery take the request's delivery steps themselves.
DELIVERY_ROLES = (OFFICER, REPRESENTATIVE, MANAGER)

# (state, indicator style, role that may edit in this state)
STATES = (
	(c.REQUEST_DRAFT, "", OFFICER),
	(c.REQUEST_PENDING_VERIFICATION, "Info", OFFICER),
	(c.REQUEST_UNDER_RESEARCH, "Info", RESEARCHER),
	(c.REQUEST_PENDING_COMMITTEE, "Warning", CHAIR),
	(c.REQUEST_RETURNED, "Warning", OFFICER),
	(c.REQUEST_APPROVED, "Success", OFFICER),
	(c.REQUEST_REJECTED, "Danger", MANAGER),
	(c.REQUEST_REGISTRATION_COMPLETE, "Primary", OFFICER),
	(c.REQUEST_SERVICE_DELIVERED, "Success", OFFICER),
	(c.REQUEST_CLOSED, "Inverse", MANAGER),
	(c.REQUEST_WITHDRAWN, "Inverse", MANAGER),
)

DECIDED_APPROVED = f"doc.committee_decision in ('{c.DECISION_APPROVED}', '{c.DECISION_PARTIALLY_APPROVED}')"
NO_DECISION = "not doc.committee_decision"

# (action, from, to, role, condition). Conditions read fields the committee and delivery records set.
TRANSITIONS = (
	(c._lt("Submit for Verification"), c.REQUEST_DRAFT, c.REQUEST_PENDING_VERIFICATION, OFFICER, None),
	(
		c._lt("Refer to Social Research"),
		c.REQUEST_PENDING_VERIFICATION,
		c.REQUEST_UNDER_RESEARCH,
		OFFICER,
		None,
	),
	(
		c._lt("Return Research to Officer"),
		c.REQUEST_UNDER_RESEARCH,
		c.REQUEST_PENDING_VERIFICATION,
		RESEARCHER,
		None,
	),
	(c._lt("Send to Committee"), c.REQUEST_PENDING_VERIFICATION, c.REQUEST_PENDING_COMMITTEE, OFFICER, None),
	(c._lt("Approve"), c.REQUEST_PENDING_COMMITTEE, c.REQUEST_APPROVED, CHAIR, DECIDED_APPROVED),
	(
		c._lt("Reject"),
		c.REQUEST_PENDING_COMMITTEE,
		c.REQUEST_REJECTED,
		CHAIR,
		f"doc.committee_decision == '{c.DECISION_REJECTED}'",
	),
	(
		c._lt("Return for Information"),
		c.REQUEST_PENDING_COMMITTEE,
		c.REQUEST_RETURNED,
		CHAIR,
		f"doc.committee_decision == '{c.DECISION_RETURNED}'",
	),
	(c._lt("Reopen for Committee"), c.REQUEST_APPROVED, c.REQUEST_PENDING_COMMITTEE, CHAIR, NO_DECISION),
	(c._lt("Reopen for Committee"), c.REQUEST_REJECTED, c.REQUEST_PENDING_COMMITTEE, CHAIR, NO_DECISION),
	(c._lt("Reopen for Committee"), c.REQUEST_RETURNED, c.REQUEST_PENDING_COMMITTEE, CHAIR, NO_DECISION),
	(c._lt("Resubmit"), c.REQUEST_RETURNED, c.REQUEST_PENDING_VERIFICATION, OFFICER, None),
	(c._lt("Complete Registration"), c.REQUEST_APPROVED, c.REQUEST_REGISTRATION_COMPLETE, OFFICER, None),
	*tuple(
		(
			c._lt("Mark Service Delivered"),
			c.REQUEST_REGISTRATION_COMPLETE,
			c.REQUEST_SERVICE_DELIVERED,
			role,
			"doc.delivery_complete",
		)
		for role in DELIVERY_ROLES
	),
	*tuple(
		(
			c._lt("Reopen Delivery"),
			c.REQUEST_SERVICE_DELIVERED,
			c.REQUEST_REGISTRATION_COMPLETE,
			role,
			"not doc.delivery_complete",
		)
		for role in DELIVERY_ROLES
	),
	(c._lt("Close"), c.REQUEST_SERVICE_DELIVERED, c.REQUEST_CLOSED, OFFICER, None),
	*tuple(
		(c._lt("Withdraw"), state, c.REQUEST_WITHDRAWN, MANAGER, None) for state in c.REQUEST_OPEN_STATUSES
	),
)


# A transition is known by (action, the status it starts from, role): an admin may rename states (their
# status stays), change where a move leads, or delete a move, and the sync keeps each of those edits.
# (action, from status, role) -> conditions earlier versions shipped. A condition still equal to one of
# these is the app's and is updated; any other is an admin's and is kept.
EARLIER_CONDITIONS: dict[tuple[str, str, str], tuple[str | None, ...]] = {}
# What this site has been shipped, so that a move an admin deleted is not brought back.
SHIPPED_DEFAULT = "amass_relations_workflow_shipped"
# Shipped by version 0.1 (before the site recorded what it was shipped): all but the delivery steps of
# the roles other than the officer.
ADDED_AFTER_0_1 = {
	(str(action), state, role)
	for action, state, _next, role, _condition in TRANSITIONS
	if str(action) in ("Mark Service Delivered", "Reopen Delivery") and role != OFFICER
}


def transition_key(action, state, role) -> tuple[str, str, str]:
	return (str(action), state, role)


def transition_row(action, state, next_state, role, condition) -> dict:
	return {
		"action": action,
		"state": state,
		"next_state": next_state,
		"allowed": role,
		"allow_self_approval": 1,
		"condition": condition,
	}


def shipped_keys() -> set[tuple[str, str, str]]:
	return {transition_key(action, state, role) for action, state, _n, role, _c in TRANSITIONS}


def shipped_before() -> set[tuple[str, str, str]]:
	recorded = frappe.db.get_default(SHIPPED_DEFAULT)
	if recorded:
		return {tuple(key) for key in json.loads(recorded)}
	return shipped_keys() - ADDED_AFTER_0_1


def record_shipped():
	frappe.db.set_default(SHIPPED_DEFAULT, json.dumps(sorted(shipped_keys())))


def sync_request_workflow() -> list[str]:
	"""Bring an existing site's workflow to what the app ships, keeping an admin's edits. Returns what
	changed, one line each."""
	if not frappe.db.exists("Workflow", c.REQUEST_WORKFLOW):
		ensure_request_workflow()
		record_shipped()
		return ["created"]
	workflow = frappe.get_doc("Workflow", c.REQUEST_WORKFLOW)
	changes = []
	# The site's state for each status the app ships (an admin may have renamed it, or added another
	# state that sets the same status: the one named as the status wins).
	state_of, status_of = {}, {}
	for row in workflow.states:
		if row.update_field == "status" and row.update_value:
			status_of[row.state] = row.update_value
			if row.state == row.update_value or row.update_value not in state_of:
				state_of[row.update_value] = row.state
	for state, style, role in STATES:
		if state not in state_of:
			ensure_state(state, style)
			workflow.append("states", state_row(state, role))
			state_of[state] = state
			status_of[state] = state
			changes.append(f"state {state}")
	rows = {
		transition_key(t.action, status_of.get(t.state, t.state), t.allowed): t for t in workflow.transitions
	}
	before = shipped_before()
	for action, state, next_state, role, condition in TRANSITIONS:
		key = transition_key(action, state, role)
		row = rows.get(key)
		if row is None:
			if key not in before:
				ensure_action(action)
				workflow.append(
					"transitions",
					transition_row(action, state_of[state], state_of[next_state], role, condition),
				)
				changes.append(f"transition {key}")
		elif (row.condition or None) != (condition or None) and (
			row.condition or None
		) in EARLIER_CONDITIONS.get(key, ()):
			row.condition = condition
			changes.append(f"condition {key}")
	if changes:
		workflow.save(ignore_permissions=True)
	record_shipped()
	return changes


def state_row(state, role) -> dict:
	return {
		"state": state,
		"doc_status": "0",
		"allow_edit": role,
		"update_field": "status",
		"update_value": state,
	}


def ensure_state(state, style):
	if not frappe.db.exists("Workflow State", state):
		frappe.get_doc({"doctype": "Workflow State", "workflow_state_name": state, "style": style}).insert(
			ignore_permissions=True
		)


def ensure_action(action):
	if not frappe.db.exists("Workflow Action Master", action):
		frappe.get_doc({"doctype": "Workflow Action Master", "workflow_action_name": action}).insert(
			ignore_permissions=True
		)


def ensure_request_workflow():
	if frappe.db.exists("Workflow", c.REQUEST_WORKFLOW):
		return
	for state, style, _role in STATES:
		ensure_state(state, style)
	for action in {t[0] for t in TRANSITIONS}:
		ensure_action(action)
	frappe.get_doc(
		{
			"doctype": "Workflow",
			"workflow_name": c.REQUEST_WORKFLOW,
			"document_type": "Support Request",
			"workflow_state_field": "workflow_state",
			"is_active": 1,
			"send_email_alert": 0,
			"states": [state_row(state, role) for state, _style, role in STATES],
			"transitions": [transition_row(*transition) for transition in TRANSITIONS],
		}
	).insert(ignore_permissions=True)
