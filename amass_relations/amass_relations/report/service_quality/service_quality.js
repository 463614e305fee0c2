// Copyright (c) 2026, Amass Association and contributors
// For license information, please see license.txt

frappe.query_reports["Service Quality"] = {
	filters: [
		{ fieldname: "from_month", label: __("From Month (YYYY-MM)"), fieldtype: "Data", default: frappe.datetime.add_months(frappe.datetime.get_today(), -11).slice(0, 7) },
		{ fieldname: "to_month", label: __("To Month (YYYY-MM)"), fieldtype: "Data", default: frappe.datetime.get_today().slice(0, 7) },
		{ fieldname: "branch_office", label: __("Branch"), fieldtype: "Link", options: "Branch Office" },
		{ fieldname: "service_type", label: __("Service Type"), fieldtype: "Link", options: "Support Service Type" },
		{ fieldname: "channel", label: __("Channel"), fieldtype: "Link", options: "Contact Channel" },
	],
};
