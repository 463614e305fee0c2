// The complaints pages (/feedback, /feedback-status): send a complaint or suggestion and show its
// reference (and, once, its tracking code); follow one by reference and code; appeal its outcome once.
// Refusals show each field's message beside the field, as the portal's other forms do.
frappe.ready(() => {
	const plain = (html) => new DOMParser().parseFromString(html || "", "text/html").body.textContent;
	const post = async (method, body) => {
		const response = await fetch(`/api/method/amass_relations.api.complaints.${method}`, {
			method: "POST",
			body,
			headers: { "X-Frappe-CSRF-Token": frappe.csrf_token || "", Accept: "application/json" },
		});
		const data = await response.json().catch(() => ({}));
		return { ok: response.ok, data };
	};
	const refuse = (form, data) => {
		const errors = data.field_errors || {};
		const rest = [];
		for (const [field, text] of Object.entries(errors)) {
			const slot = form.querySelector(`[data-error-for="${CSS.escape(field)}"]`);
			if (slot) slot.textContent = text;
			else rest.push(text);
		}
		let server = [];
		try {
			server = JSON.parse(data._server_messages || "[]").map((m) => plain(JSON.parse(m).message));
		} catch (e) {}
		const foot = form.querySelector(".amass-form-error");
		if (foot) foot.textContent = (Object.keys(errors).length ? rest : server).join(" ") || (Object.keys(errors).length ? "" : form.dataset.amassFailed || "");
	};
	const clear = (form) => {
		form.querySelectorAll("[data-error-for], .amass-form-error").forEach((el) => (el.textContent = ""));
	};
	const fill = (section, values) => {
		section.querySelectorAll("[data-slot]").forEach((el) => (el.textContent = values[el.dataset.slot] || ""));
		section.querySelectorAll("[data-slot-when]").forEach((el) => (el.hidden = !values[el.dataset.slotWhen]));
		section.hidden = false;
	};
	const busy = (form, on) => {
		const button = form.querySelector("[type=submit]");
		if (button) button.disabled = on;
	};

	const complaint = document.getElementById("amass-complaint");
	if (complaint) {
		const anonymous = document.getElementById("anonymous");
		const contact = document.getElementById("amass-contact");
		const signedIn = contact && contact.hidden;
		anonymous.addEventListener("change", () => {
			if (!signedIn) contact.hidden = anonymous.checked;
		});
		complaint.addEventListener("submit", async (event) => {
			event.preventDefault();
			clear(complaint);
			busy(complaint, true);
			try {
				const { ok, data } = await post("submit", new FormData(complaint));
				if (!ok) return refuse(complaint, data);
				complaint.hidden = true;
				fill(document.getElementById("amass-received"), data.message || {});
			} catch (e) {
				refuse(complaint, {});
			} finally {
				busy(complaint, false);
			}
		});
	}

	const track = document.getElementById("amass-track");
	if (track) {
		const appeal = document.getElementById("amass-appeal");
		const show = (view) => {
			const found = view && view.reference;
			document.getElementById("amass-not-found").hidden = !!found;
			const section = document.getElementById("amass-status");
			if (!found) return (section.hidden = true);
			fill(section, view);
			appeal.hidden = !view.may_appeal;
		};
		track.addEventListener("submit", async (event) => {
			event.preventDefault();
			clear(track);
			busy(track, true);
			try {
				const { ok, data } = await post("track", new FormData(track));
				if (!ok) return refuse(track, data);
				show(data.message);
			} catch (e) {
				refuse(track, {});
			} finally {
				busy(track, false);
			}
		});
		appeal.addEventListener("submit", async (event) => {
			event.preventDefault();
			clear(appeal);
			const body = new FormData(track);
			body.append("text", appeal.querySelector("textarea").value);
			busy(appeal, true);
			try {
				const { ok, data } = await post("appeal", body);
				if (!ok) return refuse(appeal, data);
				show(data.message);
			} catch (e) {
				refuse(appeal, {});
			} finally {
				busy(appeal, false);
			}
		});
		if (track.querySelector("#reference").value && !track.querySelector("#code")) {
			track.requestSubmit();
		}
	}
});
