"""City import and the workers/grids admin on both engines: a fresh city from the fixture files,
dry runs that store nothing, idempotent re-imports, refused files that change nothing, moves and
deactivations with their audit rows."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from db.models import City, CityChange, Grid, LiaisonOfficer, Squad, Town, User, Village, Worker
from db.session import make_engine, make_sessionmaker
from db.vocab import Role
from desktop import city_admin, cityimport
from desktop.cases.ladder import Actor
from desktop.city_admin import CityAdminError, GridForm, WorkerForm
from desktop.geo import GridIndex
from tests.pg_logins import logins_on, unique_name

DATA = Path(__file__).resolve().parent.parent / "data" / "cityimport"
BOUNDARIES = ["towns.geojson", "villages.shp", "grids.geojson"]
ROSTERS = ["departments.csv", "squads.csv", "workers.xlsx", "devices.csv", "helpers.csv", "users.csv"]
ALL = BOUNDARIES + ROSTERS
TABLES = (City, Town, Village, Grid, Squad, Worker, LiaisonOfficer, User, CityChange)


@pytest.fixture
def sessions(db_url: str, files: Path) -> Iterator[sessionmaker[Session]]:
    engine = make_engine(db_url)
    # Logins are cluster-wide on PostgreSQL: the users roster gets names of this test only, and
    # the logins the import makes are dropped afterwards.
    names = {"donghu01": unique_name("ciu"), "justice01": unique_name("ciu")}
    users = files / "users.csv"
    content = users.read_text(encoding="utf-8-sig")
    for old, new in names.items():
        content = content.replace(old, new)
    users.write_text(content, encoding="utf-8")
    NAMES.clear()
    NAMES.update(names)
    with logins_on(engine) as made:
        for name in names.values():
            made.track(name)
        yield make_sessionmaker(engine)
    engine.dispose()


NAMES: dict[str, str] = {}


@pytest.fixture
def files(tmp_path: Path) -> Path:
    folder = tmp_path / "city"
    shutil.copytree(DATA, folder)
    return folder


def sources(folder: Path, *names: str) -> list[tuple[str | None, Path]]:
    return [cityimport.parse_source(str(folder / n)) for n in names]


def snapshot(sessions: sessionmaker[Session]) -> dict[str, Any]:
    with sessions() as s:
        out: dict[str, Any] = {m.__tablename__: s.scalar(select(func.count()).select_from(m)) for m in TABLES}
        out["workers"] = sorted(
            s.execute(select(Worker.code, Worker.device_id, Worker.grid_id, Worker.active)).all(), key=str
        )
        out["grids"] = sorted(s.execute(select(Grid.code, Grid.village_id, Grid.active)).all(), key=str)
        return out


def test_dry_run_reports_and_stores_nothing(files: Path, sessions: sessionmaker[Session]) -> None:
    before = snapshot(sessions)
    report = cityimport.run_import(sessions, sources(files, *ALL), dry_run=True)
    assert report.ok, report.text()
    assert not report.committed
    assert report.counts["towns"].created == 2
    assert report.counts["villages"].created == 4
    assert report.counts["grids"].created == 4
    assert report.counts["workers"].created == 4
    assert report.counts["users"].created == 2
    assert snapshot(sessions) == before


def test_import_into_a_fresh_database_then_again_changes_nothing(
    files: Path, sessions: sessionmaker[Session]
) -> None:
    report = cityimport.run_import(sessions, sources(files, *ALL), dry_run=False)
    assert report.ok and report.committed, report.text()
    with sessions() as s:
        city = s.scalars(select(City)).one()
        assert city.boundary is not None
        towns = {t.code: t for t in s.scalars(select(Town))}
        assert towns["T02"].is_subdistrict and not towns["T01"].is_subdistrict
        assert all(t.city_id == city.id and t.pinyin for t in towns.values())
        village = s.scalars(select(Village).where(Village.code == "T01002")).one()
        assert (village.name, village.town_id, village.households) == ("王家庄村", towns["T01"].id, 300)
        workers = {w.code: w for w in s.scalars(select(Worker))}
        assert workers["W004"].active is False
        assert workers["W001"].device_id == "DH0001"
        grid = s.get(Grid, workers["W003"].grid_id)
        assert grid is not None and grid.code == "T0200101" and workers["W003"].town_id == towns["T02"].id
        helpers = {h.name: h for h in s.scalars(select(LiaisonOfficer))}
        assert helpers["周杰"].kind == "volunteer"
        user = s.scalars(select(User).where(User.username == NAMES["donghu01"])).one()
        assert (user.role, user.town_id) == ("town_staff", towns["T01"].id)
        # The gateway's grid lookup finds the imported grids by their boundaries.
        hit = GridIndex.from_session(s).locate(36.05, 120.12)
        assert (
            hit is not None and hit.grid_id == s.scalars(select(Grid.id).where(Grid.code == "T0200101")).one()
        )
        audit = s.scalars(select(CityChange).where(CityChange.entity == "import")).one()
        assert audit.detail is not None and audit.detail["counts"]["workers"]["created"] == 4
    first = snapshot(sessions)
    again = cityimport.run_import(sessions, sources(files, *ALL), dry_run=False)
    assert again.ok, again.text()
    for entity, counts in again.counts.items():
        assert counts.created == counts.updated == counts.deactivated == 0, entity
    second = snapshot(sessions)
    # Only the second import's own audit row is new.
    assert second.pop("city_changes") == first.pop("city_changes") + 1
    assert second == first


def test_a_bad_file_is_refused_with_nothing_changed(files: Path, sessions: sessionmaker[Session]) -> None:
    assert cityimport.run_import(sessions, sources(files, *ALL), dry_run=False).committed
    before = snapshot(sessions)
    report = cityimport.run_import(
        sessions,
        sources(files, "grids_bad.geojson", "workers_bad.csv", "villages_outside.geojson"),
        dry_run=False,
    )
    assert not report.ok and not report.committed
    found = [(i.code, dict(i.params)) for i in report.issues]
    codes = {code for code, _ in found}
    assert {"cityimport.geometry_self_intersection", "cityimport.grid_outside_town"} <= codes
    assert ("cityimport.code_repeated", "T0100101") in {(c, f.get("item")) for c, f in found}
    assert any(c == "cityimport.grid_village_unknown" and f["village"] == "T09001" for c, f in found)
    assert any(c == "cityimport.worker_phone" and f["phone"] == "1380000" for c, f in found)
    assert any(c == "cityimport.worker_grid_unknown" and f["grid"] == "T9999901" for c, f in found)
    assert any(
        c == "cityimport.village_outside_town" and (f["name"], f["item"]) == ("越界村", "T01009")
        for c, f in found
    )
    assert all(i.file and (i.row is None or i.row > 0) for i in report.issues)
    assert snapshot(sessions) == before


def test_a_projected_shapefile_is_refused(
    files: Path, sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    cityimport.run_import(sessions, sources(files, "towns.geojson"), dry_run=False)
    before = snapshot(sessions)
    for suffix in (".shp", ".shx", ".dbf", ".prj", ".cpg"):
        shutil.copy(DATA / f"villages_utm{suffix}", tmp_path / f"villages{suffix}")
    report = cityimport.run_import(sessions, [("villages", tmp_path / "villages.shp")], dry_run=False)
    assert [(i.file, i.code, i.params["crs"]) for i in report.issues] == [
        ("villages.shp", "cityimport.crs_unsupported", "WGS_1984_UTM_Zone_51N")
    ]
    assert snapshot(sessions) == before


def test_changed_roster_updates_moves_and_deactivates_missing(
    files: Path, sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    cityimport.run_import(sessions, sources(files, *ALL), dry_run=False)
    roster = tmp_path / "workers.csv"
    roster.write_text(
        "code,name,phone,grid_code,squad,device_id\n"
        "W001,张伟,13800000011,T0100201,第一中队,DH0001\n"  # new phone, other grid
        "W002,李娜,13800000002,T0100201,第一中队,DH0002\n",
        encoding="utf-8",
    )
    options = cityimport.ImportOptions(deactivate_missing=True)
    report = cityimport.run_import(sessions, [("workers", roster)], options=options, dry_run=False)
    assert report.ok, report.text()
    c = report.counts["workers"]
    # W003 is deactivated for being absent; W004 was inactive already.
    assert (c.created, c.updated, c.deactivated, c.unchanged) == (0, 1, 1, 1)
    with sessions() as s:
        w1 = s.scalars(select(Worker).where(Worker.code == "W001")).one()
        assert w1.phone == "13800000011"
        assert s.scalars(select(Worker.active).where(Worker.code == "W003")).one() is False
        actions = {
            (a.entity_code, a.action)
            for a in s.scalars(select(CityChange).where(CityChange.entity == "worker"))
        }
        assert ("W001", "move") in actions and ("W003", "deactivate") in actions


ADMIN = Actor(None, Role.ADMIN, name="系统管理员")


def test_admin_moves_and_deactivates_with_audit(files: Path, sessions: sessionmaker[Session]) -> None:
    cityimport.run_import(sessions, sources(files, *ALL), dry_run=False)
    with sessions() as s:
        admin_id = s.scalars(select(User.id).where(User.username == NAMES["donghu01"])).one()
        grids = {g.code: g.id for g in s.scalars(select(Grid))}
        villages = {v.code: v.id for v in s.scalars(select(Village))}
        squads = {(q.town_id, q.name): q.id for q in s.scalars(select(Squad))}
        towns = {t.code: t.id for t in s.scalars(select(Town))}
        w1 = s.scalars(select(Worker).where(Worker.code == "W001")).one()
        w1_id = w1.id
    actor = Actor(admin_id, Role.ADMIN, name="管理员甲")
    # Move W001 to a grid of the other town: the squad must be of that town.
    form = WorkerForm(
        "W001", "张伟", "13800000001", "DH0001", grids["T0200201"], squads[towns["T01"], "第一中队"]
    )
    with sessions() as s, pytest.raises(CityAdminError, match="cityadmin.squad_other_town"):
        city_admin.save_worker(s, actor, form, w1_id)
    form = WorkerForm(
        "W001", "张伟", "13800000001", "DH0001", grids["T0200201"], squads[towns["T02"], "第二中队"]
    )
    with sessions() as s:
        city_admin.save_worker(s, actor, form, w1_id, reason="支援河东社区")
    with sessions() as s:
        w1 = s.get(Worker, w1_id)
        assert w1 is not None and (w1.grid_id, w1.town_id) == (grids["T0200201"], towns["T02"])
    # A grid with an active worker cannot be deactivated; bad input changes nothing.
    with sessions() as s, pytest.raises(CityAdminError, match=r"cityadmin.grid_has_workers \(count=1\)"):
        city_admin.set_grid_active(s, actor, grids["T0200201"], False, "合并")
    with sessions() as s, pytest.raises(CityAdminError, match="cityadmin.bad_phone"):
        city_admin.save_worker(
            s,
            actor,
            WorkerForm("W009", "新人", "12345", "DH9", grids["T0100101"], squads[towns["T01"], "第一中队"]),
        )
    with sessions() as s, pytest.raises(CityAdminError, match="cityadmin.(code|device)_taken"):
        city_admin.save_worker(
            s,
            actor,
            WorkerForm(
                "W009", "新人", "13800000009", "DH0002", grids["T0100101"], squads[towns["T01"], "第一中队"]
            ),
        )
    with sessions() as s:
        city_admin.set_worker_active(s, actor, w1_id, False, "离职")
        city_admin.set_grid_active(s, actor, grids["T0200201"], False, "并入青年社区网格")
    with sessions() as s, pytest.raises(CityAdminError, match="cityadmin.grid_inactive"):
        city_admin.set_worker_active(s, actor, w1_id, True, "复职")
    # Move a grid to another village of its town; a new grid; a code clash.
    with sessions() as s:
        city_admin.save_grid(
            s, actor, GridForm("T0100102", "李家村二网格", villages["T01001"], 50, 150), reason="拆分"
        )
    with sessions() as s, pytest.raises(CityAdminError, match="cityadmin.grid_code_taken"):
        city_admin.save_grid(s, actor, GridForm("T0100102", "重复", villages["T01001"]))
    with sessions() as s:
        city_admin.save_grid(
            s,
            actor,
            GridForm("T0100201", "王家庄村网格", villages["T01001"], 300, 0),
            grids["T0100201"],
            "调整",
        )
    with sessions() as s:
        rows = city_admin.recent_changes(s)
        actions = [(r["entity"], r["code"], r["action"]) for r in rows]
        assert ("worker", "W001", "move") in actions
        assert ("worker", "W001", "deactivate") in actions
        assert ("grid", "T0200201", "deactivate") in actions
        assert ("grid", "T0100102", "add") in actions
        assert ("grid", "T0100201", "move") in actions
        assert {r["actor"] for r in rows if r["reason"] not in ("导入", "导入城市数据")} == {"管理员甲"}
        moved = next(r for r in rows if r["code"] == "W001" and r["action"] == "move")
        assert moved["detail"]["before"]["grid_id"] == grids["T0100101"]
        assert moved["reason"] == "支援河东社区"
        listed = {w["code"]: w for w in city_admin.list_workers(s, search="张伟")}
        assert listed["W001"]["active"] is False
        assert {g["code"] for g in city_admin.list_grids(s, search="李家村")} >= {"T0100101", "T0100102"}
    # Only administrators.
    with sessions() as s, pytest.raises(CityAdminError, match="cityadmin.admin_only"):
        city_admin.set_worker_active(s, Actor(None, Role.DISPATCHER, name="x"), w1_id, True, "r")


def test_city_changes_are_append_only(files: Path, sessions: sessionmaker[Session]) -> None:
    cityimport.run_import(sessions, sources(files, *ALL), dry_run=False)
    with sessions() as s, pytest.raises(DBAPIError):
        s.execute(text("UPDATE city_changes SET reason = 'x'"))
    with sessions() as s, pytest.raises(DBAPIError):
        s.execute(text("DELETE FROM city_changes"))


def test_postgresql_admin_login_is_audited_and_town_staff_read_their_town(
    files: Path, sessions: sessionmaker[Session], db_url: str
) -> None:
    engine = make_engine(db_url)
    try:
        if engine.dialect.name != "postgresql":
            pytest.skip("logins and row-level security exist on PostgreSQL only")
        with logins_on(engine) as made:
            admin = made.add_user(unique_name("cia"), "管理员乙", "admin")
            admin_engine = make_engine(admin.url)
            town_engine = None
            try:
                # The whole city imported by an administrator's own login (not the owner).
                admin_sessions = make_sessionmaker(admin_engine)
                with admin_sessions() as s:
                    importer = cityimport.actor_for(s)
                assert importer.name == "管理员乙"
                report = cityimport.run_import(
                    admin_sessions, sources(files, *ALL), dry_run=False, actor=importer
                )
                assert report.committed, report.text()
                with sessions() as s:
                    ids = {w.code: w.id for w in s.scalars(select(Worker))}
                town = made.add_user(unique_name("cit"), "东湖镇信息中心", "town_staff", town_id="T01")
                town_engine = make_engine(town.url)
                with Session(admin_engine) as s:
                    me = s.scalars(select(User).where(User.username == admin.name)).one()
                    actor = Actor(me.id, Role.ADMIN, name=me.display_name)
                    city_admin.set_worker_active(s, actor, ids["W001"], False, "离职")
                    city_admin.set_worker_active(s, actor, ids["W003"], False, "离职")
                with Session(admin_engine) as s, pytest.raises(DBAPIError):
                    # An administrator cannot write the audit in someone else's name.
                    city_admin.set_worker_active(
                        s, Actor(None, Role.ADMIN, name="冒名"), ids["W002"], False, "x"
                    )
                with sessions() as s:
                    rows = s.scalars(select(CityChange).where(CityChange.actor_name == "管理员乙")).all()
                    assert {r.actor_login for r in rows} == {admin.name}
                    assert {r.action for r in rows} >= {"import", "add", "deactivate"}
                    assert s.scalars(select(Worker.active).where(Worker.code == "W002")).one() is True
                with Session(town_engine) as s:
                    seen = {c["code"] for c in city_admin.recent_changes(s) if c["action"] == "deactivate"}
                    assert seen == {"W001"}  # W003 works in the other town
            finally:
                admin_engine.dispose()
                if town_engine is not None:
                    town_engine.dispose()
    finally:
        engine.dispose()


def test_a_roster_adopts_the_existing_workers_by_device_id(demo_url: str, tmp_path: Path) -> None:
    engine = make_engine(demo_url)
    try:
        sessions = make_sessionmaker(engine)
        with sessions() as s:
            w, grid_code, squad = s.execute(
                select(Worker, Grid.code, Squad.name)
                .join(Grid, Grid.id == Worker.grid_id)
                .join(Squad, Squad.id == Worker.squad_id)
                .order_by(Worker.id)
                .limit(1)
            ).one()
            worker_id, device, name = w.id, w.device_id, w.name
            total = s.scalar(select(func.count()).select_from(Worker))
        roster = tmp_path / "workers.csv"
        roster.write_text(
            f"工号,姓名,手机,网格编码,中队,设备号\nG0001,{name},13912345678,{grid_code},{squad},{device}\n",
            encoding="utf-8",
        )
        report = cityimport.run_import(sessions, [("workers", roster)], dry_run=False)
        assert report.ok, report.text()
        assert (report.counts["workers"].created, report.counts["workers"].updated) == (0, 1)
        with sessions() as s:
            adopted = s.get(Worker, worker_id)
            assert adopted is not None and (adopted.code, adopted.phone) == ("G0001", "13912345678")
            assert s.scalar(select(func.count()).select_from(Worker)) == total
    finally:
        engine.dispose()
