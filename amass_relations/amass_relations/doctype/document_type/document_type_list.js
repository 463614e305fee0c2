// Standard record names are stable English names; people read them from the catalogue.
frappe.listview_settings["Document Type"] = {
	formatters: {
		name: (value) => __(value),
	},
};
