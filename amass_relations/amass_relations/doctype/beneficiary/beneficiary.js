// Copyright (c) 2026, Amass Association and contributors
// For license information, please see license.txt

frappe.ui.form.on("Beneficiary", {
	refresh(frm) {
		if (!frm.is_new() && frappe.model.can_read("Beneficiary Medical Profile")) {
			frm.add_custom_button(__("Medical Profile"), () => {
				frappe.db.exists("Beneficiary Medical Profile", frm.doc.name).then((exists) => {
					if (exists) {
						frappe.set_route("Form", "Beneficiary Medical Profile", frm.doc.name);
					} else {
						frappe.new_doc("Beneficiary Medical Profile", { beneficiary: frm.doc.name });
					}
				});
			});
		}
	},
});
