# jobpulse: `make demo` runs the offline demo, `make test` the tests. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
# Three workers on two cores: many tests wait (crawl subprocesses starting, Retry-After, a
# scheduler's timers), and a third worker fills those waits; measured 300 s with two, 285-290 s
# with three (2,321 tests).
PYTEST_WORKERS ?= 3

.PHONY: install compile demo test test-fast bench fuzz lint clean

$(STAMP): pyproject.toml setup.py
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# The install compiles the normalizers (setup.py); this rebuilds those edited since, which
# otherwise run from their source. Nothing to do takes half a second.
compile: $(STAMP)
	$(BIN)/python setup.py --quiet build_ext --inplace

demo: $(STAMP)
	$(BIN)/jobpulse demo

test: compile
	$(BIN)/pytest -n $(PYTEST_WORKERS) --dist worksteal -q

test-fast: compile
	$(BIN)/pytest -q -m "not slow"

bench: compile
	$(BIN)/python -m bench

fuzz: $(STAMP)
	JOBPULSE_FUZZ_EXAMPLES=10000 $(BIN)/pytest tests/fuzz tests/pipeline/test_normalize_equivalence.py tests/pipeline/test_skills_equivalence.py tests/pipeline/test_role_family_equivalence.py tests/pipeline/test_retag_scope.py tests/warehouse/test_incremental_marts.py -q -p no:cacheprovider --hypothesis-show-statistics

lint: $(STAMP)
	$(BIN)/ruff check .

clean:
	rm -rf $(VENV) data build .pytest_cache .ruff_cache .hypothesis
	find pipeline -name '*.so' -delete
