// The portal's forms, one handler for all: <form data-amass-method="amass_relations.api.portal.x"
// data-amass-next="/my-requests/{name}" [data-amass-confirm="…"]>. The form is sent as it is (files
// included) with the session's CSRF token; a refusal shows each field's message beside the field
// ([data-error-for="field"]) and the rest at the form's foot (.amass-form-error), in the page's language.
frappe.ready(() => {
	const plain = (html) => new DOMParser().parseFromString(html || "", "text/html").body.textContent;
	const messages = (data) => {
		try {
			return JSON.parse(data._server_messages || "[]").map((m) => plain(JSON.parse(m).message));
		} catch (e) {
			return [];
		}
	};
	document.querySelectorAll("form[data-amass-method]").forEach((form) => {
		form.addEventListener("submit", async (event) => {
			event.preventDefault();
			if (form.dataset.amassConfirm && !window.confirm(form.dataset.amassConfirm)) return;
			const button = form.querySelector("[type=submit]");
			const foot = form.querySelector(".amass-form-error");
			form.querySelectorAll("[data-error-for]").forEach((el) => (el.textContent = ""));
			form.querySelectorAll("[aria-invalid]").forEach((el) => el.removeAttribute("aria-invalid"));
			if (foot) foot.textContent = "";
			if (button) button.disabled = true;
			try {
				const response = await fetch(`/api/method/${form.dataset.amassMethod}`, {
					method: "POST",
					body: new FormData(form),
					headers: { "X-Frappe-CSRF-Token": frappe.csrf_token, Accept: "application/json" },
				});
				const data = await response.json().catch(() => ({}));
				if (response.ok) {
					const name = (data.message || {}).name || "";
					const next = (form.dataset.amassNext || "").replace("{name}", encodeURIComponent(name));
					window.location.assign(next || window.location.pathname + window.location.search);
					return;
				}
				const errors = data.field_errors || {};
				let placed = false;
				for (const [field, text] of Object.entries(errors)) {
					const slot = form.querySelector(`[data-error-for="${CSS.escape(field)}"]`);
					if (!slot) continue;
					slot.textContent = text;
					placed = true;
					const input = form.querySelector(`[name="${CSS.escape(field)}"]`);
					if (input) input.setAttribute("aria-invalid", "true");
				}
				if (foot) {
					const rest = Object.keys(errors).length
						? Object.entries(errors)
								.filter(([field]) => !form.querySelector(`[data-error-for="${CSS.escape(field)}"]`))
								.map(([, text]) => text)
						: messages(data);
					foot.textContent = rest.join(" ") || (placed ? "" : form.dataset.amassFailed || "");
				}
			} catch (e) {
				if (foot) foot.textContent = form.dataset.amassFailed || "";
			} finally {
				if (button) button.disabled = false;
			}
		});
	});
});
