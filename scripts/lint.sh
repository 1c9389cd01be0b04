#!/usr/bin/env bash
# Runs the linters (pre-commit, OCA style) on every file. Needs only the
# linters: a virtualenv of their own, without Odoo, a database or a browser.
# shellcheck source=scripts/common.sh
. "$(dirname "$0")/common.sh"

LINT_VENV="$STATE/lint-venv"
stamp="$LINT_VENV/.crm_digital_stamp"
want="$(cat "$REPO/requirements-lint.txt" "$REPO/constraints.txt" | sha1sum | cut -c1-40)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    log "Building $LINT_VENV with the linters"
    [ -x "$LINT_VENV/bin/python" ] || python3 -m venv "$LINT_VENV"
    "$LINT_VENV/bin/pip" install -q -r "$REPO/requirements-lint.txt" -c "$REPO/constraints.txt" \
        >"$STATE/pip-lint.log" 2>&1 || { tail -40 "$STATE/pip-lint.log" >&2; die "Installing the linters failed"; }
    echo "$want" >"$stamp"
fi
export PATH="$LINT_VENV/bin:$PATH"
cd "$REPO"
pre-commit run --all-files --show-diff-on-failure --color=never
