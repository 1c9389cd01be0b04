#!/usr/bin/env bash
# Idempotent set-up: Odoo source, virtualenv, system packages, PostgreSQL.
# shellcheck source=scripts/common.sh
. "$(dirname "$0")/common.sh"

as_root_apt() { [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; }
APT_UPDATED=""
apt_install() {
    if [ -z "$APT_UPDATED" ]; then
        apt-get update -qq >/dev/null && APT_UPDATED=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}
missing_debs() {
    local pkg
    for pkg in "$@"; do
        dpkg -s "$pkg" >/dev/null 2>&1 || printf '%s ' "$pkg"
    done
}

# 1. Odoo 18.0 source ---------------------------------------------------------
setup_odoo_src() {
    local src
    src="$(odoo_src)"
    if [ -f "$src/odoo-bin" ]; then
        return
    fi
    if [ -n "${ODOO_SRC:-}" ]; then
        die "ODOO_SRC=$ODOO_SRC holds no Odoo source (no odoo-bin there)."
    fi
    log "Odoo source not cached; downloading 18.0 into $src"
    mkdir -p "$src.part"
    if curl -fsL --retry 2 "$ODOO_URL" | tar -xz --strip-components=1 -C "$src.part" 2>/dev/null \
        && [ -f "$src.part/odoo-bin" ]; then
        mv "$src.part" "$src"
        return
    fi
    rm -rf "$src.part"
    die "No Odoo 18.0 source. Give it one of three ways:
  1. ODOO_SRC=/path/to/odoo-18.0 make ...  (an Odoo 18.0 source tree)
  2. unpack an Odoo 18.0 tree into the cache: $src
  3. a machine with internet access, where it is downloaded from $ODOO_URL"
}

# 2. System packages ------------------------------------------------------------
setup_system() {
    local need=""
    if ! command -v pg_config >/dev/null; then
        need+="libpq-dev "
    fi
    need+="$(missing_debs libpq-dev libldap2-dev libsasl2-dev)"
    command -v wkhtmltopdf >/dev/null || need+="wkhtmltopdf "
    # The README's integration examples run with curl and Node.js (fetch).
    command -v curl >/dev/null || need+="curl "
    command -v node >/dev/null || need+="nodejs "
    if ! chromium_bin >/dev/null; then
        need+="chromium "
    fi
    if [ -n "${need// /}" ]; then
        if as_root_apt; then
            log "Installing system packages: $need"
            # shellcheck disable=SC2086
            apt_install $need
        else
            log "Missing system packages ($need); install them with apt as root."
        fi
    fi
    chromium_bin >/dev/null || die "No Chromium for the browser tours: install Debian's 'chromium' package."
}
chromium_bin() {
    local b
    for b in chromium chromium-browser google-chrome; do
        if command -v "$b" >/dev/null; then
            command -v "$b"
            return 0
        fi
    done
    return 1
}

# 3. Virtualenv ----------------------------------------------------------------
setup_venv() {
    local src stamp want py
    src="$(odoo_src)"
    stamp="$VENV/.crm_digital_stamp"
    want="$(cat "$src/requirements.txt" "$REPO/requirements.txt" "$REPO/requirements-lint.txt" "$REPO/constraints.txt" "$0" | sha1sum | cut -c1-40) $src"
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
        return
    fi
    py="$(command -v python3.11 || command -v python3.12 || command -v python3)"
    log "Building $VENV with $($py --version)"
    [ -x "$VENV/bin/python" ] || "$py" -m venv "$VENV"
    pip_install --upgrade pip wheel "setuptools<81"
    # Odoo's pins, less those that constraints.txt overrides.
    grep -v -i -E "^($(grep -o -E '^[A-Za-z0-9_.-]+' "$REPO/constraints.txt" | paste -sd'|'))[ =<>;]" \
        "$src/requirements.txt" >"$STATE/odoo-requirements.txt"
    pip_install -r "$STATE/odoo-requirements.txt" -r "$REPO/constraints.txt"
    # compat mode puts the source itself on sys.path, so "import odoo" finds it
    # before the odoo/addons folder that the OCA wheels add to site-packages.
    pip_install --no-deps -e "$src" --config-settings editable_mode=compat
    pip_install -r "$REPO/requirements.txt" -c "$REPO/constraints.txt"
    echo "$want" >"$stamp"
}

pip_install() {
    "$VENV/bin/pip" install -q "$@" >>"$STATE/pip.log" 2>&1 \
        || { tail -40 "$STATE/pip.log" >&2; die "pip install $* failed (log: $STATE/pip.log)"; }
}

# 4. PostgreSQL ----------------------------------------------------------------
pg_answers() { psql -X -d postgres -tAc 'select 1' >/dev/null 2>&1; }
setup_pg() {
    local pgbin pgdata owner sockdir
    # A server reached by libpq's environment or the default socket.
    if [ -z "${CRM_DIGITAL_LOCAL_PG:-}" ] && pg_answers; then
        write_pg_env
        return
    fi
    # A server that answers but lacks our role: create it as 'postgres'.
    if [ -z "${CRM_DIGITAL_LOCAL_PG:-}" ] && [ -z "${PGUSER:-}" ] \
        && psql -X -U postgres -d postgres -tAc 'select 1' >/dev/null 2>&1; then
        psql -X -U postgres -d postgres -qc "CREATE ROLE \"$(id -un)\" LOGIN SUPERUSER" >/dev/null
        write_pg_env
        return
    fi
    # None: a project-local cluster, on a private socket.
    pgbin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
    [ -n "$pgbin" ] || pgbin="$(dirname "$(command -v initdb || die 'No PostgreSQL server answers and no PostgreSQL binaries (initdb) are installed.')")"
    pgdata="${CRM_DIGITAL_PGDATA:-$CACHE_DIR/pgdata}"
    owner="$(id -un)"
    if [ "$(id -u)" = 0 ]; then
        # initdb refuses root: run the cluster as an unprivileged user.
        owner=postgres
        id "$owner" >/dev/null 2>&1 || useradd --system --no-create-home "$owner"
        pgdata="${CRM_DIGITAL_PGDATA:-/var/tmp/crm-digital-pgdata}"
    fi
    sockdir="$pgdata/socket"
    if [ ! -f "$pgdata/PG_VERSION" ]; then
        log "Creating a project-local PostgreSQL cluster in $pgdata"
        mkdir -p "$pgdata"
        chown "$owner" "$pgdata"
        run_as "$owner" "$pgbin/initdb" -D "$pgdata" -U crm_digital --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
        printf "listen_addresses = ''\nunix_socket_directories = '%s'\nfsync = off\n" "$sockdir" >>"$pgdata/postgresql.conf"
        mkdir -p "$sockdir"
        chown "$owner" "$sockdir"
    fi
    if ! run_as "$owner" "$pgbin/pg_ctl" -D "$pgdata" status >/dev/null 2>&1; then
        run_as "$owner" "$pgbin/pg_ctl" -D "$pgdata" -l "$pgdata/server.log" -w start >/dev/null
    fi
    cat >"$STATE/pg.env" <<ENV
export PGHOST='$sockdir' PGPORT=5432 PGUSER=crm_digital
export CRM_DIGITAL_PG_LOCAL='$pgdata' CRM_DIGITAL_PG_OWNER='$owner' CRM_DIGITAL_PG_BIN='$pgbin'
ENV
}
run_as() {
    local user="$1"
    shift
    if [ "$(id -un)" = "$user" ]; then
        "$@"
    else
        su -s /bin/sh "$user" -c "$(printf '%q ' "$@")"
    fi
}
write_pg_env() {
    : >"$STATE/pg.env"
    local var
    for var in PGHOST PGPORT PGUSER PGPASSWORD; do
        if [ -n "${!var:-}" ]; then
            printf 'export %s=%q\n' "$var" "${!var}" >>"$STATE/pg.env"
        fi
    done
}

setup_odoo_src
setup_system
setup_venv
setup_pg
log "Set-up done: Odoo at $(odoo_src), Python at $VENV, database server: $(. "$STATE/pg.env"; echo "${PGHOST:-local socket}")"
