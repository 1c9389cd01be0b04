#!/usr/bin/env bash
# Stops the server started by 'make run' and the project-local PostgreSQL cluster.
# shellcheck source=scripts/common.sh
. "$(dirname "$0")/common.sh"

if [ -f "$STATE/odoo.pid" ]; then
    kill "$(cat "$STATE/odoo.pid")" 2>/dev/null && log "Odoo stopped" || true
    rm -f "$STATE/odoo.pid"
fi
if [ -f "$STATE/pg.env" ]; then
    load_pg_env
    if [ -n "${CRM_DIGITAL_PG_LOCAL:-}" ]; then
        su -s /bin/sh "$CRM_DIGITAL_PG_OWNER" -c \
            "'$CRM_DIGITAL_PG_BIN/pg_ctl' -D '$CRM_DIGITAL_PG_LOCAL' -m fast stop" >/dev/null 2>&1 \
            || "$CRM_DIGITAL_PG_BIN/pg_ctl" -D "$CRM_DIGITAL_PG_LOCAL" -m fast stop >/dev/null 2>&1 \
            || true
        rm -f "$STATE/pg.env"
        log "Project-local PostgreSQL stopped"
    fi
fi
