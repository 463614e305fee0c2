"""The one patch for every change to the shipped Support Request workflow: it adds what is missing and
updates what the app shipped, keeping an admin's edits (setup/workflow.py, sync_request_workflow).
A later change to the workflow re-runs it by changing its line in patches.txt (a trailing #comment)."""

from amass_relations.setup.workflow import sync_request_workflow


def execute():
	sync_request_workflow()
