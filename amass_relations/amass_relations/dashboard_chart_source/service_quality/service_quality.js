frappe.provide("frappe.dashboards.chart_sources");

frappe.dashboards.chart_sources["Service Quality"] = {
	method: "amass_relations.amass_relations.dashboard_chart_source.service_quality.service_quality.get",
	filters: [
		{
			fieldname: "figure",
			label: __("Figure"),
			fieldtype: "Select",
			options: [
				{ value: "csat", label: __("Satisfaction (CSAT %)") },
				{ value: "average", label: __("Average Rating") },
				{ value: "responses", label: __("Survey Responses") },
				{ value: "response_rate", label: __("Response Rate %") },
				{ value: "complaints", label: __("Complaints Received") },
				{ value: "median_days", label: __("Median Working Days to Answer") },
			],
			default: "csat",
			reqd: 1,
		},
		{
			fieldname: "group_by",
			label: __("Group By"),
			fieldtype: "Select",
			options: [
				{ value: "month", label: __("Month") },
				{ value: "branch", label: __("Branch") },
				{ value: "service", label: __("Service Type") },
				{ value: "channel", label: __("Channel") },
				{ value: "question", label: __("Question") },
			],
			default: "month",
			reqd: 1,
		},
		{ fieldname: "from_month", label: __("From Month (YYYY-MM)"), fieldtype: "Data" },
		{ fieldname: "to_month", label: __("To Month (YYYY-MM)"), fieldtype: "Data" },
		{ fieldname: "branch_office", label: __("Branch"), fieldtype: "Link", options: "Branch Office" },
		{ fieldname: "service_type", label: __("Service Type"), fieldtype: "Link", options: "Support Service Type" },
		{ fieldname: "channel", label: __("Channel"), fieldtype: "Link", options: "Contact Channel" },
	],
};
