"""Running an upload in the background: a thread per job, with the job row as its mailbox.

No queue server is needed (a fresh machine may have neither Celery nor Redis): the upload view
stores the file under the var directory, creates an ``ImportJob`` and starts a thread that
imports it and writes its progress to the row, which the page polls. The thread has its own
database connection and closes it. A job left "running" by a server that stopped is marked
failed the next time anybody looks at it (``reap_stale``).
"""

from __future__ import annotations

import datetime
import threading
import uuid
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.db import close_old_connections, connection, connections
from django.utils import timezone

from tipdata.intake.estimate import estimate_rows
from tipdata.intake.htcds_import import import_htcds
from tipdata.intake.importer import ImportResult, import_file
from tipdata.intake.kinds import get_kind
from tipdata.intake.models import ImportJob, ImportStatus

HTCDS = "htcds"  # the job kind of an HTCDS 2.0 workbook (imported as victims)
STALE_AFTER = datetime.timedelta(hours=6)
_RUNNING: dict[int, threading.Thread] = {}
# The import's own transaction cannot carry its progress (nobody sees it before the commit):
# the count is kept here for pages served by this process, and on PostgreSQL also written to
# the job row through a second connection for the other server processes.
PROGRESS: dict[int, int] = {}


def upload_dir() -> Path:
    path = Path(settings.VAR_DIR) / "uploads"
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def store_upload(upload: IO[bytes]) -> Path:
    """Save the upload under a random name (the clerk's name is kept on the job only)."""
    target = upload_dir() / f"{uuid.uuid4().hex}.upload"
    with target.open("wb") as out:
        for chunk in getattr(upload, "chunks", lambda: iter([upload.read()]))():
            out.write(chunk)
    return target


def start_job(*, kind: str, upload: Any, user: Any, background: bool = True) -> ImportJob:
    stored = store_upload(upload)
    job = ImportJob.objects.create(
        kind=kind,
        file_name=Path(getattr(upload, "name", "upload")).name[:255],
        stored_file=str(stored),
        organisation=user.organisation,
        created_by=user,
        rows_total=estimate_rows(stored),
    )
    if background and not getattr(settings, "TIPDATA_IMPORT_INLINE", False):
        thread = threading.Thread(target=_run_in_thread, args=(job.pk,), daemon=True)
        _RUNNING[job.pk] = thread
        thread.start()
    else:
        run_job(job.pk)
    return job


def rows_done(job: ImportJob) -> int:
    """Progress of a running job: this process's live count, else what the row says."""
    return PROGRESS.get(job.pk, job.rows_done)


def _run_in_thread(pk: int) -> None:
    close_old_connections()  # the thread starts with its own connection
    try:
        run_job(pk, live=True)
    finally:
        _RUNNING.pop(pk, None)
        connection.close()


def run_job(pk: int, *, live: bool = False) -> ImportJob:
    """Import the job's file as its user, for its organisation, recording progress."""
    job = ImportJob.objects.select_related("created_by", "organisation").get(pk=pk)
    job.status = ImportStatus.RUNNING
    job.save(update_fields=["status"])

    live = live and connection.vendor != "sqlite"  # SQLite has one writer: the import
    side = connections.create_connection("default") if live else None

    def progress(done: int) -> None:
        PROGRESS[pk] = done
        if side is not None:
            with side.cursor() as cursor:
                table = ImportJob._meta.db_table
                cursor.execute(f"UPDATE {table} SET rows_done = %s WHERE id = %s", [done, pk])

    try:
        if job.kind == HTCDS:
            result = import_htcds(
                job.stored_file, actor=job.created_by, agency=job.organisation, progress=progress
            )
        else:
            result = import_file(
                job.stored_file,
                kind=get_kind(job.kind),
                actor=job.created_by,
                agency=job.organisation,
                progress=progress,
            )
    except Exception as exc:
        job.status, job.message = ImportStatus.FAILED, f"{type(exc).__name__}: {exc}"
    else:
        _store_result(job, result)
    finally:
        PROGRESS.pop(pk, None)
        if side is not None:
            side.close()
    job.finished_at = timezone.now()
    job.save()
    Path(job.stored_file).unlink(missing_ok=True)
    return job


def _store_result(job: ImportJob, result: ImportResult) -> None:
    job.rows_done = result.rows
    job.created, job.updated = result.created, result.updated
    job.error_count = result.error_count
    job.errors = [
        [e.row, e.column, e.value, e.message] for e in result.errors[: ImportJob.SHOWN_ERRORS]
    ]
    job.message = result.file_error or result.linkage_error
    job.status = ImportStatus.DONE if result.ok else ImportStatus.REJECTED


def reap_stale(jobs: Any) -> None:
    """Mark jobs whose thread is gone (server restarted) as failed."""
    cutoff = timezone.now() - STALE_AFTER
    for job in jobs:
        if (
            job.status == ImportStatus.RUNNING
            and job.pk not in _RUNNING
            and job.created_at < cutoff
        ):
            job.status, job.message = ImportStatus.FAILED, "the server stopped during the import"
            job.save(update_fields=["status", "message"])
