"""Shares of beneficiaries' records left by an older version would open records the walls close."""

from amass_relations.permissions.sharing import remove_shares


def execute():
	remove_shares()
