#!/usr/bin/env bash
# Installs what the audit tests need beyond cargo, only where it is missing:
# - a Python venv with scikit-learn and statsmodels, the independent implementation the audit
#   figures are checked against (ICPC_AUDIT_VENV, default ~/.cache/icpc/audit-venv);
# - Debian's chromium, to render the HTML of `icpc audit` and `icpc export` headless.
# Under CI=true anything that cannot be installed is a failure.
set -euo pipefail
venv="${ICPC_AUDIT_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/icpc/audit-venv}"
fail() {
  echo "install-audit: $*" >&2
  if [ "${CI:-}" = "true" ]; then exit 1; fi
}
if ! "$venv/bin/python" -c 'import sklearn, statsmodels' 2>/dev/null; then
  echo "install-audit: creating $venv with scikit-learn and statsmodels"
  mkdir -p "$(dirname "$venv")"
  python3 -m venv "$venv" || fail "cannot create a Python venv at $venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
    'scikit-learn>=1.3' 'statsmodels>=0.14' || fail "cannot install scikit-learn and statsmodels"
fi
if ! command -v chromium >/dev/null 2>&1; then
  echo "install-audit: installing chromium"
  if command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null \
      || fail "cannot install chromium with apt-get"
  else
    fail "chromium is missing and apt-get is not available"
  fi
fi
