#!/usr/bin/env bash
# Installs the Debian packages Accord needs beyond Python: PostgreSQL for the second test pass, Chromium for
# browser tests, fonts that cover Latin and Cyrillic (Kazakh included), WeasyPrint's text-layout libraries, and GNU
# gettext for `make messages` (Django's makemessages) and the test that the catalogs are complete, and LibreOffice
# Writer, which the tests use to open redlines as a secretariat's Word processor would.
# Fast no-op when everything is installed; `apt-get update` runs only when something is missing.
set -euo pipefail

packages=(
  postgresql
  chromium
  fonts-dejavu-core
  fonts-noto-core
  libpango-1.0-0
  libpangoft2-1.0-0
  libharfbuzz0b
  gettext
  libreoffice-writer-nogui
)

missing=()
for package in "${packages[@]}"; do
  # `dpkg -s` also succeeds for removed packages whose config files remain, so check the status itself.
  dpkg -s "$package" 2>/dev/null | grep -qx 'Status: install ok installed' || missing+=("$package")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

as_root=()
[[ $(id -u) -eq 0 ]] || as_root=(sudo)
echo "Installing Debian packages: ${missing[*]}"
"${as_root[@]}" apt-get update
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
