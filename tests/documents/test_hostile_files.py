"""Hostile files through every importer: the service (``import_file``), the CLI (``accord import``, ``accord parse``),
the API (``POST /api/imports``) and the upload page. Each kind of file (bench/hostile.py: not a ZIP, truncated, ZIP
bombs, huge or deeply nested XML, entity expansion, external entities, no word/document.xml, not UTF-8, NUL bytes,
enormous lines, too many paragraphs…) ends in the importer's refusal, one line naming the file and the fault — the CLI
exits 2, the API answers 422 with JSON, the page shows it as the form's error — and writes nothing to the database."""

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import translation

from accord.documents.services import ImportRefused, import_file
from accord.registry.models import ApiToken, User

BENCH = Path(__file__).resolve().parents[2] / "bench"
RESOLUTION = Path(__file__).resolve().parents[1] / "text" / "fixtures" / "resolution_un.md"
ACCORD = str(Path(sys.executable).with_name("accord"))


def _load(name: str):
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, BENCH / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


hostile = _load("hostile")


@pytest.fixture
def officer(db):
    """A secretariat officer, and a document already imported: what a refused import must leave as it was."""
    user = User.objects.create(username="officer", role=User.SECRETARIAT)
    import_file(RESOLUTION.read_bytes(), RESOLUTION.name, user)
    return user


def database() -> dict[str, int]:
    """How many rows each table holds."""
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def assert_refusal(message: str, name: str, problem: str) -> None:
    assert "\n" not in message and "\r" not in message, message
    assert message.startswith(f"{name}: ") and problem in message, message
    assert "Traceback" not in message


@pytest.mark.parametrize("kind", hostile.KINDS)
def test_the_service_refuses_and_stores_nothing(officer, kind):
    file = hostile.hostile_files()[kind]
    before = database()
    with translation.override("en"), pytest.raises(ImportRefused) as refusal:
        import_file(file.data, file.name, officer)
    assert_refusal(str(refusal.value), file.name, file.problem)
    assert database() == before


@pytest.mark.parametrize("kind", hostile.KINDS)
def test_accord_import_exits_2_and_stores_nothing(officer, kind, tmp_path):
    file = hostile.hostile_files()[kind]
    path = tmp_path / file.name
    path.write_bytes(file.data)
    before = database()
    with translation.override("en"), pytest.raises(CommandError) as refusal:
        call_command("import", str(path))
    assert refusal.value.returncode == 2
    assert_refusal(str(refusal.value), str(path), file.problem)
    assert database() == before


@pytest.mark.parametrize("kind", hostile.KINDS)
def test_the_api_answers_422_and_stores_nothing(officer, kind, client):
    file = hostile.hostile_files()[kind]
    headers = {"Authorization": f"Bearer {ApiToken.issue(officer)}"}
    before = database()
    response = client.post("/api/imports", {"file": SimpleUploadedFile(file.name, file.data), "distribution": "public"},
                           headers=headers)
    assert response.status_code == 422, response.content[:500]
    assert response["Content-Type"].startswith("application/json")
    assert_refusal(response.json()["detail"], file.name, file.problem)
    assert database() == before


@pytest.mark.parametrize("kind", hostile.KINDS)
def test_the_upload_page_shows_the_refusal_and_stores_nothing(officer, kind, client):
    import lxml.html

    file = hostile.hostile_files()[kind]
    client.force_login(officer)
    before = database()
    response = client.post(reverse("documents:upload"),
                           {"file": SimpleUploadedFile(file.name, file.data), "distribution": "public"})
    assert response.status_code == 200
    (errors,) = lxml.html.fromstring(response.content.decode()).xpath("//ul[@class='errorlist']")
    assert_refusal(" ".join(errors.text_content().split()), file.name, file.problem)
    assert database() == before


def test_a_file_over_the_upload_limit_is_refused_everywhere_before_it_is_read(officer, client, settings, tmp_path):
    settings.ACCORD_UPLOAD_MAX_BYTES = 1000
    data, problem = b"x" * 1001, f"larger than the {filesizeformat(1000)} an upload may be"
    before = database()
    with translation.override("en"):
        with pytest.raises(ImportRefused) as refusal:
            import_file(data, "big.md", officer)
        assert_refusal(str(refusal.value), "big.md", problem)
        path = tmp_path / "big.md"
        path.write_bytes(data * 1000)  # read no further than the limit
        with pytest.raises(CommandError) as refusal:
            call_command("import", str(path))
        assert refusal.value.returncode == 2 and str(refusal.value) == f"{path}: {problem}"
    response = client.post("/api/imports", {"file": SimpleUploadedFile("big.md", data), "distribution": "public"},
                           headers={"Authorization": f"Bearer {ApiToken.issue(officer)}"})
    assert response.status_code == 422 and response.json()["detail"] == f"big.md: {problem}"
    assert database() == before | {"registry.ApiToken": before["registry.ApiToken"] + 1}


def test_accord_import_reads_no_further_than_the_limit_from_a_file_that_never_ends(officer, settings):
    with translation.override("en"), pytest.raises(CommandError) as refusal:
        call_command("import", "/dev/zero")
    assert refusal.value.returncode == 2
    limit = filesizeformat(settings.ACCORD_UPLOAD_MAX_BYTES)
    assert str(refusal.value) == f"/dev/zero: larger than the {limit} an upload may be"


# A few kinds through the real command, in processes of their own: exit status 2, one line on stderr, no traceback.
PARSED = ["not-a-zip", "truncated", "zip-bomb-lying-sizes", "billion-laughs", "external-entity", "not-utf-8",
          "enormous-line", "too-many-paragraphs-docx"]


def test_accord_parse_exits_2_with_one_line(tmp_path):
    files = hostile.hostile_files()
    paths = {}
    for kind in PARSED:
        paths[kind] = tmp_path / kind / files[kind].name
        paths[kind].parent.mkdir()
        paths[kind].write_bytes(files[kind].data)
    running = {kind: subprocess.Popen([ACCORD, "parse", str(path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
               for kind, path in paths.items()}
    for kind, process in running.items():
        out, err = process.communicate(timeout=120)
        message = err.decode().strip()
        assert process.returncode == 2, (kind, message)
        assert len(message.splitlines()) == 1 and "Traceback" not in message, (kind, message)
        assert_refusal(message.removeprefix("CommandError: "), str(paths[kind]), files[kind].parse_refusal)
