// Copyright (c) 2026, Amass Association and contributors
// For license information, please see license.txt

frappe.ui.form.on("Carer Authorization", {
	setup(frm) {
		frm.set_query("carer", (doc) => ({ filters: { name: ["!=", doc.patient || ""] } }));
	},
});
