"""Every component id, in one place.

The browser's scripts in ``assets/`` never spell an id: they receive the ones they need from
Python (in the map's ``hideout``, or as a callback's ``State(..., "id")``).
"""

# The frame: the address bar, the navigation, the two pages (one shown, by the path).
URL = "url"
MAP_PAGE = "map-page"
LEDGER_PAGE = "ledger-page"
NAV = "nav"
NAV_WORDS = "nav-words"
TITLE = "title"
NAV_MAP = "nav-map"
NAV_LEDGER = "nav-ledger"
NAV_ADMIN = "nav-admin"
SKIP_LINK = "skip-link"

# The map page.
HEADER = "controls-drawer"  # the controls and the export: a drawer on a phone
DRAWER_TOGGLE = "drawer-toggle"
LEGEND_BOX = "legend-box"
LEGEND_TOGGLE = "legend-toggle"
SCHEME_NOTE = "scheme-note"
DATA_DATE = "data-date"
COPY_LINK = "copy-link"
COPY_STATUS = "copy-status"
PRINT_FILTERS = "print-filters"
REGION_SEARCH = "region-search"
SHEET = "region-sheet"
SHEET_BODY = "region-sheet-body"
SHEET_DRILL = "region-sheet-drill"
SHEET_CLOSE = "region-sheet-close"
SHEET_PATH = "region-sheet-path"  # the selected region's values over the years (callbacks/region_path.py)
PATH_REQUEST = "region-path-request"  # which path the sheet shows: asked of the server only when it changes
MAP_SELECT = "map-select"
MAP_QUERY = "map-query"  # the address's query while the map page is shown: the map's own input
NOTICE = "notice"
SAMPLE_BANNER = "sample-banner"
ASOF = "asof"  # the date the map is drawn as of (empty: the current data)
MULTIPLES_LINK = "multiples-link"  # to /multiples for the view's indicator (routes/multiples.py)
ASOF_BANNER = "asof-banner"  # "数据截至 … 的版本", shown while drawn as of a date
INDICATOR = "indicator"
LEVEL = "level"
CIRCLE = "circle"
SCHEME = "scheme"
PERIOD = "period"
MEASURE = "measure"  # what the map shows: the values, or each region's completion of its own target
COMPARE = "compare"  # the comparison period (the map shows the change since it)
LANG = "lang"
BACK = "back"
MAP = "map"
REGIONS = "regions"
LABELS = "region-labels"
CONTEXT = "context"
LEGEND = "legend"
MAP_HOVER = "map-hover"
MAP_CLICK = "map-click"
MAP_HIDEOUT = "map-hideout"
MAP_PAGE_DATA = "map-page-data"  # the view's small parts, placed by the browser (callbacks/ui.py)
TIME_BAR = "time-bar"  # the time slider: play and step through the periods of the indicator
PERIOD_SLIDER = "period-slider"
PLAY = "play"
PLAY_TIMER = "play-timer"
PROGRESS_TITLE = "progress-title"
CARDS = "cards"
BREAKDOWN_TITLE = "breakdown-title"
CHART = "chart"
TABLE = "table"
SOURCES = "sources"
EXPORT_LABEL = "export-label"
EXPORT_FORMAT = "export-format"
EXPORT_ORIENTATION = "export-orientation"
EXPORT_BUTTON = "export-button"
EXPORT_SITE = "export"  # the prefix of its export-following parts (components/jobs.py)
EXPORT_NOTICE = "export-notice"
# The "生成简报" control (the briefing, sdplan.briefing): on the map page and, prefixed "ledger-", on the ledger.
BRIEF_FORMAT = "brief-format"
BRIEF_BUTTON = "brief-button"
BRIEF_PROGRESS = "brief-progress"
BRIEF_SITE = "brief"
BRIEF_NOTICE = "brief-notice"
LEDGER_BRIEF = {key: "ledger-" + value for key, value in
                (("format", BRIEF_FORMAT), ("button", BRIEF_BUTTON), ("progress", BRIEF_PROGRESS),
                 ("site", BRIEF_SITE), ("notice", BRIEF_NOTICE))}
MAP_BRIEF = {"format": BRIEF_FORMAT, "button": BRIEF_BUTTON, "progress": BRIEF_PROGRESS, "site": BRIEF_SITE,
             "notice": BRIEF_NOTICE}

# The ledger page.
LEDGER_QUERY = "ledger-query"  # the address's query while the ledger page is shown
LEDGER_FILTERS = {"thrust": "ledger-thrust", "dept": "ledger-dept", "status": "ledger-status",
                  "circle": "ledger-circle", "q": "ledger-q", "asof": "ledger-asof"}
LEDGER_ASOF_BANNER = "ledger-asof-banner"
LEDGER_TABLE = "ledger-table"
LEDGER_COUNT = "ledger-count"
LEDGER_PLAN = "ledger-plan"
LEDGER_NOTICE = "ledger-notice"
LEDGER_LANG = "ledger-lang"
LEDGER_DETAIL = "ledger-detail"
LEDGER_TREND_BUTTON = "ledger-trend"  # pattern-matching type: {"type": LEDGER_TREND_BUTTON, "target": id}
LEDGER_TREND_GRAPH = "ledger-trend-graph"
LEDGER_ONE_PERIOD = "ledger-one-period"
LEDGER_XLSX_BUTTON = "ledger-xlsx"
LEDGER_PDF_BUTTON = "ledger-pdf"
LEDGER_EXPORT_SITE = "ledger-export"
LEDGER_EXPORT_NOTICE = "ledger-export-notice"  # why an export could not be made
LEDGER_CIRCULAR = {"docx": "ledger-circular-docx", "pdf": "ledger-circular-pdf"}  # the 通报 downloads (links)


def label_of(control_id: str) -> str:
    """The id of a control's visible label."""
    return f"{control_id}-label"


def ledger_row(target_id: str) -> str:
    """The id of a target's row in the ledger table."""
    return f"ledger-row-{target_id}"


def ledger_task_row(task: int) -> str:
    """The id of a task's own row in the ledger table (a task that sets no number)."""
    return f"ledger-task-{task}"
