// Copyright (c) 2026, Amass Association and contributors
// For license information, please see license.txt

frappe.ui.form.on("SMS Outbox", {
	refresh(frm) {
		if (!["Failed", "Uncertain"].includes(frm.doc.status) || !frm.doc.__onload?.may_send_again) {
			return;
		}
		frm.add_custom_button(__("Send Again"), () => {
			const ask =
				frm.doc.status === "Uncertain"
					? __("The gateway may have delivered this message already. Send it again?")
					: __("Send this message again?");
			frappe.confirm(ask, () =>
				frm.call("send_again").then(() => frm.reload_doc())
			);
		});
	},
});
