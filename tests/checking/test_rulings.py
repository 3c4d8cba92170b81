"""Cells from ruling lines: the geometry shared by PDF text layers and scans."""
from __future__ import annotations

import random

from compliance.reading.rulings import Box, Segment, cells_from_rulings


def _grid(xs, ys):
    horizontal = [Segment(y, xs[0], xs[-1]) for y in ys]
    vertical = [Segment(x, ys[0], ys[-1]) for x in xs]
    return horizontal, vertical


def _boxes(cells):
    return sorted((round(c.left), round(c.bottom), round(c.right), round(c.top)) for c in cells)


def test_a_plain_grid_gives_every_cell():
    cells = cells_from_rulings(*_grid([0, 100, 250], [0, 20, 40]))
    assert _boxes(cells) == [(0, 0, 100, 20), (0, 20, 100, 40), (100, 0, 250, 20), (100, 20, 250, 40)]


def test_merged_cells_are_one_cell():
    # A label spanning two rows on the left; on the right, the row line is drawn across only it.
    horizontal = [Segment(60, 0, 300), Segment(30, 100, 300), Segment(0, 0, 300)]
    vertical = [Segment(0, 0, 60), Segment(100, 0, 60), Segment(300, 0, 60)]
    assert _boxes(cells_from_rulings(horizontal, vertical)) == [(0, 0, 100, 60), (100, 0, 300, 30), (100, 30, 300, 60)]


def test_lines_drawn_in_pieces_and_double_borders_close_the_same_cells():
    horizontal = [Segment(0, 0, 60), Segment(0.8, 58, 200), Segment(40, 0, 120), Segment(40.5, 119, 200),
                  Segment(41.5, 0, 200)]  # a double top border 1.5 pt apart
    vertical = [Segment(0, 0, 42), Segment(200, 0, 41), Segment(200.6, 20, 42), Segment(90, 0, 42)]
    assert _boxes(cells_from_rulings(horizontal, vertical)) == [(0, 0, 90, 41), (90, 0, 200, 41)]


def test_an_open_side_closes_no_cell():
    horizontal = [Segment(0, 0, 200), Segment(40, 0, 200)]
    vertical = [Segment(0, 0, 40), Segment(100, 0, 25)]  # the middle line stops short of the top
    assert _boxes(cells_from_rulings(horizontal, vertical)) == []


def test_a_page_drawn_to_defeat_the_search_is_given_up_quickly():
    rng = random.Random(7)
    horizontal = [Segment(rng.uniform(0, 800), 0, rng.uniform(10, 600)) for _ in range(399)]
    vertical = [Segment(rng.uniform(0, 600), rng.uniform(0, 400), 800) for _ in range(399)]
    cells = cells_from_rulings(horizontal, vertical)  # the step budget ends it; the test's timeout guards
    assert all(isinstance(c, Box) and c.right > c.left and c.top > c.bottom for c in cells)
