#!/usr/bin/env bash
# Starts the product: database crm_digital with every addon and the Spanish
# demo data, served on $HTTP_HOST:$HTTP_PORT.
# shellcheck source=scripts/common.sh
. "$(dirname "$0")/common.sh"

bash "$REPO/scripts/setup.sh"
load_pg_env
DB="${CRM_DIGITAL_DB:-crm_digital}"
CONF="$STATE/odoo.conf"
# Only our Spanish company's story: none of Odoo's own demo records.
write_odoo_conf "$DB" "$CONF" all

installed="$(psql -X -d "$DB" -tAc \
    "SELECT 1 FROM ir_module_module WHERE name = 'crm_digital' AND state = 'installed'" \
    2>/dev/null || true)"
if [ "$installed" = 1 ]; then
    log "Upgrading the addons in database $DB"
    odoo_bin -c "$CONF" -u "$ADDONS" --stop-after-init --log-level=warn
else
    log "Creating database $DB in Spanish for a company in Spain (takes a few minutes)"
    odoo_bin -c "$CONF" -i base --load-language=es_ES --stop-after-init --log-level=warn
    # Spain and the euro before accounting is installed: it then brings the
    # Spanish chart of accounts and taxes (l10n_es).
    odoo_bin shell -c "$CONF" --no-http --log-level=warn >/dev/null <<'PY'
euro = env.ref("base.EUR")
euro.active = True
env.ref("base.main_company").write(
    {"country_id": env.ref("base.es").id, "currency_id": euro.id}
)
env.ref("base.user_admin").lang = "es_ES"
env.cr.commit()
PY
    odoo_bin -c "$CONF" -i "$ADDONS" --stop-after-init --log-level=warn
fi
log "Loading the Spanish demo data"
"$VENV/bin/python" "$REPO/data/demo/load_demo.py" --config "$CONF" --database "$DB"

"$VENV/bin/python" - <<PY
import sys
sys.path.insert(0, "$REPO/data/demo")
from in_use import CONSULTANT
from story import USERS

print("\nCRM Digital: http://$HTTP_HOST:$HTTP_PORT/odoo  (database $DB)")
print(f"  admin / admin (consultant and administrator, {CONSULTANT['name']})")
for user in USERS:
    role = user["role"].replace("_", " ")
    print(f"  {user['login']} / {user['login']} ({role}, {user['name']})")
print("Stop with Ctrl-C or 'make stop'.\n")
PY
echo $$ >"$STATE/odoo.pid"
exec "$VENV/bin/python" "$(odoo_src)/odoo-bin" -c "$CONF" --http-port "$HTTP_PORT"
