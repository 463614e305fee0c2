"""A small SMTP server for the tests: a real server on 127.0.0.1 that keeps every message it is given,
and the site's outgoing Email Account pointed at it while a test runs."""

import socketserver
import threading
from email import message_from_bytes
from email.policy import default

import frappe

ACCOUNT = "Amass Test Outgoing"


class MailServer:
	def __init__(self):
		self.received: list = []
		server = self

		class Handler(socketserver.StreamRequestHandler):
			def handle(self):
				self.wfile.write(b"220 amass-test ESMTP\r\n")
				data = False
				lines: list[bytes] = []
				while line := self.rfile.readline():
					if data:
						if line in (b".\r\n", b".\n"):
							server.received.append(message_from_bytes(b"".join(lines), policy=default))
							lines, data = [], False
							self.wfile.write(b"250 queued\r\n")
						else:
							lines.append(line[1:] if line.startswith(b"..") else line)
						continue
					verb = line[:4].upper()
					if verb in (b"EHLO", b"HELO"):
						self.wfile.write(b"250-amass-test\r\n250 8BITMIME\r\n")
					elif verb == b"DATA":
						data = True
						self.wfile.write(b"354 go on\r\n")
					elif verb == b"QUIT":
						self.wfile.write(b"221 bye\r\n")
						return
					else:
						self.wfile.write(b"250 ok\r\n")

		socketserver.ThreadingTCPServer.allow_reuse_address = True
		self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
		self.server.daemon_threads = True
		threading.Thread(target=self.server.serve_forever, daemon=True).start()
		self.port = self.server.server_address[1]

	def use(self):
		"""The site's default outgoing account, pointed at this server."""
		values = {
			"email_id": "noreply@amass-test.example.com",
			"enable_outgoing": 1,
			"default_outgoing": 1,
			"smtp_server": "127.0.0.1",
			"smtp_port": self.port,
			"no_smtp_authentication": 1,
			"use_tls": 0,
			"use_ssl_for_outgoing": 0,
		}
		for name in frappe.get_all("Email Account", filters={"default_outgoing": 1}, pluck="name"):
			if name != ACCOUNT:
				frappe.db.set_value("Email Account", name, "default_outgoing", 0)
		if frappe.db.exists("Email Account", ACCOUNT):
			account = frappe.get_doc("Email Account", ACCOUNT)
			account.update(values)
			account.save(ignore_permissions=True)  # and the framework's cached outgoing account with it
		else:
			frappe.get_doc({"doctype": "Email Account", "email_account_name": ACCOUNT, **values}).insert(
				ignore_permissions=True
			)
		frappe.db.commit()
		# The framework keeps the accounts it found for the rest of the request (or the test run).
		for cache in ("outgoing_email_account", "incoming_email_account"):
			if hasattr(frappe.local, cache):
				delattr(frappe.local, cache)

	def bodies_to(self, address: str) -> list[str]:
		found = []
		for message in self.received:
			if address in str(message.get("To", "")):
				part = message.get_body(preferencelist=("html", "plain"))
				found.append(part.get_content() if part else "")
		return found

	def close(self):
		self.server.shutdown()
		self.server.server_close()
