// Copyright (c) 2026, Amass Association and contributors
// For license information, please see license.txt

frappe.ui.form.on("Interaction", {
	refresh(frm) {
		if (!frm.is_new() && !frm.doc.referred_to && frm.doc.status === "Open") {
			frm.add_custom_button(__("Refer to Social Researcher"), () => {
				frappe.prompt(
					[{ fieldname: "researcher", fieldtype: "Link", options: "User", label: __("Social Researcher"), reqd: 1 }],
					(values) => frm.call("refer_to_social_researcher", values).then(() => frm.reload_doc()),
					__("Refer to Social Research"),
					__("Refer")
				);
			});
		}
	},
});
