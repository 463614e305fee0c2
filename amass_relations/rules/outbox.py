"""What the SMS outbox decides without a database: the text sent and the text kept, what a gateway's answer
means, and when to try again."""

SECRET = "{secret}"
MASK = "••••••"
MAX_ATTEMPTS = 5
FIRST_DELAY_SECONDS = 60
LONGEST_DELAY_SECONDS = 3600

# What an attempt came to.
SENT = "sent"  # the gateway took it (2xx)
RETRY = "retry"  # certainly not taken: no connection made, or the gateway said try later (429, 503)
FAILED = "failed"  # refused for good (another 4xx: a wrong number, the gateway's settings)
UNCERTAIN = "uncertain"  # no answer in time: it may have gone out, so it is never sent again by itself


def render(message: str, secret: str | None) -> str:
	"""The text the gateway gets."""
	return message.replace(SECRET, secret or "")


def masked(message: str) -> str:
	"""The text a person may read afterwards: the secret never shown."""
	return message.replace(SECRET, MASK)


def outcome(status_code: int | None = None, *, timed_out: bool = False, no_connection: bool = False) -> str:
	if timed_out:
		return UNCERTAIN
	if no_connection or status_code is None:
		return RETRY
	if 200 <= status_code < 300:
		return SENT
	if status_code in (429, 503):
		return RETRY  # the gateway itself says: not now
	if status_code >= 500:
		return UNCERTAIN  # a proxy's 502 or 504 may hide a gateway that sent it
	return FAILED


def retry_delay(attempts: int) -> int | None:
	"""Seconds before the next try after `attempts` tries; None when no try is left."""
	if attempts >= MAX_ATTEMPTS:
		return None
	return min(FIRST_DELAY_SECONDS * 2 ** max(attempts - 1, 0), LONGEST_DELAY_SECONDS)
