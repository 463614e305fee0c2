// Copyright (c) 2026, Amass Association and contributors
// For license information, please see license.txt

// A complaint's or suggestion's moves (services/complaints.py through api/complaints.py): shown to
// whom the server says may handle it (its owner, the manager); each asks for what the move needs.
frappe.ui.form.on("Feedback", {
	refresh(frm) {
		const kinds = ["Complaint", "Suggestion"];
		if (!kinds.includes(frm.doc.feedback_type) || !(frm.doc.__onload || {}).may_handle) return;
		const act = (action, text, improvement_action) =>
			frappe
				.call({
					method: "amass_relations.api.complaints.act",
					args: { name: frm.doc.name, action, text: text || "", improvement_action: improvement_action || "" },
					freeze: true,
				})
				.then(() => frm.reload_doc());
		const answer = (action, title, label) => {
			const fields = [{ fieldname: "text", label, fieldtype: "Small Text", reqd: 1 }];
			if (action === "resolve") {
				fields.push({
					fieldname: "improvement_action",
					label: __("Resolved by the Improvement Action"),
					fieldtype: "Link",
					options: "Improvement Action",
					description: __("Only a done action."),
					get_query: () => ({ filters: { status: "Done" } }),
				});
			}
			frappe.prompt(fields, (v) => act(action, v.text, v.improvement_action), title, __("Save"));
		};
		const status = frm.doc.status;
		if (status === "New") frm.add_custom_button(__("Start Work"), () => act("start"), __("Actions"));
		if (["New", "In Progress"].includes(status)) {
			frm.add_custom_button(
				__("Resolve"),
				() => answer("resolve", __("Resolve"), __("The outcome, as the submitter will read it")),
				__("Actions")
			);
			frm.add_custom_button(
				__("Reject"),
				() => answer("reject", __("Reject"), __("The reason, as the submitter will read it")),
				__("Actions")
			);
		}
		if (["Resolved", "Rejected"].includes(status)) {
			frm.add_custom_button(__("Close"), () => act("close"), __("Actions"));
		}
		if (frm.doc.feedback_type === "Complaint" && ["New", "In Progress"].includes(status)) {
			frm.add_custom_button(
				__("About a Member of Staff"),
				() =>
					frappe.prompt(
						[{ fieldname: "staff_member", label: __("Member of Staff Named"), fieldtype: "Link", options: "User", reqd: 1 }],
						(v) =>
							frappe
								.call({
									method: "amass_relations.api.complaints.mark_about_staff",
									args: { name: frm.doc.name, staff_member: v.staff_member },
									freeze: true,
								})
								.then(() => frm.reload_doc()),
						__("About a Member of Staff"),
						__("Save")
					),
				__("Actions")
			);
		}
	},
});
