"""Accounts for store tests: the store's write operations take the acting user, not a name.

Built directly (the operations trust the :class:`~sdplan.store.auth.User` they are given, as the
admin pages and the CLI get it from the accounts table).
"""

from sdplan.store.auth import User

ANN = User(1, "ann", "省住房城乡建设厅", False)  # leads sewer_retrofit_km and (with others) urban_rail_km
BOB = User(2, "bob", "省大数据局", False)  # leads smart_city_stars only
ADMIN = User(3, "root", None, True)  # an administrator: may change everything
