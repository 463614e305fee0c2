// Copyright (c) 2026, Amass Association and contributors
// For license information, please see license.txt

frappe.ui.form.on("Contact Channel", {
	refresh(frm) {
		if (frm.doc.is_standard) {
			frm.set_intro(__("This channel comes from the policy. You may disable it or edit its description, but not rename or delete it."), "blue");
		}
	},
});
