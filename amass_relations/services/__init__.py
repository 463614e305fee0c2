"""Shared logic that needs frappe. Controllers import from here; this imports rules/, never a controller."""
