"""The Support Request workflow as data (amass_relations/workflow/support_request.json): what the install
code and the workflow patch read must fit the app's statuses, roles and code-owned fields."""

import io
import json
import re
import unittest

from amass_relations import constants as c
from amass_relations.workflow import FOLDER, extract, load

DEFINITION = load("support_request")
STATUSES = {
	c.REQUEST_DRAFT,
	c.REQUEST_PENDING_VERIFICATION,
	c.REQUEST_UNDER_RESEARCH,
	c.REQUEST_PENDING_COMMITTEE,
	c.REQUEST_RETURNED,
	c.REQUEST_APPROVED,
	c.REQUEST_REJECTED,
	c.REQUEST_REGISTRATION_COMPLETE,
	c.REQUEST_SERVICE_DELIVERED,
	c.REQUEST_CLOSED,
	c.REQUEST_WITHDRAWN,
}
# The fields the app's code writes (permissions/code_owned.py): no one can make a condition true by hand.
CONDITION_FIELDS = {"committee_decision", "delivery_complete"}
DECISIONS = {c.DECISION_APPROVED, c.DECISION_PARTIALLY_APPROVED, c.DECISION_REJECTED, c.DECISION_RETURNED}


class TestWorkflowDefinition(unittest.TestCase):
	def test_it_is_the_request_workflow_setting_the_status(self):
		self.assertEqual(DEFINITION.workflow_name, c.REQUEST_WORKFLOW)
		self.assertEqual(DEFINITION.document_type, "Support Request")
		self.assertEqual(DEFINITION.update_field, "status")

	def test_its_states_are_the_app_statuses_each_edited_by_an_app_role(self):
		states = [state.state for state in DEFINITION.states]
		self.assertEqual(len(states), len(set(states)))
		self.assertEqual(set(states), STATUSES)
		for state in DEFINITION.states:
			self.assertIn(state.allow_edit, c.DESK_ROLES, state)

	def test_every_transition_joins_known_states_for_an_app_role(self):
		keys = [(t.action, t.state, t.role) for t in DEFINITION.transitions]
		self.assertEqual(len(keys), len(set(keys)), "a transition listed twice")
		for t in DEFINITION.transitions:
			self.assertIn(t.state, STATUSES, t)
			self.assertIn(t.next_state, STATUSES, t)
			self.assertIn(t.role, c.DESK_ROLES + c.PORTAL_ROLES, t)

	def test_the_beneficiary_submits_answers_and_withdraws_only_while_undecided(self):
		portal = {
			(t.action, t.state, t.next_state) for t in DEFINITION.transitions if t.role in c.PORTAL_ROLES
		}
		self.assertEqual(
			{action for action, _state, _next in portal},
			{"Submit for Verification", "Resubmit", "Withdraw"},
		)
		undecided = {"Draft", "Pending Verification", "Under Social Research", "Pending Committee"}
		for action, state, next_state in portal:
			self.assertIn(state, undecided | {"Returned for Information"}, action)
			self.assertIn(next_state, {"Pending Verification", "Withdrawn"}, action)
			self.assertEqual(
				next(
					t.since
					for t in DEFINITION.transitions
					if (t.action, t.state) == (action, state) and t.role in c.PORTAL_ROLES
				),
				"0.3",
			)

	def test_conditions_read_only_code_owned_fields_and_known_decisions(self):
		for t in DEFINITION.transitions:
			if not t.condition:
				continue
			self.assertEqual(set(re.findall(r"doc\.(\w+)", t.condition)) - CONDITION_FIELDS, set(), t)
			self.assertEqual(set(re.findall(r"'([^']+)'", t.condition)) - DECISIONS, set(), t)

	def test_the_committee_alone_decides_and_only_on_its_recorded_decision(self):
		for t in DEFINITION.transitions:
			if t.state == c.REQUEST_PENDING_COMMITTEE and t.next_state != c.REQUEST_WITHDRAWN:
				self.assertEqual(t.role, c.ROLE_COMMITTEE_CHAIR, t)
				self.assertIn("committee_decision", t.condition or "", t)

	def test_every_open_request_can_be_withdrawn_and_no_state_is_a_dead_end(self):
		withdrawable = {t.state for t in DEFINITION.transitions if t.next_state == c.REQUEST_WITHDRAWN}
		self.assertEqual(withdrawable, set(c.REQUEST_OPEN_STATUSES))
		leaving = {t.state for t in DEFINITION.transitions}
		final = {c.REQUEST_CLOSED, c.REQUEST_WITHDRAWN}
		self.assertEqual(STATUSES - leaving, final)

	def test_the_catalogue_reads_every_state_and_action(self):
		with open(FOLDER / "support_request.json", encoding="utf-8") as f:
			data = json.load(f)
		messages = {message for _line, _fn, message, _comments in extract(io.StringIO(json.dumps(data)))}
		self.assertEqual(messages, STATUSES | {t.action for t in DEFINITION.transitions})
