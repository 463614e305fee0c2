"""The site served by gunicorn (2 workers) on a free port, for the permission matrix and the benchmarks
that measure over HTTP: always this run's code (never a leftover server of another run), always stopped."""

import os
import socket
import subprocess
import time

import frappe
import requests
from frappe.utils import get_bench_path


def free_port() -> int:
	with socket.socket() as probe:
		probe.bind(("127.0.0.1", 0))
		return probe.getsockname()[1]


def start_gunicorn(
	workers: int = 2, log_name: str = "served_site_gunicorn.log"
) -> tuple[subprocess.Popen, str]:
	"""Serve the current site; returns the server and its base URL (requests send `Host: <site>`)."""
	port = free_port()
	bench = get_bench_path()
	log = open(os.path.join(frappe.get_site_path("logs"), log_name), "ab")
	server = subprocess.Popen(
		[
			os.path.join(bench, "env", "bin", "gunicorn"),
			"-b",
			f"127.0.0.1:{port}",
			"-w",
			str(workers),
			"-t",
			"120",
			"frappe.app:application",
		],
		cwd=os.path.join(bench, "sites"),
		stdout=log,
		stderr=log,
	)
	url = f"http://127.0.0.1:{port}"
	deadline = time.monotonic() + 120
	while time.monotonic() < deadline:
		try:
			# The first request imports the app in a worker: on a busy machine it takes seconds.
			requests.get(f"{url}/api/method/ping", headers={"Host": frappe.local.site}, timeout=30)
			return server, url
		except requests.RequestException:
			time.sleep(0.5)
	stop(server)
	raise RuntimeError(f"gunicorn did not answer on {url}: see {log.name}")


def stop(server: subprocess.Popen):
	server.terminate()
	server.wait(timeout=30)
