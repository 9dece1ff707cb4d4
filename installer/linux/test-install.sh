#!/usr/bin/env bash
# Install the .deb into a fresh minimal Debian 12 root and check it works there, as on an office PC.
#   installer/linux/test-install.sh NEW.deb OUT_DIR [OLD.deb] [OLD_DATABASE]
# In a chroot made from the debootstrap --variant=minbase tarball (installer/linux/debian-root.sh):
#   1. with OLD_DATABASE: the user's data folder holds it (a database of the previous release);
#      with OLD.deb: that version is installed first, and the new one over it (an upgrade);
#   2. apt installs NEW.deb, resolving its Depends: from the Debian mirror;
#   3. `opora --version` and `opora selfcheck` (QT_QPA_PLATFORM=offscreen); with OLD_DATABASE, `opora upgrade`:
#      the start that backs the database up, verifies the copy and migrates;
#   4. apt purges the package: /opt/opora and /usr/bin/opora are gone, the user's data folder is byte for byte
#      what it was before the purge.
# OUT_DIR receives the log of each step, the upgraded database and the backups, for tests/installer to inspect.
set -euo pipefail
cd "$(dirname "$0")/../.."
new_deb=$(realpath "${1:?new .deb}")
out=$(realpath -m "${2:?output folder}")
old_deb=${3:-}
old_db=${4:-}
tarball=${OPORA_DEBIAN_ROOT:-build/debian12-minbase.tar}
[ "$(id -u)" = 0 ] || { echo "the install test needs root (chroot, mount)" >&2; exit 1; }
installer/linux/debian-root.sh "$tarball"

root=$(mktemp -d /tmp/opora-install-XXXXXX)
mounted=()
cleanup() {
  for ((i=${#mounted[@]}-1; i>=0; i--)); do umount -l "${mounted[$i]}" 2>/dev/null || true; done
  rm -rf --one-file-system "$root"
}
trap cleanup EXIT
tar -xf "$tarball" -C "$root"
for fs in proc sys dev; do
  mkdir -p "$root/$fs"
  if [ "$fs" = proc ]; then mount -t proc proc "$root/proc"; else mount --rbind "/$fs" "$root/$fs"; mount --make-rslave "$root/$fs"; fi
  mounted+=("$root/$fs")
done
cp -L /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
mkdir -p "$out"
rm -rf "${out:?}"/*

data=/root/.local/share/Opora
step() {  # step NAME COMMAND…: run in the chroot, log to OUT/NAME.log, fail loudly with the log's tail
  local name=$1; shift
  echo "== $name"
  if ! chroot "$root" /usr/bin/env -i HOME=/root PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 \
      QT_QPA_PLATFORM=offscreen DEBIAN_FRONTEND=noninteractive OPORA_PASSWORD="${OPORA_PASSWORD:-}" \
      "$@" >"$out/$name.log" 2>&1; then
    tail -30 "$out/$name.log" >&2
    echo "step $name failed" >&2
    exit 1
  fi
}

step apt-update apt-get update -q
if [ -n "$old_db" ]; then
  mkdir -p "$root$data"
  cp "$old_db" "$root$data/opora.db"
fi
if [ -n "$old_deb" ]; then
  cp "$old_deb" "$root/tmp/old.deb"
  step install-old apt-get install -y -q --no-install-recommends /tmp/old.deb
fi
cp "$new_deb" "$root/tmp/new.deb"
start=$(date +%s)
step install apt-get install -y -q --no-install-recommends /tmp/new.deb
echo "installed in $(( $(date +%s) - start )) s"
chroot "$root" dpkg-query -W -f='${Version}\n' opora >"$out/installed-version.txt"
step version opora --version
step selfcheck opora selfcheck
if [ -n "$old_db" ]; then
  step upgrade opora upgrade
  cp "$root$data/opora.db" "$out/upgraded.db"
  mkdir -p "$out/backups"
  cp "$root$data"/backups/* "$out/backups/" 2>/dev/null || true
fi
[ -x "$root/opt/opora/opora" ] && [ -x "$root/usr/bin/opora" ] && [ -f "$root/usr/share/applications/opora.desktop" ]
mkdir -p "$root$data"
(cd "$root$data" && find . -type f -print0 | sort -z | xargs -0 -r sha256sum) >"$out/data-before-purge.txt"
step purge apt-get purge -y -q opora
(cd "$root$data" && find . -type f -print0 | sort -z | xargs -0 -r sha256sum) >"$out/data-after-purge.txt"
for gone in /opt/opora /usr/bin/opora /usr/share/applications/opora.desktop; do
  if [ -e "$root$gone" ]; then echo "$gone is still there after purge" >&2; exit 1; fi
done
cmp -s "$out/data-before-purge.txt" "$out/data-after-purge.txt" || { echo "purge changed the user's data" >&2; exit 1; }
echo "install test passed: $(cat "$out/version.log"), $(tail -1 "$out/selfcheck.log")"
