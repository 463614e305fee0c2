// Pending requests show the committee's due date; past it, an overdue indicator (policy S5).
frappe.listview_settings["Support Request"] = {
	add_fields: ["status", "committee_due_date", "deadline_state"],
	get_indicator(doc) {
		if (doc.status === "Pending Committee" && doc.deadline_state === "Overdue") {
			return [__("Overdue"), "red", "deadline_state,=,Overdue"];
		}
		if (doc.status === "Pending Committee" && doc.deadline_state === "Due Soon") {
			return [__("Due Soon"), "orange", "deadline_state,=,Due Soon"];
		}
	},
};
