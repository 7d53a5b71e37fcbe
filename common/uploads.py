"""Upload checks by content, never by file name: type, byte size and pixel count."""

import io
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

ALLOWED_IMAGE_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}


def _read_head(upload, size: int) -> bytes:
    upload.seek(0)
    head = upload.read(size)
    upload.seek(0)
    return head


def validate_image_upload(upload) -> None:
    """Accept only real JPEG, PNG or WebP images within the byte and pixel limits.

    The pixel count is read from the header before any decoding, so a decompression
    bomb is refused without ever being expanded in memory.
    """
    if upload is None:
        return
    max_bytes = settings.IMAGE_UPLOAD_MAX_BYTES
    if upload.size and upload.size > max_bytes:
        raise ValidationError(
            _("图片太大（%(size)s），请上传不超过 %(limit)s 的图片。")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(max_bytes)},
            code="image_too_large",
        )
    # A JPEG or PNG with a ZIP archive glued on still opens as an image: refuse such polyglots,
    # whose second face a browser or an unpacker could be tricked into reading.
    upload.seek(0)
    if zipfile.is_zipfile(upload):
        upload.seek(0)
        raise ValidationError(_("这个文件除了图片还夹带了压缩包内容，请上传普通的 JPG、PNG 或 WebP 照片。"), code="image_polyglot")
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            image_format = image.format
            width, height = image.size
            if image_format not in ALLOWED_IMAGE_FORMATS:
                raise ValidationError(
                    _("只接受 JPG、PNG 或 WebP 格式的照片，这个文件是 %(format)s。") % {"format": image_format},
                    code="image_format",
                )
            if width * height > settings.IMAGE_UPLOAD_MAX_PIXELS:
                raise ValidationError(
                    _("图片像素过大（%(width)d×%(height)d），请缩小到 %(limit)d 万像素以内再上传。")
                    % {"width": width, "height": height, "limit": settings.IMAGE_UPLOAD_MAX_PIXELS // 10000},
                    code="image_pixels",
                )
            image.verify()
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError, ValueError):
        raise ValidationError(_("这个文件不是有效的图片，请上传 JPG、PNG 或 WebP 照片。"), code="image_invalid") from None
    finally:
        upload.seek(0)


# What an attachment may be, identified by its bytes.
ATTACHMENT_KINDS = {
    "pdf": _("PDF 文件"),
    "docx": _("Word 文档"),
    "xlsx": _("Excel 表格"),
}


def sniff_attachment(upload) -> str | None:
    """Return 'pdf', 'docx' or 'xlsx' when the content really is one, else None."""
    head = _read_head(upload, 8)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        upload.seek(0)
        try:
            with zipfile.ZipFile(io.BytesIO(upload.read())) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            return None
        finally:
            upload.seek(0)
        if "[Content_Types].xml" in names:
            if "word/document.xml" in names:
                return "docx"
            if "xl/workbook.xml" in names:
                return "xlsx"
    return None


def validate_attachment_upload(upload) -> None:
    if upload is None:
        return
    max_bytes = settings.ATTACHMENT_UPLOAD_MAX_BYTES
    if upload.size and upload.size > max_bytes:
        raise ValidationError(
            _("附件太大（%(size)s），请上传不超过 %(limit)s 的文件。")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(max_bytes)},
            code="attachment_too_large",
        )
    kind = sniff_attachment(upload)
    if kind is None:
        raise ValidationError(_("附件只能是 PDF、Word（.docx）或 Excel（.xlsx）文件，这个文件的内容不符。"), code="attachment_type")
    name = (getattr(upload, "name", "") or "").lower()
    if not name.endswith("." + kind):
        raise ValidationError(
            _("文件内容是%(kind)s，但文件名的扩展名不符，请改为 .%(ext)s 后再上传。")
            % {"kind": ATTACHMENT_KINDS[kind], "ext": kind},
            code="attachment_extension",
        )
