"""The store: observations kept in a database, imported in batches, never overwritten in place.

Modules:

- ``db`` opens the database (SQLite under ``instance/`` by default, PostgreSQL through
  ``DATABASE_URL``), migrates it (``migrations/``) and seeds it on first use;
- ``models`` declares the tables;
- ``seed`` writes the bundled tables of ``data/indicators/`` as batch #1;
- ``files`` reads uploaded CSV and XLSX files into a table of text cells, through ``sandbox`` (a child
  process with memory and time limits) and the stdlib-only readers ``cells`` (CSV and the limits
  counted while reading), ``xlsx`` (streaming workbooks, the one visible sheet with data) and
  ``numfmt`` (Excel number formats: percents and dates as shown);
- ``import_rows`` says what an import file's rows mean before their values are checked: column
  names, full-width digits, unfilled template rows, regions and their prefectures;
- ``region_names`` matches region names as officials write them to adcodes;
- ``imports`` parses and validates a file, previews its changes and applies it
  (``parse_import -> preview_import -> apply_import``);
- ``batches`` writes batches in single transactions: adds one, rolls one back, moves revisions;
- ``auth`` holds the accounts (with a session version that sign-out and password changes move) and
  who may import and roll back what;
- ``errors`` the refusals of the write operations (permission, conflict, unknown or rolled-back
  batch), each with a message in Chinese or English;
- ``uploads`` keeps files previewed on the web until they are confirmed;
- ``current`` reads the current figures, the dataset as it stood at a past moment, the revisions and the
  batch history;
- ``as_of_cli`` adds ``--data-as-of`` to the exports of the command line (the data as it stood on a date);
- ``export`` writes import templates (CSV or XLSX) and CSV exports spreadsheets cannot run;
- ``cli`` the ``sdplan`` commands for imports, history, rollback, templates and accounts.

The write operations (:func:`imports.preview_import`, :func:`imports.apply_import`,
:func:`batches.apply_batch`, :func:`batches.rollback_batch`) take the acting
:class:`auth.User` and refuse, with :class:`errors.PermissionDenied`, indicators it does not
lead; the admin pages and the command line only turn their errors into messages.
"""
