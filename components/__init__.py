"""Layout factories of the dashboard: each takes data as arguments and returns Dash components."""
