"""The files embedded in the pack: its ledger (JSON lines) and a small manifest.

The ledger has one line per revision of the whole chain, up to the head printed on the cover,
in chain order. A revision of something the pack holds carries its full revision document; any
other carries only its hashes (no content leaves the company that the pack does not show). So
an auditor can recompute every printed hash from its document, and the whole chain up to the
head on the cover, with a few lines of any language (``CHECK_SNIPPET``, docs/pack-verification.md).

Each line is canonical JSON (keys sorted, no spaces, UTF-8): the same bytes for the same data.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from secor_desktop.domain.ledger import StoredRevision
from secor_desktop.export.pack_model import EvidencePack
from secor_desktop.export.text_check import checked_items

LEDGER_NAME = "secor-ledger.jsonl"
MANIFEST_NAME = "secor-pack.json"
MANIFEST_FORMAT = "secor-evidence-pack/1"

# Printed in the integrity appendix and in docs/pack-verification.md (a test runs it on a pack).
CHECK_SNIPPET = """\
import hashlib, json
from pypdf import PdfReader

ledger = PdfReader("pack.pdf").attachments["secor-ledger.jsonl"][0].decode("utf-8")
prev, count = bytes(32), 0
for line in ledger.splitlines():
    rev = json.loads(line)
    if "document" in rev:
        doc = rev["document"].encode("utf-8")
        assert hashlib.sha256(doc).hexdigest() == rev["content_sha256"], rev["seq"]
    prev = hashlib.sha256(prev + bytes.fromhex(rev["content_sha256"])).digest()
    assert prev.hex() == rev["chain_sha256"], rev["seq"]
    count += 1
print(count, "revisions, chain head", prev.hex())
"""


def _line(value: dict[str, Any]) -> bytes:
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return text.encode("utf-8") + b"\n"


def ledger_bytes(stored: Iterable[StoredRevision], pack: EvidencePack) -> bytes:
    """The ledger file: every revision up to the pack's chain head, in chain order."""
    mine = {r.seq: r for r in pack.revisions}
    out = bytearray()
    for n, rev in enumerate(stored, 1):
        if n > pack.chain_head.count:
            break  # saved after the pack's snapshot
        line: dict[str, Any] = {
            "seq": rev.seq,
            "content_sha256": rev.content_sha256,
            "prev_chain_sha256": rev.prev_chain_sha256,
            "chain_sha256": rev.chain_sha256,
        }
        info = mine.get(rev.seq)
        if info is not None:
            line.update(
                entity_type=rev.entity_type,
                entity_id=rev.entity_id,
                revision=rev.revision,
                flags=list(info.flags),
                document=rev.document,
            )
        out += _line(line)
    return bytes(out)


def manifest_bytes(pack: EvidencePack) -> bytes:
    """What the pack is: whose, which period and elements, and the chain head it ends at."""
    return _line(
        {
            "format": MANIFEST_FORMAT,
            "company": pack.company.name,
            "framework": f"{pack.framework_name} {pack.framework_version}",
            "audit_type": pack.audit_type.value,
            "period_from": pack.period_from.isoformat(),
            "period_to": pack.period_to.isoformat(),
            "generated_on": pack.generated_on.isoformat(),
            "elements": [s.code for s in pack.elements],
            "summary_only": pack.summary_only,
            "records": len(pack.records),
            "revisions_in_pack": len(pack.revisions),
            "chain_head": {"count": pack.chain_head.count, "sha256": pack.chain_head.sha256},
            "ledger": LEDGER_NAME,
            # Printed from a database that failed verify: the pack proves nothing.
            "unverified": bool(pack.unverified),
            "problems": list(pack.unverified),
            "left_out": {
                "drafts": pack.left_out_counts[0],
                "voided": pack.left_out_counts[1],
                "printed_in_appendix": pack.include_left_out,
            },
            # Items with a printed "Text check" (export/text_check.py), as "type id".
            "text_checks": [f"{kind} {ident}" for kind, ident in checked_items(pack)],
        }
    )
