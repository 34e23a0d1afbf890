"""The Chinese a city's files carry: data the import reads, not sentences for the user.

Words in file names that say what a file holds, the column headings of boundary attributes and
rosters (CSV/XLSX, as the city's departments keep them), the names of roles, liaison kinds and
yes/no that their cells use, the name endings that mark a subdistrict or a community, and the
Chinese the import writes into the records it creates (the default city and brigade names, the
reason recorded in the change log, the name of a command-line import).
"""

from __future__ import annotations

# Words in a file name that say what it holds (checked in this order: 村 before 镇 would misfile
# 镇村…, so the most specific first).
NAME_HINTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("grids", ("grid", "网格")),
    ("villages", ("village", "村", "社区")),
    ("towns", ("town", "镇", "街道")),
    ("devices", ("device", "终端", "设备")),
    ("helpers", ("helper", "liaison", "联络员", "志愿者")),
    ("squads", ("squad", "brigade", "中队", "大队")),
    ("workers", ("worker", "队员", "网格员")),
    ("departments", ("department", "dept", "部门")),
    ("users", ("user", "用户", "账号")),
)
BOUNDARY_SUFFIXES = (".geojson", ".json", ".shp")
ROSTER_SUFFIXES = (".csv", ".xlsx")

# Column names each kind accepts (lowercased; the first that a file has is used).
DEFAULT_FIELDS: dict[str, tuple[str, ...]] = {
    "code": ("code", "编码", "代码", "编号"),
    "name": ("name", "名称", "姓名"),
    "parent": ("parent_code", "parent", "上级编码", "上级代码"),
    "town": ("town_code", "town", "镇街编码", "镇街"),
    "village": ("village_code", "village", "村居编码", "村居"),
    "grid": ("grid_code", "grid", "网格编码", "网格"),
    "squad": ("squad", "中队"),
    "brigade": ("brigade", "大队"),
    "phone": ("phone", "电话", "手机", "手机号"),
    "device": ("device_id", "device", "设备号", "终端编号"),
    "worker": ("worker_code", "worker", "队员工号", "工号"),
    "active": ("active", "在岗", "启用", "状态"),
    "kind": ("kind", "类别", "类型"),
    "username": ("username", "用户名", "登录名"),
    "display_name": ("display_name", "显示名称", "姓名", "name"),
    "role": ("role", "角色"),
    "department": ("department_code", "department", "部门编码", "部门"),
    "subdistrict": ("is_subdistrict", "街道"),
    "community": ("is_community", "社区"),
    "population": ("population", "人口"),
    "households": ("households", "户数"),
}
ROLE_NAMES = {
    "dispatcher": "dispatcher",
    "指挥中心调度员": "dispatcher",
    "调度员": "dispatcher",
    "leader": "leader",
    "分管领导": "leader",
    "领导": "leader",
    "town_staff": "town_staff",
    "镇街工作人员": "town_staff",
    "department_staff": "department_staff",
    "部门工作人员": "department_staff",
    "admin": "admin",
    "系统管理员": "admin",
    "auditor": "auditor",
    "审计员": "auditor",
}
HELPER_KINDS = {
    "liaison": "liaison",
    "联络员": "liaison",
    "民情信息联络员": "liaison",
    "volunteer": "volunteer",
    "志愿者": "volunteer",
}
TRUE_WORDS = {"1", "true", "yes", "y", "是", "在岗", "启用", "有效", "t"}
FALSE_WORDS = {"0", "false", "no", "n", "否", "离岗", "停用", "无效", "f"}

# A town named …街道 is a subdistrict, a village named …社区 a community (when no column says).
SUBDISTRICT_SUFFIX = "街道"
COMMUNITY_SUFFIX = "社区"

# Written into the records the import creates.
DEFAULT_CITY_NAME = "本市"
BRIGADE_SUFFIX = "群众工作大队"  # a town's brigade when a squad names none: 石岭镇群众工作大队
IMPORT_REASON = "导入"  # the reason of each change the import makes
IMPORT_RUN_REASON = "导入城市数据"  # the reason of the import as a whole
COMMAND_LINE_ACTOR = "命令行导入"  # who an import from the command line is recorded as
