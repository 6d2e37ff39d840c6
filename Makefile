# Two commands for a fresh machine: `make demo` (set up + main job) and `make test` (set up + all tests);
# `make serve` sets up and opens the web pages on the shipped library (PORT=8080, HOST=127.0.0.1).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
OUT    ?= out
PORT   ?= 8080
HOST   ?= 127.0.0.1

.PHONY: setup system-deps demo previews serve test lint fuzz clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Cần Python 3.11 trở lên"; exit 1; }
	@$(PYTHON) -m venv $(VENV) || { echo "Thiếu venv: sudo apt-get install python3-venv"; exit 1; }
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	@touch $@

system-deps:
	@sh scripts/install-system-deps.sh

demo: setup
	@sh scripts/demo.sh $(OUT)

previews: demo
	@sh scripts/render_previews.sh $(OUT)

serve: setup
	$(BIN)/vanban serve --host $(HOST) --port $(PORT)

# The web, CLI and drafting tests that write the office database, once more on PostgreSQL (the
# store tests in tests/office already run on both): what a department running several workers gets.
PG_TESTS := tests/web/test_accounts.py tests/web/test_register_pages.py tests/web/test_draft_pages.py \
	tests/web/test_draft_e2e.py tests/web/test_full_names.py tests/web/test_plan_to_draft.py \
	tests/app/test_cli_users.py tests/generator/test_draft_job.py

test: setup system-deps
	$(BIN)/pytest -q
	$(BIN)/pytest -q --office-db=postgresql $(PG_TESTS)

fuzz: setup
	VANBAN_FUZZ_EXAMPLES=$${VANBAN_FUZZ_EXAMPLES:-3000} $(BIN)/pytest -q tests/fuzz

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache .ruff_cache
