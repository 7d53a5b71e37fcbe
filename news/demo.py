"""Demo news from the seed document's 2022 activities, with cover images drawn here with Pillow,
and the seed document itself as 晋市老体字〔2023〕1号."""

import datetime as dt
import io
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont

from committees.models import Committee
from common.html import sanitize_rich_text, text_to_html
from common.seeding import ensure
from grassroots.models import Organisation

from .models import Article, ArticlePhoto, ArticleStatus, Document, DocumentAttachment, Section

SEED_TEXT = Path(__file__).with_name("demo_data") / "jinshi_laotizi_2023_1.txt"
FONT_PATH = getattr(settings, "PDF_CJK_FONT_PATH", "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")

# (section slug, title, date, unit slug or None, committee slug or None, colour, pinned, body paragraphs)
ARTICLES = [
    (
        "dongtai",
        "晋城市第五届老年文体艺术节圆满落幕",
        dt.date(2022, 10, 28),
        None,
        None,
        "#b22222",
        True,
        [
            "市老体协会同市委老干部局、市体育局、市卫健委等部门联袂举办的“晋城市第五届老年文体艺术节”圆满落幕。",
            "各项交流比赛在严守抗疫有关规定、采取严格防御措施的前提下成功举办，推动了全市老年文体事业多元、健康、创新发展。",
        ],
    ),
    (
        "dongtai",
        "市老体协领导班子收听收看党的二十大开幕盛况",
        dt.date(2022, 10, 16),
        None,
        None,
        "#8b1a1a",
        False,
        [
            "市老体协领导班子及时收听收看了党的二十大会议盛况，传达学习了二十大会议主要精神。",
            "大家表示，要坚定不移地强化“四个意识”、树牢“四个自信”，切实做到“两个维护”，加强协会班子建设。",
        ],
    ),
    (
        "tongzhi",
        "关于印发2022年工作总结及2023年工作要点的通知",
        dt.date(2023, 3, 3),
        None,
        None,
        "#1f4e79",
        True,
        [
            "各县（市、区）、晋能装备制造集团老体协，市老体协金融分会，市老体协各专委会：",
            "现将协会去年的工作总结和今年的工作安排发给你们，请参照执行。全文见“文件”栏目 晋市老体字〔2023〕1号。",
        ],
    ),
    (
        "tongzhi",
        "关于开展基层组织建设年活动验收工作的通知",
        dt.date(2023, 3, 10),
        None,
        None,
        "#2e5c8a",
        False,
        [
            "根据晋市老体字〔2020〕1号文件“基层组织建设年”活动安排，将于3—4月份完成老体协基层组织建设年验收工作。",
            "请各县（市、区）老体协对照“六有”标准做好自查，配好配强基层组织领导班子。",
        ],
    ),
    (
        "saishi",
        "庆祝建军95周年老兵门球赛举行",
        dt.date(2022, 8, 1),
        None,
        "menqiu",
        "#2f6b2f",
        False,
        [
            "市门球专委会举行庆祝中国人民解放军建军95周年老兵门球赛，老同志们精神矍铄、配合默契。",
            "年内门球专委会还举行了庆元旦门球比赛等多场比赛。",
        ],
    ),
    (
        "saishi",
        "“庆七一、迎二十大”乒乓球友谊赛开赛",
        dt.date(2022, 6, 30),
        None,
        "pingpangqiu",
        "#c05a00",
        False,
        [
            "乒乓球专委会举办“庆七一、迎二十大”乒乓球友谊赛，来自各县（市、区）的中老年乒乓球爱好者同台竞技。",
        ],
    ),
    (
        "saishi",
        "柔力球队在全民健身线上运动会获优胜奖",
        dt.date(2022, 6, 20),
        None,
        None,
        "#6a3d9a",
        False,
        [
            "市老体协柔力球队、健身秧歌队、健身球操队参加全民健身线上运动会，柔力球单拍集体自选《兵哥哥》、单拍集体规定《走向复兴》均取得优胜奖。",
            "国庆前夕，健身秧歌队参加《喜迎二十大，奋进新征程》秧歌舞线上比赛，规定和自选均荣获一等奖。",
        ],
    ),
    (
        "saishi",
        "“金缘杯”中老年围棋联谊赛举行",
        dt.date(2022, 9, 18),
        None,
        None,
        "#444444",
        False,
        [
            "棋牌专项委员会举行“金缘杯”中老年围棋联谊赛，棋友们以棋会友、切磋技艺。",
        ],
    ),
    (
        "jiceng",
        "泽州县巴公镇老体协开展喜迎二十大文体活动",
        dt.date(2022, 9, 25),
        "zezhou",
        None,
        "#0f6e6e",
        False,
        [
            "泽州县巴公镇老体协组织柔力球队、健身秧歌队在镇文化广场开展“喜迎二十大”系列文体活动，受到群众广泛好评。",
        ],
    ),
    (
        "jiceng",
        "市县两级开展基层组织建设年验收评比",
        dt.date(2022, 12, 8),
        "gaoping",
        None,
        "#3b5b2a",
        False,
        [
            "市老体协班子领导组织市、县两级相关人员开展“基层组织建设年活动”验收评比工作。",
            "通过现场实地查看、队伍建设、办公场所、办公经费、年初计划、组织机构等调查与问卷，逐条逐项落实，促进基层组织规范化、制度化建设。",
        ],
    ),
    (
        "peixun",
        "二级社会体育指导员培训班开班",
        dt.date(2022, 7, 12),
        None,
        None,
        "#7a4b00",
        False,
        [
            "市老体协配合市体育局举办一期“二级社会体育指导员”培训。",
            "全年选派100余名健身骨干参加国家和省老体协组织的持杖健走、健身秧歌、广场舞、柔力球、健身球操等项目培训。",
        ],
    ),
    (
        "peixun",
        "健身花戏培训班在晋城举办",
        dt.date(2022, 8, 20),
        None,
        None,
        "#9c2f6b",
        False,
        [
            "市老体协邀请晋中老体协教练举办健身花戏培训班，1000余名基层健身骨干全年参加了各类项目培训。",
        ],
    ),
    (
        "dangjian",
        "联合党支部开展“喜迎二十大，永远跟党走”主题活动",
        dt.date(2022, 7, 1),
        None,
        None,
        "#a50e0e",
        False,
        [
            "市老体协和市门协联合党支部有序开展了“喜迎二十大，永远跟党走”系列主题活动，纪念中国共产党成立101周年。",
        ],
    ),
    (
        "dangjian",
        "联合党支部集中学习党的二十大精神",
        dt.date(2022, 11, 5),
        None,
        None,
        "#7d1010",
        False,
        [
            "联合党支部组织党员集中学习党的二十大报告，领悟“两个确立”的决定性意义，助力服务新时代老年体育事业发展。",
        ],
    ),
]


def make_cover(title: str, section: str, colour: str) -> bytes:
    """A 1200×675 JPEG with the section and title in a CJK font."""
    image = Image.new("RGB", (1200, 675), colour)
    draw = ImageDraw.Draw(image)
    for i in range(0, 1200, 60):
        draw.line([(i, 675), (i + 300, 0)], fill=(255, 255, 255, 20), width=1)
    try:
        big = ImageFont.truetype(FONT_PATH, 64)
        small = ImageFont.truetype(FONT_PATH, 40)
    except OSError:
        big = small = ImageFont.load_default()
    draw.rectangle([(0, 0), (1200, 90)], fill=(0, 0, 0))
    draw.text((40, 20), f"晋城市老年人体育协会 · {section}", font=small, fill="#ffd84d")
    lines, line = [], ""
    for char in title:
        line += char
        if draw.textlength(line, font=big) > 1080:
            lines.append(line[:-1])
            line = char
    lines.append(line)
    y = 675 // 2 - len(lines) * 45
    for text in lines:
        draw.text((60, y), text, font=big, fill="#ffffff")
        y += 90
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=82)
    return buffer.getvalue()


def _seed_document(city):
    lines = SEED_TEXT.read_text(encoding="utf-8").splitlines()
    stripped = [line.strip() for line in lines]
    # Number, title and addressees sit at the top; the signature and date at the bottom.
    addressees = next(line for line in stripped if line.startswith("各县"))
    start = stripped.index(addressees) + 1
    end = max(i for i, line in enumerate(stripped) if line == "晋城市老年人体育协会")
    body = text_to_html("\n".join(stripped[start:end]))
    document, _created = ensure(
        Document,
        {"prefix": "晋市老体字", "year": 2023, "serial": 1},
        {
            "title": "2022年工作总结及2023年工作要点",
            "addressees": addressees.rstrip("："),
            "signing_body": "晋城市老年人体育协会",
            "signed_on": dt.date(2023, 3, 3),
            "body": sanitize_rich_text(body),
            "is_published": True,
            "published_at": timezone.make_aware(dt.datetime(2023, 3, 3, 9, 0)),
        },
    )
    if not document.attachments.exists():
        DocumentAttachment.objects.create(
            document=document,
            title="2022年工作总结及2023年工作要点（Word 版）",
            file=ContentFile(_docx(document.title, stripped[start:end]), name="jinshi-laotizi-2023-1.docx"),
        )
    return document


def _docx(title: str, paragraphs: list[str]) -> bytes:
    from docx import Document as WordDocument

    word = WordDocument()
    word.add_heading(title, level=1)
    for paragraph in paragraphs:
        if paragraph:
            word.add_paragraph(paragraph)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


# Articles that report an event: article title -> event title (events' demo runs before news').
EVENT_OF_ARTICLE = {
    "庆祝建军95周年老兵门球赛举行": "庆祝中国人民解放军建军95周年老兵门球赛",
    "“庆七一、迎二十大”乒乓球友谊赛开赛": "“庆七一、迎二十大”乒乓球友谊赛",
    "柔力球队在全民健身线上运动会获优胜奖": "全民健身线上运动会（老年人项目）",
    "“金缘杯”中老年围棋联谊赛举行": "“金缘杯”中老年围棋联谊赛",
}


def seed(*, stdout, password):
    from events.models import Event

    User = get_user_model()
    author = User.objects.filter(username="tongxun").first() or User.objects.filter(is_superuser=True).first()
    city = Organisation.objects.filter(level=1).first()
    sections = {s.slug: s for s in Section.objects.all()}
    committees = {c.slug: c for c in Committee.objects.all()}
    for order, (slug, title, day, unit_slug, committee_slug, colour, pinned, paragraphs) in enumerate(ARTICLES):
        section = sections[slug]
        unit = Organisation.objects.filter(slug=unit_slug).first() if unit_slug else city
        published_at = timezone.make_aware(dt.datetime.combine(day, dt.time(9, order)))
        article, _created = ensure(
            Article,
            {"title": title},
            {
                "section": section,
                "summary": (paragraphs[1] if paragraphs[0].endswith("：") else paragraphs[0])[:90],
                "body": sanitize_rich_text("".join(f"<p>{p}</p>" for p in paragraphs)),
                "unit": unit,
                "committee": committees.get(committee_slug) if committee_slug else None,
                "event": Event.objects.filter(title=EVENT_OF_ARTICLE.get(title, "")).first(),
                "author": author,
                "byline": "本站通讯员" if unit is None or unit.level == 1 else f"{unit.display_name}通讯员",
                "status": ArticleStatus.PUBLISHED,
                "published_at": published_at,
                "pinned": pinned,
            },
        )
        if not article.cover:
            article.cover.save(f"demo-{order + 1:02d}.jpg", ContentFile(make_cover(title, section.name, colour)), save=True)
        if order == 0 and not article.photos.exists():
            for n, caption in enumerate(("开幕式现场", "柔力球展示", "健身秧歌表演"), start=1):
                photo = ArticlePhoto(article=article, caption=caption, sort_order=n)
                photo.image.save(f"demo-festival-{n}.jpg", ContentFile(make_cover(caption, section.name, "#7a1f1f")), save=False)
                photo.save()
    # A returned draft and a pending one, so the correspondent's page and the review queue show the workflow.
    if author is not None:
        ensure(
            Article,
            {"title": "阳城县老体协太极拳培训见闻（草稿）"},
            {
                "section": sections["jiceng"],
                "author": author,
                "status": ArticleStatus.RETURNED,
                "body": sanitize_rich_text("<p>十月，阳城县老体协举办太极拳、太极扇培训班……</p>"),
                "review_note": "请补充培训时间、参加人数，并配一张现场照片。",
                "unit": Organisation.objects.filter(slug="zezhou").first(),
            },
        )
    _seed_document(city)
    stdout.write(f"  新闻 {Article.objects.count()} 篇，文件 {Document.objects.count()} 份")
