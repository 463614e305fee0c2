import click
from frappe.commands import get_site, pass_context


@click.command("amass-load-demo-data", help="Load the app's demo data (fake, flagged demo; safe to rerun)")
@pass_context
def load_demo_data(context):
	import frappe

	from amass_relations.demo import load_demo_data as load

	site = get_site(context)
	frappe.init(site=site)
	frappe.connect()
	try:
		added = load()
	finally:
		frappe.destroy()
	click.echo(
		", ".join(f"{doctype}: {count} added" for doctype, count in added.items())
		or "demo data: nothing missing"
	)


commands = [load_demo_data]
