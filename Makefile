# Two commands: `make run` (set up and start the app) and `make test` (set up and run the tests).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export GRADIO_ANALYTICS_ENABLED := False
export ANONYMIZED_TELEMETRY := False
export TOKENIZERS_PARALLELISM := false

.PHONY: venv test run lint clean

ARTICLES ?=
PORT ?= 7860

$(PY):
	$(PYTHON) -m venv $(VENV)

# torch first, pinned: any spec admitting 2.14 pulls a multi-GB CUDA build on this kind of machine
$(STAMP): $(PY) pyproject.toml
	$(PIP) install -q --upgrade pip 2>&1 | grep -v "^WARNING: Location" || true
	$(PIP) install -q torch==2.13.0 2>&1 | grep -v "^WARNING: Location" || true
	$(PIP) install -q -e '.[dev]' 2>&1 | grep -v "^WARNING: Location" || true
	$(PY) -c "import torch, sentence_transformers, chromadb, gradio, qa, index" && touch $(STAMP)

venv: $(STAMP)

test: $(STAMP)
	$(PY) -m pytest -q -p no:cacheprovider $(PYTEST_ARGS)

run: $(STAMP)
	$(PY) app.py --port $(PORT) $(if $(ARTICLES),--ingest $(ARTICLES),)

lint: $(STAMP)
	$(VENV)/bin/ruff check qa index tests app.py bench

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache
