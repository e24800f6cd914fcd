"""The store: observations kept in a database, imported in batches, never overwritten in place.

``db`` opens the database (SQLite under ``instance/`` by default, PostgreSQL through
``DATABASE_URL``) and migrates it; ``seed`` fills it from ``data/indicators/``; ``imports``
parses, validates, previews and applies files; ``current`` reads the current figures;
``auth`` holds the accounts and permissions.
"""
