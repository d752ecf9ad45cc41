#!/usr/bin/env bash
# Make sure the system packages of scripts/system-packages.txt are present.
# On Debian as root the missing ones are installed (one apt-get update, one install); anywhere else the script
# stops at once, naming what is missing. Used by `make test` and `.ci/run`, so the list lives in one place.
# SYSTEM_PACKAGES_INSTALL=0 only checks; SYSTEM_PACKAGES_LIST names another list (both for its tests).
set -euo pipefail
cd "$(dirname "$0")/.."
list=${SYSTEM_PACKAGES_LIST:-scripts/system-packages.txt}

missing=()
while read -r package probe; do
  [[ -z "$package" || "$package" == \#* ]] && continue
  if command -v dpkg-query >/dev/null; then
    status=$(dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null || true)
    [[ "$status" == "installed" ]] || missing+=("$package")
  elif ! bash -c "$probe" >/dev/null 2>&1; then
    missing+=("$package")
  fi
done < "$list"

[[ ${#missing[@]} -eq 0 ]] && exit 0

if command -v apt-get >/dev/null && [[ "$(id -u)" == "0" && "${SYSTEM_PACKAGES_INSTALL:-1}" != "0" ]]; then
  echo "installing the missing system packages: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  exit 0
fi

echo "missing system packages (see $list): ${missing[*]}" >&2
if command -v apt-get >/dev/null; then
  echo "install them with: sudo apt-get install ${missing[*]}" >&2
fi
exit 1
