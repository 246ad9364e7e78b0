"""secor-desktop: offline SECOR safety-program records, readiness and evidence packs."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("secor-desktop")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"
