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
		if (!frm.is_new() && frm.perm[0] && frm.perm[0].write) {
			if (!frm.doc.user) {
				frm.add_custom_button(
					__("Invite to Portal"),
					() =>
						frappe.prompt(
							[
								{
									fieldname: "channel",
									fieldtype: "Select",
									label: __("Send the invitation by"),
									options: [
										{ value: "Email", label: __("Email") },
										{ value: "SMS", label: __("SMS") },
									],
									default: frm.doc.email ? "Email" : "SMS",
									reqd: 1,
								},
							],
							(values) =>
								frm.call("invite_to_portal", values).then(() => frm.reload_doc()),
							__("Invite to Portal"),
							__("Send"),
						),
					__("Portal"),
				);
				// The person is here with their ID: link the account they signed up with (a file
				// without a mobile, or a lost phone after unlinking).
				frm.add_custom_button(
					__("Link Account in Person"),
					() =>
						frappe.prompt(
							[
								{
									fieldname: "account",
									fieldtype: "Data",
									label: __("The account's email or mobile number"),
									reqd: 1,
								},
								{
									fieldname: "reason",
									fieldtype: "Small Text",
									label: __("How the person was verified"),
									reqd: 1,
								},
							],
							(values) =>
								frm.call("link_account_in_person", values).then(() => frm.reload_doc()),
							__("Link Account in Person"),
							__("Link the Account"),
						),
					__("Portal"),
				);
			} else {
				frm.add_custom_button(
					__("Unlink Portal Account"),
					() =>
						frappe.prompt(
							[{ fieldname: "reason", fieldtype: "Small Text", label: __("Reason"), reqd: 1 }],
							(values) =>
								frm.call("unlink_portal_account", values).then(() => frm.reload_doc()),
							__("Unlink Portal Account"),
							__("Unlink"),
						),
					__("Portal"),
				);
			}
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
