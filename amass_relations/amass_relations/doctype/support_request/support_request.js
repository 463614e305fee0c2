// Copyright (c) 2026, Amass Association and contributors
// For license information, please see license.txt

frappe.ui.form.on("Support Request", {
	setup(frm) {
		frm.set_query("applicant", () => ({
			query: "amass_relations.amass_relations.doctype.support_request.support_request_queries.people_acting_for",
			filters: { beneficiary: frm.doc.beneficiary },
		}));
		frm.set_query("contact_person", () => ({
			query: "amass_relations.amass_relations.doctype.support_request.support_request_queries.people_acting_for",
			filters: { beneficiary: frm.doc.beneficiary },
		}));
		frm.set_query("service_type", () => ({ filters: { enabled: 1 } }));
		frm.set_query("channel", () => ({ filters: { enabled: 1 } }));
	},
	refresh(frm) {
		if (frm.is_new()) return;
		// Why this request cannot take its next step: every failing check, in plain words.
		const blocked = (frm.doc.__onload || {}).blocked_by || [];
		if (blocked.length) {
			frm.dashboard.add_comment(
				`<b>${__("Why this request is blocked")}</b><ul>${blocked.map((p) => `<li>${p}</li>`).join("")}</ul>`,
				"orange",
				true
			);
		}
		if (frm.doc.decision_letter_state === "Failed") {
			frm.dashboard.add_comment(__("The decision letter failed to be prepared."), "red", true);
			frm.add_custom_button(__("Prepare the Decision Letter Again"), () =>
				frappe.db
					.get_value("Committee Review", { support_request: frm.doc.name, docstatus: 1 }, "name")
					.then((r) =>
						frappe.call({
							method: "run_doc_method",
							args: { dt: "Committee Review", dn: r.message.name, method: "prepare_letter_again" },
						})
					)
					.then(() => frm.reload_doc())
			);
		}
		if ((frm.doc.__onload || {}).survey_by_phone) {
			amass_relations.add_phone_survey_button(frm);
		}
		if (frm.doc.status === "Pending Verification" && !frm.doc.verified_on && frm.perm[0]?.write) {
			frm.add_custom_button(__("Verify at Submission"), () =>
				frm.call("verify_submission").then(() => frm.reload_doc())
			);
		}
		if (frm.doc.status === "Pending Verification" && frm.perm[0]?.write) {
			frm.add_custom_button(__("Refer to Social Researcher"), () => {
				frappe.prompt(
					[{ fieldname: "researcher", fieldtype: "Link", options: "User", label: __("Social Researcher"), reqd: 1 }],
					(values) => frm.call("refer_to_social_researcher", values).then(() => frm.reload_doc()),
					__("Refer to Social Research"),
					__("Refer")
				);
			});
		}
	},
	before_workflow_action(frm) {
		// Entering these states needs a comment for the beneficiary's file: ask before the action runs.
		return frappe.workflow.get_transitions(frm.doc).then((transitions) => {
			const transition = transitions.find((t) => t.action === frm.selected_workflow_action);
			const returning = (frm.doc.__onload || {}).states_returning || [];
			if (transition && returning.includes(transition.next_state)) {
				return ask_what_to_return(frm, transition.action);
			}
			// The states whose entry needs a comment, read from the workflow by the server (an admin may rename them).
			const needs_comment = (frm.doc.__onload || {}).states_needing_comment || [];
			if (!transition || !needs_comment.includes(transition.next_state)) return;
			frappe.dom.unfreeze(); // the framework freezes the page for the action; the prompt needs it
			return new Promise((resolve, reject) => {
				const dialog = frappe.prompt(
					[{ fieldname: "comment", fieldtype: "Small Text", label: __("Comment"), reqd: 1 }],
					(values) =>
						frm.call("set_transition_comment", { comment: values.comment }).then(() => {
							frappe.dom.freeze();
							resolve();
						}, reject),
					__("Comment Required"),
					__("Continue")
				);
				dialog.onhide = () => dialog.primary_action_fulfilled || reject();
			});
		});
	},
});

// Returning a request to the applicant asks for two things: the internal comment for the file's timeline
// and the message the applicant reads on the portal. The server applies the step with both; the
// framework's own call never runs (the promise it waits on is left unsettled: Frappe does not catch a
// rejection there, and the browser would report it as an error).
function ask_what_to_return(frm, action) {
	frappe.dom.unfreeze();
	return new Promise(() => {
		const dialog = new frappe.ui.Dialog({
			title: __("Return to Applicant"),
			fields: [
				{ fieldname: "comment", fieldtype: "Small Text", label: __("Internal Comment"), reqd: 1 },
				{
					fieldname: "message",
					fieldtype: "Small Text",
					label: __("Message to the Applicant"),
					reqd: 1,
					description: __("The applicant reads this on the portal, with the documents still missing."),
				},
			],
			primary_action_label: __("Return"),
			primary_action(values) {
				frm.call("return_to_applicant", { ...values, action }).then(() => {
					dialog.hide();
					frm.reload_doc();
				});
			},
		});
		dialog.show();
	});
}
