# Two commands from a fresh clone: `make run` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
OUT := out

.PHONY: run test lint bench lock clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade "pip==25.3"

# Runtime install: every dependency pinned by hash, then the package itself (editable, no deps).
$(VENV)/.installed: requirements.lock pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

$(VENV)/.installed-dev: requirements-dev.lock $(VENV)/.installed
	$(BIN)/pip install --quiet --require-hashes -r requirements-dev.lock
	touch $@

# Extract the bundled example reports, print a readable summary of them, and store them in
# the embedded SQLite store (out/wirescope.db), where their events are consolidated; then
# `wirescope serve --db sqlite:///out/wirescope.db` shows them on the map.
run: $(VENV)/.installed
	@mkdir -p $(OUT)
	$(BIN)/wirescope extract examples/*.txt --output $(OUT)/examples.jsonl
	$(BIN)/wirescope show $(OUT)/examples.jsonl
	$(BIN)/wirescope ingest examples/*.txt --db sqlite:///$(OUT)/wirescope.db

test: $(VENV)/.installed-dev
	$(BIN)/ruff check wirescope tests scripts
	$(BIN)/mypy wirescope
	$(BIN)/pytest

# Throughput against spaCy alone, 1 vs 2 workers, local vs Dask (docs/scale.md); a script,
# not a test: it takes minutes. The figures also go to out/bench.json.
bench: $(VENV)/.installed
	@mkdir -p $(OUT)
	PYTHONUNBUFFERED=1 $(BIN)/python scripts/bench.py --data ../shared/data/bbc --json $(OUT)/bench.json

# Re-pin dependencies (needs pip-tools); commit the two lock files it writes.
lock:
	$(BIN)/pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras -o requirements.lock requirements.in
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras -o requirements-dev.lock requirements-dev.in

clean:
	rm -rf $(VENV) $(OUT) *.egg-info
