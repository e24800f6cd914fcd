"""The store's commands of ``sdplan`` (loaded by :mod:`sdplan.cli`): ``store`` (imports, history, rollback,
templates, accounts, backups), ``notes`` (progress notes), ``rounds`` (reporting rounds) and ``as_of`` (the
``--data-as-of`` option of the exports)."""
