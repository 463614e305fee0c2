"""Per-account counters in Redis: the portal's own bounds (the framework's limiter keys on the IP and on
`cmd`, which a caller of /api/v2 chooses). One counter a (scope, kind, value): INCR first, then compare,
so concurrent requests cannot both slip under a limit. They live outside the site's cache prefix, which
Frappe clears whenever a user or a role changes. A benchmark site (`amass_benchmark_site` in its config)
is exempt from the per-account bounds its measurements would otherwise hit."""

import frappe
from frappe import _


def key(scope: str, kind: str, value: str) -> str:
	return f"amass_relations|{frappe.local.site}|{scope}|{kind}|{value}"


def count(scope: str, kind: str, value: str, limit: int, seconds: int) -> bool:
	"""Add one to a counter; False once over `limit`. The window starts at the first count."""
	name = key(scope, kind, value)
	current = frappe.cache.incrby(name, 1)
	frappe.cache.expire(name, seconds, nx=True)
	return current <= limit


def within(scope: str, kind: str, user: str, limit: int, seconds: int = 24 * 60 * 60):
	"""Count one more `kind` by this account, refused past `limit` (a benchmark site is exempt)."""
	if frappe.conf.get("amass_benchmark_site"):
		return
	if not count(scope, kind, user, limit, seconds):
		frappe.throw(
			_("You have reached today's limit for this. Try again tomorrow, or contact the association."),
			frappe.RateLimitExceededError,
			title=_("Limit Reached"),
		)
