#!/usr/bin/env bash
# Runs every test on a throw-away database: each addon's Odoo tests (with
# tours in headless Chromium) through Odoo's own runner, then the black-box
# suite in tests/ with pytest against a server started for it.
# ADDON=name limits the run to one addon (ADDON=tests: only the black-box suite).
# shellcheck source=scripts/common.sh
. "$(dirname "$0")/common.sh"

run_tests_once "$0" "$@"

ADDON="${ADDON:-}"
DB="crm_digital_test_$$"
ODOO_PORT="${CRM_DIGITAL_TEST_PORT:-8169}"
API_PORT="$((ODOO_PORT + 1))"
CONF="$STATE/test.conf"
LOG="$STATE/test-odoo${ADDON:+-$ADDON}.log"
REPORT="$STATE/test-pytest.xml"
SERVER_PID=""

cleanup() {
    [ -z "$SERVER_PID" ] || kill "$SERVER_PID" 2>/dev/null || true
    wait 2>/dev/null || true
    dropdb --if-exists "$DB" 2>/dev/null || true
    rm -rf "$STATE/filestore/filestore/$DB"
}
trap cleanup EXIT

write_odoo_conf "$DB" "$CONF"
passed=0 failed=0 skipped=0

install_addons="$ADDONS"
tags="$(printf '/%s,' ${ADDONS//,/ })"
case "$ADDON" in
"" | tests) ;;
*)
    install_addons="$ADDON"
    # TEST_TAGS narrows the run further, e.g. /crm_digital:TestPipelineUi.
    tags="${TEST_TAGS:-/$ADDON}"
    ;;
esac

# 1. Odoo tests -----------------------------------------------------------------
if [ "$ADDON" != tests ]; then
    log "Installing $install_addons into $DB and running their tests (log: $LOG)"
    set +e
    odoo_bin -c "$CONF" -d "$DB" -i "$install_addons" --test-enable \
        --test-tags "${tags%,}" --http-port "$ODOO_PORT" --stop-after-init \
        --log-handler=odoo.modules.loading:WARNING >"$LOG" 2>&1
    rc=$?
    set -e
    grep -E "(INFO|WARNING|ERROR|CRITICAL) .*(Starting |skipped |tests when loading|ERROR|CRITICAL|FAIL)" "$LOG" \
        | sed -E 's/^[0-9-]+ [0-9:,]+ [0-9]+ //' || true
    summary="$(grep -oE '[0-9]+ failed, [0-9]+ error\(s\) of [0-9]+ tests' "$LOG" | tail -1 || true)"
    if [ -z "$summary" ]; then
        log "Odoo ran no test (exit code $rc): see $LOG"
        failed=$((failed + 1))
    else
        read -r f e n <<<"$(echo "$summary" | grep -oE '[0-9]+' | paste -sd' ')"
        s="$(grep -cE ' (odoo\.addons\.[a-z_]+\.tests\S*): skipped ' "$LOG" || true)"
        # Errors logged outside any test (a broken view, a failed install) fail the run too.
        stray="$(grep -E ' (ERROR|CRITICAL) ' "$LOG" | grep -vcE ' odoo\.(addons\.[a-z_]+\.tests|tests\.result)' || true)"
        passed=$((passed + n - f - e - s))
        failed=$((failed + f + e + stray))
        skipped=$((skipped + s))
        [ "$rc" = 0 ] || [ $((f + e + stray)) -gt 0 ] || failed=$((failed + 1))
        log "Odoo tests: $summary, $s skipped, $stray error(s) outside tests (exit code $rc)"
    fi
fi

# 2. Black-box suite ------------------------------------------------------------
if [ -z "$ADDON" ] || [ "$ADDON" = tests ]; then
    if [ "$ADDON" = tests ]; then
        odoo_bin -c "$CONF" -d "$DB" -i "$ADDONS" --stop-after-init \
            --log-level=warn >"$LOG" 2>&1 || die "Installing the addons failed: see $LOG"
    fi
    # As in production: several workers, queue_job's runner (a worker of its
    # own, from server_wide_modules) and the crons.
    log "Starting a server on port $API_PORT (2 workers, job runner, crons) for the black-box suite"
    "$VENV/bin/python" "$(odoo_src)/odoo-bin" -c "$CONF" -d "$DB" --http-port "$API_PORT" \
        --gevent-port "$((API_PORT + 1))" --workers 2 --max-cron-threads 1 \
        --limit-time-real 900 --log-level=warn \
        >"$STATE/test-server.log" 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 120); do
        curl -fs -o /dev/null "http://$HTTP_HOST:$API_PORT/web/login" && break
        sleep 1
    done
    set +e
    CRM_DIGITAL_URL="http://$HTTP_HOST:$API_PORT" CRM_DIGITAL_DB="$DB" \
        "$VENV/bin/pytest" -p no:cacheprovider -p no:odoo --junitxml="$REPORT" -q --tb=short \
        "$REPO/tests"
    set -e
    if [ -f "$REPORT" ]; then
        read -r n f e s <<<"$("$VENV/bin/python" - "$REPORT" <<'PY'
import sys
import xml.etree.ElementTree as ET

root = ET.parse(sys.argv[1]).getroot()
suite = root if root.tag == "testsuite" else root.find("testsuite")
print(*(suite.get(key, "0") for key in ("tests", "failures", "errors", "skipped")))
PY
)"
        passed=$((passed + n - f - e - s))
        failed=$((failed + f + e))
        skipped=$((skipped + s))
    else
        failed=$((failed + 1))
    fi
fi

line="$passed passed, $failed failed"
[ "$skipped" = 0 ] || line+=", $skipped skipped"
echo "$line"
[ "$failed" = 0 ]
