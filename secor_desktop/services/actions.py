"""Corrective actions: raised from any record (or none), owned, due, closed with a note."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from secor_desktop.domain.kinds import ActionStatus
from secor_desktop.domain.model import CorrectiveAction
from secor_desktop.domain.validation import FieldProblem, raise_if, validate_action
from secor_desktop.services.context import ServiceContext, clean, roster_of
from secor_desktop.services.errors import NotFoundError


class ActionService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def all(self) -> list[CorrectiveAction]:
        with self.ctx.uow() as uow:
            return uow.list_actions()

    def for_record(self, record_id: str) -> list[CorrectiveAction]:
        return [a for a in self.all() if a.source_record_id == record_id]

    def raise_action(
        self,
        description: str,
        *,
        due_date: date,
        owner_id: str | None,
        source_record_id: str | None = None,
        created_date: date | None = None,
    ) -> CorrectiveAction:
        action = CorrectiveAction(
            id=self.ctx.new_id(),
            description=clean(description),
            due_date=due_date,
            created_date=created_date or self.ctx.clock.today(),
            source_record_id=source_record_id,
            owner_id=owner_id,
        )
        with self.ctx.uow() as uow:
            problems = validate_action(action, roster_of(uow, self.ctx.clock))
            if action.due_date < action.created_date:
                problems.append(FieldProblem("due_date", "comes before the action was raised"))
            if source_record_id is not None and uow.get_record(source_record_id) is None:
                problems.append(FieldProblem("source_record_id", "names no record"))
            raise_if(problems)
            uow.save(action, entered_at=self.ctx.now(), reason=None)
            uow.commit()
        return action

    def close(self, action_id: str, *, closed_date: date, note: str) -> CorrectiveAction:
        with self.ctx.uow() as uow:
            action = uow.get_action(action_id)
            if action is None:
                raise NotFoundError(f"No corrective action has the id {action_id!r}.")
            if action.status is ActionStatus.CLOSED:
                raise_if([FieldProblem("status", "this action is already closed")])
            closed = replace(
                action,
                status=ActionStatus.CLOSED,
                closed_date=closed_date,
                closure_note=clean(note),
            )
            raise_if(validate_action(closed, roster_of(uow, self.ctx.clock)))
            uow.save(closed, entered_at=self.ctx.now(), reason=None)
            uow.commit()
        return closed
