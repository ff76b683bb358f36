"""The point of an area comes from its filled area, not from where its towns crowd."""

from __future__ import annotations

from worker.enrich.places.context import distance_km
from worker.enrich.places.points import centre_of_area, grid_cell


def test_towns_on_two_coasts_put_the_area_between_them() -> None:
    """A state whose towns line its east coast, with one outpost in the west (Queensland-like): the plain mean
    of the towns' cells sits near the crowded coast; the filled bands put the point inland."""
    east = {grid_cell(-20.0 - i * 0.5, 148.0 + d) for i in range(10) for d in (0.0, 0.5, 1.0)}
    west = {grid_cell(-20.0 - i * 0.5, 138.0) for i in range(10)}
    lat, lon = centre_of_area(east | west)
    assert 141.5 < lon < 145.5 and -23.0 < lat < -21.0


def test_a_band_across_the_antimeridian_is_not_filled_round_the_globe() -> None:
    """Towns at 179 E and 179 W are 2 degrees apart, not 358: the band is left as it is."""
    cells = {grid_cell(-17.0, 179.0), grid_cell(-17.0, -179.0)}
    lat, lon = centre_of_area(cells)
    assert distance_km(lat, lon, -17.0, 180.0) < 150


def test_towns_along_the_southern_edge_and_a_far_northern_coast_put_the_area_between_them() -> None:
    """A province whose towns crowd its southern edge, with a few on a far northern coast (Quebec-like): filling
    only the bands leaves the point near the crowded south; filling the columns too moves it north."""
    south = {grid_cell(45.0 + i * 0.5, -79.0 + d * 0.5) for i in range(4) for d in range(20)}
    north = {grid_cell(61.0, -78.0), grid_cell(58.0, -68.0)}
    lat, _ = centre_of_area(south | north)
    assert lat > 47.5  # the bands alone give 46.4
