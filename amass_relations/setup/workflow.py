"""The Support Request workflow on a site, from its definition as data (workflow/support_request.json).

Created by install code when it does not exist; on an existing site `sync_request_workflow` (the one
patch every change to the shipped workflow goes through) adds the states and transitions the app ships
that are missing, and updates a shipped transition's condition only where it still equals what an
earlier version shipped (the definition's `earlier_conditions`) — so an admin's edits in the Workflow
editor survive. Each state sets the code-owned `status` (update_field), which is what code and reports
read; conditions read only fields the app's code writes, and Frappe evaluates them on the stored record."""

import json

import frappe

from amass_relations.workflow import load

DEFINITION = load("support_request")
STATES = DEFINITION.states
# (action, from, to, role, condition, since), one a (from state, role) pair.
TRANSITIONS = DEFINITION.transitions
# A transition is known by (action, the status it starts from, role): an admin may rename states (their
# status stays), change where a move leads, or delete a move, and the sync keeps each of those edits.
EARLIER_CONDITIONS = DEFINITION.earlier_conditions
# What this site has been shipped, so that a move an admin deleted is not brought back.
SHIPPED_DEFAULT = "amass_relations_workflow_shipped"
# Shipped by version 0.1 (before the site recorded what it was shipped): all that has no later `since`.
ADDED_AFTER_0_1 = {(t.action, t.state, t.role) for t in TRANSITIONS if t.since}


def transition_key(action, state, role) -> tuple[str, str, str]:
	return (str(action), state, role)


def transition_row(action, state, next_state, role, condition, _since=None) -> dict:
	return {
		"action": action,
		"state": state,
		"next_state": next_state,
		"allowed": role,
		"allow_self_approval": 1,
		"condition": condition,
	}


def shipped_keys() -> set[tuple[str, str, str]]:
	return {transition_key(t.action, t.state, t.role) for t in TRANSITIONS}


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
	if not frappe.db.exists("Workflow", DEFINITION.workflow_name):
		ensure_request_workflow()
		record_shipped()
		return ["created"]
	workflow = frappe.get_doc("Workflow", DEFINITION.workflow_name)
	changes = []
	# The site's state for each status the app ships (an admin may have renamed it, or added another
	# state that sets the same status: the one named as the status wins).
	state_of, status_of = {}, {}
	for row in workflow.states:
		if row.update_field == DEFINITION.update_field and row.update_value:
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
	for action, state, next_state, role, condition, _since in TRANSITIONS:
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
		"update_field": DEFINITION.update_field,
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
	if frappe.db.exists("Workflow", DEFINITION.workflow_name):
		return
	for state, style, _role in STATES:
		ensure_state(state, style)
	for action in {t.action for t in TRANSITIONS}:
		ensure_action(action)
	frappe.get_doc(
		{
			"doctype": "Workflow",
			"workflow_name": DEFINITION.workflow_name,
			"document_type": DEFINITION.document_type,
			"workflow_state_field": DEFINITION.workflow_state_field,
			"is_active": 1,
			"send_email_alert": 0,
			"states": [state_row(state, role) for state, _style, role in STATES],
			"transitions": [transition_row(*transition) for transition in TRANSITIONS],
		}
	).insert(ignore_permissions=True)
