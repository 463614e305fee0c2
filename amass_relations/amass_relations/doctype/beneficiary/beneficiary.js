// Copyright (c) 2026, Amass Association and contributors
// For license information, please see license.txt

frappe.ui.form.on("Beneficiary", {
	refresh(frm) {
		const may_change_status =
			frappe.user.has_role("Beneficiary Relations Officer") ||
			frappe.user.has_role("Beneficiary Relations Manager");
		if (!frm.is_new() && may_change_status && frm.perm[0] && frm.perm[0].write) {
			frm.add_custom_button(__("Change Status"), () => {
				const choices = ["Inactive", "Deceased", "Active"].map((value) => ({
					value,
					label: __(value),
				}));
				frappe.prompt(
					[
						{ fieldname: "status", fieldtype: "Select", label: __("Status"), options: choices, reqd: 1 },
						{ fieldname: "reason", fieldtype: "Small Text", label: __("Reason"), reqd: 1 },
					],
					(values) =>
						frm.call("change_status", values).then(() => frm.reload_doc()),
					__("Change Status"),
					__("Save"),
				);
			});
		}
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
