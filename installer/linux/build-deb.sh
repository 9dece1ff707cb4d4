#!/usr/bin/env bash
# Package a PyInstaller one-folder bundle as opora_<version>_amd64.deb for Debian 12 / Astra Linux 1.8.
#   installer/linux/build-deb.sh BUNDLE_DIR OUT_DIR [VERSION]
# Layout: /opt/opora (the bundle), /usr/bin/opora (launcher), the menu entry and icon. Depends: the system
# libraries the bundle links to, found by installer/linux/depends.py. Removing or purging the package never
# touches users' data (~/.local/share/Opora): it is not the package's.
set -euo pipefail
bundle=${1:?bundle folder}
out=${2:?output folder}
cd "$(dirname "$0")/../.."
version=${3:-$(sed -n 's/^__version__ = "\(.*\)"/\1/p' src/app/__init__.py)}
[ -x "$bundle/opora" ] || { echo "no bundle in $bundle (run pyinstaller first)" >&2; exit 1; }

stage=$(mktemp -d /tmp/opora-deb-XXXXXX)
trap 'rm -rf "$stage"' EXIT
root="$stage/opora_${version}_amd64"
mkdir -p "$root/DEBIAN" "$root/opt" "$root/usr/bin" "$root/usr/share/applications" \
  "$root/usr/share/icons/hicolor/scalable/apps" "$root/usr/share/doc/opora"
cp -a "$bundle" "$root/opt/opora"
cat >"$root/usr/bin/opora" <<'LAUNCHER'
#!/bin/sh
# Opora: without arguments the window, with a command the command line (opora --help).
exec /opt/opora/opora "$@"
LAUNCHER
chmod 755 "$root/usr/bin/opora"
install -m 644 installer/linux/opora.desktop "$root/usr/share/applications/opora.desktop"
install -m 644 resources/icons/app.svg "$root/usr/share/icons/hicolor/scalable/apps/opora.svg"
{
  echo "Opora $version. Fonts: see /opt/opora/_internal/resources/fonts (DejaVu, Liberation, ParaType licences);"
  echo "icons: Lucide (ISC). Qt for Python (PySide6): LGPLv3, https://www.qt.io/licensing/."
} >"$root/usr/share/doc/opora/copyright"

depends=$(python3 installer/linux/depends.py "$bundle")
size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
cat >"$root/DEBIAN/control" <<CONTROL
Package: opora
Version: $version
Architecture: amd64
Maintainer: Opora <opora@localhost>
Section: misc
Priority: optional
Installed-Size: $size
Depends: $depends
Description: Opora - registry of families with children for social service centres
 Учёт семей с детьми, случаев сопровождения, визитов, выездов, занятий и
 мероприятий; отчёты для министерства. Работает без интернета на SQLite или
 с сервером PostgreSQL.
CONTROL
cat >"$root/DEBIAN/postinst" <<'POSTINST'
#!/bin/sh
set -e
# Refresh the menu and icon caches where the desktop has them; users' data is never touched here.
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q /usr/share/applications || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t /usr/share/icons/hicolor || true
exit 0
POSTINST
chmod 755 "$root/DEBIAN/postinst"
mkdir -p "$out"
dpkg-deb --root-owner-group -Zxz --build "$root" "$out/opora_${version}_amd64.deb" >/dev/null
echo "$out/opora_${version}_amd64.deb"
echo "Depends: $depends" >&2
