# Two commands on a fresh machine with Python 3.11: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed-dev
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: run test serve lint bench venv migrate demo messages clean

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements-dev.txt
	touch $(STAMP)

venv: $(STAMP)

# Our own translations (for strings of libraries that ship no Chinese); the .mo files are built, not committed.
messages: venv
	@if ls locale/*/LC_MESSAGES/*.po >/dev/null 2>&1; then $(PY) manage.py compilemessages --ignore=.venv >/dev/null; fi

migrate: venv messages
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py seed_demo

## make run: venv, dependencies, migrate, demo data, development server on SQLite.
run: demo
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

## make test: the whole suite; PostgreSQL when DATABASE_URL is set, SQLite otherwise.
test: venv messages
	$(VENV)/bin/pytest $(PYTEST_ARGS)

## make serve: gunicorn with production settings (needs SECRET_KEY and ALLOWED_HOSTS).
serve: venv messages
	DJANGO_SETTINGS_MODULE=jinshi_laotixie.settings.production $(PY) manage.py collectstatic --noinput -v0
	DJANGO_SETTINGS_MODULE=jinshi_laotixie.settings.production $(VENV)/bin/gunicorn jinshi_laotixie.wsgi \
		--bind 127.0.0.1:$(PORT) --workers $${WEB_CONCURRENCY:-2} --worker-class $${GUNICORN_WORKER_CLASS:-sync} --threads $${GUNICORN_THREADS:-1} --access-logfile -

lint: venv
	$(VENV)/bin/ruff check .
	$(PY) manage.py makemigrations --check --dry-run

bench: venv
	$(PY) -m bench.run

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
