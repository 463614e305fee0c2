"""Rules that need no database. Nothing here imports frappe: controllers turn the results into
translated errors, and the repo-root tests/ exercise them without a bench."""
