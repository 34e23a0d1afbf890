"""Deterministic demo city for Pingdu: geography, people and a year of history from one seed number.

The same seed and ``now`` give the same city, row for row, on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import math
import operator
import random
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

import shapely
import shapely.affinity
from pypinyin import Style, lazy_pinyin
from shapely.geometry import MultiPoint, Point, Polygon, box, mapping
from sqlalchemy import JSON, Table, func, insert, select, text
from sqlalchemy.orm import Session, sessionmaker

from db.models import (
    Base,
    Brigade,
    Case,
    CaseCounter,
    CaseDepartment,
    CaseEvent,
    CaseLink,
    CategoryRoute,
    City,
    Department,
    Grid,
    LiaisonOfficer,
    Room,
    SensitivePeriod,
    SentimentLog,
    Squad,
    SupervisionOrder,
    Town,
    User,
    UtcDateTime,
    Village,
    Worker,
)
from db.vocab import CATEGORIES, Action, Kind, Level, LinkType, Role, Severity, Status, milestone_of
from desktop.cases.ladder import initial_level
from desktop.cases.sla import SlaPolicy, WorkCalendar
from desktop.clock import CHINA_TZ
from desktop.errors import Refusal
from desktop.geo import random_point_in
from desktop.seed import screening as screening_demo
from desktop.seed.accountability import build_accountability_demo
from desktop.seed.tracks import build_demo_tracks

Progress = Callable[[str, int, int], None]
Geom = Any  # shapely ships no type stubs

# --- the seed document's figures -------------------------------------------------------------

CITY_NAME = "平度市"
CITY_CODE = "370283"
CENTER_LAT = 36.78
CENTER_LON = 119.96
CITY_AREA_KM2 = 3166.0
POPULATION = 1_380_000
HOUSEHOLDS = 440_000
N_VILLAGES = 1788
N_GRIDS = 1672
N_SQUADS = 173
N_LIAISON = 6877
N_VOLUNTEERS = 6769

CHUNK = 5000
HISTORY_DAYS = 365

# Local equirectangular projection around the centre: good to well under 1% over 60 km.
KM_PER_DEG_LAT = 110.574
KM_PER_DEG_LON = 111.320 * math.cos(math.radians(CENTER_LAT))

SUBDISTRICTS = ("凤台街道", "李园街道", "同和街道", "东阁街道", "白沙河街道")
TOWNS = (
    "南村镇", "明村镇", "古岘镇", "仁兆镇", "蓼兰镇", "崔家集镇", "田庄镇", "新河镇", "店子镇", "大泽山镇",
    "旧店镇", "云山镇", "麻兰镇", "祝沟镇", "兰底镇", "张舍镇", "门村镇", "长乐镇", "马戈庄镇", "大田镇",
    "郭庄镇", "灰埠镇", "香店镇", "万家镇", "双山镇", "杏园镇", "柳林镇", "石岭镇",
)  # fmt: skip

DEPARTMENTS = (
    ("labour", "平度市人力资源和社会保障局", "人社局"),
    ("land", "平度市自然资源和规划局", "自然资源局"),
    ("construction", "平度市住房和城乡建设局", "住建局"),
    ("education", "平度市教育和体育局", "教体局"),
    ("civil_affairs", "平度市民政局", "民政局"),
    ("legal_aid", "平度市司法局", "司法局"),
    ("public_security", "平度市公安局", "公安局"),
    ("petition", "平度市信访局", "信访局"),
    ("health", "平度市卫生健康局", "卫健局"),
    ("disability", "平度市残疾人联合会", "残联"),
    ("agriculture", "平度市农业农村局", "农业农村局"),
)

# Which departments a city-level case of each category is sent to, most likely first.
CATEGORY_DEPARTMENTS: dict[str, tuple[str, ...]] = {
    "neighbour": ("legal_aid", "public_security", "construction"),
    "family": ("civil_affairs", "legal_aid", "petition"),
    "land": ("land", "agriculture", "petition"),
    "labour": ("labour", "legal_aid", "construction"),
    "property": ("construction", "land", "legal_aid"),
    "contract": ("legal_aid", "agriculture", "labour"),
    "other": ("legal_aid", "public_security", "petition"),
    "petition_stability": ("petition", "public_security", "land"),
    "public_order": ("public_security", "petition", "legal_aid"),
    "work_safety": ("construction", "labour", "public_security"),
    "civil_affairs": ("civil_affairs", "health", "disability"),
    "disability": ("disability", "civil_affairs", "health"),
    "medical": ("health", "civil_affairs", "disability"),
    "housing_permit": ("land", "construction", "agriculture"),
    "family_planning": ("health", "civil_affairs", "education"),
}

# Sensitive periods of every year: (name, first day, last day as (month, day), work focus).
SENSITIVE_PERIODS = (
    ("全国两会", (3, 1), (3, 15), "信访稳定、群体性事件苗头和进京上访，矛盾纠纷日排查日报告"),
    ("国庆节", (9, 25), (10, 8), "重点人员稳控、安全生产和节日期间的邻里、家庭纠纷"),
)

# --- names -----------------------------------------------------------------------------------

SURNAMES = (
    ("王", 72), ("李", 70), ("张", 68), ("刘", 54), ("孙", 26), ("于", 22), ("杨", 22), ("赵", 20),
    ("陈", 20), ("高", 18), ("姜", 16), ("徐", 14), ("周", 13), ("吴", 11), ("郭", 11), ("马", 10),
    ("宋", 10), ("黄", 9), ("朱", 9), ("胡", 8), ("林", 8), ("韩", 8), ("崔", 8), ("董", 7),
    ("何", 6), ("曹", 6), ("罗", 5), ("邢", 5), ("曲", 5), ("范", 5), ("薛", 4), ("纪", 4),
    ("孔", 4), ("袁", 4), ("綦", 2), ("隋", 2), ("栾", 2), ("矫", 1),
)  # fmt: skip
_SURNAME_LIST = [s for s, _ in SURNAMES]
_SURNAME_CUM = list(itertools.accumulate(w for _, w in SURNAMES))
MALE_CHARS = "建国伟强军明志文华勇杰涛斌海峰磊刚平东波辉鹏成德林永庆福春宝光兴良忠学金友振坤瑞立春"
FEMALE_CHARS = "秀英丽敏静霞艳芳娟玲红梅兰燕萍洁琳慧婷雪翠凤芹玉桂珍云莲花美晓"

DIRECTIONS = "东西南北前后上下"
SIZES = "大小"
PLACE_SUFFIXES = (
    "庄",
    "疃",
    "埠",
    "屯",
    "泊",
    "洼",
    "沟",
    "岭",
    "台",
    "崖",
    "河",
    "官庄",
    "戈庄",
    "家庄",
    "家疃",
)
FEATURES = (
    "沙埠", "河头", "石桥", "柳沟", "岔河", "泊子", "山后", "岭前", "洼里", "河崖", "店子", "双庙", "孤山",
    "古城", "新庄", "营子", "涝洼", "北坡", "杏行", "桃园", "马家沟", "龙泉", "泉头", "青山", "松园", "枣行",
    "槐树底", "辛庄", "庙后", "碾头", "高家", "桥头", "湾头", "堤口", "林家", "后坡", "顺河", "石埠",
)  # fmt: skip
COMMUNITY_WORDS = (
    "兴华", "和平", "福安", "康宁", "新城", "阳光", "幸福", "锦绣", "文化", "惠民", "振华", "永安", "长安",
    "友谊", "胜利", "建设", "民主", "红旗", "花园", "滨河", "凤凰", "东城", "南关", "北关", "西关", "翠苑",
    "福泰", "金城", "明珠", "泰和", "康乐", "祥和", "嘉园", "顺和", "昌盛", "丰泽", "杭州路", "扬州路",
    "常州路", "胶州路", "海信", "青啤", "现河", "文昌", "同和", "府前", "湖滨", "苑东", "苑西", "龙山",
    "泽山", "瑞华", "泰山路", "人民路", "南京路", "北京路", "广州路", "福州路", "厦门路", "世纪",
    "吉祥", "长青", "秀水", "怡景", "安泰", "新民", "富强", "和谐", "鸿福", "华苑",
)  # fmt: skip
CHINESE_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 23 → 二十三 (enough for squad numbers)."""
    if not 0 < n < 100:
        raise ValueError(n)
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else CHINESE_DIGITS[tens] + "十")
    return head + (CHINESE_DIGITS[ones] if ones else "")


def initials(name: str) -> str:
    """Pinyin initials used for Latin-letter search (平度市 → pds)."""
    return "".join(lazy_pinyin(name, style=Style.FIRST_LETTER)).lower()


def _surname(rng: random.Random) -> str:
    return rng.choices(_SURNAME_LIST, cum_weights=_SURNAME_CUM)[0]


def person_name(rng: random.Random) -> str:
    chars = MALE_CHARS if rng.random() < 0.55 else FEMALE_CHARS
    given = rng.choice(chars) if rng.random() < 0.3 else rng.choice(chars) + rng.choice(chars)
    return _surname(rng) + given


def phone_number(rng: random.Random) -> str:
    return f"1{rng.choice('3456789')}{rng.randrange(10**9):09d}"


_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_EPOCH_1940 = dt.date(1940, 1, 1).toordinal()


def id_number(rng: random.Random) -> str:
    """A fake 18-digit resident ID number registered in Pingdu, with a valid check digit."""
    born = _EPOCH_1940 + rng.randrange(365 * 62)
    body = f"{CITY_CODE}{dt.date.fromordinal(born):%Y%m%d}{rng.randrange(1000):03d}"
    return body + "10X98765432"[sum(map(operator.mul, map(int, body), _ID_WEIGHTS)) % 11]


def _allocate(total: int, weights: Sequence[float], minimum: int = 0) -> list[int]:
    """Split ``total`` into integers proportional to ``weights`` (largest remainder), each ≥ minimum."""
    n = len(weights)
    if total < minimum * n:
        raise Refusal("demo.total_too_small", total=total, count=n, minimum=minimum)
    rest = total - minimum * n
    s = sum(weights)
    exact = [rest * w / s for w in weights]
    counts = [int(e) for e in exact]
    order = sorted(range(n), key=lambda i: (counts[i] - exact[i], i))
    for i in order[: rest - sum(counts)]:
        counts[i] += 1
    return [c + minimum for c in counts]


# --- geometry --------------------------------------------------------------------------------


def to_lonlat(geom: Geom) -> Geom:
    """km (east, north of the centre) → (lon, lat); affine, so shared vertices stay shared."""
    return shapely.affinity.affine_transform(
        geom, [1 / KM_PER_DEG_LON, 0, 0, 1 / KM_PER_DEG_LAT, CENTER_LON, CENTER_LAT]
    )


def area_km2(geom_lonlat: Geom) -> float:
    return float(geom_lonlat.area) * KM_PER_DEG_LON * KM_PER_DEG_LAT


def _polygonal(geom: Geom) -> Geom:
    """Drop the points and lines an intersection may add, keep the area."""
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    parts = [g for g in getattr(geom, "geoms", []) if g.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts)


def _drop_slivers(geom: Geom, min_area: float = 1e-6) -> Geom:
    """Fill hairline holes a union leaves between exactly-shared edges (areas below 1 m²)."""
    if geom.geom_type != "Polygon":
        return geom
    holes = [r for r in geom.interiors if Polygon(r).area >= min_area]
    return Polygon(geom.exterior, holes) if len(holes) != len(geom.interiors) else geom


def city_outline(rng: random.Random) -> Geom:
    """An irregular, star-shaped outline (km) of exactly the city's area: a jittered ellipse.

    Low harmonics bend the ellipse, high ones roughen the edge; the radius stays well above zero,
    so the ring never crosses itself.
    """
    waves = [
        (k, rng.uniform(0.03, 0.09) / math.sqrt(k - 1), rng.uniform(0, 2 * math.pi)) for k in range(2, 9)
    ]
    waves += [(k, rng.uniform(0.004, 0.012), rng.uniform(0, 2 * math.pi)) for k in range(9, 25)]
    pts = []
    for i in range(360):
        theta = 2 * math.pi * i / 360
        r = 1 + sum(a * math.cos(k * theta + ph) for k, a, ph in waves) + rng.uniform(-0.004, 0.004)
        pts.append((34.0 * r * math.cos(theta), 30.0 * r * math.sin(theta)))
    poly = Polygon(pts)
    scale = math.sqrt(CITY_AREA_KM2 / poly.area)
    return shapely.affinity.scale(poly, scale, scale, origin=(0, 0))


def scatter(
    rng: random.Random, region: Geom, k: int, spacing: float, avoid: Sequence[tuple[float, float]] = ()
) -> list[tuple[float, float]]:
    """k random points in ``region`` at least ``spacing`` apart (and from ``avoid``): dart throwing,
    relaxing the spacing when the region fills up so it always finishes."""
    shapely.prepare(region)
    minx, miny, maxx, maxy = region.bounds
    pts: list[tuple[float, float]] = []
    others = list(avoid)
    tries = 0
    while len(pts) < k:
        x, y = rng.uniform(minx, maxx), rng.uniform(miny, maxy)
        tries += 1
        if tries > 200 + 60 * k:
            spacing *= 0.85
            tries = 0
        if not shapely.contains_xy(region, x, y):
            continue
        sq = spacing * spacing
        if any((x - a) ** 2 + (y - b) ** 2 < sq for a, b in itertools.chain(pts, others)):
            continue
        pts.append((x, y))
    return pts


def voronoi_cells(points: Sequence[tuple[float, float]], region: Geom) -> list[Geom]:
    """The Voronoi cell of each point clipped to ``region``, in the order of ``points``."""
    if len(points) == 1:
        return [region]
    minx, miny, maxx, maxy = region.bounds
    frame = box(minx - 10, miny - 10, maxx + 10, maxy + 10)
    cells = shapely.voronoi_polygons(MultiPoint(points), extend_to=frame, ordered=True)
    return [_polygonal(cell.intersection(region)) for cell in cells.geoms]


def relax(points: list[tuple[float, float]], region: Geom, fixed: int = 0) -> list[tuple[float, float]]:
    """One Lloyd step (points → their cells' centroids) for rounder cells; the first ``fixed`` stay."""
    out = list(points[:fixed])
    for cell in voronoi_cells(points, region)[fixed:]:
        c = cell.centroid
        if not region.contains(c) or not cell.contains(c):
            c = cell.representative_point()
        out.append((float(c.x), float(c.y)))
    return out


# --- the rows we build, kept in memory only for the fixed-size geography ---------------------


@dataclass
class _TownDraft:
    id: int
    name: str
    code: str
    is_sub: bool
    seat: tuple[float, float]
    poly: Geom
    population: int = 0
    households: int = 0
    village_ids: list[int] = field(default_factory=list)


@dataclass
class _VillageDraft:
    id: int
    town_id: int
    name: str
    code: str
    is_community: bool
    seat: tuple[float, float]
    poly: Geom
    population: int = 0
    households: int = 0


@dataclass
class _GridDraft:
    id: int
    town_id: int
    village_id: int
    village_name: str
    name: str
    code: str
    poly_km: Geom
    poly: Geom = None  # lon/lat, prepared for sampling
    population: int = 0
    households: int = 0
    worker_name: str = ""


@dataclass(frozen=True)
class _Actor:
    user_id: int | None
    name: str
    role: Role


@dataclass
class _Step:
    at: dt.datetime
    action: str
    actor: _Actor
    status: Status
    level: Level
    reason: str = ""
    comment: str = ""
    departments: tuple[int, ...] = ()
    satisfaction: int | None = None
    supervision: dict[str, Any] | None = None
    sla: tuple[dt.datetime, dt.datetime] | None = None  # (warn, due) when this step starts a level's clock


@dataclass(frozen=True)
class DemoSummary:
    seed: int
    towns: int
    villages: int
    grids: int
    brigades: int
    squads: int
    workers: int
    liaison_officers: int
    volunteers: int
    departments: int
    users: int
    sentiment_logs: int
    cases: int
    case_events: int
    open_cases: int
    resolved_cases: int
    supervision_orders: int
    case_links: int
    seconds: float

    @property
    def resolution_rate(self) -> float:
        return self.resolved_cases / self.cases if self.cases else 0.0


RESOLVED_STATUSES = frozenset({Status.RESOLVED, Status.VERIFIED, Status.CLOSED})
OPEN_AT_NOW = frozenset({Status.REPORTED, Status.ESCALATED, Status.ACCEPTED, Status.IN_PROGRESS})


def _table(model: type[Base]) -> Table:
    return cast(Table, model.__table__)


def _milestones(steps: Iterable[_Step]) -> int:
    """The ``cases.milestones`` bits of a case whose timeline is ``steps`` (db.vocab.Milestone)."""
    bits = 0
    for s in steps:
        bits |= int(milestone_of(s.action, int(s.level)))
    return bits


def _chunks(rows: Sequence[dict[str, Any]], size: int = CHUNK) -> Iterator[Sequence[dict[str, Any]]]:
    for i in range(0, len(rows), size):
        yield rows[i : i + size]


class _CachedCalendar(WorkCalendar):
    """The official calendar with a per-day cache: the history asks about the same days millions of times."""

    def __init__(self) -> None:
        super().__init__()
        self._cache: dict[dt.date, bool] = {}

    def is_workday(self, d: dt.date) -> bool:
        if isinstance(d, dt.datetime):
            d = d.date()
        known = self._cache.get(d)
        if known is None:
            known = self._cache[d] = super().is_workday(d)
        return known


# --- text templates --------------------------------------------------------------------------

TITLES: dict[str, tuple[str, ...]] = {
    "neighbour": (
        "{v}{a}某与{b}某相邻通行纠纷", "{v}{a}某与{b}某排水纠纷", "{v}{a}某与{b}某院墙滴水纠纷",
        "{v}{a}某与{b}某树木遮光纠纷", "{v}{a}某与{b}某邻里口角纠纷",
    ),
    "family": (
        "{v}{a}某赡养老人纠纷", "{v}{a}某婚姻家庭纠纷", "{v}{a}某兄弟分家析产纠纷", "{v}{a}某与{b}某继承纠纷",
    ),
    "land": (
        "{v}{a}某与{b}某宅基地边界纠纷", "{v}{a}某土地承包经营权纠纷", "{v}土地流转租金纠纷",
        "{v}{a}某与村委会承包地调整纠纷", "{v}{a}某与{b}某地界纠纷",
    ),
    "labour": (
        "{v}{n}名务工人员追讨工资", "{v}{a}某与某建筑公司劳务费纠纷", "{v}{a}某工伤赔偿纠纷",
        "{v}{a}某与某食品厂劳动合同纠纷",
    ),
    "property": (
        "{v}{a}某房屋漏水物业纠纷", "{v}{a}某拆迁安置补偿纠纷", "{v}{a}某与{b}某房屋买卖纠纷",
        "{v}{a}某旧城改造安置房交付纠纷",
    ),
    "contract": (
        "{v}{a}某与{b}某借款纠纷", "{v}{a}某与合作社买卖合同纠纷", "{v}{a}某与{b}某农机租赁合同纠纷",
        "{v}{a}某与{b}某大棚承包合同纠纷",
    ),
    "other": (
        "{v}{a}某与{b}某养殖异味纠纷", "{v}{a}某与{b}某交通事故赔偿纠纷", "{v}{a}某与{b}某损害赔偿纠纷",
    ),
    "petition_stability": (
        "{v}村民对征地补偿分配有异议，存在集体上访苗头", "{v}村务公开问题引发群众不满",
        "{v}{a}某多次越级上访隐患", "{v}企业改制职工安置诉求隐患",
    ),
    "public_order": ("{v}夜间烧烤噪音扰民隐患", "{v}{a}某醉酒滋事隐患", "{v}村民聚集赌博隐患"),
    "work_safety": (
        "{v}废弃厂房存在坍塌隐患", "{v}小作坊液化气使用安全隐患", "{v}{a}某危房安全隐患",
        "{v}村道桥梁护栏损坏隐患",
    ),
    "civil_affairs": ("为{v}{a}某代办低保申请", "为{v}{a}某代办临时救助", "为{v}{a}某代办高龄补贴"),
    "disability": ("为{v}{a}某代办残疾人证", "为{v}{a}某代办残疾人两项补贴"),
    "medical": ("为{v}{a}某代办居民医保报销", "为{v}{a}某代办慢性病门诊手续"),
    "housing_permit": ("为{v}{a}某代办农村建房审批手续", "为{v}{a}某代办不动产登记"),
    "family_planning": ("为{v}{a}某代办生育登记", "为{v}{a}某代办独生子女父母奖励"),
}  # fmt: skip

DETAILS: dict[Kind, tuple[str, ...]] = {
    Kind.DISPUTE: (
        "双方情绪较为激动，已初步劝解", "双方各执一词，需进一步调查核实", "当事人要求村委会出面协调",
        "涉及金额约{m}元", "矛盾已持续{d}个月，曾多次调解未果", "双方同意在群众工作室面谈",
    ),
    Kind.HAZARD: (
        "如不及时处置可能激化", "已安排专人盯守", "群众反映强烈，需尽快处置", "已向村两委通报情况",
    ),
    Kind.ERRAND: (
        "当事人行动不便，申请上门代办", "材料已收齐，待提交", "缺少户籍证明，已告知补充", "子女在外务工，委托代办",
    ),
}  # fmt: skip

LOG_FINDINGS = (
    "村民关心今年小麦收购价格", "部分老人希望增加村卫生室坐诊时间", "村内道路有坑洼，雨天积水",
    "{a}某反映自来水水压偏低", "返乡务工人员希望了解就业信息", "村民对冬季取暖补贴政策有疑问",
    "两户因院墙滴水发生口角，已现场劝解", "低保户{a}某生活困难，已协助联系民政", "村民询问新农合缴费事宜",
    "{a}某家老房漏雨，建议尽快修缮", "村民希望增设垃圾收集点", "大棚种植户关心蔬菜销路",
    "村里路灯损坏两处", "村民对土地流转价格有议论", "留守老人{a}某独居，需定期探望",
)  # fmt: skip
LOG_ENDINGS = (
    "群众情绪稳定。",
    "未发现矛盾纠纷苗头。",
    "已做好解释工作。",
    "已记录，将持续关注。",
    "已向村两委反映。",
)

ESCALATE_REASONS = {
    Level.VILLAGE: (
        "村级调解未果，双方分歧较大，提请镇街处理", "当事人情绪激动，有越级上访倾向，提请镇街介入",
        "涉案金额较大，村级无力调处", "涉及村两委成员，需回避，提请镇街处理",
    ),
    Level.TOWN: (
        "涉及多个部门职能，镇级无法化解，提请市级联动调度", "涉及土地政策，需市级部门会商",
        "群众诉求涉及历史遗留问题，提请市级统筹", "当事人已表示将赴市上访，提请市级督办",
    ),
}  # fmt: skip
SYSTEM_ESCALATE = "超过办理时限未办结，系统自动升级"
# The same name the running SLA sweep (CaseService.sweep) signs its escalations with.
SYSTEM_ACTOR = _Actor(None, "SLA", Role.SYSTEM)
RESOLVE_COMMENTS = {
    Kind.DISPUTE: (
        "经调解双方达成一致，签订调解协议",
        "双方和解，当场履行",
        "经释法说理，当事人接受处理意见",
    ),
    Kind.HAZARD: ("隐患已排除，落实专人回访", "已协调相关部门处置完毕", "当事人诉求已合理解决，隐患消除"),
    Kind.ERRAND: ("已代办完成，材料已送达当事人", "手续已办结，证件已送达", "已办理完毕，当事人签收"),
}
REJECT_REASONS = (
    "经核实不属于矛盾纠纷受理范围，已告知当事人通过诉讼途径解决",
    "反映情况与事实不符，已向当事人说明",
    "已进入司法程序，依法不再受理",
)
SUPERVISION_TEXTS = (
    "请{unit}于{deadline}前办结并反馈办理情况",
    "该件已超期，请{unit}加快办理，逐级压实责任",
    "群众反映强烈，请{unit}主要负责同志亲自过问，限期化解",
    "请{unit}会同相关部门研究处置意见，按时报送",
)
SUPERVISION_RESPONSES = (
    "已按督办要求办结，当事人表示满意",
    "已召开协调会，问题得到解决",
    "已落实专人负责，矛盾化解完毕",
)


# --- the builder -----------------------------------------------------------------------------


class _Builder:
    def __init__(
        self,
        session: Session,
        seed: int,
        now: dt.datetime,
        progress: Progress | None,
        moved_by: dt.timedelta = dt.timedelta(0),
    ) -> None:
        self.s = session
        self.seed = seed
        self.rng = random.Random(seed)
        self.now = now
        self.moved_by = moved_by
        self.progress = progress
        self.calendar = _CachedCalendar()
        self.policy = SlaPolicy(self.calendar)
        self.towns: list[_TownDraft] = []
        self.villages: list[_VillageDraft] = []
        self.grids: list[_GridDraft] = []
        self.dept_ids: dict[str, int] = {}
        self.dept_names: dict[int, str] = {}
        self.users: dict[str, _Actor] = {}
        self.town_users: dict[int, _Actor] = {}
        self.dept_users: dict[int, _Actor] = {}
        self.counts: dict[str, int] = {}
        self.copy = session.get_bind().dialect.name == "postgresql"

    def _report(self, stage: str, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress(stage, done, total)

    def _insert(self, model: type[Base], rows: Sequence[dict[str, Any]]) -> None:
        table = _table(model)
        if self.moved_by:
            moved = self.moved_by
            rows = [
                {k: v + moved if isinstance(v, dt.datetime) else v for k, v in row.items()} for row in rows
            ]
        if self.copy and not any(isinstance(c.type, JSON) for c in table.columns):
            self._copy(table, rows)
            return
        for part in _chunks(rows):
            self.s.execute(insert(table), list(part))

    def _copy(self, table: Table, rows: Sequence[dict[str, Any]]) -> None:
        """PostgreSQL COPY, several times faster than multi-row INSERT for the millions of history rows.

        COPY bypasses SQLAlchemy's type processing, so aware datetimes are turned into the naive UTC
        that ``UtcDateTime`` would store.
        """
        if not rows:
            return
        names = list(rows[0])
        utc = [n for n in names if isinstance(table.c[n].type, UtcDateTime)]
        dbapi = self.s.connection().connection.driver_connection
        assert dbapi is not None
        columns = ", ".join(f'"{n}"' for n in names)
        with dbapi.cursor() as cur, cur.copy(f'COPY "{table.name}" ({columns}) FROM STDIN') as copy:
            for row in rows:
                values = dict(row)
                for n in utc:
                    if values[n] is not None:
                        values[n] = values[n].astimezone(dt.UTC).replace(tzinfo=None)
                copy.write_row([values[n] for n in names])

    # --- geography -----------------------------------------------------------------------

    def build_geography(self) -> None:
        rng = self.rng
        steps = 6
        self._report("geography", 0, steps)
        outline = city_outline(rng)
        shapely.prepare(outline)

        # The five subdistricts share the urban core; towns spread over the countryside around it.
        core = [
            (3.6 * math.cos(a) + rng.uniform(-0.6, 0.6), 3.6 * math.sin(a) + rng.uniform(-0.6, 0.6))
            for a in (math.pi / 2 + 2 * math.pi * i / 5 for i in range(5))
        ]
        rural_region = outline.difference(Point(0, 0).buffer(11.0))
        rural = scatter(rng, rural_region, len(TOWNS), 7.0)
        seats = relax(relax(core + rural, outline, fixed=5), outline, fixed=5)
        town_polys = voronoi_cells(seats, outline)
        names = list(SUBDISTRICTS) + rng.sample(TOWNS, len(TOWNS))
        for i, (name, seat, poly) in enumerate(zip(names, seats, town_polys, strict=True)):
            self.towns.append(_TownDraft(i + 1, name, f"{CITY_CODE}{i + 1:03d}", i < 5, seat, poly))
        self._report("geography", 1, steps)

        # People: the urban core is far denser than the countryside.
        weights = [t.poly.area * (1100 if t.is_sub else 330) * rng.uniform(0.85, 1.15) for t in self.towns]
        for t, pop in zip(self.towns, _allocate(POPULATION, weights), strict=True):
            t.population = pop
        per_town = _allocate(
            N_VILLAGES,
            [t.poly.area * (2.4 if t.is_sub else 1.0) * rng.uniform(0.85, 1.15) for t in self.towns],
            10,
        )
        self._build_villages(per_town)
        self._report("geography", 3, steps)
        self._build_grids()
        self._report("geography", 4, steps)

        city_ll = to_lonlat(outline)
        self.s.execute(
            insert(_table(City)),
            [
                {
                    "id": 1,
                    "code": CITY_CODE,
                    "name": CITY_NAME,
                    "pinyin": initials(CITY_NAME),
                    "boundary": mapping(city_ll),
                    "lat": CENTER_LAT,
                    "lon": CENTER_LON,
                    "area_km2": round(area_km2(city_ll), 1),
                    "population": POPULATION,
                }
            ],
        )
        self._insert(
            Town,
            [
                self._place_row(t.id, t.code, t.name, t.poly, t.seat)
                | {"city_id": 1, "is_subdistrict": t.is_sub}
                for t in self.towns
            ],
        )
        self._insert(
            Village,
            [
                self._place_row(v.id, v.code, v.name, v.poly, v.seat)
                | {
                    "town_id": v.town_id,
                    "is_community": v.is_community,
                    "population": v.population,
                    "households": v.households,
                }
                for v in self.villages
            ],
        )
        grid_rows = []
        for g in self.grids:
            seat = self.villages[g.village_id - 1].seat
            grid_rows.append(
                self._place_row(g.id, g.code, g.name, g.poly_km, seat)
                | {
                    "town_id": g.town_id,
                    "village_id": g.village_id,
                    "population": g.population,
                    "households": g.households,
                }
            )
        self._insert(Grid, grid_rows)
        self.counts.update(towns=len(self.towns), villages=len(self.villages), grids=len(self.grids))
        self._report("geography", steps, steps)

    @staticmethod
    def _place_row(
        pid: int, code: str, name: str, poly_km: Geom, seat: tuple[float, float]
    ) -> dict[str, Any]:
        lon = CENTER_LON + seat[0] / KM_PER_DEG_LON
        lat = CENTER_LAT + seat[1] / KM_PER_DEG_LAT
        return {
            "id": pid,
            "code": code,
            "name": name,
            "pinyin": initials(name),
            "boundary": mapping(to_lonlat(poly_km)),
            "lat": lat,
            "lon": lon,
        }

    def _village_name(self, community: bool, taken: set[str]) -> str:
        rng = self.rng
        for attempt in itertools.count():
            if community:
                # A big subdistrict can use up the plain words: then 东/西/新… variants, then numbers.
                word = rng.choice(COMMUNITY_WORDS)
                if attempt >= 400:
                    word += f"第{chinese_number(attempt % 99 + 1)}"
                elif attempt >= 100:
                    word = rng.choice("东西南北新") + word
                name = word + "社区"
            else:
                pattern = rng.random()
                s = _surname(rng)
                if pattern < 0.22:
                    name = f"{rng.choice(DIRECTIONS)}{s}家村"
                elif pattern < 0.40:
                    name = f"{rng.choice(DIRECTIONS)}{rng.choice(FEATURES)}村"
                elif pattern < 0.65:
                    name = f"{s}{rng.choice(PLACE_SUFFIXES)}村"
                elif pattern < 0.78:
                    name = f"{rng.choice(SIZES)}{rng.choice(('庄', '疃', '埠', '屯', '泊', '洼'))}村"
                elif pattern < 0.90:
                    name = f"{rng.choice(FEATURES)}村"
                else:
                    name = f"{rng.choice(DIRECTIONS)}{s}{rng.choice(('家庄', '戈庄', '官庄', '家疃'))}村"
            if name not in taken:
                taken.add(name)
                return name
        raise AssertionError("unreachable")

    def _build_villages(self, per_town: list[int]) -> None:
        rng = self.rng
        households_raw: list[float] = []
        for town, k in zip(self.towns, per_town, strict=True):
            spacing = 0.6 * math.sqrt(town.poly.area / k)
            pts = relax(scatter(rng, town.poly, k, spacing), town.poly)
            # Villages nearest the seat are numbered first; in subdistricts most are communities,
            # in towns only the seat (镇驻地) has one or two.
            pts.sort(key=lambda p: (p[0] - town.seat[0]) ** 2 + (p[1] - town.seat[1]) ** 2)
            cells = voronoi_cells(pts, town.poly)
            n_comm = round(k * rng.uniform(0.55, 0.7)) if town.is_sub else rng.choice((1, 1, 2))
            taken: set[str] = set()
            weights = [rng.lognormvariate(0, 0.45) * (2.0 if j < n_comm else 1.0) for j in range(k)]
            pops = _allocate(town.population, weights)
            for j, (pt, cell) in enumerate(zip(pts, cells, strict=True)):
                vid = len(self.villages) + 1
                community = j < n_comm
                v = _VillageDraft(
                    vid,
                    town.id,
                    self._village_name(community, taken),
                    f"{town.code}{j + 1:03d}",
                    community,
                    pt,
                    cell,
                    pops[j],
                )
                households_raw.append(v.population / ((2.9 if community else 3.2) * rng.uniform(0.9, 1.1)))
                self.villages.append(v)
                town.village_ids.append(vid)
        for v, hh in zip(self.villages, _allocate(HOUSEHOLDS, households_raw), strict=True):
            v.households = hh

    def _build_grids(self) -> None:
        """One grid per village, except that the smallest villages of the towns share a grid with an
        adjacent village (1,788 villages, 1,672 grids): every grid lies inside one town."""
        rural = [t for t in self.towns if not t.is_sub]
        merges = _allocate(N_VILLAGES - N_GRIDS, [len(t.village_ids) for t in rural])
        partner: dict[int, int] = {}  # minor village id → main village id
        for town, m in zip(rural, merges, strict=True):
            vs = [self.villages[i - 1] for i in town.village_ids]
            tree = shapely.STRtree([v.poly for v in vs])
            used: set[int] = set()
            made = 0
            for v in sorted(vs, key=lambda v: (v.population, v.id)):
                if made == m:
                    break
                if v.id in used or v.is_community:
                    continue
                near = [vs[int(i)] for i in tree.query(v.poly, predicate="intersects")]
                for other in sorted(near, key=lambda o: (o.population, o.id)):
                    if other.id == v.id or other.id in used:
                        continue
                    if shapely.union(v.poly, other.poly).geom_type != "Polygon":
                        continue
                    main, minor = (other, v) if other.population >= v.population else (v, other)
                    partner[minor.id] = main.id
                    used.update((v.id, other.id))
                    made += 1
                    break
            if made < m:
                raise RuntimeError(f"could not pair enough villages in {town.name}")
        members: dict[int, list[_VillageDraft]] = {}
        for v in self.villages:
            members.setdefault(partner.get(v.id, v.id), []).append(v)
        for v in self.villages:
            group = members.get(v.id)
            if group is None:
                continue
            gid = len(self.grids) + 1
            poly = (
                group[0].poly
                if len(group) == 1
                else _drop_slivers(shapely.union_all([g.poly for g in group]))
            )
            name = "、".join(g.name for g in group) + "网格"
            self.grids.append(
                _GridDraft(
                    gid,
                    v.town_id,
                    v.id,
                    v.name,
                    name,
                    f"{v.code}01",
                    poly,
                    population=sum(g.population for g in group),
                    households=sum(g.households for g in group),
                )
            )
        if len(self.grids) != N_GRIDS:
            raise RuntimeError(f"made {len(self.grids)} grids, expected {N_GRIDS}")
        for g in self.grids:
            g.poly = to_lonlat(g.poly_km)
            shapely.prepare(g.poly)

    # --- people and units ------------------------------------------------------------------

    def build_people(self) -> None:
        rng = self.rng
        self._report("people", 0, 4)
        dept_rows = []
        for i, (code, name, _short) in enumerate(DEPARTMENTS, start=1):
            dept_rows.append({"id": i, "code": code, "name": name})
            self.dept_ids[code] = i
            self.dept_names[i] = name
        self._insert(Department, dept_rows)
        # Desk intake routes a category to the department most likely to handle it.
        self._insert(
            CategoryRoute,
            [
                {"category": category, "department_id": self.dept_ids[codes[0]]}
                for category, codes in CATEGORY_DEPARTMENTS.items()
            ],
        )
        self._insert(SensitivePeriod, self._sensitive_periods())
        # Where coordination meetings are held (the scheduler books them like participants).
        self._insert(
            Room,
            [
                {"name": name, "capacity": capacity, "active": True}
                for name, capacity in (
                    ("市群众工作部一号会议室", 30),
                    ("市信息中心指挥大厅", 60),
                    ("市民服务大厅三楼会商室", 20),
                    ("视频会议室（连线各镇街）", 40),
                )
            ],
        )
        self._insert(
            Brigade, [{"id": t.id, "town_id": t.id, "name": f"{t.name}群众工作大队"} for t in self.towns]
        )

        users: list[dict[str, Any]] = []

        def add_user(
            username: str, display: str, role: Role, town: int | None = None, dept: int | None = None
        ) -> None:
            uid = len(users) + 1
            users.append(
                {
                    "id": uid,
                    "username": username,
                    "display_name": display,
                    "role": str(role),
                    "town_id": town,
                    "department_id": dept,
                    "active": True,
                }
            )
            self.users[username] = _Actor(uid, display, role)

        add_user("dispatcher", "市信息中心值班员", Role.DISPATCHER)
        add_user("leader", "分管副市长", Role.LEADER)
        add_user("admin", "系统管理员", Role.ADMIN)
        add_user("auditor", "纪检监察审计员", Role.AUDITOR)
        for t in self.towns:
            add_user(f"town{t.id:02d}", f"{t.name}信息中心", Role.TOWN_STAFF, town=t.id)
            self.town_users[t.id] = self.users[f"town{t.id:02d}"]
        for code, _name, short in DEPARTMENTS:
            did = self.dept_ids[code]
            add_user(f"dept_{code}", f"{short}联络员", Role.DEPARTMENT_STAFF, dept=did)
            self.dept_users[did] = self.users[f"dept_{code}"]
        self._insert(User, users)
        self._report("people", 1, 4)

        # Squads: 173 over the towns by number of grids; each squad takes neighbouring grids, in
        # order of bearing from the town seat.
        grids_by_town: dict[int, list[_GridDraft]] = {}
        for g in self.grids:
            grids_by_town.setdefault(g.town_id, []).append(g)
        squads_per_town = _allocate(N_SQUADS, [len(grids_by_town[t.id]) for t in self.towns], 1)
        squad_rows: list[dict[str, Any]] = []
        squad_of_grid: dict[int, int] = {}
        for t, n in zip(self.towns, squads_per_town, strict=True):
            gs = grids_by_town[t.id]
            seats = {g.id: self.villages[g.village_id - 1].seat for g in gs}
            gs = sorted(gs, key=lambda g: math.atan2(seats[g.id][1] - t.seat[1], seats[g.id][0] - t.seat[0]))
            sizes = _allocate(len(gs), [1.0] * n, 1)
            start = 0
            for k, size in enumerate(sizes, start=1):
                sid = len(squad_rows) + 1
                squad_rows.append(
                    {"id": sid, "brigade_id": t.id, "town_id": t.id, "name": f"第{chinese_number(k)}中队"}
                )
                for g in gs[start : start + size]:
                    squad_of_grid[g.id] = sid
                start += size
        self._insert(Squad, squad_rows)

        worker_rows = []
        for g in self.grids:
            g.worker_name = person_name(rng)
            worker_rows.append(
                {
                    "id": g.id,
                    "name": g.worker_name,
                    "pinyin": initials(g.worker_name),
                    "phone": phone_number(rng),
                    "squad_id": squad_of_grid[g.id],
                    "town_id": g.town_id,
                    "grid_id": g.id,
                    "device_id": f"PD{g.id:05d}",
                    "active": True,
                }
            )
        self._insert(Worker, worker_rows)
        self._report("people", 2, 4)

        helper_rows: list[dict[str, Any]] = []
        weights = [v.population for v in self.villages]
        for kind, total in (("liaison", N_LIAISON), ("volunteer", N_VOLUNTEERS)):
            for v, n in zip(self.villages, _allocate(total, weights), strict=True):
                for _ in range(n):
                    helper_rows.append(
                        {
                            "id": len(helper_rows) + 1,
                            "kind": kind,
                            "village_id": v.id,
                            "town_id": v.town_id,
                            "name": person_name(rng),
                            "phone": phone_number(rng),
                        }
                    )
        self._insert(LiaisonOfficer, helper_rows)
        self.counts.update(
            brigades=len(self.towns),
            squads=len(squad_rows),
            workers=len(worker_rows),
            liaison_officers=N_LIAISON,
            volunteers=N_VOLUNTEERS,
            departments=len(dept_rows),
            users=len(users),
        )
        self._report("people", 4, 4)

    def _sensitive_periods(self) -> list[dict[str, Any]]:
        """The yearly sensitive periods (敏感时期) around the demo's year of history."""
        year = self.now.astimezone(CHINA_TZ).year
        rows: list[dict[str, Any]] = []
        for y in (year - 1, year, year + 1):
            for name, start, end, focus in SENSITIVE_PERIODS:
                rows.append(
                    {
                        "id": len(rows) + 1,
                        "name": f"{y}年{name}",
                        "starts_on": dt.date(y, *start),
                        "ends_on": dt.date(y, *end),
                        "focus": focus,
                    }
                )
        return rows

    # --- history ---------------------------------------------------------------------------

    def _office(self, t: dt.datetime) -> dt.datetime:
        """``t`` if it falls in office hours (08:30–17:30 on a working day), else a little after the
        next opening: staff act in office hours, only reports and sweeps come at any time."""
        local = t.astimezone(CHINA_TZ)
        minutes = local.hour * 60 + local.minute
        day = local.date()
        if self.calendar.is_workday(day):
            if 510 <= minutes < 1050:
                return t
            if minutes >= 1050:
                day += dt.timedelta(days=1)
        else:
            day += dt.timedelta(days=1)
        while not self.calendar.is_workday(day):
            day += dt.timedelta(days=1)
        opening = dt.datetime.combine(day, dt.time(8, 30), CHINA_TZ)
        return (opening + dt.timedelta(minutes=self.rng.uniform(0, 100))).astimezone(dt.UTC)

    def _sla(self, level: Level, severity: Severity, start: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
        # Same arithmetic as CaseService: working days on the local calendar, stored in UTC.
        local = start.astimezone(CHINA_TZ)
        warn = self.policy.warning_at(level, severity, local)
        due = self.policy.due(level, severity, local)
        return warn.astimezone(dt.UTC), due.astimezone(dt.UTC)

    def _hours(self, median: float, sigma: float = 0.6) -> dt.timedelta:
        return dt.timedelta(hours=median * math.exp(self.rng.gauss(0, sigma)))

    def _plan(
        self,
        reported: dt.datetime,
        kind: Kind,
        category: str,
        severity: Severity,
        mass: bool,
        town_id: int,
        reporter: _Actor,
        original: tuple[int, str] | None,
    ) -> list[_Step]:
        """The case's whole life as it would unfold; the caller cuts it at ``now``.

        It obeys the same rules as the running system: the ladder's transitions, and the SLA sweep
        escalating any village or town case still unsettled when its deadline passes.
        """
        rng = self.rng
        level = initial_level(severity, mass)
        steps = [
            _Step(
                reported, "report", reporter, Status.REPORTED, level, sla=self._sla(level, severity, reported)
            )
        ]
        town_actor = self.town_users[town_id]
        dispatcher = self.users["dispatcher"]
        roll = rng.random()
        if roll < 0.007 or (roll < 0.013 and original is not None):
            at = self._office(reported + self._hours(6))
            actor = dispatcher if level is Level.CITY else town_actor
            if original is None or roll < 0.007:
                steps.append(
                    _Step(at, str(Action.REJECT), actor, Status.REJECTED, level, rng.choice(REJECT_REASONS))
                )
            else:
                reason = f"与{original[1]}反映同一事项"
                steps.append(_Step(at, str(Action.MARK_DUPLICATE), actor, Status.DUPLICATE, level, reason))
            return steps
        if level is Level.CITY:
            target = Level.CITY
        else:
            r = rng.random()
            target = Level.VILLAGE if r < 0.79 else Level.TOWN if r < 0.985 else Level.CITY
        t = reported
        due = self._due(steps[0])
        departments: tuple[int, ...] = ()

        def escalate(at: dt.datetime, actor: _Actor, reason: str) -> None:
            nonlocal level, t, due
            level = Level(level + 1)
            steps.append(_Step(at, str(Action.ESCALATE), actor, Status.ESCALATED, level, reason))
            steps[-1].sla = self._sla(level, severity, at)
            t, due = at, self._due(steps[-1])

        def swept(at: dt.datetime) -> bool:
            """Whether the sweep gets there first: then it escalates the case at its deadline."""
            if level is Level.CITY or at <= due:
                return False
            escalate(due + dt.timedelta(minutes=rng.uniform(1, 10)), SYSTEM_ACTOR, SYSTEM_ESCALATE)
            return True

        while True:
            actor = dispatcher if level is Level.CITY else town_actor
            # A case handed up waits longer: the next level has to read it first.
            wait = 3.0 if t == reported else 10.0
            at = self._office(t + self._hours(wait * {1: 1.0, 2: 1.5, 3: 2.0}[level], 0.8))
            if swept(at):
                continue
            t = at
            steps.append(_Step(t, str(Action.ACCEPT), actor, Status.ACCEPTED, level))
            at = self._office(t + self._hours(3 if level is Level.CITY else 2))
            if swept(at):
                continue
            t = at
            if level is Level.CITY:
                codes = CATEGORY_DEPARTMENTS[category]
                n = 1 if rng.random() < 0.55 else 2 if rng.random() < 0.7 else 3
                departments = tuple(self.dept_ids[c] for c in codes[:n])
                names = "、".join(self.dept_names[d].removeprefix("平度市") for d in departments)
                steps.append(
                    _Step(
                        t,
                        str(Action.ASSIGN),
                        dispatcher,
                        Status.IN_PROGRESS,
                        level,
                        comment=f"交办：{names}",
                        departments=departments,
                    )
                )
            else:
                steps.append(_Step(t, str(Action.START), town_actor, Status.IN_PROGRESS, level))
            if level < target:
                at = self._office(t + self._hours(30, 0.5))
                if not swept(at):
                    if rng.random() < 0.2:
                        # Nobody acted in time: the sweep escalates it at the deadline.
                        at = due + dt.timedelta(minutes=rng.uniform(1, 10))
                        escalate(at, SYSTEM_ACTOR, SYSTEM_ESCALATE)
                    else:
                        escalate(at, town_actor, rng.choice(ESCALATE_REASONS[level]))
                continue
            # Handling time: usually well inside the deadline. Below the city a case that runs late
            # is swept up a level; at the city the hard ones drag on for months under supervision.
            sla_hours = (due - t).total_seconds() / 3600
            work = self._hours(0.35 * sla_hours, 0.5)
            if level is Level.CITY and rng.random() < 0.45:
                work *= rng.uniform(3, 25)
            resolve_at = self._office(t + work)
            if swept(resolve_at):
                target = max(target, level)
                continue
            break
        self._supervise(steps, t, resolve_at, due, town_id, departments)
        resolver = self.dept_users[departments[0]] if level is Level.CITY and departments else town_actor
        t = max(resolve_at, steps[-1].at + dt.timedelta(minutes=5))
        comment = rng.choice(RESOLVE_COMMENTS[kind])
        steps.append(_Step(t, str(Action.RESOLVE), resolver, Status.RESOLVED, level, comment=comment))
        t = self._office(t + self._hours(40, 0.5))
        score = rng.choices((5, 4, 3, 2, 1), (60, 28, 8, 3, 1))[0]
        verifier = dispatcher if level is Level.CITY else town_actor
        comment = f"回访当事人，满意度{score}分"
        steps.append(
            _Step(
                t, str(Action.VERIFY), verifier, Status.VERIFIED, level, comment=comment, satisfaction=score
            )
        )
        if rng.random() < 0.96:
            t = self._office(t + self._hours(20, 0.6))
            steps.append(_Step(t, str(Action.CLOSE), verifier, Status.CLOSED, level, comment="归档结案"))
        return steps

    @staticmethod
    def _due(step: _Step) -> dt.datetime:
        assert step.sla is not None
        return step.sla[1]

    def _supervise(
        self,
        steps: list[_Step],
        start: dt.datetime,
        resolve_at: dt.datetime,
        due: dt.datetime,
        town_id: int,
        departments: tuple[int, ...],
    ) -> None:
        """督办: the city center or the leader presses late and city-level cases, and some town ones."""
        rng = self.rng
        level = steps[-1].level
        chance = 0.9 if resolve_at > due else {Level.VILLAGE: 0.0, Level.TOWN: 0.15, Level.CITY: 0.4}[level]
        if rng.random() >= chance:
            return
        issued = self._office(max(start, min(due, start + (resolve_at - start) / 3)) + self._hours(6))
        if issued >= resolve_at:
            return
        issuer = self.users["leader" if rng.random() < 0.3 else "dispatcher"]
        deadline = self.calendar.add_working_days(issued.astimezone(CHINA_TZ), rng.choice((2, 3, 5)))
        if level is Level.CITY and departments:
            unit = self.dept_names[departments[0]]
            ref: dict[str, Any] = {"unit_town_id": None, "unit_department_id": departments[0]}
        else:
            unit = self.towns[town_id - 1].name
            ref = {"unit_town_id": town_id, "unit_department_id": None}
        instruction = rng.choice(SUPERVISION_TEXTS).format(unit=unit, deadline=f"{deadline:%m月%d日}")
        order = ref | {
            "issuer_user_id": issuer.user_id,
            "issuer_name": issuer.name,
            "instruction": instruction,
            "issued_at": issued,
            "deadline": deadline.astimezone(dt.UTC),
        }
        steps.append(
            _Step(
                issued,
                str(Action.SUPERVISE),
                issuer,
                Status.IN_PROGRESS,
                level,
                comment=instruction,
                supervision=order,
            )
        )

    def _describe(self, kind: Kind, title: str, worker: str, parties: int, when: dt.datetime) -> str:
        rng = self.rng
        detail = rng.choice(DETAILS[kind]).format(m=rng.randrange(2, 200) * 1000, d=rng.randrange(2, 18))
        day = when.astimezone(CHINA_TZ)
        opener = {Kind.DISPUTE: "走访中发现", Kind.HAZARD: "排查中发现", Kind.ERRAND: "受理群众代办申请"}[
            kind
        ]
        return f"{day.month}月{day.day}日，网格员{worker}{opener}：{title}。涉及{parties}人，{detail}。"

    def _log_text(self, households: int) -> str:
        rng = self.rng
        if rng.random() < 0.12:
            return (
                f"参加“三日合一”活动（群众工作日、民主议事日、村务公开日），走访{households}户，"
                f"收集意见建议{rng.randrange(1, 12)}条。{rng.choice(LOG_ENDINGS)}"
            )
        finding = rng.choice(LOG_FINDINGS).format(a=_surname(rng))
        return f"走访{households}户，了解到{finding}，{rng.choice(LOG_ENDINGS)}"

    def _report_time(self, day: dt.date) -> dt.datetime:
        """A report time on ``day`` (local): mostly office hours, never after ``now``."""
        rng = self.rng
        hours = rng.uniform(8, 18) if rng.random() < 0.8 else rng.uniform(6, 22)
        midnight = dt.datetime.combine(day, dt.time(), CHINA_TZ).astimezone(dt.UTC)
        t = midnight + dt.timedelta(hours=hours)
        if t >= self.now:
            t = midnight + (self.now - midnight) * rng.random()
        return t

    def build_history(self, n_cases: int, n_logs: int) -> None:
        rng = self.rng
        now_local = self.now.astimezone(CHINA_TZ)
        days = [now_local.date() - dt.timedelta(days=HISTORY_DAYS - 1 - i) for i in range(HISTORY_DAYS)]
        weights = [1.0 if self.calendar.is_workday(d) else 0.45 for d in days]
        linked = set(rng.sample(range(n_cases), min(n_logs, round(n_cases * 0.10))))
        case_days = _day_counts(rng, weights, n_cases)
        log_days = _day_counts(rng, weights, n_logs - len(linked))
        grid_cum = list(itertools.accumulate(g.population for g in self.grids))
        counters: dict[int, int] = {}
        last_in_grid: dict[int, tuple[int, str]] = {}
        total = n_cases + n_logs
        done = 0
        case_id = 0
        log_id = 0
        buf: dict[str, list[dict[str, Any]]] = {
            k: [] for k in ("cases", "events", "depts", "logs", "links", "orders")
        }
        tallies = {"case_events": 0, "open": 0, "resolved": 0, "supervision_orders": 0, "case_links": 0}
        self._report("history", 0, total)

        def flush() -> None:
            nonlocal done
            if not buf["cases"] and not buf["logs"]:
                return
            # Parents before children: events, logs and links point at cases.
            for key, model in (
                ("cases", Case),
                ("events", CaseEvent),
                ("depts", CaseDepartment),
                ("logs", SentimentLog),
                ("links", CaseLink),
                ("orders", SupervisionOrder),
            ):
                if buf[key]:
                    self._insert(model, buf[key])
            done += len(buf["cases"]) + len(buf["logs"])
            tallies["case_events"] += len(buf["events"])
            tallies["supervision_orders"] += len(buf["orders"])
            tallies["case_links"] += len(buf["links"])
            for rows in buf.values():
                rows.clear()
            self._report("history", done, total)

        def new_log(g: _GridDraft, at: dt.datetime, content: str, households: int, case: int | None) -> int:
            nonlocal log_id
            log_id += 1
            lat, lon = random_point_in(g.poly, rng)
            buf["logs"].append(
                {
                    "id": log_id,
                    "worker_id": g.id,
                    "town_id": g.town_id,
                    "village_id": g.village_id,
                    "grid_id": g.id,
                    "visited_at": at,
                    "households_visited": households,
                    "content": content,
                    "lat": lat,
                    "lon": lon,
                    "case_id": case,
                }
            )
            return log_id

        for day, n_day_cases, n_day_logs in zip(days, case_days, log_days, strict=True):
            for at in sorted(self._report_time(day) for _ in range(n_day_logs)):
                g = self.grids[rng.randrange(len(self.grids))]
                hh = rng.randrange(1, 13)
                new_log(g, at, self._log_text(hh), hh, None)
            for reported in sorted(self._report_time(day) for _ in range(n_day_cases)):
                case_id += 1
                g = self.grids[bisect.bisect_right(grid_cum, rng.random() * grid_cum[-1])]
                content = self._case_content(g, reported)
                kind, severity = Kind(content["kind"]), Severity(content["severity"])
                lat, lon = random_point_in(g.poly, rng)
                reporter = _Actor(None, g.worker_name, Role.WORKER)
                original = last_in_grid.get(g.id)
                steps = self._plan(
                    reported,
                    kind,
                    content["category"],
                    severity,
                    content["mass_incident"],
                    g.town_id,
                    reporter,
                    original,
                )
                kept = [s for s in steps if s.at <= self.now]
                year = reported.astimezone(CHINA_TZ).year
                counters[year] = counters.get(year, 0) + 1
                row = self._case_row(case_id, f"PD-{year}-{counters[year]:06d}", kept, severity, g)
                row.update(
                    content, lat=lat, lon=lon, town_id=g.town_id, village_id=g.village_id, grid_id=g.id
                )
                status = Status(row["status"])
                if status in RESOLVED_STATUSES:
                    tallies["resolved"] += 1
                elif status in OPEN_AT_NOW:
                    tallies["open"] += 1
                buf["cases"].append(row)
                self._case_children(case_id, kept, buf, original, status)
                if case_id - 1 in linked:
                    hh = rng.randrange(1, 8)
                    at = reported - dt.timedelta(hours=rng.uniform(0.2, 30))
                    text_ = f"走访{hh}户，发现{content['title']}，已上报。"
                    row["source_log_id"] = new_log(g, at, text_, hh, case_id)
                elif original is not None and rng.random() < 0.01:
                    buf["links"].append(
                        {"case_id": case_id, "other_case_id": original[0], "link_type": str(LinkType.RELATED)}
                    )
                last_in_grid[g.id] = (case_id, row["number"])
                if len(buf["cases"]) >= CHUNK or len(buf["logs"]) >= CHUNK:
                    flush()
            if len(buf["logs"]) >= CHUNK:
                flush()
        flush()
        if counters:
            self._insert(CaseCounter, [{"year": y, "last": n} for y, n in sorted(counters.items())])
        self.counts.update(
            sentiment_logs=log_id,
            cases=case_id,
            case_events=tallies["case_events"],
            open_cases=tallies["open"],
            resolved_cases=tallies["resolved"],
            supervision_orders=tallies["supervision_orders"],
            case_links=tallies["case_links"],
        )

    def _case_content(self, g: _GridDraft, reported: dt.datetime) -> dict[str, Any]:
        """What a case is about and who is involved: the columns that do not depend on its history."""
        rng = self.rng
        kind = rng.choices((Kind.DISPUTE, Kind.HAZARD, Kind.ERRAND), (70, 15, 15))[0]
        category = rng.choice(CATEGORIES[kind])
        local = reported.astimezone(CHINA_TZ)
        if kind is Kind.DISPUTE and local.month in (12, 1) and rng.random() < 0.2:
            category = "labour"  # wage arrears peak before the Spring Festival
        severity = Severity(rng.choices((1, 2, 3, 4), (80, 15, 4, 1))[0])
        # Mass incidents (群体性事件) are mostly the serious cases already.
        mass = rng.random() < (0.25 if severity >= Severity.SERIOUS else 0.008)
        if kind is Kind.ERRAND:
            severity, mass = Severity.GENERAL, False
        if mass:
            parties = rng.randrange(10, 31)
        elif kind is Kind.ERRAND:
            parties = 1
        elif kind is Kind.HAZARD:
            parties = rng.randrange(1, 11)
        elif rng.random() < 0.5:
            parties = 2
        else:
            parties = rng.randrange(3, 6) if rng.random() < 0.7 else rng.randrange(6, 31)
        a, b = _surname(rng), _surname(rng)
        title = rng.choice(TITLES[category]).format(v=g.village_name, a=a, b=b, n=max(parties, 3))
        # The record names up to five parties; the first ones are those the title calls 某.
        shown = min(parties, 5)
        names = [person_name(rng) for _ in range(shown)]
        names[0] = a + names[0][1:]
        if shown > 1:
            names[1] = b + names[1][1:]
        return {
            "kind": str(kind),
            "category": category,
            "title": title,
            "description": self._describe(kind, title, g.worker_name, parties, reported),
            "reporter_worker_id": g.id,
            "reporter_name": g.worker_name,
            "parties_count": parties,
            "party_names": "、".join(names),
            "party_phones": "、".join(phone_number(rng) for _ in range(shown)),
            "party_id_numbers": "、".join(id_number(rng) for _ in range(shown)),
            "severity": int(severity),
            "mass_incident": mass,
            "sensitive_period": _sensitive_period(local.date()),
        }

    def _case_row(
        self, case_id: int, number: str, kept: list[_Step], severity: Severity, g: _GridDraft
    ) -> dict[str, Any]:
        """The case as it stands at ``now``: the state its last kept step left it in."""
        last = kept[-1]
        level = last.level
        clock = next(s for s in reversed(kept) if s.sla is not None)
        sla_start = clock.at
        warn, due = clock.sla or (None, None)
        resolved = next((s for s in reversed(kept) if s.action == Action.RESOLVE), None)
        verified = next((s for s in reversed(kept) if s.action == Action.VERIFY), None)
        assigned = next((s for s in reversed(kept) if s.action == Action.ASSIGN), None)
        closed_at = last.at if last.status in (Status.CLOSED, Status.REJECTED, Status.DUPLICATE) else None
        town_actor = self.town_users[g.town_id]
        if level is Level.VILLAGE:
            owner, assignee = f"{g.village_name}群众工作室", town_actor.user_id
        elif level is Level.TOWN:
            owner, assignee = f"{self.towns[g.town_id - 1].name}群众工作大队", town_actor.user_id
        elif assigned is not None:
            owner, assignee = (
                self.dept_names[assigned.departments[0]],
                self.dept_users[assigned.departments[0]].user_id,
            )
        else:
            owner, assignee = "市群众工作部信息中心", None
        return {
            "id": case_id,
            "number": number,
            "status": str(last.status),
            "level": int(level),
            "owner_unit": owner,
            "assignee_user_id": assignee,
            "reported_at": kept[0].at,
            "updated_at": last.at,
            "sla_started_at": sla_start,
            "sla_warn_at": warn,
            "sla_due_at": due,
            "resolved_at": resolved.at if resolved else None,
            "closed_at": closed_at,
            "resolved_level": int(resolved.level) if resolved else None,
            "satisfaction": verified.satisfaction if verified else None,
            "source_log_id": None,
            "version": 1,
            # What the case_events trigger (migration 0014) would set: computed here, so that the
            # trigger finds every bit already set and writes nothing during the bulk load.
            "milestones": _milestones(kept),
        }

    def _case_children(
        self,
        case_id: int,
        kept: list[_Step],
        buf: dict[str, list[dict[str, Any]]],
        original: tuple[int, str] | None,
        status: Status,
    ) -> None:
        prev_status: str | None = None
        prev_level: int | None = None
        resolved_at = next((s.at for s in kept if s.action == Action.RESOLVE), None)
        for s in kept:
            buf["events"].append(
                {
                    "case_id": case_id,
                    "at": s.at,
                    "actor_user_id": s.actor.user_id,
                    "actor_name": s.actor.name,
                    "actor_role": str(s.actor.role),
                    "action": s.action,
                    "from_status": prev_status,
                    "to_status": str(s.status),
                    "from_level": prev_level,
                    "to_level": int(s.level),
                    "reason": s.reason,
                    "comment": s.comment,
                }
            )
            prev_status, prev_level = str(s.status), int(s.level)
            for d in s.departments:
                buf["depts"].append({"case_id": case_id, "department_id": d})
            if s.supervision is not None:
                order = dict(
                    s.supervision,
                    case_id=case_id,
                    response=None,
                    responded_at=None,
                    signed_off_at=None,
                    status="open",
                )
                if resolved_at is not None:
                    order.update(
                        response=self.rng.choice(SUPERVISION_RESPONSES),
                        responded_at=resolved_at,
                        status="answered",
                    )
                    signed = resolved_at + dt.timedelta(hours=self.rng.uniform(2, 30))
                    if signed <= self.now:
                        order.update(signed_off_at=signed, status="signed_off")
                buf["orders"].append(order)
        if status is Status.DUPLICATE and original is not None:
            buf["links"].append(
                {"case_id": case_id, "other_case_id": original[0], "link_type": str(LinkType.DUPLICATE_OF)}
            )

    def finish(self) -> None:
        """PostgreSQL sequences do not see explicit ids: move them past what we inserted."""
        if self.s.get_bind().dialect.name != "postgresql":
            return
        for table in Base.metadata.sorted_tables:
            if "id" in table.c and table.c.id.autoincrement and len(table.primary_key.columns) == 1:
                self.s.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                        f"(SELECT max(id) FROM {table.name}))"
                    )
                )


def _sensitive_period(day: dt.date) -> bool:
    """The Two Sessions in early March and the National Day holiday: stability work is stepped up."""
    md = (day.month, day.day)
    return any(start <= md <= end for _name, start, end, _focus in SENSITIVE_PERIODS)


def _day_counts(rng: random.Random, weights: Sequence[float], n: int) -> list[int]:
    counts = [0] * len(weights)
    cum = list(itertools.accumulate(weights))
    top = cum[-1]
    for _ in range(n):
        counts[bisect.bisect_right(cum, rng.random() * top)] += 1
    return counts


def _is_empty(session: Session) -> None:
    if session.scalar(select(func.count()).select_from(City)):
        raise Refusal("demo.has_city")
    for model in (Town, User, Case, Worker):
        if session.scalar(select(func.count()).select_from(model)):
            raise Refusal("demo.not_empty", table=_table(model).name)


def build_demo(
    session_factory: sessionmaker[Session],
    *,
    seed: int = 2026,
    cases: int = 1700,
    logs: int = 14000,
    now: dt.datetime | None = None,
    progress: Progress | None = None,
    moved_by: dt.timedelta = dt.timedelta(0),
) -> DemoSummary:
    """Fill an empty, migrated database with the demo city and a year of history before ``now``.

    Which cases are still open at ``now``, overdue or under supervision follows from the working
    days around ``now``, so the city differs from day to day. ``moved_by`` moves every time written
    by that much: the city of ``now`` as it would stand at ``now + moved_by`` (the tests build the
    city of one fixed day and move it to the present, so they get the same cases every day).

    One transaction: on any error nothing is left behind. Refuses a non-empty database (``demo.…``).
    """
    if cases < 0 or logs < 0:
        raise Refusal("demo.negative_counts", cases=cases, logs=logs)
    if now is None:
        now = dt.datetime.now(dt.UTC)
    elif now.tzinfo is None:
        raise Refusal("demo.naive_now")
    started = time.perf_counter()
    with session_factory() as session, session.begin():
        _is_empty(session)
        b = _Builder(session, seed, now.astimezone(dt.UTC), progress, moved_by)
        b.build_geography()
        b.build_people()
        b.build_history(cases, logs)
        screening_demo.build(session, b.now + b.moved_by, seed)  # rolling screening (排查) rounds
        build_demo_tracks(session, b.now, moved_by)
        build_accountability_demo(session, b.now + b.moved_by, seed)
        b.finish()
        from desktop.seed.villagedays import build_villagework_demo  # 三日合一, risk assessments, errands

        build_villagework_demo(session, b.now + moved_by, seed)
    c = b.counts
    return DemoSummary(
        seed=seed,
        towns=c["towns"],
        villages=c["villages"],
        grids=c["grids"],
        brigades=c["brigades"],
        squads=c["squads"],
        workers=c["workers"],
        liaison_officers=c["liaison_officers"],
        volunteers=c["volunteers"],
        departments=c["departments"],
        users=c["users"],
        sentiment_logs=c["sentiment_logs"],
        cases=c["cases"],
        case_events=c["case_events"],
        open_cases=c["open_cases"],
        resolved_cases=c["resolved_cases"],
        supervision_orders=c["supervision_orders"],
        case_links=c["case_links"],
        seconds=round(time.perf_counter() - started, 2),
    )
