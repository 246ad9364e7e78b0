"""Which revisions each item's history holds, across installs, and where it has forked.

Every revision has an **identity**: the content hash it was given where it was first saved
(a revision received from another install keeps its origin's hash; a local save its own).
Each follows **parents**: a local save follows the item's newest revision here; a received
revision follows what it followed where it was made; a settlement follows every head it
settles. An item's **heads** are its revisions nothing follows yet: one head is a plain
history, two or more are a conflict (the item changed on both sides since they last met).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from secor_desktop.storage.exchange_store import ChainEntry, RevisionLink

Key = tuple[str, str]  # (entity type, entity id)


@dataclass
class Graph:
    identity: dict[int, str] = field(default_factory=dict)  # local seq -> identity
    parents: dict[int, tuple[str, ...]] = field(default_factory=dict)  # local seq -> parents
    seq_of: dict[str, int] = field(default_factory=dict)  # identity -> local seq
    heads: dict[Key, list[str]] = field(default_factory=dict)
    latest: dict[Key, str] = field(default_factory=dict)  # the newest revision here

    def add(self, key: Key, identity: str, parents: tuple[str, ...], seq: int | None) -> None:
        """One more revision of ``key``, appended after every one already added."""
        kept = [h for h in self.heads.get(key, []) if h not in parents]
        self.heads[key] = [*kept, identity]
        self.latest[key] = identity
        if seq is not None:
            self.identity[seq] = identity
            self.parents[seq] = parents
            self.seq_of.setdefault(identity, seq)

    def local_parents(self, key: Key) -> tuple[str, ...]:
        """What a plain save of ``key`` made now follows: its newest revision here."""
        return (self.latest[key],) if key in self.latest else ()

    def conflicts(self) -> list[Key]:
        return [key for key, heads in self.heads.items() if len(heads) > 1]


def build_graph(entries: Iterable[ChainEntry], links: Mapping[int, RevisionLink]) -> Graph:
    graph = Graph()
    for e in entries:
        key = (e.entity_type, e.entity_id)
        link = links.get(e.seq)
        if link is None:
            graph.add(key, e.content_sha256, graph.local_parents(key), e.seq)
        else:
            graph.add(key, link.origin_content_sha256, link.parents, e.seq)
    return graph
