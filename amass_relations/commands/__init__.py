import click
from frappe.commands import get_site, pass_context


@click.command("amass-load-demo-data", help="Load the app's demo data (fake, flagged demo; safe to rerun)")
@click.option(
	"--password",
	help="Password of the demo users created by this run (default: a random one, printed); "
	"users that exist keep theirs",
)
@pass_context
def load_demo_data(context, password=None):
	import frappe

	from amass_relations.demo import load_demo_data as load

	site = get_site(context)
	frappe.init(site=site)
	frappe.connect()
	try:
		result = load(password)
	finally:
		frappe.destroy()
	print_logins(result.logins)
	added = ", ".join(f"{doctype}: {count} added" for doctype, count in result.added.items())
	if added or not result.problems:
		click.echo(added or "demo data: nothing missing")
	if result.problems:
		click.echo(
			"demo data: not all made; run the command again after fixing:\n  " + "\n  ".join(result.problems)
		)
		raise SystemExit(1)


def print_logins(logins):
	"""The demo logins as a table; a password only for the users this run created."""
	rows = [("email", "role", "branch", "password")] + [
		(
			login.email,
			login.role,
			login.branch or "(all branches)",
			login.password if login.password is not None else "(unchanged)",
		)
		for login in logins
	]
	widths = [max(len(row[i]) for row in rows) for i in range(4)]
	click.echo("demo logins:")
	for row in rows:
		click.echo(
			"  " + "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
		)


commands = [load_demo_data]
