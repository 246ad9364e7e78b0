"""A writer for the kill test: saves records through the real services, forever.

Prints ``saved <id>`` after each committed save and ``signed <id>`` after each committed
signature (a PNG goes to the file store first), flushing each line, so the parent knows
exactly which saves were acknowledged when it kills this process.
Usage: python -m tests.kill_writer DATA_DIR
"""

from __future__ import annotations

import io
import sys
from datetime import date
from pathlib import Path

from PIL import Image

from secor_desktop.app.bootstrap import open_services
from secor_desktop.app.paths import AppPaths
from secor_desktop.domain.bodies import ToolboxTalkBody
from secor_desktop.domain.kinds import EmploymentType, Province, RecordKind, SignatureMeaning
from secor_desktop.domain.model import Company, Worker


def png(seed: int) -> bytes:
    image = Image.new("L", (64, 24), 255)
    for x in range(64):
        image.putpixel((x, (x * (seed % 7 + 1)) % 24), 0)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def main(data_dir: str) -> None:
    services = open_services(AppPaths(Path(data_dir)))
    if services.company.get() is None:
        services.company.save(Company(name="Kill Test Ltd.", province=Province.AB))
    workers = services.roster.workers()
    if not workers:
        workers = [
            services.roster.add_worker(
                Worker("", "Lee Writer", "Lead", EmploymentType.FULL_TIME, date(2024, 1, 1))
            )
        ]
    lead = workers[0]
    print("ready", flush=True)
    n = 0
    while True:
        n += 1
        record = services.records.create(
            RecordKind.TOOLBOX_TALK,
            title=f"Talk {n}",
            event_date=date.today(),
            site_id=None,
            body=ToolboxTalkBody("Ladders", lead.id, (lead.id,), notes="x" * (n % 500)),
        )
        print(f"saved {record.id}", flush=True)
        if n % 4 == 0:
            services.records.sign(
                record.id,
                signer_id=lead.id,
                meaning=SignatureMeaning.PERFORMED,
                image_png=png(n),
            )
            print(f"signed {record.id}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
