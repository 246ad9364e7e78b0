"""Is the data folder somewhere SQLite databases get damaged? (cloud sync, network drives)

sqlite.org's "How To Corrupt An SQLite Database File" names both: sync clients copy the file
while it is being written, separate it from its -wal, and network file systems break locking.
"""

from __future__ import annotations

from pathlib import Path, PurePath

SYNC_FOLDERS = {
    "dropbox": "Dropbox",
    "onedrive": "OneDrive",
    "google drive": "Google Drive",
    "googledrive": "Google Drive",
    "my drive": "Google Drive",
    "icloud drive": "iCloud Drive",
    "icloud": "iCloud Drive",
    "mobile documents": "iCloud Drive",
    "nextcloud": "Nextcloud",
    "owncloud": "ownCloud",
    "pcloud": "pCloud",
    "box sync": "Box",
    "sync.com": "Sync.com",
}
NETWORK_FS = {"nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "afs", "9p", "davfs"}
PROC_MOUNTS = Path("/proc/mounts")


def _sync_service(path: PurePath) -> str | None:
    for part in path.parts:
        lowered = part.lower()
        for marker, service in SYNC_FOLDERS.items():
            if (
                lowered == marker
                or lowered.startswith(marker + " ")
                or lowered.startswith(marker + "-")
            ):
                return service
    return None


def filesystem_type(path: Path, mounts_text: str) -> str | None:
    """The type of the file system holding ``path``, from a /proc/mounts text."""
    best: tuple[int, str] | None = None
    target = path.as_posix()
    for line in mounts_text.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        mount_point = fields[1].replace("\\040", " ")
        inside = target == mount_point or target.startswith(mount_point.rstrip("/") + "/")
        if inside and (best is None or len(mount_point) > best[0]):
            best = (len(mount_point), fields[2])
    return best[1] if best else None


def data_folder_warning(data_dir: Path, mounts_text: str | None = None) -> str | None:
    """A warning to show when the data folder is in a cloud-sync or network folder, else None.

    ``mounts_text`` defaults to /proc/mounts where there is one (Linux).
    """
    where: str | None = None
    service = _sync_service(data_dir)
    if service is not None:
        where = f"a {service} folder"
    elif str(data_dir).startswith(("\\\\", "//")):
        where = "a network share"
    else:
        if mounts_text is None:
            try:
                mounts_text = PROC_MOUNTS.read_text(encoding="utf-8", errors="replace")
            except OSError:
                mounts_text = ""
        fs = filesystem_type(data_dir, mounts_text)
        if fs is not None and (fs in NETWORK_FS or fs.startswith("fuse.")):
            where = f"a network or user-space file system ({fs})"
    if where is None:
        return None
    return (
        f"Warning: the data folder {data_dir} is in {where}. A database kept there can be "
        "damaged (sync programs copy it while it is being written; network drives break "
        "file locking). Keep the data folder on this computer's own disk (--data-dir) and "
        "keep copies elsewhere with 'secor-desktop backup DEST'."
    )
