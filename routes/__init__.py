"""Flask routes served beside Dash's: the static boundary files (``geometry``)."""
