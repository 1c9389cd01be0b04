#!/usr/bin/env bash
# Odoo's own tests of crm, sale_crm and base_automation, with all our addons
# installed (demo data on). A stock test may fail only when
# tests/stock_by_design.txt lists it with its reason; any other failure, and
# a listed test that now passes or a skipped one, fail the run.
# shellcheck source=scripts/common.sh
. "$(dirname "$0")/common.sh"

run_tests_once "$0" "$@"

STOCK="${STOCK:-crm,sale_crm,base_automation}"
DB="crm_digital_stock_$$"
ODOO_PORT="${CRM_DIGITAL_TEST_PORT:-8169}"
CONF="$STATE/test-stock.conf"
LOG="$STATE/test-stock.log"
BY_DESIGN="$REPO/tests/stock_by_design.txt"

cleanup() {
    dropdb --if-exists "$DB" 2>/dev/null || true
    rm -rf "$STATE/filestore/filestore/$DB"
}
trap cleanup EXIT

write_odoo_conf "$DB" "$CONF"
log "Installing $STOCK and $ADDONS into $DB"
odoo_bin -c "$CONF" -d "$DB" -i "$STOCK,$ADDONS" --stop-after-init \
    --log-level=warn >"$LOG" 2>&1 || die "Installing failed: see $LOG"

tags="$(printf '/%s,' ${STOCK//,/ })"
log "Running the tests of $STOCK (log: $LOG)"
set +e
"$VENV/bin/python" "$REPO/scripts/stock_tests.py" "$STOCK" -c "$CONF" -d "$DB" \
    --test-enable --test-tags "${tags%,}" --http-port "$ODOO_PORT" \
    --stop-after-init >>"$LOG" 2>&1
set -e

"$VENV/bin/python" - "$LOG" "$BY_DESIGN" <<'PY'
import re
import sys

log, by_design = sys.argv[1:]
expected = {}
for line in open(by_design, encoding="utf-8"):
    line = line.strip()
    if line and not line.startswith("#"):
        test, _sep, reason = line.partition(" ")
        expected[test] = reason.strip()
text = open(log, encoding="utf-8").read()
summary = re.findall(r"(\d+) failed, (\d+) error\(s\) of (\d+) tests", text)
if not summary:
    sys.exit(f"Odoo ran no test: see {log}")
failed = set()
for module, kind, test in re.findall(
    r" odoo\.addons\.(\w+)\.tests\S*: (FAIL|ERROR): (?:Subtest )?(\w+\.\w+)", text
):
    failed.add(f"{module}:{test}")
skipped = len(re.findall(r" odoo\.addons\.\w+\.tests\S*: skipped ", text))
stray = [
    line
    for line in text.splitlines()
    if re.search(r" (ERROR|CRITICAL) ", line)
    and not re.search(r" odoo\.(addons\.\w+\.tests|tests\.result)", line)
]
unexpected = sorted(failed - expected.keys())
now_passing = sorted(expected.keys() - failed)
total = int(summary[-1][2])
print(f"Stock tests: {total} run, {len(failed)} failed ({len(failed & expected.keys())} "
      f"by design), {skipped} skipped")
for test in sorted(failed & expected.keys()):
    print(f"  by design: {test}: {expected[test]}")
for test in unexpected:
    print(f"  FAILED: {test}")
for test in now_passing:
    print(f"  PASSES, remove it from {by_design}: {test}")
for line in stray:
    print(f"  ERROR outside a test: {line}")
sys.exit(1 if unexpected or now_passing or stray or skipped else 0)
PY
