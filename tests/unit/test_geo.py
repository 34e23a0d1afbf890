"""GridIndex: a point finds its grid, a shared border has one deterministic owner, outside is refused."""

from __future__ import annotations

import random
from typing import Any

import pytest
from shapely.geometry import box

from desktop.errors import Refusal
from desktop.geo import GridHit, GridIndex, OutsideCity, random_point_in

# Two grids side by side, sharing the meridian 120.0 between latitudes 36.0 and 36.1.
WEST = (7, 70, 1, box(119.9, 36.0, 120.0, 36.1))
EAST = (3, 30, 2, box(120.0, 36.0, 120.1, 36.1))


def test_locate_inside_each_grid() -> None:
    index = GridIndex([WEST, EAST])
    assert index.locate(36.05, 119.95) == GridHit(grid_id=7, village_id=70, town_id=1)
    assert index.locate(36.05, 120.05) == GridHit(grid_id=3, village_id=30, town_id=2)
    assert len(index) == 2


@pytest.mark.parametrize("order", [(WEST, EAST), (EAST, WEST)])
def test_shared_border_goes_to_lowest_grid_id_whatever_the_order(
    order: tuple[tuple[int, int, int, Any], ...],
) -> None:
    index = GridIndex(order)
    on_border = index.locate(36.05, 120.0)
    assert on_border is not None and on_border.grid_id == 3
    # The shared corner too.
    corner = index.locate(36.1, 120.0)
    assert corner is not None and corner.grid_id == 3


def test_outside_returns_none_and_locate_or_raise_names_the_point() -> None:
    index = GridIndex([WEST, EAST])
    assert index.locate(36.5, 120.05) is None
    with pytest.raises(OutsideCity) as caught:
        index.locate_or_raise(36.5, 120.05)
    assert isinstance(caught.value, ValueError)
    assert caught.value.code == "geo.outside_city"
    assert caught.value.params == {"lat": 36.5, "lon": 120.05}
    assert (caught.value.lat, caught.value.lon) == (36.5, 120.05)


def test_swapped_coordinates_are_outside() -> None:
    index = GridIndex([WEST, EAST])
    with pytest.raises(OutsideCity):
        index.locate_or_raise(119.95, 36.05)


def test_hairline_gap_between_neighbours_snaps_to_a_grid() -> None:
    # Boundaries computed separately may leave floating-point gaps; a point in one is not "outside".
    left = (1, 10, 1, box(119.9, 36.0, 120.0 - 1e-12, 36.1))
    right = (2, 20, 1, box(120.0 + 1e-12, 36.0, 120.1, 36.1))
    hit = GridIndex([left, right]).locate(36.05, 120.0)
    assert hit is not None and hit.grid_id == 1
    # …but a real gap is still a gap.
    far = GridIndex([(1, 10, 1, box(119.9, 36.0, 119.99, 36.1))])
    assert far.locate(36.05, 120.0) is None


def test_duplicate_grid_ids_are_refused() -> None:
    with pytest.raises(Refusal) as caught:
        GridIndex([WEST, (7, 71, 1, box(0, 0, 1, 1))])
    assert caught.value.code == "geo.duplicate_grid_ids"


def test_geometry_and_bounds() -> None:
    index = GridIndex([WEST, EAST])
    assert index.geometry(3).bounds == (120.0, 36.0, 120.1, 36.1)
    assert index.bounds == pytest.approx((119.9, 36.0, 120.1, 36.1))
    with pytest.raises(KeyError):
        index.geometry(99)


def test_random_point_in_stays_inside_and_is_reproducible() -> None:
    index = GridIndex([WEST, EAST])
    rng = random.Random(5)
    points = [random_point_in(index.geometry(7), rng) for _ in range(200)]
    assert all(index.locate(lat, lon) == GridHit(7, 70, 1) for lat, lon in points)
    rng2 = random.Random(5)
    assert points == [random_point_in(index.geometry(7), rng2) for _ in range(200)]
