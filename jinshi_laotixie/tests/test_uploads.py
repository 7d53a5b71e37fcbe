"""Hostile uploads (issue 10) against common.uploads, through a real multipart request.

Apps plug their upload forms in with UPLOAD_TARGETS in `<app>/tests/authz.py`:

    UPLOAD_TARGETS = [
        # the form's page, the file field, the other fields of a valid form, and who posts it
        {"url": lambda w: reverse("events_portal:entry_photo", args=[w["entry_zezhou"].pk]),
         "field": "photo", "kind": "image", "data": lambda w: {"caption": "合影"}, "role": "zezhou"},
    ]

Every hostile file must then be answered with the form again (200), a Chinese message, and nothing
new under MEDIA_ROOT.
"""

import io
import os
import re
import struct
import zipfile
import zlib

import pytest
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.http import HttpResponse
from django.test import override_settings
from django.urls import path
from PIL import Image

from common.uploads import validate_attachment_upload, validate_image_upload

from .authz_support import ROLE_USERS, app_authz_modules, build_world

CJK = re.compile(r"[\u4e00-\u9fff]")


def _jpeg(size=(40, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, "JPEG")
    return buffer.getvalue()


def _pdf() -> bytes:
    return b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def _png_bomb(width=20000, height=20000) -> bytes:
    """A PNG whose header claims 20000×20000 (400 million pixels) in a few hundred bytes: the IDAT
    holds only the first rows. Decoding it would need 400 MB; a correct check reads the header."""
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit greyscale
    rows = zlib.compress(b"\x00" * (width + 1) * 4, 9)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", rows) + _chunk(b"IEND", b"")


def _svg_with_script() -> bytes:
    return (
        b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
        b'<script>alert(document.cookie)</script><rect width="10" height="10"/></svg>'
    )


def _jpeg_zip_polyglot() -> bytes:
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("payload.html", "<script>alert(1)</script>")
    return _jpeg() + archive.getvalue()


def _elf() -> bytes:
    return b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 8 + b"\x02\x00\x3e\x00" + os.urandom(512)


def _oversized() -> bytes:
    limit = max(settings.IMAGE_UPLOAD_MAX_BYTES, settings.ATTACHMENT_UPLOAD_MAX_BYTES)
    return _jpeg() + b"\x00" * (limit + 1)


# name, file name, content builder, content type the browser would claim
HOSTILE = [
    ("pdf_renamed_jpg", "照片.jpg", _pdf, "image/jpeg"),
    ("png_bomb_20000x20000", "合影.png", _png_bomb, "image/png"),
    ("svg_with_script", "标志.svg", _svg_with_script, "image/svg+xml"),
    ("oversized", "大照片.jpg", _oversized, "image/jpeg"),
    ("jpeg_zip_polyglot", "合影.jpg", _jpeg_zip_polyglot, "image/jpeg"),
    ("executable_renamed_pdf", "通知.pdf", _elf, "application/pdf"),
]


def _upload(case):
    _name, filename, build, content_type = case
    return SimpleUploadedFile(filename, build(), content_type=content_type)


def test_the_png_bomb_is_cheap_and_claims_400_million_pixels():
    data = _png_bomb()
    assert len(data) < 10_000
    assert struct.unpack(">II", data[16:24]) == (20000, 20000)  # IHDR width and height


@pytest.mark.parametrize("validator", [validate_image_upload, validate_attachment_upload], ids=["image", "attachment"])
@pytest.mark.parametrize("case", HOSTILE, ids=[c[0] for c in HOSTILE])
def test_every_hostile_file_is_refused_in_chinese(case, validator):
    with pytest.raises(ValidationError) as caught:
        validator(_upload(case))
    message = " ".join(caught.value.messages)
    assert CJK.search(message), message


def test_honest_files_still_pass():
    validate_image_upload(SimpleUploadedFile("合影.jpg", _jpeg(), content_type="image/jpeg"))
    validate_attachment_upload(SimpleUploadedFile("通知.pdf", _pdf(), content_type="application/pdf"))


# ---- through a real multipart request: the message on the page, nothing on disk ----------------


class _PhotoForm(forms.Form):
    photo = forms.FileField(validators=[validate_image_upload])
    attachment = forms.FileField(required=False, validators=[validate_attachment_upload])


def _upload_view(request):
    form = _PhotoForm(request.POST, request.FILES)
    if form.is_valid():
        default_storage.save("uploads/" + form.cleaned_data["photo"].name, form.cleaned_data["photo"])
        return HttpResponse("saved", status=201)
    return HttpResponse(str(form.errors), status=200)


urlpatterns = [path("upload-test/", _upload_view)]


def _files_under(root):
    found = []
    for dirpath, _dirs, files in os.walk(root):
        found.extend(os.path.join(dirpath, f) for f in files)
    return sorted(found)


@pytest.mark.urls(__name__)
@pytest.mark.parametrize("case", HOSTILE, ids=[c[0] for c in HOSTILE])
def test_hostile_upload_through_a_request_stores_nothing(case, client, tmp_path):
    media, temp = tmp_path / "media", tmp_path / "tmp"
    media.mkdir()
    temp.mkdir()
    with override_settings(MEDIA_ROOT=str(media), FILE_UPLOAD_TEMP_DIR=str(temp), DATA_UPLOAD_MAX_MEMORY_SIZE=None):
        response = client.post("/upload-test/", {"photo": _upload(case)})
        body = response.content.decode()
        assert response.status_code == 200, body
        assert CJK.search(body)
        assert _files_under(media) == []
        assert _files_under(temp) == []  # Django's temporary file for a big upload is gone too
        # and an honest photo does get stored, so the check above can fail
        ok = client.post("/upload-test/", {"photo": SimpleUploadedFile("合影.jpg", _jpeg(), content_type="image/jpeg")})
        assert ok.status_code == 201
        assert len(_files_under(media)) == 1


# ---- the apps' upload forms -------------------------------------------------------------------------


def _targets():
    found = []
    for _label, module in app_authz_modules():
        found.extend(getattr(module, "UPLOAD_TARGETS", []))
    return found


def test_app_upload_forms_refuse_hostile_files(client, db, settings, tmp_path):
    """Loops over the apps' UPLOAD_TARGETS (none until the apps land)."""
    settings.MEDIA_ROOT = str(tmp_path)
    world = build_world()
    for target in _targets():
        client.logout()
        if ROLE_USERS.get(target["role"]):
            client.force_login(world[ROLE_USERS[target["role"]]])
        for case in HOSTILE:
            data = {**target.get("data", lambda w: {})(world), target["field"]: _upload(case)}
            url = target["url"](world)
            response = client.post(url, data)
            assert response.status_code == 200, (url, case[0], response.status_code)
            assert CJK.search(response.content.decode()), (url, case[0])
            assert _files_under(tmp_path) == [], (url, case[0])


# ---- every file field of our models checks its content -------------------------------------------

# Foundation fields an app will take over; remove an entry when its app adds the validator.
PENDING_VALIDATORS = {
    "committees.Committee.photo",  # the committees app owns this model and adds validate_image_upload
}


def test_every_file_field_checks_content():
    from django.apps import apps

    missing = []
    for label in settings.LOCAL_APPS:
        for model in apps.get_app_config(label).get_models():
            for field in model._meta.get_fields():
                if isinstance(field, models.FileField) and not model._meta.label.startswith("Historical"):
                    name = f"{model._meta.label}.{field.name}"
                    checks = {getattr(v, "__name__", "") for v in field.validators}
                    if not checks & {"validate_image_upload", "validate_attachment_upload"} and name not in PENDING_VALIDATORS:
                        missing.append(name)
    assert not missing, f"这些文件字段没有用 common.uploads 按内容检查：{missing}"
