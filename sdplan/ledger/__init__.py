"""The plan's ledger: every target with its progress, filters from the URL, and exports (no Dash)."""
