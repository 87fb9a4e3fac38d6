#!/usr/bin/env bash
# Run `make test` on the QGIS versions of the Debian releases this machine is not:
#   bookworm (Debian 12) -> QGIS 3.22, trixie (Debian 13) -> QGIS 3.40, sid -> QGIS 3.44.
# Each release lives in a debootstrap chroot cached under $MATRIX_CACHE (fixed path), so
# a second run only refreshes the source copy. Needs root (debootstrap, chroot, mounts).
#
#   MATRIX_SUITES="trixie sid"   choose the releases (default: all but this machine's)
#   MATRIX_CACHE=/path           where the chroots live
#   MATRIX_REBUILD=1             rebuild the chroots from scratch
#
# A chroot of Debian unstable that cannot be built (unstable breaks for its own reasons)
# is reported loudly and skipped; once built, its test failures count like any other.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
MATRIX_CACHE=${MATRIX_CACHE:-/var/cache/reclamation-planner/chroots}
ALL_SUITES=(bookworm trixie sid)
declare -A QGIS_OF=([bookworm]="QGIS 3.22" [trixie]="QGIS 3.40" [sid]="QGIS 3.44")
CHROOT_SRC=/root/reclamation-planner-src
CHROOT_VENV=/root/reclamation-planner-venv

log() { printf '\n=== %s\n' "$*"; }
loud() {
    printf '\n%s\n' "############################################################################"
    printf '### %s\n' "$@"
    printf '%s\n\n' "############################################################################"
}

if [[ $(id -u) -ne 0 ]]; then
    echo "error: make test-matrix needs root (debootstrap, chroot and mounts)." >&2
    echo "Run it as root, e.g.: sudo make test-matrix" >&2
    exit 1
fi

host_codename() {
    # shellcheck disable=SC1091
    (. /etc/os-release && echo "${VERSION_CODENAME:-unknown}")
}

# The Debian mirror this machine already uses, so the chroots come from the same place.
host_mirror() {
    local uri
    uri=$(grep -hsE '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null \
        | awk '{print $2}' | grep -v -- '-security' | head -n1 || true)
    if [[ -z "$uri" ]]; then
        uri=$(grep -hsE '^deb ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null \
            | awk '{print $2}' | grep -v -- '-security' | head -n1 || true)
    fi
    echo "$uri"
}

ensure_debootstrap() {
    command -v debootstrap >/dev/null 2>&1 && return 0
    log "Installing debootstrap"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends debootstrap
}

# Environment passed into the chroot: proxies and pip settings of this machine.
passthrough_env() {
    local name
    for name in http_proxy https_proxy no_proxy HTTP_PROXY HTTPS_PROXY NO_PROXY \
        PIP_INDEX_URL PIP_EXTRA_INDEX_URL PIP_DEFAULT_TIMEOUT PIP_DISABLE_PIP_VERSION_CHECK CI; do
        [[ -n "${!name:-}" ]] && printf '%s=%s\0' "$name" "${!name}"
    done
    return 0
}

# Run a command inside the chroot, in a private mount namespace: /proc, /sys and /dev are
# mounted for it and vanish with it, even when the run is killed.
in_chroot() {
    local dir=$1
    shift
    local env_args=()
    mapfile -d '' env_args < <(passthrough_env)
    unshare --mount --propagation private -- /bin/bash -euc '
        dir=$1; shift
        mount -t proc proc "$dir/proc"
        mount -t sysfs sys "$dir/sys"
        mount --rbind /dev "$dir/dev"
        mount -t tmpfs tmpfs "$dir/tmp"
        cp /etc/resolv.conf "$dir/etc/resolv.conf"
        exec chroot "$dir" /usr/bin/env -i HOME=/root LANG=C.UTF-8 LC_ALL=C.UTF-8 \
            PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
            SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt \
            PIP_CERT=/etc/ssl/certs/ca-certificates.crt \
            REQUESTS_CA_BUNDLE=/etc/ssl/certs/ca-certificates.crt \
            "$@"
    ' in_chroot "$dir" "${env_args[@]}" "$@"
}

# The chroot trusts the certificate authorities this machine added locally (a proxy's CA,
# for instance), so pip inside it reaches the registry the way the host does.
sync_certificates() {
    local dir=$1
    compgen -G "/usr/local/share/ca-certificates/*" >/dev/null || return 0
    mkdir -p "$dir/usr/local/share/ca-certificates"
    cp -a /usr/local/share/ca-certificates/. "$dir/usr/local/share/ca-certificates/"
    in_chroot "$dir" update-ca-certificates >/dev/null
}

build_chroot() {
    local suite=$1 dir=$2 mirror
    mirror=$(host_mirror)
    rm -rf "$dir.partial"
    log "Building the $suite chroot in $dir (debootstrap${mirror:+ from $mirror})"
    # shellcheck disable=SC2086
    debootstrap --variant=minbase --include=make,ca-certificates \
        "$suite" "$dir.partial" $mirror
    mv "$dir.partial" "$dir"
}

copy_sources() {
    local dir=$1
    rm -rf "${dir:?}$CHROOT_SRC"
    mkdir -p "$dir$CHROOT_SRC"
    # Tracked and new (not ignored) files, as they are in the work tree: what CI's clone has.
    (cd "$ROOT" && git ls-files -z --cached --others --exclude-standard \
        | xargs -0 -r sh -c 'for f; do [ -e "$f" ] && printf "%s\0" "$f"; done' sh \
        | tar --null -T - -cf -) | tar -xf - -C "$dir$CHROOT_SRC"
}

run_suite() {
    local suite=$1 dir="$MATRIX_CACHE/$1"
    log "$suite (${QGIS_OF[$suite]})"
    [[ "${MATRIX_REBUILD:-0}" == 1 ]] && rm -rf "$dir"
    if [[ ! -x "$dir/usr/bin/make" ]]; then
        if ! build_chroot "$suite" "$dir"; then
            rm -rf "$dir.partial"
            return 2
        fi
    fi
    sync_certificates "$dir" || return 2
    # Mirrors that serve a snapshot of Debian carry Release files whose Valid-Until has
    # passed (unstable's expire within days); the test chroot accepts them.
    echo 'Acquire::Check-Valid-Until "false";' >"$dir/etc/apt/apt.conf.d/99reclamation-test-chroot"
    copy_sources "$dir"
    # Provisioning (Debian packages and the venv) is told apart from test failures.
    if ! in_chroot "$dir" make -C "$CHROOT_SRC" venv VENV="$CHROOT_VENV"; then
        return 2
    fi
    in_chroot "$dir" make -C "$CHROOT_SRC" test VENV="$CHROOT_VENV" || return 1
}

main() {
    local host suites=() failed=() skipped=() passed=()
    host=$(host_codename)
    if [[ -n "${MATRIX_SUITES:-}" ]]; then
        read -r -a suites <<<"$MATRIX_SUITES"
    else
        for suite in "${ALL_SUITES[@]}"; do
            [[ "$suite" == "$host" ]] || suites+=("$suite")
        done
    fi
    ensure_debootstrap
    mkdir -p "$MATRIX_CACHE"
    for suite in "${suites[@]}"; do
        [[ -n "${QGIS_OF[$suite]:-}" ]] || { echo "error: unknown suite $suite" >&2; exit 2; }
        local status=0
        run_suite "$suite" || status=$?
        case "$status" in
            0) passed+=("$suite") ;;
            2)
                if [[ "$suite" == sid ]]; then
                    loud "WARNING: the Debian unstable (sid) chroot could not be built or" \
                        "provisioned; ${QGIS_OF[$suite]} was NOT tested. Unstable breaks for" \
                        "reasons of its own; see the log above. Going on."
                    skipped+=("$suite")
                else
                    loud "ERROR: the $suite chroot could not be built or provisioned."
                    failed+=("$suite")
                fi
                ;;
            *) failed+=("$suite") ;;
        esac
    done
    log "Matrix summary (host: $host)"
    for suite in "${passed[@]}"; do echo "  passed:  $suite (${QGIS_OF[$suite]})"; done
    for suite in "${skipped[@]}"; do echo "  SKIPPED: $suite (${QGIS_OF[$suite]}): chroot not built"; done
    for suite in "${failed[@]}"; do echo "  FAILED:  $suite (${QGIS_OF[$suite]})"; done
    [[ ${#failed[@]} -eq 0 ]]
}

main "$@"
