"""The Support Request workflow: every state and move the policy needs, shipped once.

Created by install code and the post_model_sync patch only when the workflow does not exist, so an
admin's edits in the Workflow editor (renamed states, added states, changed roles) survive `bench
migrate`. Each state sets the code-owned `status` (update_field), which is what code and reports read."""

import frappe

from amass_relations import constants as c

OFFICER, RESEARCHER, CHAIR, MANAGER = (
	c.ROLE_OFFICER,
	c.ROLE_SOCIAL_RESEARCHER,
	c.ROLE_COMMITTEE_CHAIR,
	c.ROLE_MANAGER,
)

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
	(
		c._lt("Mark Service Delivered"),
		c.REQUEST_REGISTRATION_COMPLETE,
		c.REQUEST_SERVICE_DELIVERED,
		OFFICER,
		"doc.delivery_complete",
	),
	(
		c._lt("Reopen Delivery"),
		c.REQUEST_SERVICE_DELIVERED,
		c.REQUEST_REGISTRATION_COMPLETE,
		OFFICER,
		"not doc.delivery_complete",
	),
	(c._lt("Close"), c.REQUEST_SERVICE_DELIVERED, c.REQUEST_CLOSED, OFFICER, None),
	*tuple(
		(c._lt("Withdraw"), state, c.REQUEST_WITHDRAWN, MANAGER, None) for state in c.REQUEST_OPEN_STATUSES
	),
)


def ensure_request_workflow():
	if frappe.db.exists("Workflow", c.REQUEST_WORKFLOW):
		return
	for state, style, _role in STATES:
		if not frappe.db.exists("Workflow State", state):
			frappe.get_doc(
				{"doctype": "Workflow State", "workflow_state_name": state, "style": style}
			).insert(ignore_permissions=True)
	for action in {t[0] for t in TRANSITIONS}:
		if not frappe.db.exists("Workflow Action Master", action):
			frappe.get_doc({"doctype": "Workflow Action Master", "workflow_action_name": action}).insert(
				ignore_permissions=True
			)
	frappe.get_doc(
		{
			"doctype": "Workflow",
			"workflow_name": c.REQUEST_WORKFLOW,
			"document_type": "Support Request",
			"workflow_state_field": "workflow_state",
			"is_active": 1,
			"send_email_alert": 0,
			"states": [
				{
					"state": state,
					"doc_status": "0",
					"allow_edit": role,
					"update_field": "status",
					"update_value": state,
				}
				for state, _style, role in STATES
			],
			"transitions": [
				{
					"action": action,
					"state": state,
					"next_state": next_state,
					"allowed": role,
					"allow_self_approval": 1,
					"condition": condition,
				}
				for action, state, next_state, role, condition in TRANSITIONS
			],
		}
	).insert(ignore_permissions=True)
