"""What the roster, the action board and the training matrix show, each in one read.

Reached as ``services.people`` (see ``facade.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from secor_desktop.domain.bodies import OrientationBody, TrainingBody
from secor_desktop.domain.kinds import RecordKind, RecordStatus
from secor_desktop.domain.model import CorrectiveAction, Record, Worker
from secor_desktop.domain.training import TrainingMatrix, training_matrix
from secor_desktop.services.context import ServiceContext


@dataclass(frozen=True)
class WorkerFile:
    """One worker's training, orientations and the records they signed, newest first."""

    worker: Worker
    training: tuple[Record, ...]
    orientations: tuple[Record, ...]
    signed: tuple[Record, ...]


@dataclass(frozen=True)
class RecordHeading:
    """Enough of a record to name it in a list, without its body."""

    id: str
    kind: RecordKind
    title: str
    event_date: date
    status: RecordStatus


@dataclass(frozen=True)
class ActionBoard:
    actions: tuple[CorrectiveAction, ...]
    workers: dict[str, Worker]
    sources: dict[str, RecordHeading]
    today: date


def heading_of(record: Record) -> RecordHeading:
    return RecordHeading(record.id, record.kind, record.title, record.event_date, record.status)


def worker_files(workers: list[Worker], records: list[Record]) -> dict[str, WorkerFile]:
    """Every worker's file from one pass over the records (void ones are left out of
    training and orientation, but a signature on a since-voided record still counts)."""
    training: dict[str, list[Record]] = {w.id: [] for w in workers}
    orientations: dict[str, list[Record]] = {w.id: [] for w in workers}
    signed: dict[str, list[Record]] = {w.id: [] for w in workers}
    for record in sorted(records, key=lambda r: (r.event_date, r.id), reverse=True):
        body = record.body
        live = record.status is not RecordStatus.VOID
        if live and isinstance(body, TrainingBody) and body.worker_id in training:
            training[body.worker_id].append(record)
        if live and isinstance(body, OrientationBody) and body.worker_id in orientations:
            orientations[body.worker_id].append(record)
        for signer_id in dict.fromkeys(s.signer_id for s in record.signatures):
            if signer_id in signed:
                signed[signer_id].append(record)
    return {
        w.id: WorkerFile(w, tuple(training[w.id]), tuple(orientations[w.id]), tuple(signed[w.id]))
        for w in workers
    }


class PeopleService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def roster_files(self) -> tuple[list[Worker], dict[str, WorkerFile]]:
        """The roster (by name) and each worker's file."""
        with self.ctx.uow() as uow:
            workers = uow.list_workers()
            records = uow.list_records()
        workers.sort(key=lambda w: w.name.casefold())
        return workers, worker_files(workers, records)

    def action_board(self) -> ActionBoard:
        """Every corrective action with its owner and source record named."""
        with self.ctx.uow() as uow:
            actions = uow.list_actions()
            workers = {w.id: w for w in uow.list_workers()}
            sources: dict[str, RecordHeading] = {}
            for source_id in {a.source_record_id for a in actions if a.source_record_id}:
                record = uow.get_record(source_id)
                if record is not None:
                    sources[source_id] = heading_of(record)
        return ActionBoard(tuple(actions), workers, sources, self.ctx.clock.today())

    def record_headings(self) -> list[RecordHeading]:
        """Every record that is not void, newest first (for picking an action's source)."""
        with self.ctx.uow() as uow:
            records = uow.list_records()
        live = [heading_of(r) for r in records if r.status is not RecordStatus.VOID]
        return sorted(live, key=lambda h: (h.event_date, h.id), reverse=True)

    def training_matrix(self, *, include_former: bool = False) -> TrainingMatrix:
        """Workers on the roster today (or everyone) by course, as of the clock's today."""
        today = self.ctx.clock.today()
        with self.ctx.uow() as uow:
            workers = uow.list_workers()
            records = uow.list_records(RecordKind.TRAINING)
        rows = sorted(
            (w for w in workers if include_former or w.active_on(today)),
            key=lambda w: w.name.casefold(),
        )
        return training_matrix(rows, records, today)
