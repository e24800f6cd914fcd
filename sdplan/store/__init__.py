"""The store: observations kept in a database, imported in batches, never overwritten in place.

Modules:

- ``db`` opens the database (SQLite under ``instance/`` by default, PostgreSQL through
  ``DATABASE_URL``), migrates it (``migrations/``) and seeds it on first use;
- ``models`` declares the tables;
- ``seed`` writes the bundled tables of ``data/indicators/`` as batch #1;
- ``imports`` previews the changes of a file read by :mod:`sdplan.intake` and applies it
  (``parse_import -> preview_import -> apply_import``); ``subtarget_imports`` the same for sub-targets;
- ``batches`` writes batches in single transactions: adds one, rolls one back, moves revisions;
- ``auth`` holds the accounts (with a session version that sign-out and password changes move) and
  who may import and roll back what;
- ``errors`` the refusals of the write operations (permission, conflict, unknown or rolled-back
  batch), each with a message in Chinese or English;
- ``uploads`` keeps files previewed on the web until they are confirmed;
- ``current`` reads the current figures, the dataset as it stood at a past moment, the revisions and the
  batch history;
- ``notes`` keeps officials' progress notes; ``rounds`` and ``review`` the reporting rounds (a region's
  figures submitted, accepted or returned) and ``round_files`` their chase list and audit trail as XLSX;
- ``exports`` the export jobs; ``backup`` copies and restores the database; ``outage`` and ``recheck``
  how a process lives through a database outage and when it asks the revision again.

Reading uploaded files and writing templates is :mod:`sdplan.intake` (below the store); the commands of
the command line are :mod:`sdplan.commands` (above it).

The write operations (:func:`imports.preview_import`, :func:`imports.apply_import`,
:func:`batches.apply_batch`, :func:`batches.rollback_batch`) take the acting
:class:`auth.User` and refuse, with :class:`errors.PermissionDenied`, indicators it does not
lead; the admin pages and the command line only turn their errors into messages.
"""
