"""Demo data for a dev or training site: clearly fake, flagged `is_demo`, safe to load twice."""

import frappe

# Channels an admin might add beside the policy's eight, to show that the list is theirs to extend.
DEMO_CHANNELS = (
	("WhatsApp (Demo)", "Demo record: messages to the association's WhatsApp number."),
	("Community Event (Demo)", "Demo record: awareness days and hospital visits."),
)


def load_demo_data() -> dict[str, int]:
	"""Insert the demo records that are missing; returns how many of each were added."""
	added = {"Contact Channel": 0}
	for position, (name, description) in enumerate(DEMO_CHANNELS, start=1):
		if frappe.db.exists("Contact Channel", name):
			continue
		frappe.get_doc(
			{
				"doctype": "Contact Channel",
				"channel_name": name,
				"description": description,
				"sort_order": 1000 + position,
				"is_demo": 1,
			}
		).insert(ignore_permissions=True)
		added["Contact Channel"] += 1
	frappe.db.commit()
	return added
