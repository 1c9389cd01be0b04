# The two commands a newcomer needs: 'make run' and 'make test'.
# ADDON=<name> limits 'make test' to one addon (ADDON=tests: the black-box suite).
.PHONY: setup run test test-stock lint stop clean

setup:
	bash scripts/setup.sh

run:
	bash scripts/run.sh

test:
	bash scripts/test.sh

test-stock:
	bash scripts/test_stock.sh

lint:
	bash scripts/lint.sh

stop:
	bash scripts/stop.sh

clean: stop
	rm -rf .venv .state
