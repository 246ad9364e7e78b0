"""A demo company: a small Alberta contractor with about 14 months of records, for trying out.

Everything goes through the real services, on a context derived from the caller's: a fixed
clock moved forward event by event (each record is entered on its event day, in order) and ids
drawn from a seeded generator. The same seed and as-of date therefore give the same database:
the same record ids, hashes and chain head. The data is meant to look lived-in, so it has the
flaws real programs have: gaps, drafts, late entries, a void record, an amendment, overdue
actions and certificates about to lapse.

The crew keeps Mountain Standard Time and entries are stamped in UTC. The demo stops at 8 a.m.
on the as-of day (the day's FLHA is still a draft), so what the user enters next, on the real
clock, normally comes after the demo's last entry in the chain.

Modules: ``calendar`` (working days, holidays, the timeline), ``content`` (people, sites and the
tables of hazards, tasks, checklists, talks and documents), ``pictures`` (generated signature and
photo images), ``core`` (the timeline and helpers over the services), ``field_records``,
``incidents`` and ``program`` (the records themselves), and ``builder`` (the plan and
``build_demo``).
"""

from __future__ import annotations

from secor_desktop.services.demo.builder import DemoSummary, build_demo
from secor_desktop.services.demo.core import seeded_ids
from secor_desktop.services.demo.pictures import photo_jpeg, signature_png

__all__ = ["DemoSummary", "build_demo", "photo_jpeg", "seeded_ids", "signature_png"]
