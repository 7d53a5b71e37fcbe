"""Bulk benchmark data for articles (with covers and search vectors) and documents (see seed_bulk).

Marker: bulk articles' ``byline`` and bulk documents' ``signing_body`` end with a zero-width space
(``MARK``). Covers: a handful of JPEGs written once under ``news/covers/bulk/`` and shared by all
bulk articles. ``search_text`` and, on PostgreSQL, ``search_vector`` are computed as ``save()``
does, but in bulk: every body is made of stock paragraphs whose jieba segmentation is computed once.
"""

import datetime as dt
import io
import random

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.utils import timezone

from common.search import segmented_text
from grassroots.bulk import _progress
from grassroots.models import Organisation, Project

from .models import Article, ArticleAttachment, ArticlePhoto, ArticleStatus, Document, DocumentAttachment, Section

MARK = "\u200b"
BASE_COUNTS = {"articles": 20_000, "documents": 2_000}
COVER_COUNT = 6
COVER_DIR = "news/covers/bulk"

PARAGRAPHS = [
    "市老体协会同市委老干部局、市体育局、市卫健委等部门联袂成功举办了“晋城市第五届老年文体艺术节”。各项交流比赛在严守抗疫有关规定，采取严格防御措施的前提下成功举办，推动了全市老年文体事业多元、健康、创新发展。",
    "在严格疫情防控的前提下，我会充分发挥各体育专项委员会的作用，协调动员社会力量，积极组织开展老年人经常性健身活动，举办老年人体育赛事。",
    "市门球专委会年内举行庆元旦门球比赛、庆祝中国人民解放军建军95周年老兵门球赛等多场比赛；乒乓球专委会举办了“庆七一、迎二十大”乒乓球友谊赛等多场比赛；棋牌专项委员会举行了“金缘杯”中老年围棋联谊赛等。其他专委会也以不同形式参与了省、市有关方面和社会各界举办的各项展示活动。各县（市、区）老体协发挥老年体育工作的特点和优势，相继举办了“喜迎二十大”系列文体活动，受到广泛好评。",
    "根据晋市老体字[2020]1号文件“基层组织建设年”活动安排，市老体协班子领导组织市、县两级相关人员开展了“基层组织建设年活动”验收评比工作。通过现场实地查看、队伍建设、办公场所、办公经费、年初计划、组织机构等一系列调查与问卷形式，逐条逐项落实，促进了基层组织规范化、制度化建设。",
    "市老体协柔力球队、健身秧歌队、健身球操队六月参加由国家体育总局群体司、中华全国体育总会群体部联合中国老年人体育协会共同举办全民健身线上运动会，柔力球单拍集体自选《兵哥哥》、单拍集体规定《走向复兴》；健身秧歌规定套路《第八套健身秧歌》、自选套路《情系西口》；健身球操规定套路-第13套均取得优胜奖。",
    "国庆前夕，健身秧歌队被推荐参加中国老体协举办的《喜迎二十大，奋进新征程》秧歌舞线上比赛，规定和自选均荣获一等奖。",
    "柔力球代表队和网球代表队分别参加省老体协举办“喜迎二十大、健身庆盛世”系列活动。柔力球队荣获甲组规定套路、甲组自选套路优胜奖；网球队荣获甲组男双第五名、团体优秀奖；",
    "积极参加全国和省里举办的体育健身项目培训。深入基层组织开展体育健身项目培训。我们分别选派100余名健身骨干参加了国家和省老体协、体育局组织的持杖健走、健身秧歌、广场舞、柔力球、健身球操等项目的裁判员、教练员及新编套路和新规则的线上线下培训学习。",
    "配合市体育局举办一期“二级社会体育指导员”培训；邀请晋中老体协教练举行健身花戏培训班；深入全市各县市区，举办了广场舞、健身球、柔力球、太极拳、太极扇，健身气功、门球等项目的裁判员、教练员及新编套路的培训，1000余基层健身骨干参加培训。",
    "市老体协网站和微信公众号为主的宣传阵地，充分发挥了老年体育宣传的喉舌作用，为全市老年体育系统提供了专门的宣传交流平台。通讯员队伍不断壮大，报道水平不断提高，在各主流媒体宣传报道工作有所加强，充分展现了全市老年体育发展的新成就和新形象。",
    "2022年，协会上下团结一致,共同努力，虽然因为疫情影响，年初安排的有些活动没有进行完，但全年的工作计划大部分顺利实现。在充分肯定成绩的同时，也应看到，我们的工作还存在不少薄弱环节，主要有：主动争取党政领导和体育部门的重视支持不够，“党政主导”的要求还没有很好落实，老体协自身难以解决的问题不能及时得到有效解决；工作的主动性、开拓性不强，抓基层下功夫不够，“少队伍、缺骨干、缺场地、没经费”的问题仍然比较突出。这些问题都需要我们在今后工作中认真解决。",
    "2023年是全面贯彻落实党的二十大精神开局之年，也是实施“十四五”规划承上启下的关键之年，晋城市老年人体育协会以认真学习贯彻党的二十大精神，以习近平总书记关于老龄工作、体育工作的重要论述为指导，将在上级党委和市体育局领导和支持下，开展以下工作：",
    "深入学习贯彻党的二十大精神，领悟“两个确立”的决定性意义，增强“四个意识”、坚定“四个自信”、做到“两个维护”，坚定不移在思想上政治上行动上同以习近平同志为核心的党中央保持高度一致，切实把思想统一到党的二十大精神上来，不断提高政治和工作站位，助力服务新时代老年体育事业发展，不断提升老年体育工作质量和服务供给水平。",
    "各级老体协要主动争取各级党委、政府和有关部门的重视支持，从实际出发，继续抓好行政村和社区的老体协组织建设，正确对待和处理遇到的各种问题，配好配强基层组织领导班子，建好骨干队伍，努力达到“六有”标准。将于3—4月份完成老体协基层组织建设年验收工作。",
    "深入基层，送文化、送健康、送欢乐。要求每个县市区分别至少安排一场市级的走基层活动，努力使活动再有新举措，再上新台阶。同时，各县市区也应根据实际条件组织开展各自的“走基层”活动。",
    "1、办好全市“第六届老年文体艺术节”。市老体协将协调各有关方面，继续举办全市老年文体艺术节，要将全年自办交流比赛项目纳入“艺术节”统筹考虑。各项活动要早准备，早部署、早安排，力争把第六届老年文体艺术节办成一届成功、圆满、和谐、安全的全市老年人文体盛会。",
]

TITLE_PATTERNS = [
    "{unit}举办{year}年老年人{project}比赛",
    "{unit}老体协开展“{theme}”{project}展演活动",
    "市老体协走基层来到{unit}",
    "{unit}{project}队参加全省老年人{project}交流赛获佳绩",
    "{unit}召开{year}年老年体育工作会议",
    "{year}年{unit}老年人{project}培训班开班",
    "{unit}组织老年人欢度重阳节{project}展示",
    "{unit}基层老体协“六有”建设见成效",
]
THEMES = ["喜迎二十大", "健身庆盛事", "银龄风采", "快乐老年", "全民健身"]
DOC_TITLES = [
    "关于举办{year}年晋城市老年人{project}比赛的通知",
    "关于开展{year}年基层组织建设年活动验收评比的通知",
    "关于表彰{year}年度老年体育工作先进集体和先进个人的决定",
    "关于举办{project}裁判员培训班的通知",
    "关于印发《{year}年晋城市老年人体育工作要点》的通知",
]


def counts(scale: float) -> dict[str, int]:
    return {key: max(1, round(value * scale)) for key, value in BASE_COUNTS.items()}


def _articles():
    return Article.objects.filter(byline__endswith=MARK)


def _documents():
    return Document.objects.filter(signing_body__endswith=MARK)


def has_data() -> bool:
    return _articles().exists() or _documents().exists()


def bulk_counts() -> dict[str, int]:
    return {"articles": _articles().count(), "documents": _documents().count()}


def reset(*, stdout) -> None:
    db = Article.objects.db
    ArticlePhoto.objects.filter(article__in=_articles().values("pk"))._raw_delete(db)
    ArticleAttachment.objects.filter(article__in=_articles().values("pk"))._raw_delete(db)
    _articles()._raw_delete(db)
    DocumentAttachment.objects.filter(document__in=_documents().values("pk"))._raw_delete(db)
    _documents()._raw_delete(db)
    stdout.write("  news: 已删除批量数据")


def _covers(rng: random.Random) -> list[str]:
    from PIL import Image, ImageDraw

    names = []
    for n in range(COVER_COUNT):
        name = f"{COVER_DIR}/cover-{n + 1}.jpg"
        if not default_storage.exists(name):
            image = Image.new("RGB", (1200, 675), (rng.randint(40, 200), rng.randint(60, 180), rng.randint(60, 200)))
            draw = ImageDraw.Draw(image)
            for _ in range(12):
                x, y = rng.randint(0, 1100), rng.randint(0, 600)
                draw.ellipse((x, y, x + rng.randint(40, 200), y + rng.randint(40, 200)), fill=(rng.randint(0, 255),) * 3)
            buffer = io.BytesIO()
            image.save(buffer, "JPEG", quality=80)
            name = default_storage.save(name, ContentFile(buffer.getvalue()))
        names.append(name)
    return names


def _set_vectors(model, rows: list[tuple[int, str, str]]) -> None:
    """UPDATE … SET search_vector like vector_expression(), for many rows in one statement."""
    if connection.vendor != "postgresql" or not rows:
        return
    table = model._meta.db_table
    values = ",".join(["(%s::bigint, %s::text, %s::text)"] * len(rows))
    params = [value for row in rows for value in row]
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} AS t SET search_vector = "
            "setweight(to_tsvector('simple'::regconfig, v.a), 'A') || setweight(to_tsvector('simple'::regconfig, v.b), 'B') "
            f"FROM (VALUES {values}) AS v(id, a, b) WHERE t.id = v.id",
            params,
        )


def seed(*, scale: float, rng: random.Random, stdout) -> None:
    wanted = counts(scale)
    sections = list(Section.objects.active().order_by("pk")) or list(Section.objects.order_by("pk"))
    if not sections:
        stdout.write("  news: 没有栏目（先运行 seed_demo），不载入文章")
        wanted["articles"] = 0
    units = list(Organisation.objects.member_units().order_by("pk"))
    projects = [p.name for p in Project.objects.active().order_by("pk")] or ["柔力球"]
    covers = _covers(rng)
    segmented = [segmented_text(p) for p in PARAGRAPHS]
    now = timezone.now()
    first_year = timezone.localdate().year - 9

    def words(parts: list[int]) -> str:
        return " ".join(segmented[i] for i in parts)

    articles, vectors = [], []
    for n in range(wanted["articles"]):
        unit = rng.choice(units)
        published = now - dt.timedelta(minutes=rng.randint(60, 60 * 24 * 365 * 10))
        title = rng.choice(TITLE_PATTERNS).format(
            unit=unit.short_name or unit.name, year=published.year, project=rng.choice(projects), theme=rng.choice(THEMES)
        )[:120]
        parts = rng.sample(range(len(PARAGRAPHS)), k=rng.randint(3, 6))
        body = "".join(f"<p>{PARAGRAPHS[i]}</p>" for i in parts)
        body_text = "\n".join(PARAGRAPHS[i] for i in parts)
        title_words = segmented_text(title)
        body_words = words(parts)
        status = ArticleStatus.PUBLISHED if rng.random() < 0.95 else rng.choice((ArticleStatus.DRAFT, ArticleStatus.PENDING))
        articles.append(
            Article(
                title=title,
                section_id=rng.choice(sections).pk,
                body=body,
                summary="",
                cover=rng.choice(covers) if rng.random() < 0.7 else "",
                cover_caption="活动现场",
                byline=f"{unit.short_name or unit.name}老体协供稿{MARK}",
                unit_id=unit.pk,
                status=status,
                published_at=published if status == ArticleStatus.PUBLISHED else None,
                pinned=n < 2,
                search_text=f"{title}\n\n{body_text}\n\n{title_words}\n{body_words}",
            )
        )
        vectors.append((title_words, body_words))
    for start in range(0, len(articles), 1000):
        batch = Article.objects.bulk_create(articles[start : start + 1000])
        _set_vectors(Article, [(a.pk, *v) for a, v in zip(batch, vectors[start : start + 1000], strict=True)])
        _progress(stdout, "文章", min(start + 1000, len(articles)), len(articles))

    documents, vectors, serials = [], [], {}
    for _ in range(wanted["documents"]):
        year = first_year + rng.randint(0, 9)
        serial = serials[year] = serials.get(year, 1000) + 1
        title = rng.choice(DOC_TITLES).format(year=year, project=rng.choice(projects))[:160]
        parts = rng.sample(range(len(PARAGRAPHS)), k=rng.randint(2, 4))
        body = "".join(f"<p>{PARAGRAPHS[i]}</p>" for i in parts)
        body_text = "\n".join(PARAGRAPHS[i] for i in parts)
        prefix, addressees = "晋市老体字", "各县（市、区）老体协，各专项委员会"
        number = f"{prefix}〔{year}〕{serial}号"
        searchable_words = " ".join(filter(None, [segmented_text(number), segmented_text(addressees), words(parts)]))
        title_words = segmented_text(title)
        signed = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
        documents.append(
            Document(
                prefix=prefix,
                year=year,
                serial=serial,
                title=title,
                addressees=addressees,
                signing_body=f"晋城市老年人体育协会{MARK}",
                signed_on=signed,
                body=body,
                is_published=True,
                published_at=timezone.make_aware(dt.datetime.combine(signed, dt.time(10))),
                search_text=f"{title}\n{number}\n{addressees}\n{body_text}\n\n{title_words}\n{searchable_words}",
            )
        )
        vectors.append((title_words, searchable_words))
    for start in range(0, len(documents), 1000):
        batch = Document.objects.bulk_create(documents[start : start + 1000])
        _set_vectors(Document, [(d.pk, *v) for d, v in zip(batch, vectors[start : start + 1000], strict=True)])
        _progress(stdout, "文件", min(start + 1000, len(documents)), len(documents))
