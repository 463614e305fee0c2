// Copyright (c) 2026, Amass Association and contributors
// For license information, please see license.txt

frappe.ui.form.on("Committee Meeting", {
	setup(frm) {
		const chairs = () => ({
			query: "frappe.core.doctype.user.user.user_query",
			filters: { role: "Research Committee Chair" },
		});
		frm.set_query("chair", chairs);
		frm.set_query("vice_chair", chairs);
	},
	onload(frm) {
		// Amending a cancelled meeting copies its agenda, not its cancelled reviews: the server gives each
		// row a fresh draft review when the amendment is saved.
		if (frm.is_new() && frm.doc.amended_from) {
			(frm.doc.agenda || []).forEach((row) => (row.committee_review = null));
		}
	},
	refresh(frm) {
		if (frm.doc.docstatus === 0) {
			frm.add_custom_button(__("Pull Pending Requests"), () =>
				frm.call("pull_pending_requests").then((r) => {
					frappe.show_alert({ message: __("{0} requests added to the agenda", [r.message || 0]), indicator: "green" });
					frm.reload_doc();
				})
			);
		}
	},
});
