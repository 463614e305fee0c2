"""Which counters of the framework's Series table a naming rule owns (`BEN-.#######` owns `BEN-`,
`SR-.YYYY.-.#####` owns `SR-2025-`, `SR-2026-` …), so that uninstall removes the app's counters and no
other app's (`SR-ORD-2026-` is not the app's, though it starts like it)."""

import re

# Parts Frappe's parse_naming_series turns into the date, as a pattern for any date.
DATE_PARTS = {"YYYY": r"[0-9]{4}", "YY": r"[0-9]{2}", "MM": r"[0-9]{2}", "DD": r"[0-9]{2}", "WW": r"[0-9]{2}"}


def series_pattern(autoname: str) -> str | None:
	"""A regular expression matching exactly the Series names a naming rule of the form PREFIX.…#### uses;
	None when the rule keeps no counter (field:, hash, naming_series:, format:, no ####)."""
	if not autoname or ":" in autoname or "#" not in autoname or "." not in autoname:
		return None
	pattern = ""
	for part in autoname.split("."):
		if part.startswith("#"):
			return f"^{pattern}$" if pattern else None
		if part.startswith("{"):
			return None  # a field's value: the counter is not knowable from the rule
		pattern += DATE_PARTS.get(part, re.escape(part))
	return None
