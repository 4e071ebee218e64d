"""Issue 9, item 1: a DEBUG=0 deployment serves pages, not 500s."""

import re
from pathlib import Path

import pytest

from .conftest import ROOT, manage, production_env


def test_item1_vendored_files_name_no_file_missing_from_the_repo():
    missing = []
    for path in (ROOT / "static").rglob("*"):
        if path.suffix not in {".css", ".js"}:
            continue
        for name in re.findall(
            r"sourceMappingURL=(\S+?)(?:\s*\*/)?\s*$", path.read_text(), flags=re.M
        ):
            if not (path.parent / name).exists():
                missing.append(f"{path.relative_to(ROOT)} -> {name}")
    assert not missing


def test_item1_dockerfile_has_no_dangling_line_continuation():
    lines = (ROOT / "Dockerfile").read_text().splitlines()
    for number, line in enumerate(lines):
        if line.rstrip().endswith("\\"):
            following = lines[number + 1] if number + 1 < len(lines) else ""
            assert following.strip() and not following.lstrip().startswith(
                ("RUN ", "FROM ", "COPY ", "ENV ", "USER ", "CMD ")
            ), f"Dockerfile line {number + 1} continues into {following!r}"


@pytest.mark.django_db(transaction=True)
def test_item1_debug_off_collectstatic_then_login_and_partnership_pages_answer_200(
    tmp_path, world, client, production_server
):
    env = production_env(tmp_path)
    result = manage("collectstatic", "--noinput", env=env)
    assert result.returncode == 0, result.stderr[-2000:]
    manifest = Path(tmp_path / "staticfiles" / "staticfiles.json")
    assert manifest.exists()
    assert "vendor/bootstrap/bootstrap.min.css" in manifest.read_text()

    server = production_server(env)
    status, body = server.get("/accounts/login/")
    assert status == 200, body[-2000:]
    # Hashed names from the manifest, served by WhiteNoise from the collected files.
    css = re.search(r'href="(/static/vendor/bootstrap/bootstrap\.min\.[0-9a-f]{12}\.css)"', body)
    assert css, body[:3000]
    assert server.get(css.group(1))[0] == 200

    client.force_login(world.local_admin)
    cookies = {"sessionid": client.cookies["sessionid"].value}
    status, body = server.get(world.partnership.get_absolute_url(), cookies=cookies)
    assert status == 200, body[-2000:]
    assert "Shared work" in body
