#!/usr/bin/env bash
# Print pip constraints that pin the Debian-provided scientific stack at its installed
# versions, so that pip can never replace Debian's numpy (GDAL and QGIS are built against
# it) or the other compiled modules with incompatible wheels.
set -euo pipefail
python=${1:?usage: constraints.sh PYTHON}
"$python" - <<'PY'
from importlib import metadata

for dist in ("numpy", "GDAL", "shapely", "pyproj", "pytest"):
    try:
        print(f"{dist}=={metadata.version(dist)}")
    except metadata.PackageNotFoundError:
        pass
PY
