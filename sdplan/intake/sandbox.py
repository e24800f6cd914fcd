"""Read an upload's rows in a child process that cannot take more than set memory and time.

:func:`read_rows` reads CSV or XLSX bytes in this process, bounded by counts (see
:mod:`sdplan.intake.cells`). :func:`read_rows_isolated` runs the same reader in a child
(``python -m sdplan.intake.sandbox``) whose address space and CPU time are capped with
``resource.setrlimit`` (512 MB and 10 s by default: ``SDPLAN_PARSE_MEMORY_MB``,
``SDPLAN_PARSE_SECONDS``) and which is killed after the same wall time. The file goes in on
standard input; the rows (lists of strings) or the problems come back as JSON, never pickled.
A child that dies, overruns or answers nonsense is one refusal naming both limits, so no file,
however crafted, can exhaust a web worker. Works under gunicorn's threaded workers: nothing is
forked from the worker but a fresh interpreter (``subprocess``), and the limits are set by the
child itself.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path

from ..errors import DataError, Problem, problem
from ..settings import load_settings
from .cells import MAX_BYTES, Rows, read_csv_rows
from .xlsx import read_xlsx_rows

PACKAGE_ROOT = Path(__file__).resolve().parents[2]  # the folder holding the sdplan package
KINDS = ("csv", "xlsx")


def kind_of_upload(content: bytes, file: str) -> str:
    """Which reader a file needs ("csv" or "xlsx"); refuses empty, oversized and old .xls files.

    Raises
    ------
    DataError
        If the file is empty, larger than :data:`~sdplan.intake.cells.MAX_BYTES` or an old .xls.
    """
    if not content:
        raise DataError([problem(file, None, None, None, "file_empty")])
    if len(content) > MAX_BYTES:
        raise DataError([problem(file, None, None, len(content), "file_too_large", mb=MAX_BYTES // 2**20)])
    if content.startswith(b"\xd0\xcf\x11\xe0"):
        raise DataError([problem(file, None, None, None, "file_old_xls")])
    if content.startswith(b"PK\x03\x04") or file.lower().endswith((".xlsx", ".xlsm")):
        return "xlsx"
    return "csv"


def read_rows(content: bytes, file: str, kind: str | None = None) -> Rows:
    """An upload's rows of text cells, read in this process (bounded by counts, not by time).

    Raises
    ------
    DataError
        If the file cannot be read or passes a limit of :mod:`sdplan.intake.cells`.
    """
    kind = kind or kind_of_upload(content, file)
    return read_xlsx_rows(content, file) if kind == "xlsx" else read_csv_rows(content, file)


def _over_limits(file: str, memory_mb: int, seconds: float) -> DataError:
    return DataError([problem(file, None, None, None, "file_limit_resources", seconds=f"{seconds:g}", mb=memory_mb)])


def run_child(content: bytes, kind: str, memory_mb: int | None = None, seconds: float | None = None) -> dict:
    """Run the reader in a child with the limits (default the settings'); its JSON answer, or None if it did not answer.

    The answer holds ``rows`` or ``problems`` (row, column, value, zh, en) and ``maxrss_kb``,
    the child's peak resident memory.
    """
    settings = load_settings()
    memory_mb = settings.parse_memory_mb if memory_mb is None else memory_mb
    seconds = settings.parse_seconds if seconds is None else seconds
    command = [sys.executable, "-m", "sdplan.intake.sandbox", kind, str(memory_mb), f"{seconds:g}"]
    env = {"PYTHONPATH": str(PACKAGE_ROOT), "PYTHONDONTWRITEBYTECODE": "1", "PYTHONIOENCODING": "utf-8",
           "LC_ALL": "C.UTF-8", "PATH": os.defpath}
    try:
        done = subprocess.run(command, input=content, capture_output=True, timeout=seconds, cwd=PACKAGE_ROOT,
                              env=env, check=False)
        answer = json.loads(done.stdout) if done.returncode == 0 else None
    except (subprocess.TimeoutExpired, ValueError):
        return None
    return answer if isinstance(answer, dict) else None


def read_rows_isolated(content: bytes, file: str, memory_mb: int | None = None, seconds: float | None = None) -> Rows:
    """An upload's rows of text cells, read in a child process with memory and time limits.

    Parameters
    ----------
    content : bytes
        The file as uploaded.
    file : str
        Its name (in messages; ``.xlsx`` or the zip signature selects the workbook reader).
    memory_mb, seconds : int, float
        The child's address-space and time limits (default ``SDPLAN_PARSE_MEMORY_MB``, ``SDPLAN_PARSE_SECONDS``).

    Raises
    ------
    DataError
        What :func:`read_rows` would raise, or one problem naming the limits when the child
        ran out of memory or time.
    """
    settings = load_settings()
    memory_mb = settings.parse_memory_mb if memory_mb is None else memory_mb
    seconds = settings.parse_seconds if seconds is None else seconds
    answer = run_child(content, kind_of_upload(content, file), memory_mb, seconds)
    if answer is None:
        raise _over_limits(file, memory_mb, seconds)
    if "problems" in answer:
        raise DataError([Problem(file, *p) for p in answer["problems"]])
    rows = answer.get("rows")
    if not isinstance(rows, list):
        raise _over_limits(file, memory_mb, seconds)
    return rows


def _limit(memory_mb: int, seconds: float) -> None:
    memory = memory_mb * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    cpu = max(1, int(seconds + 0.999))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))  # writes no file


def _peak_kb() -> int:
    """This process's peak resident memory in KB (``ru_maxrss`` would include the parent's, kept across exec)."""
    try:
        with open("/proc/self/status") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
    except (OSError, StopIteration, ValueError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def main(argv: list[str] | None = None) -> int:
    """The child: ``kind memory_mb seconds`` as arguments, the file on standard input, JSON out."""
    kind, memory_mb, seconds = argv or sys.argv[1:]
    _limit(int(memory_mb), float(seconds))
    content = sys.stdin.buffer.read()
    try:
        answer: dict = {"rows": read_rows(content, "", kind if kind in KINDS else None)}
    except DataError as exc:
        answer = {"problems": [[p.row, p.column, p.value, p.expected_zh, p.expected_en] for p in exc.problems]}
    except MemoryError:
        return 3
    answer["maxrss_kb"] = _peak_kb()
    sys.stdout.write(json.dumps(answer))
    return 0


if __name__ == "__main__":
    sys.exit(main())
