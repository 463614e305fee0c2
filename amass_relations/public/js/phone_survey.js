// The desk's "Record a Survey by Phone" (services/surveys.record_by_phone): the template's questions in
// a dialog; the answer is named and recorded by the member of staff, never by one the survey rates.
frappe.provide("amass_relations");

amass_relations.add_phone_survey_button = (frm) => {
	frm.add_custom_button(__("Record a Survey by Phone"), () =>
		frappe
			.call({
				method: "amass_relations.api.feedback.phone_survey_questions",
				type: "GET",
				args: { reference_doctype: frm.doctype, reference_name: frm.doc.name },
			})
			.then((r) => {
				const arabic = (frappe.boot.lang || "").startsWith("ar");
				const choices = {
					Rating: ["", "1", "2", "3", "4", "5"],
					"Yes/No": ["", "Yes", "No"],
				};
				const fields = (r.message || []).map((q) => ({
					fieldname: q.key,
					label: arabic ? q.text : q.text_en,
					fieldtype: q.question_type === "Free Text" ? "Small Text" : "Select",
					options:
						q.question_type === "One Choice"
							? ["", ...q.options.map((o) => o.value)]
							: choices[q.question_type],
					reqd: q.required ? 1 : 0,
				}));
				fields.push({ fieldname: "comment", label: __("Comment"), fieldtype: "Small Text" });
				const dialog = new frappe.ui.Dialog({
					title: __("Record a Survey by Phone"),
					fields,
					primary_action_label: __("Save"),
					primary_action(values) {
						const { comment, ...answers } = values;
						frappe
							.call({
								method: "amass_relations.api.feedback.record_phone_survey",
								args: {
									reference_doctype: frm.doctype,
									reference_name: frm.doc.name,
									answers: JSON.stringify(answers),
									comment: comment || "",
								},
								freeze: true,
							})
							.then(() => {
								dialog.hide();
								frm.reload_doc();
							});
					},
				});
				dialog.show();
			}),
		__("Actions")
	);
};
