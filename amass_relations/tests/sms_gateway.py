"""A small SMS gateway for the tests: a real HTTP server on 127.0.0.1 that records every message it is
given and answers with the status the test sets (or not in time). SMS Settings point at it while a test
runs; the real worker started by the test command sends to it."""

import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import frappe


class FakeGateway:
	def __init__(self):
		self.received: list[dict] = []
		self.status = 200
		self.delay = 0.0
		gateway = self

		class Handler(BaseHTTPRequestHandler):
			def _answer(self, params: dict):
				gateway.received.append({key: values[0] for key, values in params.items()})
				time.sleep(gateway.delay)
				try:
					self.send_response(gateway.status)
					self.end_headers()
					self.wfile.write(b"ok")
				except (BrokenPipeError, ConnectionResetError):
					pass  # the sender stopped waiting (a test of the time limit)

			def do_GET(self):
				self._answer(urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query))

			def do_POST(self):
				length = int(self.headers.get("Content-Length") or 0)
				self._answer(urllib.parse.parse_qs(self.rfile.read(length).decode()))

			def log_message(self, *args):
				pass

		self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
		threading.Thread(target=self.server.serve_forever, daemon=True).start()
		self.url = f"http://127.0.0.1:{self.server.server_address[1]}/send"

	def texts_to(self, recipient: str) -> list[str]:
		return [m.get("text") for m in self.received if m.get("to") == recipient]

	def use(self):
		"""Point the site's SMS Settings at this gateway (a GET gateway: the message travels in its URL)."""
		settings = frappe.get_doc("SMS Settings")
		settings.sms_gateway_url = self.url
		settings.message_parameter = "text"
		settings.receiver_parameter = "to"
		settings.use_post = 0
		settings.set("parameters", [])
		settings.save(ignore_permissions=True)
		frappe.db.commit()

	def close(self):
		self.server.shutdown()
		self.server.server_close()


class UsesFakeGateway:
	"""For a test class: one gateway for the class, the site's SMS Settings pointed at it, emptied and
	answering 200 before each test."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.gateway = FakeGateway()
		cls.gateway.use()

	@classmethod
	def tearDownClass(cls):
		cls.gateway.close()
		super().tearDownClass()

	def setUp(self):
		super().setUp()
		self.gateway.status, self.gateway.delay = 200, 0
		self.gateway.received.clear()
