# Shared settings for the project's scripts; sourced, never run.
# shellcheck shell=bash
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE_DIR="${XDG_CACHE_HOME:-$HOME/.cache}/crm-digital"
VENV="$REPO/.venv"
STATE="$REPO/.state"
ODOO_URL="https://github.com/odoo/odoo/archive/refs/heads/18.0.tar.gz"
ADDONS="${ADDONS:-crm_digital,crm_digital_reporting,crm_digital_documents,crm_digital_alerts,crm_digital_api}"
HTTP_HOST="${CRM_DIGITAL_HOST:-127.0.0.1}"
HTTP_PORT="${CRM_DIGITAL_PORT:-8069}"
mkdir -p "$STATE"

log() { printf '\033[1m[crm_digital]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[crm_digital] %s\033[0m\n' "$*" >&2; exit 1; }

# The Odoo source: $ODOO_SRC, else the cache (filled by setup.sh).
odoo_src() {
    if [ -n "${ODOO_SRC:-}" ]; then
        echo "$ODOO_SRC"
    else
        echo "$CACHE_DIR/odoo-18.0"
    fi
}

# Database connection chosen by setup.sh (libpq variables), loaded into the env.
load_pg_env() {
    [ -f "$STATE/pg.env" ] || die "PostgreSQL is not set up; run 'make setup'."
    # shellcheck disable=SC1091
    . "$STATE/pg.env"
}

# Write an Odoo configuration file for database $1 to $2; $3 = "all" leaves
# out Odoo's own demo data (the tests keep it: stock tests rely on it).
# db_name alone serves that one database. No dbfilter: with one, Odoo lists
# the server's databases, on a new PostgreSQL connection, for every request
# without a session cookie (every REST call).
write_odoo_conf() {
    local db="$1" conf="$2" without_demo="${3:-False}" src
    src="$(odoo_src)"
    load_pg_env
    cat >"$conf" <<CONF
[options]
addons_path = $src/addons,$REPO
data_dir = $STATE/filestore
db_host = ${PGHOST:-False}
db_port = ${PGPORT:-False}
db_user = ${PGUSER:-$(id -un)}
db_password = ${PGPASSWORD:-False}
db_name = $db
list_db = False
http_interface = $HTTP_HOST
without_demo = $without_demo
server_wide_modules = base,web,queue_job

[queue_job]
# Webhook deliveries wait for no import: a channel of their own.
channels = root:2,root.webhooks:1
CONF
}

# Tests run one at a time on a machine (they share their ports and the cores):
# re-runs the calling script ($1, with its arguments) under a lock, once set
# up and with the database server's settings loaded.
run_tests_once() {
    if [ -z "${CRM_DIGITAL_TEST_LOCKED:-}" ]; then
        export CRM_DIGITAL_TEST_LOCKED=1
        exec flock "${TMPDIR:-/tmp}/crm-odoo-tests.lock" bash "$@"
    fi
    bash "$REPO/scripts/setup.sh"
    load_pg_env
}

# Odoo's own launcher (the editable install's console script cannot import odoo.cli).
odoo_bin() { "$VENV/bin/python" "$(odoo_src)/odoo-bin" "$@"; }
