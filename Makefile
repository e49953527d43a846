# Two entry points: `make demo` and `make test`. Both create .venv on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip --disable-pip-version-check -q

.PHONY: demo test lint-self typecheck format bench docs clean

$(VENV)/.base: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -e .
	@touch $@

$(VENV)/.dev: $(VENV)/.base pyproject.toml
	$(PIP) install -e '.[dev]'
	@touch $@

demo: $(VENV)/.base
	@echo "== runwright show: the parsed model of the bundled examples"
	$(BIN)/runwright show examples
	@echo "== runwright lint --profile standard examples"
	$(BIN)/runwright lint --profile standard examples
	@echo "== runwright run --dry-run: what the production deployment would run, in order"
	$(BIN)/runwright run --dry-run examples/deploy-production.fr.md --var VERSION=1.4.2
	@echo "== runwright run --dry-run: a rolling restart across the example inventory, in batches"
	$(PIP) install -e '.[fleet]'
	$(BIN)/runwright run --dry-run examples/restart-workers.en.md

test: $(VENV)/.dev
	@scripts/ensure-test-packages.sh
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy --strict src
	$(BIN)/runwright lint --profile standard --no-cache examples
	$(BIN)/python -m pytest -n 2 --dist loadfile -q

docs: $(VENV)/.dev
	$(BIN)/python scripts/gen_docs.py

bench: $(VENV)/.dev
	$(PIP) install -e '.[bench]'
	for b in $(filter-out benchmarks/corpus.py benchmarks/machine.py,$(wildcard benchmarks/*.py)); do \
		$(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) .runwright build dist src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
