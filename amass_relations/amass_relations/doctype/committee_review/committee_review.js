// Copyright (c) 2026, Amass Association and contributors
// For license information, please see license.txt

frappe.ui.form.on("Committee Review", {
	refresh(frm) {
		if (frm.doc.docstatus === 1 && frm.doc.letter_state === "Failed") {
			frm.add_custom_button(__("Prepare the Letter Again"), () =>
				frm.call("prepare_letter_again").then(() => frm.reload_doc())
			);
		}
	},
});
