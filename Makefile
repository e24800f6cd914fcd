# Two commands on a fresh machine with Python 3.11:  `make run`  and  `make test`.
PYTHON ?= python3.11
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: build-assets run test test-fast lint bench prepare-boundaries sample-data system-deps

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# The first view's brotli files and the PDF fonts (a minute or two once; quick when made). `make run` and gunicorn
# start it in the background once the dashboard answers; run it alone at install to have everything ready.
build-assets: $(STAMP)
	$(PY) scripts/build_assets.py

run: $(STAMP)
	$(PY) app.py

# Browser tests need Debian's chromium and a CJK font; office tests (marker `office`) need LibreOffice
# headless and its Python bridge; the deployment test (marker `deployment`) needs nginx. Installed here when
# missing (as root); office and deployment tests skip without them (except under CI, where they fail).
OFFICE_PACKAGES := libreoffice-calc-nogui libreoffice-draw-nogui libreoffice-writer-nogui python3-uno
# a library of each package: Writer, Calc, Draw (Draw opens the PDFs; Writer and Calc alone failed the PDF test)
OFFICE_LIBS := $(addprefix /usr/lib/libreoffice/program/,libswlo.so libsclo.so libsdlo.so)
system-deps:
	@if ! command -v node >/dev/null || ! command -v npm >/dev/null; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    --no-install-recommends nodejs npm >/dev/null; \
	  else echo "The JS lint and test need: sudo apt-get install nodejs npm" >&2; fi; \
	fi
	@if [ ! -x /usr/bin/chromium ] || ! fc-list 2>/dev/null | grep -q 'Noto Sans CJK'; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; \
	  else echo "Browser tests need: sudo apt-get install chromium fonts-noto-cjk" >&2; exit 1; fi; \
	fi
	@if ! command -v soffice >/dev/null || ! ls $(OFFICE_LIBS) >/dev/null 2>&1 \
	     || ! /usr/bin/python3 -c 'import uno' 2>/dev/null; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    --no-install-recommends $(OFFICE_PACKAGES) >/dev/null; \
	  else echo "Office tests skip without: sudo apt-get install --no-install-recommends $(OFFICE_PACKAGES)" >&2; fi; \
	fi
	@if [ ! -e /usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf ] \
	     || [ ! -e /usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    --no-install-recommends fonts-lxgw-wenkai fonts-noto-cjk >/dev/null; \
	  else echo "The briefing PDF sets 楷体 and the title in the body serif without: sudo apt-get install fonts-lxgw-wenkai fonts-noto-cjk" >&2; fi; \
	fi
	@if [ "$$(id -u)" = 0 ]; then deploy/install-nginx; \
	elif ! command -v nginx >/dev/null && [ ! -x /usr/sbin/nginx ]; then \
	  echo "The deployment test skips without: sudo deploy/install-nginx" >&2; fi

# The whole suite (what CI runs): lint, then every test, browser tests in real Chromium, office tests in
# real LibreOffice and the deployment test behind real nginx included.
test: lint system-deps
	$(PY) -m pytest -q

# The quick loop while working: lint and every test but the browser, office and deployment ones.
test-fast: lint
	$(PY) -m pytest -q -m "not browser and not office and not deployment"

# Python by ruff; the browser's scripts (assets/*.js) and the JS tests by ESLint (pinned in package-lock.json,
# installed by npm ci) where node and npm exist (`make system-deps` installs them; CI always has them).
lint: $(STAMP)
	$(VENV)/bin/ruff check .
	@if command -v node >/dev/null && command -v npm >/dev/null; then \
	  [ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund --silent; \
	  npx --no-install eslint assets tests/js; \
	elif [ -n "$${CI:-}" ]; then echo "CI=true but node or npm is missing: the JS lint cannot run" >&2; exit 1; \
	else echo "JS lint skipped: node and npm are not installed (make system-deps installs them)" >&2; fi

bench: $(STAMP)
	for b in bench/bench_*.py; do $(PY) $$b || exit 1; done

prepare-boundaries: $(STAMP)
	$(PY) scripts/prepare_boundaries.py

sample-data: $(STAMP)
	$(PY) scripts/make_sample_data.py
