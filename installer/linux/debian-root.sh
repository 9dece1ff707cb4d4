#!/usr/bin/env bash
# A fresh minimal Debian 12 root for the install test, made once with debootstrap and kept as a tarball.
#   installer/linux/debian-root.sh TARBALL
# The mirror is this machine's own Debian mirror (from its apt sources) unless OPORA_DEBIAN_MIRROR names one,
# so the test works wherever apt works, offline mirrors included.
set -euo pipefail
tarball=${1:?tarball path}
[ -s "$tarball" ] && exit 0
[ "$(id -u)" = 0 ] || { echo "debootstrap needs root" >&2; exit 1; }
command -v debootstrap >/dev/null || scripts/apt-ensure.sh debootstrap

mirror=${OPORA_DEBIAN_MIRROR:-}
if [ -z "$mirror" ]; then
  mirror=$( (grep -h '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}';
             grep -hE '^deb ' /etc/apt/sources.list 2>/dev/null | awk '{print $2}') \
            | grep -v -e security -e '^$' | head -1) || true
fi
[ -n "$mirror" ] || { echo "no Debian mirror: set OPORA_DEBIAN_MIRROR" >&2; exit 1; }

root=$(mktemp -d /tmp/opora-debroot-XXXXXX)
trap 'rm -rf "$root"' EXIT
echo "debootstrap bookworm (minbase) into $root"
debootstrap --variant=minbase bookworm "$root" "$mirror" >"$root.log" 2>&1 || { tail -20 "$root.log" >&2; exit 1; }
rm -f "$root.log"
mkdir -p "$(dirname "$tarball")"
tar -C "$root" -cf "$tarball.part" .
mv "$tarball.part" "$tarball"
echo "Debian 12 root kept in $tarball"
