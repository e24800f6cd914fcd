"""Every component id, in one place (the map's JS in assets/ uses MAP_HOVER and MAP_CLICK too)."""

URL = "url"
NOTICE = "notice"
TITLE = "title"
INDICATOR = "indicator"
LEVEL = "level"
CIRCLE = "circle"
SCHEME = "scheme"
PERIOD = "period"
LANG = "lang"
BACK = "back"

MAP = "map"
REGIONS = "regions"
CONTEXT = "context"
LEGEND = "legend"
SAMPLE_BANNER = "sample-banner"
MAP_HOVER = "map-hover"
MAP_CLICK = "map-click"

CARDS = "cards"
CHART = "chart"
TABLE = "table"
SOURCES = "sources"
BREAKDOWN_TITLE = "breakdown-title"
PROGRESS_TITLE = "progress-title"


def label_of(control_id: str) -> str:
    """The id of a control's visible label."""
    return f"{control_id}-label"

EXPORT_FORMAT = "export-format"
EXPORT_ORIENTATION = "export-orientation"
EXPORT_BUTTON = "export-button"
EXPORT_DOWNLOAD = "export-download"
EXPORT_NOTICE = "export-notice"
EXPORT_LABEL = "export-label"
