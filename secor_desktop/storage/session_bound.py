"""What every part of the unit of work shares: the open session and the blob store.

The unit of work is put together from parts named for what they do (entity reads, ledger
reads, writes); each part reaches the database through this one session, so a use case's
reads and writes all see one transaction.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from secor_desktop.storage.blobs import BlobStore


class SessionBound:
    _session: Session | None
    blobs: BlobStore

    @property
    def session(self) -> Session:
        assert self._session is not None, "use the unit of work in a with block"
        return self._session
