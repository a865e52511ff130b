import shutil
import subprocess
from pathlib import Path

import yaml

COMPOSE = Path(__file__).resolve().parents[2] / "docker-compose.yml"


def test_compose_har_alle_tjenester_med_sundhedstjek_og_volumener():
    spec = yaml.safe_load(COMPOSE.read_text())
    services = spec["services"]
    assert set(services) == {"web", "worker", "beat", "db", "redis"}
    assert services["db"]["image"].startswith("postgres:1")
    assert int(services["db"]["image"].split(":")[1]) >= 16
    assert services["redis"]["image"] == "redis:7"
    for name in ("web", "worker", "db", "redis"):
        assert "healthcheck" in services[name], name
    assert "gunicorn" in services["web"]["command"]
    assert "DatabaseScheduler" in services["beat"]["command"]
    assert set(spec["volumes"]) == {"pgdata", "redisdata"}
    # Production settings refuse to start without these; compose must demand them too.
    for secret in ("SECRET_KEY", "CPR_KEY", "CPR_HASH_KEY"):
        assert f"${{{secret}:?" in COMPOSE.read_text(), secret


def test_docker_compose_config_accepterer_filen():
    docker = shutil.which("docker")
    if (
        docker is None
        or subprocess.run([docker, "compose", "version"], capture_output=True).returncode
    ):
        import pytest

        pytest.skip("docker compose is not installed here; the YAML test above still runs")
    result = subprocess.run(
        [docker, "compose", "-f", str(COMPOSE), "config"],
        capture_output=True,
        text=True,
        env={"SECRET_KEY": "x", "CPR_KEY": "x", "CPR_HASH_KEY": "x", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
