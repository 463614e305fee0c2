// Copyright (c) 2026, Amass Association and contributors
// For license information, please see license.txt

frappe.ui.form.on("Interaction", {
	refresh(frm) {
		if ((frm.doc.__onload || {}).survey_by_phone) {
			amass_relations.add_phone_survey_button(frm);
		}
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
		// A question from the portal: the thread's reply (the beneficiary reads it and is told) or an
		// internal note (never shown to them).
		if (!frm.is_new() && frm.doc.channel === "Website" && frm.perm[0]?.write) {
			const write = (internal) =>
				frappe.prompt(
					[{ fieldname: "message", fieldtype: "Small Text", label: internal ? __("Internal Note") : __("Reply"), reqd: 1 }],
					(values) =>
						frm.call("reply_to_beneficiary", { message: values.message, internal: internal ? 1 : 0 })
							.then(() => frm.reload_doc()),
					internal ? __("Add an Internal Note") : __("Reply to the Beneficiary"),
					internal ? __("Add") : __("Send")
				);
			frm.add_custom_button(__("Reply to the Beneficiary"), () => write(false));
			frm.add_custom_button(__("Add an Internal Note"), () => write(true));
		}
	},
});
