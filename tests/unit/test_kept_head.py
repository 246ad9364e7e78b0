"""A head kept elsewhere: read as pasted, and what it proves about a stored chain."""

from __future__ import annotations

from dataclasses import replace

import pytest

from secor_desktop.domain.canonical import GENESIS, canonical_bytes, chain_next, sha256_hex
from secor_desktop.domain.kept_head import (
    Divergence,
    KeptHead,
    KeptHeadError,
    compare_with_kept_head,
    first_difference,
    parse_kept_head,
)
from secor_desktop.domain.ledger import StoredRevision

H = "ab" * 32


def _chain(titles: list[str]) -> list[StoredRevision]:
    out, prev = [], GENESIS
    for seq, title in enumerate(titles, start=1):
        text = canonical_bytes(
            {"entity": "record", "id": f"r{seq}", "revision": 1, "data": {"title": title}}
        ).decode()
        content = sha256_hex(text.encode())
        link = chain_next(prev, content)
        out.append(StoredRevision(seq, "record", f"r{seq}", 1, text, content, prev, link))
        prev = link
    return out


def _rebuilt(chain: list[StoredRevision], at: int, title: str) -> list[StoredRevision]:
    """The chain with revision ``at`` (1-based) edited and every later hash recomputed."""
    titles = [rev.document for rev in chain]
    fresh = _chain(["x"] * len(chain))
    out, prev = [], GENESIS
    for i, (rev, text) in enumerate(zip(fresh, titles, strict=True), start=1):
        if i == at:
            text = text.replace('"title":"', f'"title":"{title}', 1)
        content = sha256_hex(text.encode())
        link = chain_next(prev, content)
        out.append(
            replace(
                rev,
                document=text,
                content_sha256=content,
                prev_chain_sha256=prev,
                chain_sha256=link,
            )
        )
        prev = link
    return out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (H, KeptHead(H)),
        (f"  {H.upper()}:17 ", KeptHead(H, 17)),
        (f"{H[:32]}\n{H[32:]}", KeptHead(H)),
        (f"17 revisions; SHA-256 of the last link:\n{H[:32]}\n{H[32:]}", KeptHead(H, 17)),
        (f"Chain head: {H} (17 revisions)", KeptHead(H, 17)),
        (f"17 revisions, head {H}", KeptHead(H, 17)),
        (f"secor-chain/1;count=17;sha256={H}", KeptHead(H, 17)),
    ],
)
def test_kept_head_is_read_as_typed_or_pasted(text: str, expected: KeptHead) -> None:
    """The hash alone, with :COUNT, as printed on a cover or by verify, or from the QR code."""
    assert parse_kept_head(text) == expected


@pytest.mark.parametrize("text", ["", "abc", H[:-1], H + "0", f"{H}:x", "zz" * 32])
def test_text_that_is_no_head_is_refused_with_a_sentence(text: str) -> None:
    """Anything else is refused, saying what a head looks like."""
    with pytest.raises(KeptHeadError, match="64-character chain hash"):
        parse_kept_head(text)


def test_count_of_zero_is_refused() -> None:
    """A head after no revisions at all proves nothing and is refused."""
    with pytest.raises(KeptHeadError, match="1 or more"):
        parse_kept_head(f"{H}:0")


def test_kept_head_prints_as_it_is_typed() -> None:
    """str() gives back HASH or HASH:COUNT."""
    assert (str(KeptHead(H)), str(KeptHead(H, 3))) == (H, f"{H}:3")


def test_chain_that_grew_since_the_head_was_kept_passes() -> None:
    """Revisions added after the kept head do not matter; with or without the count."""
    chain = _chain(["a", "b", "c"])
    for kept in (KeptHead(chain[1].chain_sha256, 2), KeptHead(chain[1].chain_sha256)):
        cmp = compare_with_kept_head(chain, kept)
        assert cmp.ok and cmp.recomputed_at == 2 and cmp.count == 3


def test_rebuilt_chain_fails_with_nothing_broken_to_name() -> None:
    """A chain rebuilt after an edit never passes the kept head, yet has no broken link."""
    chain = _chain(["a", "b", "c"])
    rebuilt = _rebuilt(chain, 2, "forged ")
    cmp = compare_with_kept_head(rebuilt, KeptHead(chain[-1].chain_sha256, 3))
    assert not cmp.ok
    assert (cmp.stored_at, cmp.recomputed_at, cmp.first_broken, cmp.elsewhere) == (
        None,
        None,
        None,
        None,
    )


def test_edit_without_rebuilding_names_the_first_broken_revision() -> None:
    """An edited document under its old hashes: the stored head matches, the documents not."""
    chain = _chain(["a", "b", "c"])
    edited = list(chain)
    edited[1] = replace(chain[1], document=chain[1].document.replace('"b"', '"B"'))
    cmp = compare_with_kept_head(edited, KeptHead(chain[-1].chain_sha256))
    assert not cmp.ok and cmp.stored_at == 3 and cmp.recomputed_at is None
    assert cmp.first_broken == Divergence(2, "record", "r2", 1)


def test_altered_stored_hash_alone_still_recomputes_to_the_head() -> None:
    """Documents intact, a stored chain hash forged: recomputed passes, stored does not."""
    chain = _chain(["a", "b"])
    forged = [chain[0], replace(chain[1], chain_sha256="f" * 64)]
    cmp = compare_with_kept_head(forged, KeptHead(chain[1].chain_sha256, 2))
    assert not cmp.ok and cmp.recomputed_at == 2 and cmp.stored_at is None


def test_wrong_count_finds_the_head_elsewhere() -> None:
    """A head kept with the wrong count is found where it really is."""
    chain = _chain(["a", "b", "c"])
    cmp = compare_with_kept_head(chain, KeptHead(chain[1].chain_sha256, 3))
    assert not cmp.ok and cmp.elsewhere == 2


def test_first_difference_names_the_edited_revision_of_a_rebuilt_chain() -> None:
    """Against a proven copy, the first revision whose document differs is named."""
    chain = _chain(["a", "b", "c"])
    rebuilt = _rebuilt(chain, 2, "forged ")
    assert first_difference(rebuilt, chain) == (Divergence(2, "record", "r2", 1), False)


def test_first_difference_names_a_missing_revision_and_none_when_all_are_held() -> None:
    """A revision the copy holds and ours lacks is named as missing; a longer chain is fine."""
    chain = _chain(["a", "b", "c"])
    assert first_difference(chain[:2], chain) == (Divergence(3, "record", "r3", 1), True)
    assert first_difference(chain, chain[:2]) is None
