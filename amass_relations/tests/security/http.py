"""A real HTTP client for the served test site (scripts/test.sh serves it while the suite runs and
records its address in the site's `host_name`). Data a test wants the server to see is committed first."""

import json
import re

import frappe
import requests
from frappe.utils.password import update_password

PASSWORD = "Amass-Security-Test-1!"


def base_url() -> str:
	return (frappe.conf.get("host_name") or "http://127.0.0.1:18123").rstrip("/")


def make_login(email: str, roles: list[str], user_type: str = "System User") -> str:
	"""A user with exactly these roles and a known password."""
	if not frappe.db.exists("User", email):
		frappe.get_doc(
			{"doctype": "User", "email": email, "first_name": "Security", "send_welcome_email": 0}
		).insert(ignore_permissions=True)
	user = frappe.get_doc("User", email)
	user.set("roles", [{"role": role} for role in roles])
	user.user_type = user_type
	user.save(ignore_permissions=True)
	if not roles:
		frappe.db.set_value("User", email, "user_type", user_type)
	update_password(email, PASSWORD)
	return email


def text(response: requests.Response) -> str:
	"""The body as a reader would see it: JSON decoded (Frappe escapes non-ASCII as \\uXXXX), so that a
	search for an Arabic marker finds it, messages included."""
	try:
		body = response.json()
	except ValueError:
		return response.text
	found = [json.dumps(body, ensure_ascii=False, default=str)]
	for key in ("_server_messages", "exc"):
		if isinstance(body, dict) and isinstance(body.get(key), str):
			found.append(body[key].encode().decode("unicode_escape", errors="ignore"))
	return "\n".join(found)


class Client:
	"""One signed-in session (or a Guest one), speaking to the site as a browser's scripts do."""

	def __init__(self, user: str | None = None):
		self.session = requests.Session()
		self.user = user or "Guest"
		if user:
			response = self.session.post(
				f"{base_url()}/api/method/login", data={"usr": user, "pwd": PASSWORD}
			)
			assert response.status_code == 200, (
				f"login of {user} failed: {response.status_code} {response.text[:300]}"
			)

	def call(self, method: str, http: str = "POST", **params) -> requests.Response:
		data = {k: (frappe.as_json(v) if isinstance(v, dict | list) else v) for k, v in params.items()}
		if http == "GET":
			return self.session.get(f"{base_url()}/api/method/{method}", params=data, timeout=60)
		return self.session.post(f"{base_url()}/api/method/{method}", data=data, timeout=60)

	def doc_method(self, doctype: str, name: str, method: str, **args) -> requests.Response:
		"""A document's whitelisted method, as the desk form calls it (run_doc_method with the record)."""
		return self.session.post(
			f"{base_url()}/api/method/run_doc_method",
			data={
				"docs": frappe.as_json(frappe.get_doc(doctype, name).as_dict()),
				"method": method,
				"args": frappe.as_json(args),
			},
			timeout=60,
		)

	def get(self, path: str, **params) -> requests.Response:
		"""A page or a file; a page that hands its scripts the session's CSRF token (as a browser's
		scripts then send it) has it sent with this session's next calls."""
		response = self.session.get(f"{base_url()}{path}", params=params, timeout=60)
		token = re.search(r'frappe\.csrf_token = "([^"]+)"', response.text) if response.ok else None
		if token and token.group(1) != "None":
			self.session.headers["X-Frappe-CSRF-Token"] = token.group(1)
		return response

	def upload(self, file_name: str, content: bytes, **form) -> requests.Response:
		"""The desk's upload (multipart, as the file uploader sends it)."""
		return self.session.post(
			f"{base_url()}/api/method/upload_file",
			files={"file": (file_name, content)},
			data={"is_private": 1, **form},
			timeout=60,
		)

	def put(self, path: str, body: dict) -> requests.Response:
		return self.session.put(f"{base_url()}{path}", json=body, timeout=60)
