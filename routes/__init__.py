"""Flask routes and hooks served beside Dash's: the boundary layers (``geometry``) and the plotly.js bundle
(``plotlyjs``) under their content's hash (``immutable``), and static files compressed once (``precompress``)."""
