#!/usr/bin/env bash
# Check that the Debian packages given as arguments are installed. Install the missing
# ones when running as root; otherwise print the exact apt-get line and stop.
set -euo pipefail

missing=()
for package in "$@"; do
    status=$(dpkg-query -W -f='${db:Status-Abbrev}' "$package" 2>/dev/null || true)
    [[ "$status" == "ii"* ]] || missing+=("$package")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

install_line="apt-get install -y --no-install-recommends ${missing[*]}"
if [[ $(id -u) -ne 0 ]]; then
    {
        echo "error: these Debian packages are missing: ${missing[*]}"
        echo "Install them as root, then run make again:"
        echo "    sudo apt-get update && sudo $install_line"
    } >&2
    exit 1
fi

echo "Installing missing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -q --no-install-recommends "${missing[@]}"
