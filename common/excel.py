"""Excel (.xlsx) out and in with bounded memory, for exports of 100,000 rows and large imports.

openpyxl's write-only workbook writes each row to a temporary file as it comes, so memory stays flat
whatever the row count; the finished file is then sent in chunks. The work happens while the
response is iterated, so the response starts at once. Read-only mode reads rows lazily the same way.
"""

import tempfile
from collections.abc import Iterable, Iterator, Sequence
from urllib.parse import quote

from django.http import StreamingHttpResponse
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CHUNK_BYTES = 64 * 1024


def iter_xlsx(headers: Sequence[str], rows: Iterable[Sequence], *, sheet_title: str = "Sheet1") -> Iterator[bytes]:
    """Yield the bytes of an .xlsx file with a bold header row and then ``rows``.

    ``rows`` should itself be lazy (``queryset.values_list(...).iterator(chunk_size=...)``).
    """
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_title[:31])
    bold = Font(bold=True)
    header_cells = []
    for title in headers:
        cell = WriteOnlyCell(sheet, value=str(title))
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    sheet.freeze_panes = "A2"
    for row in rows:
        sheet.append(list(row))
    with tempfile.TemporaryFile(prefix="jinshi-xlsx-") as handle:
        workbook.save(handle)
        handle.seek(0)
        while chunk := handle.read(CHUNK_BYTES):
            yield chunk


def xlsx_response(filename: str, headers: Sequence[str], rows: Iterable[Sequence], **kwargs) -> StreamingHttpResponse:
    """A streamed download; ``filename`` may be Chinese (RFC 6266 filename*)."""
    response = StreamingHttpResponse(iter_xlsx(headers, rows, **kwargs), content_type=XLSX_CONTENT_TYPE)
    ascii_name = filename.encode("ascii", "ignore").decode() or "export.xlsx"
    response["Content-Disposition"] = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"
    return response


def read_xlsx_rows(path_or_file, *, header_row: int = 1) -> Iterator[tuple[int, dict[str, object]]]:
    """Yield (Excel row number, {header: value}) for every non-empty row below the header row."""
    workbook = load_workbook(path_or_file, read_only=True, data_only=True)
    try:
        sheet = workbook.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        headers = None
        for number, values in enumerate(rows, start=1):
            if number < header_row:
                continue
            if headers is None:
                headers = [str(value).strip() if value is not None else "" for value in values]
                continue
            if all(value is None or str(value).strip() == "" for value in values):
                continue
            yield number, dict(zip(headers, values, strict=False))
    finally:
        workbook.close()
