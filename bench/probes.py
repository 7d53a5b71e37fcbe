"""Export and import probes, each run in its own process so that its peak memory is its own.

``python -m bench.probes export`` and ``python -m bench.probes import`` print one JSON object.
"""

import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def _staff_user():
    from accounts.models import User

    user, _created = User.objects.get_or_create(username="bench-admin", defaults={"is_staff": True, "is_superuser": True})
    return user


def probe_export() -> dict:
    """The portal's own people export (grassroots.excel.export_people, the streamed response the
    portal's 导出 button returns) for a staff user: every person, full ID numbers. A coordinator's
    export of their unit goes through the same code with masked ID numbers (checked on a sample)."""
    from django.test import Client
    from django.urls import reverse

    from accounts.roles import is_secretariat
    from grassroots.excel import export_people
    from grassroots.models import Person

    # Warm the ORM and the URLconf so the measure is the export, not Django's start.
    Client().get(reverse("healthz"))
    user = _staff_user()
    assert is_secretariat(user)
    start_mb = _rss_mb()
    rows = Person.objects.count()
    started = time.perf_counter()
    first_chunk_s = None
    size = 0
    response = export_people(user)
    with tempfile.TemporaryFile() as handle:
        for chunk in response.streaming_content:
            if first_chunk_s is None:
                first_chunk_s = time.perf_counter() - started
            size += len(chunk)
            handle.write(chunk)
    seconds = time.perf_counter() - started
    return {
        "rows": rows, "seconds": round(seconds, 2), "bytes": size, "peak_mb": round(_peak_mb(), 1),
        "process_start_mb": round(start_mb, 1), "first_chunk_s": round(first_chunk_s or 0, 2),
        "streamed": bool(getattr(response, "streaming", False)), "path": "grassroots.excel.export_people (staff)",
    }


def _delete_imported() -> int:
    from bench.people_io import IMPORT_REGION
    from grassroots.models import Person

    history = Person.history.model.objects.filter(id_number__startswith=IMPORT_REGION)
    history._raw_delete(history.db)
    people = Person.objects.filter(id_number__startswith=IMPORT_REGION)
    return people._raw_delete(people.db)


def probe_import(count: int = 10_000, bad: int = 20) -> dict:
    """The portal's own people import (grassroots.excel.import_people, all-or-nothing) as staff:
    once with ``bad`` rows that each have one mistake (every error reported, nothing written), then
    the same people without mistakes (all written, with their history rows), then cleaned up."""
    from bench.people_io import make_import_file
    from grassroots.excel import import_people

    user = _staff_user()
    _delete_imported()
    with tempfile.TemporaryDirectory() as folder:
        bad_path, good_path = Path(folder) / "bad.xlsx", Path(folder) / "good.xlsx"
        make_import_file(bad_path, count=count, bad=bad)
        make_import_file(good_path, count=count, bad=0)
        started = time.perf_counter()
        with open(bad_path, "rb") as upload:
            with_errors = import_people(upload, user)
        seconds_errors = time.perf_counter() - started
        started = time.perf_counter()
        with open(good_path, "rb") as upload:
            clean = import_people(upload, user)
        seconds = time.perf_counter() - started
    removed = _delete_imported()
    return {
        "rows": count, "seconds": round(max(seconds, seconds_errors), 2), "seconds_clean": round(seconds, 2),
        "seconds_with_errors": round(seconds_errors, 2), "created": clean.created, "created_with_errors": with_errors.created,
        "row_errors": len(with_errors.errors),
        "first_errors": [f"第 {number} 行：{'；'.join(messages)}" for number, messages in with_errors.errors[:3]],
        "peak_mb": round(_peak_mb(), 1), "cleaned_up": removed, "path": "grassroots.excel.import_people (staff)",
    }


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jinshi_laotixie.settings.production")
    import django

    django.setup()
    what = sys.argv[1]
    result = probe_export() if what == "export" else probe_import()
    json.dump(result, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
