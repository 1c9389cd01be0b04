#!/usr/bin/env bash
# Runs the linters (pre-commit, OCA style) on every file.
# shellcheck source=scripts/common.sh
. "$(dirname "$0")/common.sh"

bash "$REPO/scripts/setup.sh"
export PATH="$VENV/bin:$PATH"
cd "$REPO"
pre-commit run --all-files --show-diff-on-failure --color=never
