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


def probe_export() -> dict:
    from django.test import Client
    from django.urls import reverse

    from accounts.models import User
    from bench.people_io import export_people
    from grassroots.models import Person

    # Warm the ORM and the admin URLconf so the measure is the export, not Django's start.
    Client().get(reverse("healthz"))
    User.objects.exists()
    start_mb = _rss_mb()
    rows = Person.objects.count()
    started = time.perf_counter()
    first_chunk_s = None
    size = 0
    with tempfile.TemporaryFile() as handle:
        for chunk in export_people(Person.objects.all()):
            if first_chunk_s is None:
                first_chunk_s = time.perf_counter() - started
            size += len(chunk)
            handle.write(chunk)
    seconds = time.perf_counter() - started
    return {
        "rows": rows, "seconds": round(seconds, 2), "bytes": size, "peak_mb": round(_peak_mb(), 1),
        "process_start_mb": round(start_mb, 1), "first_chunk_s": round(first_chunk_s or 0, 2),
    }


def probe_import(count: int = 10_000, bad: int = 20) -> dict:
    from bench.people_io import IMPORT_NOTE, delete_imported, make_import_file, people_import

    delete_imported()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "people.xlsx"
        make_import_file(path, count=count, bad=bad)
        started = time.perf_counter()
        result = people_import(source=path, skip_errors=True, note=IMPORT_NOTE)
        seconds = time.perf_counter() - started
    removed = delete_imported()
    return {
        "rows": count, "created": result.created, "seconds": round(seconds, 2), "row_errors": len(result.errors),
        "first_errors": [str(error) for error in result.errors[:3]], "peak_mb": round(_peak_mb(), 1), "cleaned_up": removed,
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
