// Copyright (c) 2026, Amass Association and contributors
// For license information, please see license.txt

frappe.query_reports["Decision Time"] = {
	filters: [
		{ fieldname: "from_date", label: __("From Date"), fieldtype: "Date", default: frappe.datetime.add_months(frappe.datetime.get_today(), -12) },
		{ fieldname: "to_date", label: __("To Date"), fieldtype: "Date", default: frappe.datetime.get_today() },
		{ fieldname: "service_type", label: __("Service Type"), fieldtype: "Link", options: "Support Service Type" },
		{ fieldname: "branch_office", label: __("Branch Office"), fieldtype: "Link", options: "Branch Office" },
	],
};
