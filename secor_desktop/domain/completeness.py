"""What makes a record count as audit evidence: signed, not void, and complete.

An auditor looks for records that are dated, site-specific, complete and signed. Each kind
has its own idea of complete, said in its declaration (``domain/record_kinds``): every crew
member signs an FLHA, every attendee a toolbox talk (the required signer roles), an
orientation covers the three rights, an investigation names its root causes (``incomplete``).
"""

from __future__ import annotations

from secor_desktop.domain.model import Record
from secor_desktop.domain.projection import reason_text, why_not
from secor_desktop.domain.registry import fast_signers
from secor_desktop.domain.signing import current_signers


def missing_for(record: Record, names: dict[str, str]) -> tuple[str, ...]:
    """What stops a record from counting, in words; empty when it counts.

    ``names`` maps worker ids to names, so the reasons can say who has not signed. Who must
    sign comes from the kind's signing rule. This runs once per record on every readiness
    check (100,000 records and more), so it builds little for a record that counts.
    """
    return tuple(reason_text(reason, names) for reason in why_not(record))


def counts(record: Record) -> bool:
    """True when the record surely counts (the fast path of ``missing_for``); False means
    "ask ``missing_for``", which also gives the reasons."""
    required = fast_signers().get(type(record.body))
    if required is None or record.void_reason is not None:
        return False
    signed_by = current_signers(record)
    return bool(signed_by) and signed_by.issuperset(required(record.body))
