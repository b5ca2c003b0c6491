# The two commands a new user runs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# Marker files: install requirements again only when pyproject.toml changes.
EDITABLE := $(VENV)/.editable
INSTALLED := $(VENV)/.installed
TEST_INSTALLED := $(VENV)/.installed-test
# pyproject.toml's requirements, one a line: its dependencies, or an extra's (`$(REQUIREMENTS) test`).
REQUIREMENTS = $(BIN)/python -c 'import sys, tomllib; p = tomllib.load(open("pyproject.toml", "rb"))["project"]; print(*(p["optional-dependencies"][sys.argv[1]] if sys.argv[1:] else p["dependencies"]), sep="\n")'

.PHONY: run test install lint messages serve clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# The project itself is installed once, editable. Installing it again rewrites its
# import hook in site-packages, and a running `make run` (runserver) restarts on that;
# installing requirements leaves what is already satisfied untouched. So `make test`
# beside a running `make run` adds the test tools and changes nothing the server uses.
$(EDITABLE): | $(BIN)/python
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

$(INSTALLED): pyproject.toml | $(EDITABLE)
	$(REQUIREMENTS) | $(BIN)/pip install --quiet -r /dev/stdin
	touch $@

$(TEST_INSTALLED): pyproject.toml $(INSTALLED)
	$(REQUIREMENTS) test | $(BIN)/pip install --quiet -r /dev/stdin
	touch $@

install: $(INSTALLED)

run: $(INSTALLED)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_seed
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# axe-core and vnu-jar (npm) check accessibility and HTML validity in the browser tests.
node_modules/.installed: package.json
	@if command -v npm >/dev/null 2>&1; then \
		npm install --no-audit --no-fund --silent && touch $@; \
	else echo "npm not found: the accessibility and HTML validity tests will be skipped"; fi

test: $(TEST_INSTALLED) node_modules/.installed
	$(BIN)/python -m pytest

lint: $(TEST_INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run

# Recompile both translation catalogues after editing locale/*/LC_MESSAGES/django.po.
messages: $(INSTALLED)
	$(BIN)/python manage.py makemessages -l es -l en --ignore=.venv --ignore=staticfiles
	$(BIN)/python manage.py compilemessages --ignore=.venv

# Serve as in production: gunicorn, debug off, hashed and compressed static files.
# Needs DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS; DATABASE_URL and REDIS_URL as deployed.
# WEB_CONCURRENCY sets the number of worker processes (default 2), HOST and PORT the address.
# FORWARDED_ALLOW_IPS: the proxies gunicorn takes X-Forwarded-* headers from (default this
# machine); behind a proxy elsewhere, its address (and DJANGO_NUM_PROXIES, see README).
# Behind plain HTTP on a developer's machine add DJANGO_SECURE_SSL_REDIRECT=0 DJANGO_SECURE_COOKIES=0.
WEB_CONCURRENCY ?= 2
HOST ?= 127.0.0.1
FORWARDED_ALLOW_IPS ?= 127.0.0.1
serve: $(INSTALLED)
	DJANGO_DEBUG=0 $(BIN)/python manage.py collectstatic --noinput -v0
	DJANGO_DEBUG=0 $(BIN)/python manage.py migrate --noinput
	DJANGO_DEBUG=0 $(BIN)/gunicorn crmcompare.wsgi:application \
		--config crmcompare/gunicorn.conf.py --no-control-socket \
		--bind $(HOST):$(PORT) --workers $(WEB_CONCURRENCY) \
		--forwarded-allow-ips '$(FORWARDED_ALLOW_IPS)' \
		--access-logfile - --error-logfile - \
		--access-logformat '{"time":"%(t)s","remote":"%(h)s","request":"%(r)s","status":%(s)s,"bytes":"%(B)s","duration_us":%(D)s}'

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
