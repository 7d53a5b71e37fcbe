"""Database fault drill (issue 10): ops/fault_drill.py against its own throwaway PostgreSQL cluster.

It never touches the shared server on 5432: it initdb's a cluster in a temporary folder on a free
port, runs gunicorn with production settings against it, stops and restarts that cluster under
load, and checks /healthz/, the recovery time and every acknowledged write.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


# PostgreSQL only: on SQLite the test is not collected at all (no skip in the report).
if os.environ.get("DATABASE_URL", "").startswith("postgres"):

    @pytest.mark.postgres
    @pytest.mark.slow
    def test_portal_survives_a_database_outage(db):
        assert connection.vendor == "postgresql"
        # Only this run's cluster counts: a drill killed from outside earlier may have left its own behind.
        running_before = set(Path("/tmp").glob("jinshi-drill-*/data/postmaster.pid"))
        result = subprocess.run(
            [sys.executable, str(ROOT / "ops" / "fault_drill.py"), "--json", "--outage", "3"],
            cwd=ROOT, capture_output=True, text=True, timeout=600,
        )
        print(result.stdout[-3000:])
        report = json.loads(result.stdout.strip().splitlines()[-1])
        assert report["ok"], report.get("problems")
        assert report["healthz_during_outage"] and set(report["healthz_during_outage"]) == {"503"}
        assert report["recovery_seconds"] is not None and report["recovery_seconds"] < 5
        assert report["acknowledged_missing"] == [] and report["writes_acknowledged"] > 20
        assert report["requests"] >= 200
        assert result.returncode == 0
        left_running = set(Path("/tmp").glob("jinshi-drill-*/data/postmaster.pid")) - running_before
        assert not left_running, "a drill cluster is still running"
