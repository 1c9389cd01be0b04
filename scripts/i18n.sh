#!/usr/bin/env bash
# Refreshes each addon's i18n/<addon>.pot from a database where the addons are
# installed (default: crm_digital, as 'make run' leaves it), and adds the new
# terms to i18n/es.po (existing translations are kept).
# shellcheck source=scripts/common.sh
. "$(dirname "$0")/common.sh"

load_pg_env
# babel warns about pkg_resources on every file it reads
export PYTHONWARNINGS=ignore::UserWarning
DB="${1:-${CRM_DIGITAL_DB:-crm_digital}}"
CONF="$STATE/i18n.conf"
write_odoo_conf "$DB" "$CONF"
for addon in ${ADDONS//,/ }; do
    mkdir -p "$REPO/$addon/i18n"
    odoo_bin -c "$CONF" -d "$DB" --i18n-export="$REPO/$addon/i18n/$addon.pot" \
        --modules="$addon" --stop-after-init --log-level=warn
    "$VENV/bin/python" - "$REPO/$addon/i18n" "$addon" <<'PY'
import sys
from pathlib import Path

import polib

folder, addon = Path(sys.argv[1]), sys.argv[2]
pot = polib.pofile(str(folder / f"{addon}.pot"))
po_path = folder / "es.po"
po = polib.pofile(str(po_path)) if po_path.exists() else polib.POFile()
po.metadata = dict(pot.metadata, Language="es", **{"Plural-Forms": "nplurals=2; plural=(n != 1);"})
po.merge(pot)
po.save(str(po_path))
missing = [entry.msgid for entry in po if not entry.msgstr and not entry.obsolete]
if missing:
    print(f"{addon}: {len(missing)} term(s) to translate in {po_path}")
PY
done
"$VENV/bin/oca-checks-po" --fix --no-verbose "$REPO"/crm_digital*/i18n/*.po >/dev/null || true
