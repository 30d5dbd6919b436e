# Herzlich Digital: everything a fresh Debian bookworm machine needs is installed by these targets.
#   make demo   QGIS with the plugin and the demo city (SCREENSHOT=shot.png: headless, saves a screenshot)
#   make test   the whole test suite, headless
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON_SYS := /usr/bin/python3
VENV := .venv
PY := $(VENV)/bin/python
PACKAGE := herzlich_digital_plugin
VERSION := $(shell sed -n 's/^version=//p' metadata.txt)
BUILD := build
DIST := dist
DEMO_SIZE ?= demo
LANGUAGE ?= de
DEMO_DIR := $(BUILD)/demo-$(DEMO_SIZE)-$(LANGUAGE)
DEMO_PROJECT := $(DEMO_DIR)/herzlich_digital_$(DEMO_SIZE).qgz
PROFILES := $(CURDIR)/$(BUILD)/qgis-profiles
DEMO_PROFILE := herzlich-digital-demo
SCREENSHOT ?=
PANORAMA ?= auto
SENSORS ?= 1
SENSOR_CHART ?= auto
REVIEW ?=# 1: open the review queue too
CHECK_ROADWORKS ?=# part of a roadworks title: check that site
PYTEST_ARGS ?=

APT_PACKAGES := qgis python3-qgis qgis-providers xvfb xauth postgresql postgis pyqt5-dev-tools \
	qttools5-dev-tools imagemagick python3-venv python3-psycopg2 python3-requests python3-shapely \
	python3-matplotlib gdal-bin mosquitto poppler-utils python3-paho-mqtt
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
TS_FILE := i18n/herzlich_digital_de.ts
QM_FILE := i18n/herzlich_digital_de.qm
SOURCES := $(shell find $(PACKAGE) -name '*.py' -not -path '*/__pycache__/*' 2>/dev/null)

# Headless Qt everywhere; tests write QGIS settings into build/, never into the user's profile.
export QT_QPA_PLATFORM ?= offscreen
TEST_ENV := QGIS_CUSTOM_CONFIG_PATH=$(CURDIR)/$(BUILD)/test-qgis-config PYTHONDONTWRITEBYTECODE=1

.PHONY: help deps apt-deps venv translations i18n-update test unit lint package deploy demo demo-data bench clean

help:
	@echo "make demo    - QGIS with the plugin and the demo city (SCREENSHOT=shot.png for a headless screenshot)"
	@echo "make test    - the whole test suite, headless"
	@echo "make lint | package | bench | translations | i18n-update | deps | clean"

## deps: Debian packages (apt as root, sudo otherwise) and the test venv; idempotent.
deps: apt-deps venv

apt-deps:
	@missing=$$(for p in $(APT_PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:" $$missing; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q $$missing; \
	fi

GEOVISIO_VENV := .venv-geovisio
venv: $(VENV)/.installed $(GEOVISIO_VENV)/.installed

# The real Panoramax server (GeoVisio) the panorama tests start: its own venv, its pins do not fit beside ours.
$(GEOVISIO_VENV)/.installed: requirements-geovisio.txt | apt-deps
	test -x $(GEOVISIO_VENV)/bin/python || $(PYTHON_SYS) -m venv $(GEOVISIO_VENV)
	$(GEOVISIO_VENV)/bin/python -m pip install -q --disable-pip-version-check -r requirements-geovisio.txt
	touch $@

$(VENV)/.installed: requirements-dev.txt | apt-deps
	test -x $(PY) || $(PYTHON_SYS) -m venv --system-site-packages $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements-dev.txt
	touch $@

## translations: compile i18n/*.ts to .qm (the .ts is the source, edited by translators)
translations: $(QM_FILE)

$(QM_FILE): $(TS_FILE) | apt-deps
	lrelease -silent $(TS_FILE) -qm $(QM_FILE)

## i18n-update: collect new tr() strings from the sources into the .ts
i18n-update: | apt-deps
	pylupdate5 -noobsolete $(SOURCES) -ts $(TS_FILE)

# A crash (Qt fatal, segfault) ends pytest without a summary: then the last test started is named.
LAST_TEST := $(BUILD)/last-test-started.txt
test: deps translations
	@mkdir -p $(BUILD) && rm -f $(LAST_TEST)
	@HD_LAST_TEST_FILE=$(CURDIR)/$(LAST_TEST) $(TEST_ENV) $(PY) -m pytest tests $(PYTEST_ARGS) || { rc=$$?; \
		[ $$rc -le 5 ] || echo "pytest ended by signal $$((rc - 128)) during: $$(cat $(LAST_TEST) 2>/dev/null)"; \
		exit $$rc; }

unit: deps
	$(TEST_ENV) $(PY) -m pytest tests/unit $(PYTEST_ARGS)

lint: deps
	$(PY) -m flake8 $(PACKAGE) scripts bench tests
	$(PY) -m bandit -q -c pyproject.toml -r $(PACKAGE)
	$(PY) scripts/check_secrets.py
	$(PY) scripts/check_qt6.py $(PACKAGE) scripts bench tests
	$(TEST_ENV) $(PY) -m pytest -q tests/unit/test_code_layout.py

package: deps translations
	$(PY) scripts/package.py $(BUILD) $(DIST)

deploy: package
	$(PY) scripts/deploy_profile.py $(PROFILES) $(DEMO_PROFILE) $(BUILD)/$(PACKAGE) $(LANGUAGE)

demo-data: deploy
	@test -f $(DEMO_PROJECT) || QGIS_CUSTOM_CONFIG_PATH=$(PROFILES) HD_LANGUAGE=$(LANGUAGE) $(PY) scripts/build_demo.py $(DEMO_SIZE) $(DEMO_DIR)

## demo: also starts the live sensor services (SENSORS=0: without) and opens the time-series dock of a counter
## (SENSOR_CHART=auto, a datastream name, or empty)
demo: demo-data
	HD_OPEN_PANORAMA=$(PANORAMA) HD_SENSORS=$(SENSORS) HD_OPEN_SENSOR_CHART=$(SENSOR_CHART) \
		HD_OPEN_REVIEW=$(REVIEW) HD_CHECK_ROADWORKS="$(CHECK_ROADWORKS)" \
		scripts/demo.sh $(DEMO_PROJECT) $(SCREENSHOT)

bench: deps
	$(TEST_ENV) $(PY) bench/run.py $(BUILD)/bench.json

clean:
	rm -rf $(BUILD) $(DIST) i18n/*.qm
