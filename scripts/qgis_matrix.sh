#!/usr/bin/env bash
# The whole test suite against the QGIS of other Debian releases, each in a chroot built with debootstrap:
#   trixie -> QGIS 3.40 LTR (Python 3.13, numpy 2),  sid -> QGIS 3.44.
# Usage: scripts/qgis_matrix.sh [SUITE...] (default: trixie sid); MATRIX_TESTS="tests/unit/test_x.py" runs only
# those files, PYTEST_ARGS="-k ..." narrows further.
# Roots are cached under build/qgis-matrix/<suite> and rebuilt when the package list or the pins change.
# The checkout and ../shared are copied in (not bind-mounted), so the run cannot write into the working tree;
# only /proc, /sys, /dev, /dev/pts and /dev/shm are mounted, and the trap always unmounts them.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
SUITES=("$@")
[ ${#SUITES[@]} -gt 0 ] || SUITES=(trixie sid)
MATRIX=$REPO/build/qgis-matrix
# The host's Debian mirror (deb822 or one-line sources), so CI fetches from where its apt already does.
MIRROR=${DEBIAN_MIRROR:-$(sed -n 's/^URIs: *\([^ ]*debian\)\/*$/\1/p; s/^deb \(\[[^]]*\] \)\?\(http[^ ]*debian\)\/\? .*/\2/p' \
    /etc/apt/sources.list /etc/apt/sources.list.d/*.sources /etc/apt/sources.list.d/*.list 2>/dev/null \
    | grep -v security | head -n1 || true)}
MIRROR=${MIRROR:-http://deb.debian.org/debian}
# What the suite needs inside the root (the Makefile's APT_PACKAGES plus the tools debootstrap's minbase lacks).
PACKAGES="qgis python3-qgis qgis-providers xvfb xauth postgresql postgis postgresql-postgis proj-data pyqt5-dev-tools qttools5-dev-tools
  imagemagick python3-venv python3-pip python3-psycopg2 python3-requests python3-shapely python3-matplotlib gdal-bin
  mosquitto poppler-utils python3-paho-mqtt make fonts-dejavu-core ca-certificates locales-all"

mounted=()
cleanup() {
    local i
    for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
        umount "${mounted[i]}" 2>/dev/null || umount -l "${mounted[i]}" 2>/dev/null || true
    done
    mounted=()
}
trap cleanup EXIT INT TERM

mount_into() {  # mount_into ROOT: the kernel file systems the suite needs, nothing of the host's data
    local root=$1
    mount -t proc proc "$root/proc" && mounted+=("$root/proc")
    mount -t sysfs sys "$root/sys" && mounted+=("$root/sys")
    mount --bind /dev "$root/dev" && mounted+=("$root/dev")
    mount -t devpts -o newinstance,ptmxmode=0666 devpts "$root/dev/pts" && mounted+=("$root/dev/pts")
    mount -t tmpfs -o mode=1777 shm "$root/dev/shm" && mounted+=("$root/dev/shm")
}

trust_host() {  # trust_host ROOT: the host's DNS, extra CA certificates and pip index settings (CI proxies)
    local root=$1
    cp /etc/resolv.conf "$root/etc/resolv.conf"
    if compgen -G "/usr/local/share/ca-certificates/*.crt" >/dev/null; then
        mkdir -p "$root/usr/local/share/ca-certificates"
        cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/"
        [ -x "$root/usr/sbin/update-ca-certificates" ] && in_root "$root" update-ca-certificates >/dev/null 2>&1
    fi
    { echo '#!/bin/sh'
      for var in PIP_INDEX_URL PIP_EXTRA_INDEX_URL PIP_TRUSTED_HOST http_proxy https_proxy no_proxy; do
          [ -n "${!var:-}" ] && printf 'export %s=%q\n' "$var" "${!var}"
      done
      echo 'export PIP_CERT=/etc/ssl/certs/ca-certificates.crt'
      echo 'exec "$@"'; } >"$root/opt/venv-pip-env"
    chmod +x "$root/opt/venv-pip-env"
}

in_root() {  # in_root ROOT CMD...: a command inside the root with a clean environment
    local root=$1; shift
    chroot "$root" /usr/bin/env -i PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin HOME=/root LANG=C.UTF-8 \
        DEBIAN_FRONTEND=noninteractive "$@"
}

build_root() {  # build_root SUITE ROOT: debootstrap + packages + the test venv, unless the stamp is current
    local suite=$1 root=$2 reqs=requirements-dev-$1.txt
    [ -f "$reqs" ] || reqs=requirements-dev.txt
    local stamp
    stamp=$(printf '%s\n%s\n' "$PACKAGES" "$MIRROR" | cat - "$reqs" | sha256sum | cut -c1-16)
    if [ -f "$root/.herzlich-ready" ] && [ "$(cat "$root/.herzlich-ready")" = "$stamp" ]; then
        echo "== $suite: cached root $root"
        return
    fi
    cleanup
    local apt_stamp
    apt_stamp=$(printf '%s\n%s\n' "$PACKAGES" "$MIRROR" | sha256sum | cut -c1-16)
    if [ ! -f "$root/.herzlich-base" ]; then
        if [ -d "$root" ]; then
            # Never delete through a live mount.
            if grep -q " $root/" /proc/mounts; then echo "$root still has mounts, not removing it" >&2; exit 1; fi
            rm -rf --one-file-system "$root"
        fi
        mkdir -p "$root"
        echo "== $suite: debootstrap from $MIRROR"
        debootstrap --variant=minbase "$suite" "$root" "$MIRROR" >"$root.debootstrap.log" 2>&1 \
            || { tail -n 20 "$root.debootstrap.log" >&2; exit 1; }
        printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d" && chmod +x "$root/usr/sbin/policy-rc.d"
        touch "$root/.herzlich-base"
    fi
    if [ ! -f "$root/.herzlich-apt" ] || [ "$(cat "$root/.herzlich-apt")" != "$apt_stamp" ]; then
        trust_host "$root"
        mount_into "$root"
        echo "== $suite: apt packages"
        # A snapshot mirror serves sid with an expired Valid-Until; the packages themselves are still signed.
        in_root "$root" apt-get -o Acquire::Check-Valid-Until=false update -qq
        # shellcheck disable=SC2086
        in_root "$root" apt-get install -y -q --no-install-recommends $PACKAGES >"$root.apt.log" 2>&1 \
            || { tail -n 30 "$root.apt.log" >&2; exit 1; }
        in_root "$root" apt-get clean
        cleanup
        echo "$apt_stamp" >"$root/.herzlich-apt"
    fi
    trust_host "$root"
    mount_into "$root"
    echo "== $suite: test venv from $reqs"
    cp "$reqs" "$root/tmp/requirements.txt"
    rm -rf "$root/opt/venv"
    in_root "$root" python3 -m venv --system-site-packages /opt/venv
    in_root "$root" /opt/venv-pip-env /opt/venv/bin/pip install -q --disable-pip-version-check --no-cache-dir \
        -r /tmp/requirements.txt
    cleanup
    echo "$stamp" >"$root/.herzlich-ready"
}

run_suite() {  # run_suite SUITE ROOT: copy checkout + shared in, run pytest, report minutes
    local suite=$1 root=$2 started rc=0
    started=$(date +%s)
    rm -rf --one-file-system "$root/work"
    mkdir -p "$root/work/repo" "$root/work/shared"
    tar -C "$REPO" --exclude=./build --exclude=./.venv --exclude=./.git --exclude=./dist --exclude='__pycache__' \
        -cf - . | tar -C "$root/work/repo" -xf -
    [ -d "$REPO/../shared" ] && cp -a "$REPO/../shared/." "$root/work/shared/"
    mount_into "$root"
    local qgis_version
    qgis_version=$(in_root "$root" python3 -c 'from qgis.core import Qgis; print(Qgis.QGIS_VERSION)' 2>/dev/null)
    echo "== $suite: QGIS $qgis_version, whole suite"
    in_root "$root" /bin/sh -c "cd /work/repo && lrelease -silent i18n/herzlich_digital_de.ts \
        -qm i18n/herzlich_digital_de.qm && QT_QPA_PLATFORM=offscreen QGIS_CUSTOM_CONFIG_PATH=/tmp/qgis-config \
        PYTHONDONTWRITEBYTECODE=1 HD_LAST_TEST_FILE=/tmp/last-test.txt \
        /opt/venv/bin/python -m pytest ${MATRIX_TESTS:-tests} -p no:cacheprovider ${PYTEST_ARGS:-}" || rc=$?
    [ $rc -le 5 ] || echo "pytest ended by signal $((rc - 128)) during: $(cat "$root/tmp/last-test.txt" 2>/dev/null)"
    cleanup
    echo "== $suite: QGIS $qgis_version finished with exit $rc in $(( ($(date +%s) - started + 59) / 60 )) min"
    return $rc
}

[ "$(id -u)" = 0 ] || { echo "The QGIS matrix needs root (debootstrap, chroot): run it as root or with sudo." >&2; exit 1; }
command -v debootstrap >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -q debootstrap
mkdir -p "$MATRIX"
failed=()
for suite in "${SUITES[@]}"; do
    root=$MATRIX/$suite
    build_root "$suite" "$root"
    run_suite "$suite" "$root" || failed+=("$suite")
done
[ ${#failed[@]} -eq 0 ] || { echo "QGIS matrix failed on: ${failed[*]}" >&2; exit 1; }
echo "QGIS matrix passed on: ${SUITES[*]}"
