"""Other workplace parties: the register of subcontractors, self-employed workers and suppliers.

One entry per party. Its WCB clearance letter and liability insurance expire, and so do its
workers' tickets: renewing one is an amendment of the entry (its newest revision is the party
as it stands), and ``domain/parties.py`` warns of each expiry 90, 60 and 30 days ahead.
"""

from __future__ import annotations

from datetime import date
from typing import cast

from secor_desktop.domain.bodies import WorkplacePartyBody
from secor_desktop.domain.kinds import Frequency, RecordKind, SignatureMeaning
from secor_desktop.domain.model import Record
from secor_desktop.domain.registry import KindSpec, ListColumn, SigningRule, register
from secor_desktop.domain.validation import SHORT_TEXT, FieldProblem, check_text


def _order(
    problems: list[FieldProblem], path: str, issued: date | None, expiry: date | None, what: str
) -> None:
    if issued is not None and expiry is not None and expiry < issued:
        problems.append(
            FieldProblem(
                path,
                f"{expiry.isoformat()} comes before the {what} was issued "
                f"({issued.isoformat()}); check both dates",
            )
        )


def _party_rules(problems: list[FieldProblem], record: Record) -> None:
    body = cast(WorkplacePartyBody, record.body)
    check_text(problems, "body.name", body.name, required=True, limit=SHORT_TEXT)
    _order(
        problems,
        "body.clearance_expiry",
        body.clearance_issued,
        body.clearance_expiry,
        "clearance letter",
    )
    _order(
        problems,
        "body.insurance_expiry",
        body.insurance_issued,
        body.insurance_expiry,
        "insurance policy",
    )
    for i, line in enumerate(body.tickets):
        path = f"body.tickets[{i}]"
        check_text(problems, f"{path}.worker", line.worker, required=True, limit=SHORT_TEXT)
        check_text(problems, f"{path}.ticket", line.ticket, required=True, limit=SHORT_TEXT)
        _order(problems, f"{path}.expiry", line.issued, line.expiry, "ticket")
    if body.last_day is not None and body.last_day < record.event_date:
        problems.append(
            FieldProblem("body.last_day", "comes before the date the party was entered")
        )


WORKPLACE_PARTY: RecordKind = register(
    KindSpec(
        key="workplace_party",
        label="Other workplace party",
        plural="Other workplace parties",
        body=WorkplacePartyBody,
        frequency=Frequency.AS_NEEDED,
        signing=SigningRule((), (SignatureMeaning.REVIEWED, SignatureMeaning.PERFORMED)),
        default_meaning=SignatureMeaning.REVIEWED,
        column=ListColumn("name", "Party"),
        rules=_party_rules,
        company_wide=True,
    )
)
