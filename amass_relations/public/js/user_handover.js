// Copyright (c) 2026, Amass Association and contributors
// For license information, please see license.txt

// A user who leaves: managers see what the user still holds (open meetings, votes, assignments,
// research) and hand it all over to a successor in one action (services/offboarding.py).
frappe.ui.form.on("User", {
	refresh(frm) {
		const may_hand_over =
			frappe.user.has_role("Beneficiary Relations Manager") || frappe.user.has_role("System Manager");
		if (frm.amass_handover_intro) {
			// Ours from an earlier refresh (before the handover): the list may be gone now.
			frm.set_intro("");
			frm.amass_handover_intro = false;
		}
		if (frm.is_new() || !may_hand_over) {
			return;
		}
		frappe
			.call({
				method: "amass_relations.services.offboarding.get_open_work",
				args: { user: frm.doc.name },
			})
			.then((r) => {
				const work = r.message;
				if (!work || !work.count || frm.doc.name !== work.user) {
					return;
				}
				const items = work.lines.map((line) => `<li>${line}</li>`).join("");
				frm.set_intro(`${__("This user still holds work that must be handed over:")}<ul>${items}</ul>`, "orange");
				frm.amass_handover_intro = true;
				frm.add_custom_button(__("Hand Over Work"), () => amass_hand_over_dialog(frm));
			});
	},
});

function amass_hand_over_dialog(frm) {
	const dialog = new frappe.ui.Dialog({
		title: __("Hand Over Work"),
		fields: [
			{
				fieldname: "successor",
				fieldtype: "Link",
				options: "User",
				label: __("Successor"),
				reqd: 1,
				get_query: () => ({ query: "frappe.core.doctype.user.user.user_query" }),
				description: __(
					"Takes over the meetings, assignments and research. Votes on undecided reviews are deleted: a departed member's vote cannot count."
				),
			},
		],
		primary_action_label: __("Hand Over"),
		primary_action(values) {
			frappe
				.call({
					method: "amass_relations.services.offboarding.hand_over",
					args: { user: frm.doc.name, successor: values.successor },
					freeze: true,
				})
				.then((r) => {
					dialog.hide();
					const lines = (r.message && r.message.lines) || [];
					frappe.msgprint({
						title: __("Work Handed Over"),
						indicator: "green",
						message: lines.length
							? `<ul>${lines.map((line) => `<li>${line}</li>`).join("")}</ul>`
							: __("There was nothing to hand over."),
					});
					frm.reload_doc();
				});
		},
	});
	dialog.show();
}
