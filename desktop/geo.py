"""Which grid a GPS point falls in: a shapely STRtree over the grid boundaries, plus point sampling."""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import shapely
from shapely.geometry import Point, shape
from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Grid
from desktop.errors import Refusal

# Neighbouring boundaries are computed separately (clipping, unions), so a shared edge can be off by
# a few ulps and leave hairline gaps; a point that falls into one still belongs to the nearest grid.
# 1e-7 degrees is about one centimetre, far below GPS accuracy and far above floating-point noise.
SNAP_DEGREES = 1e-7


@dataclass(frozen=True)
class GridHit:
    grid_id: int
    village_id: int
    town_id: int


class OutsideCity(Refusal):
    """A point that no grid covers: outside the city, or a wrong (lat, lon) order."""

    def __init__(self, lat: float, lon: float) -> None:
        super().__init__("geo.outside_city", lat=lat, lon=lon)

    # Read from the facts, so that they survive pickling (Refusal rebuilds from code and facts).
    @property
    def lat(self) -> float:
        return float(self.params["lat"])

    @property
    def lon(self) -> float:
        return float(self.params["lon"])


def geometry_from_geojson(geojson: Mapping[str, Any]) -> Any:
    """A shapely geometry from a GeoJSON geometry mapping (as stored in the boundary columns)."""
    return shape(geojson)


class GridIndex:
    """Point → grid lookup. Immutable once built; safe to share between threads for reading."""

    def __init__(self, grids: Iterable[tuple[int, int, int, Any]]) -> None:
        # Sorted by grid id so that the tie-break on shared borders (lowest id wins) does not depend
        # on the order rows came from the database.
        rows = sorted(grids, key=lambda row: row[0])
        self._hits: list[GridHit] = [GridHit(g, v, t) for g, v, t, _ in rows]
        self._geoms: list[Any] = [geom for *_, geom in rows]
        self._by_id: dict[int, int] = {hit.grid_id: i for i, hit in enumerate(self._hits)}
        if len(self._by_id) != len(self._hits):
            raise Refusal("geo.duplicate_grid_ids")
        for geom in self._geoms:
            shapely.prepare(geom)
        self._tree = shapely.STRtree(self._geoms)

    @classmethod
    def from_session(cls, session: Session) -> GridIndex:
        """Build from the grids table; grids without a boundary cannot be located and are left out."""
        rows = session.execute(
            select(Grid.id, Grid.village_id, Grid.town_id, Grid.boundary).where(Grid.boundary.is_not(None))
        ).all()
        return cls(
            (int(gid), int(vid), int(tid), geometry_from_geojson(boundary))
            for gid, vid, tid, boundary in rows
            if boundary
        )

    def __len__(self) -> int:
        return len(self._hits)

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        """(min lon, min lat, max lon, max lat) of all grids."""
        if not self._geoms:
            raise Refusal("geo.no_grids")
        minx, miny, maxx, maxy = shapely.total_bounds(self._geoms)
        return float(minx), float(miny), float(maxx), float(maxy)

    def geometry(self, grid_id: int) -> Any:
        """The grid's boundary as a shapely geometry (lon, lat order); KeyError when unknown."""
        return self._geoms[self._by_id[grid_id]]

    def locate(self, lat: float, lon: float) -> GridHit | None:
        """The grid covering the point; on a shared border the lowest grid id wins."""
        point = Point(lon, lat)
        # "covered_by" rather than "within" so that a point exactly on a boundary is found at all.
        found = self._tree.query(point, predicate="covered_by")
        if len(found) == 0:
            found = self._tree.query(point, predicate="dwithin", distance=SNAP_DEGREES)
            if len(found) == 0:
                return None
        return self._hits[int(min(found))]

    def locate_or_raise(self, lat: float, lon: float) -> GridHit:
        hit = self.locate(lat, lon)
        if hit is None:
            raise OutsideCity(lat, lon)
        return hit


def random_point_in(geom: Any, rng: random.Random, max_tries: int = 10_000) -> tuple[float, float]:
    """A uniformly random (lat, lon) strictly inside ``geom`` (lon/lat order), by rejection sampling.

    ``geom`` should be prepared (``shapely.prepare``) when sampling from it often.
    """
    minx, miny, maxx, maxy = geom.bounds
    for _ in range(max_tries):
        x = minx + (maxx - minx) * rng.random()
        y = miny + (maxy - miny) * rng.random()
        if shapely.contains_xy(geom, x, y):
            return y, x
    raise Refusal("geo.no_point_inside")
