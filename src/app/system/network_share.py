"""Is a file on a network share? SQLite's locking is not reliable there, so Opora will not write.

Windows: a UNC path (\\\\server\\share) or a drive letter whose GetDriveTypeW is DRIVE_REMOTE.
Linux: the file system of the mount with the longest mount point containing the path, read from
/proc/self/mountinfo. Both lookups can be injected so tests need neither Windows nor mounts.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path, PureWindowsPath

DRIVE_REMOTE = 4
NETWORK_FILESYSTEMS = frozenset({
    "cifs", "smb3", "smbfs", "nfs", "nfs4", "sshfs", "fuse.sshfs", "9p", "afs", "ncpfs", "fuse.rclone",
})
MOUNTINFO = Path("/proc/self/mountinfo")


def _unescape(field: str) -> str:
    # mountinfo writes space, tab, newline and backslash in mount points as octal escapes.
    for code, char in (("\\040", " "), ("\\011", "\t"), ("\\012", "\n"), ("\\134", "\\")):
        field = field.replace(code, char)
    return field


def parse_mountinfo(text: str) -> list[tuple[str, str]]:
    """(mount point, file-system type) for each line of /proc/self/mountinfo."""
    mounts: list[tuple[str, str]] = []
    for line in text.splitlines():
        fields = line.split()
        if "-" not in fields:
            continue
        separator = fields.index("-")
        if len(fields) <= separator + 1 or len(fields) < 5:
            continue
        mounts.append((_unescape(fields[4]), fields[separator + 1]))
    return mounts


def linux_filesystem(path: str, mountinfo_text: str) -> str | None:
    """The file-system type of the mount holding `path` (longest mount-point prefix)."""
    best: tuple[int, str] | None = None
    for mount_point, fstype in parse_mountinfo(mountinfo_text):
        prefix = mount_point.rstrip("/") + "/"
        contains = path == mount_point or path.startswith(prefix) or mount_point == "/"
        # >=: a later line mounted over the same point hides the earlier one.
        if contains and (best is None or len(mount_point) >= best[0]):
            best = (len(mount_point), fstype)
    return best[1] if best else None


def _windows_drive_type(root: str) -> int:
    import ctypes

    return int(ctypes.windll.kernel32.GetDriveTypeW(root))  # type: ignore[attr-defined]


def windows_share_kind(path: str, drive_type: Callable[[str], int] = _windows_drive_type) -> str | None:
    windows_path = PureWindowsPath(path)
    if windows_path.drive.startswith(("\\\\", "//")) or path.startswith(("\\\\", "//")):
        return "сетевой путь " + (windows_path.drive or path[:40])
    if windows_path.drive and drive_type(windows_path.drive + "\\") == DRIVE_REMOTE:
        return f"сетевой диск {windows_path.drive}"
    return None


def network_share_kind(
    path: Path,
    platform: str = sys.platform,
    mountinfo_text: str | None = None,
    drive_type: Callable[[str], int] = _windows_drive_type,
) -> str | None:
    """A short Russian description of the network share holding `path`, or None for a local disk."""
    if platform.startswith("win"):
        return windows_share_kind(str(path), drive_type)
    if mountinfo_text is None:
        if not platform.startswith("linux"):
            return None
        try:
            mountinfo_text = MOUNTINFO.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None
    resolved = os.path.realpath(path) if platform == sys.platform else str(path)
    fstype = linux_filesystem(resolved, mountinfo_text)
    if fstype is not None and fstype in NETWORK_FILESYSTEMS:
        return f"файловая система {fstype}"
    return None
