// Copyright (c) 2026, Amass Association and contributors
// For license information, please see license.txt

frappe.ui.form.on("Beneficiary Document", {
	setup(frm) {
		frm.set_query("document_type", () => ({ filters: { scope: "Beneficiary", enabled: 1 } }));
	},
	refresh(frm) {
		if (!frm.is_new() && !frm.doc.verified_on && frm.perm[0]?.write) {
			frm.add_custom_button(__("Verify Against Original"), () => frm.call("verify").then(() => frm.reload_doc()));
		}
	},
});
