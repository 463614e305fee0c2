// Channel names are stable English record names; people read them from the catalogue.
frappe.listview_settings["Contact Channel"] = {
	formatters: {
		name: (value) => __(value),
		channel_name: (value) => __(value),
	},
};
