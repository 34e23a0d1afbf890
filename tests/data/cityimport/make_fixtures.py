"""Writes the small city-import fixtures next to this file (run once; the outputs are committed).

A made-up city of two towns (东湖镇, 西山街道), four villages and four grids around 120.0°E
36.0°N, its rosters, and a few broken files for the refusals.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import shapefile
from openpyxl import Workbook
from shapely.geometry import box, mapping

HERE = Path(__file__).resolve().parent
WGS84 = (
    'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],'
    'PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]'
)
UTM = (
    'PROJCS["WGS_1984_UTM_Zone_51N",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",'
    'SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],'
    'UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],UNIT["Meter",1.0]]'
)

TOWNS = [("T01", "东湖镇", box(120.0, 36.0, 120.1, 36.1)), ("T02", "西山街道", box(120.1, 36.0, 120.2, 36.1))]
VILLAGES = [
    ("T01001", "李家村", "T01", box(120.0, 36.0, 120.05, 36.1), 1200, 400),
    ("T01002", "王家庄村", "T01", box(120.05, 36.0, 120.1, 36.1), 900, 300),
    ("T02001", "青年社区", "T02", box(120.1, 36.0, 120.15, 36.1), 3000, 1000),
    ("T02002", "河东社区", "T02", box(120.15, 36.0, 120.2, 36.1), 2400, 800),
]


def feature_collection(features: list[dict[str, object]]) -> dict[str, object]:
    return {"type": "FeatureCollection", "features": features}


def write_json(name: str, doc: object) -> None:
    (HERE / name).write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")


def write_csv(name: str, header: list[str], rows: list[list[object]]) -> None:
    with (HERE / name).open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)


def villages_shp(name: str, prj: str, villages: list[tuple[str, str, str, object, int, int]]) -> None:
    with shapefile.Writer(str(HERE / name), shapeType=shapefile.POLYGON, encoding="utf-8") as w:
        w.field("CODE", "C", 16)
        w.field("NAME", "C", 40)
        w.field("TOWN_CODE", "C", 16)
        w.field("POPULATION", "N", 10)
        w.field("HOUSEHOLDS", "N", 10)
        for code, vname, town, poly, pop, hh in villages:
            w.shape(mapping(poly))
            w.record(code, vname, town, pop, hh)
    (HERE / name).with_suffix(".prj").write_text(prj, encoding="utf-8")
    (HERE / name).with_suffix(".cpg").write_text("UTF-8", encoding="utf-8")


def main() -> None:
    write_json(
        "towns.geojson",
        feature_collection(
            [
                {"type": "Feature", "properties": {"code": c, "name": n}, "geometry": mapping(p)}
                for c, n, p in TOWNS
            ]
        ),
    )
    villages_shp("villages.shp", WGS84, VILLAGES)
    villages_shp("villages_utm.shp", UTM, VILLAGES[:1])
    grids = [
        {
            "type": "Feature",
            "properties": {"code": f"{c}01", "name": f"{n}网格", "village_code": c, "households": hh},
            "geometry": mapping(p),
        }
        for c, n, _t, p, _pop, hh in VILLAGES
    ]
    write_json("grids.geojson", feature_collection(grids))
    bowtie = {
        "type": "Polygon",
        "coordinates": [[[120.0, 36.0], [120.04, 36.04], [120.04, 36.0], [120.0, 36.04], [120.0, 36.0]]],
    }
    far = mapping(box(121.0, 37.0, 121.01, 37.01))
    write_json(
        "grids_bad.geojson",
        feature_collection(
            [
                grids[0],
                {
                    "type": "Feature",
                    "properties": {"code": "T01001X", "name": "自相交网格", "village_code": "T01001"},
                    "geometry": bowtie,
                },
                {
                    "type": "Feature",
                    "properties": {"code": "T01002X", "name": "飞地网格", "village_code": "T01002"},
                    "geometry": far,
                },
                {
                    "type": "Feature",
                    "properties": {"code": "T09001X", "name": "无主网格", "village_code": "T09001"},
                    "geometry": mapping(box(120.0, 36.0, 120.01, 36.01)),
                },
                {
                    "type": "Feature",
                    "properties": {"code": "T0100101", "name": "重复网格", "village_code": "T01001"},
                    "geometry": mapping(box(120.0, 36.0, 120.01, 36.01)),
                },
            ]
        ),
    )
    write_json(
        "villages_outside.geojson",
        feature_collection(
            [
                {
                    "type": "Feature",
                    "properties": {"code": "T01009", "name": "越界村", "town_code": "T01"},
                    "geometry": mapping(box(120.12, 36.0, 120.18, 36.05)),
                }
            ]
        ),
    )
    write_csv("departments.csv", ["code", "name"], [["justice", "市司法局"], ["petition", "市信访局"]])
    write_csv(
        "squads.csv",
        ["town_code", "name", "brigade"],
        [["T01", "第一中队", "东湖镇群众工作大队"], ["T02", "第一中队", ""], ["T02", "第二中队", ""]],
    )
    book = Workbook()
    sheet = book.active
    sheet.append(["工号", "姓名", "手机", "网格编码", "中队", "设备号", "在岗"])
    sheet.append(["W001", "张伟", "13800000001", "T0100101", "第一中队", "DH0001", "是"])
    sheet.append(["W002", "李娜", "13800000002", "T0100201", "第一中队", "DH0002", "是"])
    sheet.append(["W003", "王芳", "13800000003", "T0200101", "第一中队", "XS0001", "是"])
    sheet.append(["W004", "刘洋", "13800000004", "T0200201", "第二中队", "XS0002", "否"])
    book.save(HERE / "workers.xlsx")
    write_csv(
        "workers_bad.csv",
        ["code", "name", "phone", "grid_code", "squad", "device_id"],
        [
            ["W001", "张伟", "1380000", "T0100101", "第一中队", "DH0001"],
            ["W005", "赵强", "13800000005", "T9999901", "第一中队", "DH0005"],
            ["W005", "赵强", "13800000005", "T0100101", "第一中队", "DH0006"],
            ["W006", "孙丽", "13800000006", "T0100101", "第九中队", "DH0007"],
        ],
    )
    write_csv("devices.csv", ["device_id", "worker_code"], [["DH0001", "W001"], ["DH0002", "W002"]])
    write_csv(
        "helpers.csv",
        ["village_code", "kind", "name", "phone"],
        [["T01001", "联络员", "陈静", "13900000001"], ["T02001", "志愿者", "周杰", "0532-88886666"]],
    )
    write_csv(
        "users.csv",
        ["username", "display_name", "role", "town_code", "department_code"],
        [
            ["donghu01", "东湖镇信息中心", "镇街工作人员", "T01", ""],
            ["justice01", "司法局联络员", "department_staff", "", "justice"],
        ],
    )


if __name__ == "__main__":
    main()
