"""City import checks that need no database: file kinds, phones, geometries, coordinate systems."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from shapely.geometry import box, mapping

from desktop import cityimport
from desktop.cityimport import ImportRefused, check_geometry, classify, parse_source, valid_phone

DATA = Path(__file__).resolve().parent.parent / "data" / "cityimport"


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("towns.geojson", "towns"),
        ("镇街边界.shp", "towns"),
        ("villages.shp", "villages"),
        ("村居.geojson", "villages"),
        ("grids_2026.geojson", "grids"),
        ("网格.json", "grids"),
        ("workers.xlsx", "workers"),
        ("群工队员名册.csv", "workers"),
        ("squads.csv", "squads"),
        ("devices.csv", "devices"),
        ("liaison.csv", "helpers"),
        ("departments.xlsx", "departments"),
        ("users.csv", "users"),
        ("workers.geojson", None),  # a roster must be a table
        ("grids.csv", None),  # a boundary must be geometry
        ("notes.csv", None),
    ],
)
def test_kind_from_the_file_name(name: str, kind: str | None) -> None:
    assert classify(Path(name)) == kind


def test_explicit_kind_wins() -> None:
    assert parse_source("grids=/tmp/边界.shp") == ("grids", Path("/tmp/边界.shp"))
    assert parse_source("/tmp/grids.geojson") == ("grids", Path("/tmp/grids.geojson"))


@pytest.mark.parametrize("phone", ["13800000000", "19912345678", "0532-88886666", "053288886666"])
def test_good_phones(phone: str) -> None:
    assert valid_phone(phone)


@pytest.mark.parametrize("phone", ["", "1380000", "12800000000", "138000000001", "abc", "+8613800000000"])
def test_bad_phones(phone: str) -> None:
    assert not valid_phone(phone)


def test_geometry_checks() -> None:
    geom, why = check_geometry(mapping(box(120, 36, 120.1, 36.1)))
    assert why is None and geom.area > 0
    bowtie = {"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]]}

    def why(geojson: object) -> tuple[str, dict[str, object]] | None:
        refused = check_geometry(geojson)[1]  # type: ignore[arg-type]
        return None if refused is None else (refused.code, refused.params)

    assert (why(bowtie) or ("",))[0] == "cityimport.geometry_self_intersection"
    assert why({"type": "Point", "coordinates": [120, 36]}) == (
        "cityimport.geometry_not_polygon",
        {"geom_type": "Point"},
    )
    assert why(None) == ("cityimport.geometry_missing", {})
    projected = mapping(box(500000, 4000000, 501000, 4001000))
    assert why(projected) == ("cityimport.geometry_projected", {})


def test_geojson_with_a_projected_crs_is_refused(tmp_path: Path) -> None:
    doc = {
        "type": "FeatureCollection",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::32651"}},
        "features": [],
    }
    path = tmp_path / "grids.geojson"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(ImportRefused, match="cityimport.crs_unsupported") as refused:
        cityimport.read_features(path)
    assert refused.value.params["crs"] == "urn:ogc:def:crs:EPSG::32651"
    doc["crs"] = {"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}}
    path.write_text(json.dumps(doc), encoding="utf-8")
    assert cityimport.read_features(path) == []


def test_shapefile_crs(tmp_path: Path) -> None:
    rows = cityimport.read_features(DATA / "villages.shp")
    assert [r.values["code"] for r in rows] == ["T01001", "T01002", "T02001", "T02002"]
    assert rows[1].values["name"] == "王家庄村" and rows[1].geometry is not None
    with pytest.raises(ImportRefused, match="WGS_1984_UTM_Zone_51N"):
        cityimport.read_features(DATA / "villages_utm.shp")


def test_tables_in_gb18030_and_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "squads.csv"
    path.write_bytes("town_code,name\nT01,第一中队\n,\n".encode("gb18030"))
    rows = cityimport.read_table(path)
    assert [(r.number, r.values) for r in rows] == [(2, {"town_code": "T01", "name": "第一中队"})]
    workers = cityimport.read_table(DATA / "workers.xlsx")
    assert workers[0].values["工号"] == "W001" and workers[0].values["手机"] == "13800000001"


def test_report_problems_are_codes_with_facts_and_places() -> None:
    report = cityimport.Report()
    report.issues.append(
        cityimport.Issue(
            "cityimport.code_repeated", {"item": "G1", "first_row": 2}, "grids.geojson", 3, "code"
        )
    )
    assert not report.ok
    assert report.as_dict()["issues"] == [
        {
            "file": "grids.geojson",
            "row": 3,
            "column": "code",
            "code": "cityimport.code_repeated",
            "facts": {"item": "G1", "first_row": 2},
        }
    ]
    assert "grids.geojson:3:code cityimport.code_repeated" in report.text()
    with pytest.raises(ValueError):
        cityimport.Issue("编码重复")  # a sentence is not a code
