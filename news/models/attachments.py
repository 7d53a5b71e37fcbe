import os

from django.db import models
from django.utils.translation import gettext_lazy as _

from common.cache import bump
from common.uploads import validate_attachment_upload


class AttachmentBase(models.Model):
    title = models.CharField(_("附件名称"), max_length=120, blank=True, help_text=_("不填则用文件名。"))
    file = models.FileField(
        _("文件"),
        upload_to="news/attachments/%Y/%m/",
        validators=[validate_attachment_upload],
        help_text=_("PDF、Word（.docx）或 Excel（.xlsx），不超过 20 MB。"),
    )
    sort_order = models.PositiveIntegerField(_("排序"), default=0)

    class Meta:
        abstract = True
        ordering = ("sort_order", "pk")

    def __str__(self):
        return self.display_title

    def save(self, *args, **kwargs):
        if not self.title and self.file:
            self.title = os.path.splitext(os.path.basename(self.file.name))[0][:120]
        super().save(*args, **kwargs)
        bump("news")

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        bump("news")
        return result

    @property
    def display_title(self) -> str:
        return self.title or os.path.basename(self.file.name or "")

    @property
    def extension(self) -> str:
        return os.path.splitext(self.file.name or "")[1].lstrip(".").upper()
