"""Demo data of the site pages: the 章程 about page (the other about pages come with migration 0002)."""

from common.html import sanitize_rich_text
from common.seeding import quiet_update_or_create

from .models import SitePage

ZHANGCHENG = (
    "<h2>第一章 总则</h2>"
    "<p>第一条 本会名称为晋城市老年人体育协会（简称市老体协）。</p>"
    "<p>第二条 本会是在市委、市政府领导下，由全市老年人体育工作者和老年体育健身爱好者自愿组成的群众性体育组织，"
    "宗旨是组织和推动全市老年人体育健身活动，促进老年人健康、快乐、长寿。</p>"
    "<h2>第二章 业务范围</h2>"
    "<p>第三条 本会组织开展老年人体育健身活动和交流比赛，举办全市老年文体艺术节；指导县（市、区）老体协和基层组织建设，"
    "按“六有”标准开展验收评比；培训老年体育骨干、教练员和裁判员；组队参加全国、全省老年人体育交流比赛。</p>"
    "<h2>第三章 会员</h2>"
    "<p>第四条 各县（市、区）老体协、市老体协金融分会、晋能装备制造集团老体协为本会会员单位。</p>"
    "<h2>第四章 组织机构</h2>"
    "<p>第五条 本会设主席、常务副主席、副主席、秘书长，下设秘书处和各体育专项委员会，负责日常工作和专项活动。</p>"
)


def seed(*, stdout, password):
    # Compared after sanitising, as save() stores it, so a second run finds nothing to change.
    quiet_update_or_create(
        SitePage,
        slug="zhangcheng",
        defaults={"title": "协会章程", "summary": "晋城市老年人体育协会章程（摘要）", "body": sanitize_rich_text(ZHANGCHENG), "sort_order": 15},
    )
    stdout.write("  关于协会：章程页面")
