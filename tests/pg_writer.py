"""One writer of the four-process test (tests/integration/test_postgres_office.py).

``python -m tests.pg_writer URL DATA_DIR SECONDS NAME``: saves records (and now and then a
worker) on the PostgreSQL database at URL until SECONDS have passed, printing each record's id
on its own line once ``create`` has returned: an acknowledged save.
"""

from __future__ import annotations

import sys
import time
from datetime import date
from pathlib import Path

from secor_desktop.app.bootstrap import open_services
from secor_desktop.app.paths import AppPaths
from secor_desktop.domain.bodies import ToolboxTalkBody
from secor_desktop.domain.kinds import EmploymentType, RecordKind
from secor_desktop.domain.model import Worker


def main(url: str, data_dir: str, seconds: float, name: str) -> None:
    services = open_services(AppPaths(Path(data_dir), database_url=url))
    lead = services.roster.workers()[0]
    deadline = time.monotonic() + seconds
    n = 0
    while time.monotonic() < deadline:
        n += 1
        record = services.records.create(
            RecordKind.TOOLBOX_TALK,
            title=f"{name} talk {n}",
            event_date=date(2026, 11, 2),
            site_id=None,
            body=ToolboxTalkBody(topic=f"Topic {n}", presenter_id=lead.id, attendee_ids=(lead.id,)),
        )
        print(record.id, flush=True)
        if n % 5 == 0:
            hand = Worker("", f"{name} hand {n}", "Hand", EmploymentType.SEASONAL, date(2026, 4, 1))
            services.roster.add_worker(hand)
    services.ctx.uow.args[0].dispose()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4])
