"""Bring what a company already keeps in a spreadsheet: workers, sites, training records.

Reading is defensive, because the file comes from anywhere: a size limit before anything is
parsed; an .xlsx must be a zip whose parts stay small once unpacked (a "zip bomb" is refused),
is opened read-only and its formulas are neither evaluated nor trusted (a formula cell is a
problem on its row: the cached value could say anything); a .csv is decoded as UTF-8 (with or
without its byte-order mark) or, failing that, Windows-1252, which is what Excel writes in
Canada. What the user typed is stored as text, never run: a name starting with "=" stays a
name, and the CSV export neutralises it (``csv_safe``).

Importing is all or nothing: the rows are checked again inside the one unit of work that
writes them, and any problem refuses the whole file, naming the rows.

Imported training records are saved as drafts (unsigned), each with the revision reason
"Imported from FILE, row N": the safety lead checks each against its certificate and signs
it, as for any record. The ledger also flags them as entered late (after their date), which
is what they are; an auditor sees history brought in, not records pretending to be new.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING

from secor_desktop.domain.canonical import with_content_hash
from secor_desktop.domain.kinds import RecordKind
from secor_desktop.domain.model import Record
from secor_desktop.domain.sheet_rows import (
    FORMULA_MARK,
    Mapping_,
    PreviewRow,
    Table,
    Target,
    check_sites,
    check_training,
    check_workers,
    guess_mapping,
    mapping_problems,
    with_id,
)
from secor_desktop.domain.validation import FieldProblem, ValidationError
from secor_desktop.services.context import ServiceContext, roster_of

if TYPE_CHECKING:  # the type only: SQLAlchemy is imported at the first query
    from secor_desktop.storage.uow import SqlUnitOfWork

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_UNPACKED_BYTES = 100 * 1024 * 1024  # all the parts of an .xlsx, uncompressed
MAX_ROWS = 10_000
MAX_COLUMNS = 60
ENCODINGS = ("utf-8-sig", "cp1252")


class SheetError(ValidationError):
    """The file cannot be read as a spreadsheet; one sentence says why and what to do."""

    def __init__(self, message: str) -> None:
        super().__init__([FieldProblem("file", message)])
        self.message = message

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class SheetPreview:
    target: Target
    path: Path
    sheet: str | None  # the worksheet read (None for a CSV)
    sheet_names: tuple[str, ...]
    headers: tuple[str, ...]
    mapping: Mapping_
    rows: tuple[PreviewRow, ...]
    mapping_problems: tuple[str, ...] = ()

    @property
    def problems(self) -> list[str]:
        """Every problem in words: the mapping's first, then each row's."""
        return [*self.mapping_problems, *(p for r in self.rows for p in r.problems)]

    @property
    def to_import(self) -> list[PreviewRow]:
        return [r for r in self.rows if r.entity is not None]

    @property
    def skipped(self) -> list[PreviewRow]:
        return [r for r in self.rows if r.note]


@dataclass(frozen=True)
class ImportResult:
    target: Target
    imported: int
    skipped: int
    revisions: int  # ledger revisions written (one per item)
    names: tuple[str, ...] = field(default=())


# --- reading files ------------------------------------------------------------------------


def read_table(path: Path, sheet: str | None = None) -> tuple[Table, tuple[str, ...], str | None]:
    """The file's first (or chosen) sheet as text cells, its sheet names and the sheet read."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise SheetError(
                f"{path.name} is {size / 1e6:.1f} MB; a spreadsheet to import may be at most "
                f"{MAX_FILE_BYTES // (1024 * 1024)} MB. Split it into smaller files."
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise SheetError(f"{path.name} cannot be opened ({exc.strerror}).") from None
    if path.suffix.casefold() in {".xlsx", ".xlsm"}:
        return _read_xlsx(path, raw, sheet)
    if path.suffix.casefold() in {".csv", ".txt"}:
        return _read_csv(path, raw), (), None
    raise SheetError(
        f"{path.name} is not a spreadsheet this program reads; save it as .xlsx or .csv."
    )


def _read_csv(path: Path, raw: bytes) -> Table:
    if b"\x00" in raw:
        raise SheetError(f"{path.name} is not a text file; save the spreadsheet as CSV.")
    for encoding in ENCODINGS:
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # cp1252 leaves five bytes undefined: such a file is not text we know
        raise SheetError(f"{path.name} is not in a text encoding this program reads (UTF-8).")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), dialect))
    except csv.Error as exc:
        raise SheetError(f"{path.name} is not a readable CSV file ({exc}).") from None
    return _table(path, rows)


def _read_xlsx(
    path: Path, raw: bytes, sheet: str | None
) -> tuple[Table, tuple[str, ...], str | None]:
    from openpyxl import load_workbook

    not_xlsx = f"{path.name} is not an Excel workbook (.xlsx); open it and save it again as .xlsx."
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise SheetError(not_xlsx) from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise SheetError(
            f"{path.name} unpacks to {unpacked / 1e6:.0f} MB, more than a spreadsheet of "
            "workers or training needs; it is refused."
        )
    try:
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=False)
    except Exception:  # openpyxl raises many types for a damaged or foreign file
        raise SheetError(not_xlsx) from None
    try:
        names = tuple(book.sheetnames)
        chosen = sheet or names[0]
        if chosen not in names:
            raise SheetError(
                f"{path.name} has no sheet called {chosen!r}; it has {', '.join(names)}."
            )
        rows: list[list[str]] = []
        for cells in book[chosen].iter_rows():
            rows.append([_cell_text(c) for c in cells])
            if len(rows) > MAX_ROWS + 1:
                break
    finally:
        book.close()
    return _table(path, rows), names, chosen


def _cell_text(cell: object) -> str:
    value = getattr(cell, "value", None)
    if getattr(cell, "data_type", "") == "f":
        return FORMULA_MARK + str(value)
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _table(path: Path, rows: Sequence[Sequence[str]]) -> Table:
    rows = [_trimmed(r) for r in rows]
    while rows and not any(c.strip() for c in rows[-1]):
        rows.pop()
    first = next((i for i, r in enumerate(rows) if any(c.strip() for c in r)), None)
    if first is None:
        raise SheetError(f"{path.name} is empty; the first row should name the columns.")
    if len(rows) - first - 1 > MAX_ROWS:
        raise SheetError(
            f"{path.name} has more than {MAX_ROWS:,} rows; split it into smaller files."
        )
    if max(len(r) for r in rows) > MAX_COLUMNS:
        raise SheetError(
            f"{path.name} has more than {MAX_COLUMNS} columns; keep only the ones to import."
        )
    headers = tuple(c.strip() for c in rows[first])
    # Blank rows inside the data are dropped; each kept row keeps its number in the file.
    kept = [
        (n, r)
        for n, r in enumerate(rows[first + 1 :], start=first + 2)
        if any(c.strip() for c in r)
    ]
    return Table(headers, tuple(tuple(r) for _, r in kept), numbers=tuple(n for n, _ in kept))


def _trimmed(row: Sequence[str]) -> list[str]:
    """A row without its empty cells at the end (a workbook formatted far to the right has
    thousands of them)."""
    cells = list(row)
    while cells and not cells[-1].strip():
        cells.pop()
    return cells


# --- the use case ---------------------------------------------------------------------------


class SheetService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def preview(
        self,
        target: Target,
        path: Path,
        *,
        sheet: str | None = None,
        mapping: Mapping_ | None = None,
    ) -> SheetPreview:
        """Read and check every row; nothing is written."""
        table, names, chosen = read_table(path, sheet)
        with self.ctx.uow() as uow:
            return self._check(uow, target, path, table, names, chosen, mapping)

    def import_sheet(
        self,
        target: Target,
        path: Path,
        *,
        sheet: str | None = None,
        mapping: Mapping_ | None = None,
    ) -> ImportResult:
        """Everything or nothing, in one transaction; a problem anywhere refuses the file."""
        table, names, chosen = read_table(path, sheet)
        with self.ctx.uow() as uow:
            preview = self._check(uow, target, path, table, names, chosen, mapping)
            if preview.problems:
                raise ValidationError(
                    [
                        FieldProblem(
                            "file", f"{path.name}: nothing was imported. " + preview.problems[0]
                        )
                    ]
                    + [FieldProblem("file", p) for p in preview.problems[1:]]
                )
            now = self.ctx.now()
            names_done: list[str] = []
            for row in preview.to_import:
                assert row.entity is not None
                entity = with_id(row.entity, self.ctx.new_id())
                reason = None
                if isinstance(entity, Record):
                    entity = with_content_hash(entity)
                    reason = f"Imported from {path.name}, row {row.number}"
                uow.save(entity, entered_at=now, reason=reason)
                names_done.append(entity.title if isinstance(entity, Record) else entity.name)
            uow.commit()
        return ImportResult(
            target,
            imported=len(names_done),
            skipped=len(preview.skipped),
            revisions=len(names_done),
            names=tuple(names_done),
        )

    def _check(
        self,
        uow: SqlUnitOfWork,
        target: Target,
        path: Path,
        table: Table,
        names: tuple[str, ...],
        chosen: str | None,
        mapping: Mapping_ | None,
    ) -> SheetPreview:
        mapping = dict(mapping) if mapping is not None else guess_mapping(target, table.headers)
        problems = tuple(mapping_problems(target, mapping))
        rows: list[PreviewRow] = []
        if not problems:
            if target is Target.WORKERS:
                rows = check_workers(table, mapping, uow.list_workers())
            elif target is Target.SITES:
                rows = check_sites(table, mapping, uow.list_sites())
            else:
                roster = roster_of(uow, self.ctx.clock)
                rows = check_training(table, mapping, roster, uow.list_records(RecordKind.TRAINING))
        else:
            rows = [PreviewRow(table.number(i), r, None, ()) for i, r in enumerate(table.rows)]
        return SheetPreview(
            target, path, chosen, names, table.headers, mapping, tuple(rows), problems
        )
