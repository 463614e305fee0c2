"""The app's workflows as data: one JSON file each in this folder (states, transitions, conditions, roles).

Read by the install code and the one workflow patch (setup/workflow.py), by the fast tests, and by the
translation catalogue (`extract`, named in the repository's babel_extractors.csv). Imports nothing from
frappe."""

import json
from pathlib import Path
from typing import NamedTuple

FOLDER = Path(__file__).resolve().parent


class State(NamedTuple):
	state: str
	style: str
	allow_edit: str


class Transition(NamedTuple):
	action: str
	state: str
	next_state: str
	role: str
	condition: str | None
	# The app version that first shipped it; None: shipped from the start.
	since: str | None = None


class Definition(NamedTuple):
	workflow_name: str
	document_type: str
	workflow_state_field: str
	update_field: str
	states: tuple[State, ...]
	transitions: tuple[Transition, ...]
	# (action, from state, role) -> conditions earlier versions shipped for that transition.
	earlier_conditions: dict[tuple[str, str, str], tuple[str | None, ...]]


def _listed(value) -> list[str]:
	return list(value) if isinstance(value, list) else [value]


def parse(data: dict) -> Definition:
	transitions = tuple(
		Transition(
			row["action"], state, row["next_state"], role, row.get("condition") or None, row.get("since")
		)
		for row in data["transitions"]
		for state in _listed(row["state"])
		for role in _listed(row["allowed"])
	)
	return Definition(
		workflow_name=data["workflow_name"],
		document_type=data["document_type"],
		workflow_state_field=data["workflow_state_field"],
		update_field=data["update_field"],
		states=tuple(
			State(row["state"], row.get("style") or "", row["allow_edit"]) for row in data["states"]
		),
		transitions=transitions,
		earlier_conditions={
			(row["action"], row["state"], row["allowed"]): tuple(row["conditions"])
			for row in data.get("earlier_conditions", ())
		},
	)


def load(name: str) -> Definition:
	"""The definition in `<name>.json` beside this file."""
	with open(FOLDER / f"{name}.json", encoding="utf-8") as f:
		return parse(json.load(f))


def messages(data: dict) -> list[str]:
	"""What a user reads of a workflow: its states and actions."""
	definition = parse(data)
	return list(
		dict.fromkeys(
			[state.state for state in definition.states] + [row.action for row in definition.transitions]
		)
	)


def extract(fileobj, *args, **kwargs):
	"""Babel extractor for this folder's JSON files (babel_extractors.csv), as Frappe's own extractors
	read doctype and report JSON."""
	for message in messages(json.load(fileobj)):
		yield None, "_", message, ["Workflow state or action of the Support Request"]
