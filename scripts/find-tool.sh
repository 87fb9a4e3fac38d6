#!/usr/bin/env bash
# Print the path of a Qt tool (lrelease, lupdate): Debian releases install them under
# different names and folders (qtchooser links in Debian 12, versioned names later).
set -euo pipefail
tool=${1:?usage: find-tool.sh TOOL}
for candidate in "$tool" "$tool-qt5" "/usr/lib/qt5/bin/$tool" \
    "/usr/lib/$(uname -m)-linux-gnu/qt5/bin/$tool" "$tool-qt6" "/usr/lib/qt6/bin/$tool"; do
    if path=$(command -v "$candidate" 2>/dev/null) && "$path" -version >/dev/null 2>&1; then
        echo "$path"
        exit 0
    fi
done
echo "error: $tool not found; install the Debian package qttools5-dev-tools (make deps)" >&2
exit 1
