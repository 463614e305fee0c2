// Copyright (c) 2026, Amass Association and contributors
// For license information, please see license.txt

// Staff record a complaint or suggestion received by any channel (api/complaints.py record).
frappe.listview_settings["Feedback"] = {
	add_fields: ["feedback_type", "status", "due_on"],
	get_indicator(doc) {
		if (!doc.status) return [__(doc.feedback_type), "blue", `feedback_type,=,${doc.feedback_type}`];
		const overdue = ["New", "In Progress"].includes(doc.status) && doc.due_on && doc.due_on < frappe.datetime.get_today();
		if (overdue) return [__("Overdue"), "red", "status,in,New,In Progress"];
		const colour = { New: "orange", "In Progress": "yellow", Resolved: "green", Rejected: "grey", Closed: "darkgrey" }[doc.status];
		return [__(doc.status), colour, `status,=,${doc.status}`];
	},
	onload(listview) {
		listview.page.add_inner_button(__("Record a Complaint or Suggestion"), () => amass_relations_record_complaint());
	},
};

function amass_relations_record_complaint(defaults) {
	const dialog = new frappe.ui.Dialog({
		title: __("Record a Complaint or Suggestion"),
		fields: [
			{ fieldname: "kind", label: __("Kind"), fieldtype: "Select", reqd: 1, default: "Complaint",
				options: [{ value: "Complaint", label: __("Complaint") }, { value: "Suggestion", label: __("Suggestion") }] },
			{ fieldname: "channel", label: __("Channel"), fieldtype: "Link", options: "Contact Channel", reqd: 1 },
			{ fieldname: "beneficiary", label: __("Beneficiary"), fieldtype: "Link", options: "Beneficiary" },
			{ fieldname: "support_request", label: __("Support Request"), fieldtype: "Link", options: "Support Request" },
			{ fieldname: "text", label: __("What was said"), fieldtype: "Small Text", reqd: 1 },
			{ fieldname: "staff_member", label: __("About a Member of Staff"), fieldtype: "Link", options: "User" },
			{ fieldname: "anonymous", label: __("Anonymous"), fieldtype: "Check" },
			{ fieldname: "name", label: __("Submitter's Name"), fieldtype: "Data", depends_on: "eval:!doc.beneficiary && !doc.anonymous" },
			{ fieldname: "mobile", label: __("Submitter's Mobile"), fieldtype: "Data", depends_on: "eval:!doc.beneficiary && !doc.anonymous" },
			{ fieldname: "email", label: __("Submitter's Email"), fieldtype: "Data", options: "Email", depends_on: "eval:!doc.beneficiary && !doc.anonymous" },
			{ fieldname: "consent", label: __("Agreed to Be Contacted"), fieldtype: "Check", depends_on: "eval:!doc.beneficiary && !doc.anonymous" },
		],
		primary_action_label: __("Save"),
		primary_action(values) {
			frappe
				.call({ method: "amass_relations.api.complaints.record", args: values, freeze: true })
				.then((r) => {
					dialog.hide();
					frappe.set_route("Form", "Feedback", r.message);
				});
		},
	});
	dialog.set_values(defaults || {});
	dialog.show();
}
