# Two commands for a fresh machine with only Python 3.11+:  make run  and  make test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
PORT ?= 8000

.PHONY: run test install migrate demo lint bench messages clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Python 3.11 or newer is required")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	# The official IATI 2.03 XSDs for tests/health/test_iati.py; --no-deps: pyIATI pins
	# lxml==4.2.4 and other old versions, and nothing imports it.
	$(BIN)/pip install --quiet --no-deps pyIATI==0.4.1
	rm -f $(VENV)/.installed-* && touch $@

install: $(STAMP)

migrate: install
	# The SQLite file and the file broker live there; settings create no directories.
	mkdir -p $${VAR_DIR:-var}/celery $${VAR_DIR:-var}/celery-control $${VAR_DIR:-var}/celery-processed
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	$(BIN)/python manage.py seed_demo

# exec: make's child is the runner itself, so the SIGTERM that make passes on when it is killed
# reaches the runner, which stops the web server, worker and beat (a shell in between would not).
run: demo
	PORT=$(PORT) exec $(BIN)/python scripts/run_all.py

test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python scripts/check_imports.py

# profile_page.py is a tool that takes a page name; pages.py measures PostgreSQL only.
bench: install
	@for script in bench/[!_]*.py; do \
	  case "$$script:$$DATABASE_URL" in \
	    bench/profile_page.py:*) continue;; \
	    bench/pages.py:postgres*) ;; \
	    bench/pages.py:*) echo "== $$script: needs DATABASE_URL=postgres://..."; continue;; \
	  esac; \
	  echo "== $$script"; $(BIN)/python $$script || exit 1; \
	done

messages: install
	$(BIN)/python manage.py makemessages -a --ignore=.venv --ignore=var
	$(BIN)/python manage.py makemessages -a -d djangojs --ignore=.venv --ignore=var --ignore=static/vendor
	$(BIN)/python manage.py compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) var
