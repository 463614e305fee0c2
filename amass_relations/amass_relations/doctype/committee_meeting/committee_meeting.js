// Copyright (c) 2026, Amass Association and contributors
// For license information, please see license.txt

frappe.ui.form.on("Committee Meeting", {
	setup(frm) {
		const chairs = () => ({ query: "amass_relations.services.committee.chair_query" });
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
		if (frm.doc.docstatus === 1) {
			const failed = (frm.doc.agenda || []).filter((row) => row.letter_state === "Failed");
			const preparing = (frm.doc.agenda || []).filter((row) => row.letter_state === "Being Prepared");
			if (preparing.length) {
				frm.dashboard.add_comment(
					__("Decision letters being prepared: rows {0}", [preparing.map((row) => row.idx).join(", ")]),
					"blue",
					true
				);
			}
			if (failed.length) {
				frm.dashboard.add_comment(
					__("Decision letters that failed: rows {0}", [failed.map((row) => row.idx).join(", ")]),
					"red",
					true
				);
				frm.add_custom_button(__("Prepare Failed Letters Again"), () =>
					Promise.all(failed.map((row) => amass_prepare_letter_again(row.committee_review))).then(() => frm.reload_doc())
				);
			}
		}
		if (frm.doc.docstatus === 0) {
			frm.add_custom_button(__("Pull Pending Requests"), () =>
				// A new meeting is saved first, so that the form shows the meeting the agenda was pulled into.
				(frm.is_new() ? frm.save() : Promise.resolve()).then(() => frm.call("pull_pending_requests")).then((r) => {
					const result = r.message || {};
					let message = __("{0} requests added to the agenda", [result.added || 0]);
					if (result.waiting) {
						message += " " + __("{0} more wait for another meeting (an agenda holds at most {1}).", [result.waiting, result.limit]);
					}
					frappe.show_alert({ message, indicator: result.waiting ? "orange" : "green" }, 10);
					frm.reload_doc();
				})
			);
		}
	},
});

// The review's own retry, from the meeting or the request (the review is the record that holds the letter).
function amass_prepare_letter_again(review) {
	return frappe.call({ method: "run_doc_method", args: { dt: "Committee Review", dn: review, method: "prepare_letter_again" } });
}
window.amass_prepare_letter_again = amass_prepare_letter_again;
