"""Domain layer of the Shandong new-type urbanization dashboard.

Everything here is plain Python (pandas, numpy, shapely, jenkspy): boundaries,
indicator tables, joins, roll-ups, classification and progress against the plan.
It never imports Dash, so the dashboard, the snapshot renderer and the command line
share one tested core.
"""
