"""Derive the map's base layer, xslt/basemap/basemap.xml, from Natural Earth.

Run once, by hand, when the base map should change (the build never runs it):

    npm ci --prefix scripts/basemap --ignore-scripts
    python3 scripts/make_basemap.py

It reads the land polygons and the countries of Natural Earth at 1:50 million
as TopoJSON from the npm package `world-atlas` (ISC; the data are public
domain), keeps of the countries only today's land borders (drawn on the map
marked as modern, for orientation), clips both to
two frames (the story's region, Central Asia, and an inset reaching Istanbul
and Moscow), projects them, simplifies them (Douglas-Peucker, a tolerance
under one SVG unit) and writes SVG path data with the frames' projection
parameters. html-graphics.xsl projects the register's coordinates with the
same parameters. Standard library only; the output is deterministic.
"""

from __future__ import annotations

import json
import math
import pathlib
import sys
from xml.sax.saxutils import quoteattr

ROOT = pathlib.Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "scripts" / "basemap" / "node_modules" / "world-atlas"
SOURCE = PACKAGE / "countries-50m.json"
TARGET = ROOT / "xslt" / "basemap" / "basemap.xml"

# Each frame: an extent in degrees and a width in SVG units. The projection
# is equirectangular with its standard parallel at the frame's middle
# latitude (x = (lon - west) * cos(mid) * scale, y = (north - lat) * scale):
# simple enough for XSLT to repeat exactly, and true enough at this size.
FRAMES = {
    "main": {"west": 50.0, "east": 76.0, "south": 35.0, "north": 46.5, "width": 760.0, "borders": True,
             "labels": [("Caspian", 50.3, 39.9), ("Sea", 50.3, 39.45)]},
    "inset": {"west": 24.0, "east": 80.0, "south": 33.0, "north": 60.0, "width": 240.0, "borders": False,
              "labels": [("Black Sea", 31.0, 43.2)]},
}
TOLERANCE = 0.6  # SVG units


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """TopoJSON arcs, delta-encoded and quantized, as lon/lat points."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring_points(ring: list[int], arcs: list) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in ring:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc if not points else arc[1:])
    return points


def polygons(topology: dict, name: str) -> list[list[list[tuple[float, float]]]]:
    arcs = decode_arcs(topology)
    result = []
    for geometry in topology["objects"][name]["geometries"]:
        parts = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        for polygon in parts:
            result.append([ring_points(ring, arcs) for ring in polygon])
    return result


def border_lines(topology: dict, name: str) -> list[list[tuple[float, float]]]:
    """The arcs two countries share: today's land borders (no coastline)."""
    users: dict[int, set[int]] = {}
    for number, geometry in enumerate(topology["objects"][name]["geometries"]):
        parts = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        for polygon in parts:
            for ring in polygon:
                for index in ring:
                    users.setdefault(index if index >= 0 else ~index, set()).add(number)
    arcs = decode_arcs(topology)
    return [arcs[index] for index in sorted(users) if len(users[index]) > 1]


def clip_line(line: list[tuple[float, float]], frame: dict) -> list[list[tuple[float, float]]]:
    """The parts of a line inside the frame (a segment crossing its edge is cut there)."""
    def inside(p):
        return frame["west"] <= p[0] <= frame["east"] and frame["south"] <= p[1] <= frame["north"]

    parts, current = [], []
    for p, q in zip(line, line[1:]):
        if inside(p) and inside(q):
            current.extend([p, q] if not current else [q])
            continue
        segment = clip_segment(p, q, frame)
        if segment:
            if inside(p):
                current.extend([p, segment[-1]] if not current else [segment[-1]])
            else:
                if current:
                    parts.append(current)
                current = list(segment[:2])
            if not inside(q):
                parts.append(current)
                current = []
        elif current:
            parts.append(current)
            current = []
    if current:
        parts.append(current)
    return [part for part in parts if len(part) >= 2]


def clip_segment(p, q, frame: dict):
    """Liang-Barsky: the part of segment p-q inside the frame, or None."""
    (x0, y0), (x1, y1) = p, q
    dx, dy = x1 - x0, y1 - y0
    t0, t1 = 0.0, 1.0
    for edge_p, edge_q in [(-dx, x0 - frame["west"]), (dx, frame["east"] - x0),
                           (-dy, y0 - frame["south"]), (dy, frame["north"] - y0)]:
        if edge_p == 0:
            if edge_q < 0:
                return None
            continue
        t = edge_q / edge_p
        if edge_p < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 > t1:
            return None
    return [(x0 + t0 * dx, y0 + t0 * dy), (x0 + t1 * dx, y0 + t1 * dy)]


def clip(ring: list[tuple[float, float]], frame: dict) -> list[tuple[float, float]]:
    """Sutherland-Hodgman clipping of a closed ring to the frame's extent."""
    edges = [
        (lambda p: p[0] >= frame["west"], lambda p, q: cross_x(p, q, frame["west"])),
        (lambda p: p[0] <= frame["east"], lambda p, q: cross_x(p, q, frame["east"])),
        (lambda p: p[1] >= frame["south"], lambda p, q: cross_y(p, q, frame["south"])),
        (lambda p: p[1] <= frame["north"], lambda p, q: cross_y(p, q, frame["north"])),
    ]
    points = ring
    for inside, cross in edges:
        if not points:
            break
        out = []
        previous = points[-1]
        for point in points:
            if inside(point):
                if not inside(previous):
                    out.append(cross(previous, point))
                out.append(point)
            elif inside(previous):
                out.append(cross(previous, point))
            previous = point
        points = out
    return points


def cross_x(p, q, x):
    t = (x - p[0]) / (q[0] - p[0])
    return (x, p[1] + t * (q[1] - p[1]))


def cross_y(p, q, y):
    t = (y - p[1]) / (q[1] - p[1])
    return (p[0] + t * (q[0] - p[0]), y)


def projection(frame: dict):
    k = math.cos(math.radians((frame["south"] + frame["north"]) / 2))
    scale = frame["width"] / ((frame["east"] - frame["west"]) * k)
    height = (frame["north"] - frame["south"]) * scale
    return k, scale, height


def simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas-Peucker, iterative (rings are long)."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        length = math.hypot(bx - ax, by - ay)
        worst, index = 0.0, -1
        for i in range(first + 1, last):
            px, py = points[i]
            if length == 0:
                distance = math.hypot(px - ax, py - ay)
            else:
                distance = abs((bx - ax) * (ay - py) - (ax - px) * (by - ay)) / length
            if distance > worst:
                worst, index = distance, i
        if worst > tolerance:
            keep[index] = True
            stack.extend([(first, index), (index, last)])
    return [p for p, kept in zip(points, keep) if kept]


def path_data(rings: list[list[tuple[float, float]]], close: bool = True) -> str:
    parts = []
    for ring in rings:
        parts.append("M" + " ".join(f"{x:.1f},{y:.1f}" for x, y in ring) + ("Z" if close else ""))
    return "".join(parts)


def frame_lines(lines, frame: dict) -> str:
    k, scale, _ = projection(frame)
    out = []
    for line in lines:
        for part in clip_line(line, frame):
            projected = [((lon - frame["west"]) * k * scale, (frame["north"] - lat) * scale) for lon, lat in part]
            projected = simplify(projected, TOLERANCE)
            if len(projected) >= 2:
                out.append(projected)
    return path_data(out, close=False)


def frame_path(polys, frame: dict) -> str:
    k, scale, _ = projection(frame)
    rings = []
    for polygon in polys:
        for ring in polygon:
            clipped = clip(ring, frame)
            if len(clipped) < 3:
                continue
            projected = [((lon - frame["west"]) * k * scale, (frame["north"] - lat) * scale) for lon, lat in clipped]
            projected = simplify(projected + [projected[0]], TOLERANCE)[:-1]
            if len(projected) >= 3:
                rings.append(projected)
    return path_data(rings)


def main() -> int:
    if not SOURCE.is_file():
        print(f"{SOURCE}: error: not found; run: npm ci --prefix scripts/basemap --ignore-scripts", file=sys.stderr)
        return 1
    package = json.loads((PACKAGE / "package.json").read_text(encoding="utf-8"))
    topology = json.loads(SOURCE.read_text(encoding="utf-8"))
    polys = polygons(topology, "land")
    borders = border_lines(topology, "countries")
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        "<!-- Generated by scripts/make_basemap.py; do not edit. Provenance and licence: README.md beside this file -->",
        f'<basemap source="Natural Earth 1:50m land and countries, via npm world-atlas {package["version"]} (countries-50m.json)"'
        ' projection="equirectangular, standard parallel at the frame\'s middle latitude">',
    ]
    for name, frame in FRAMES.items():
        k, scale, height = projection(frame)
        attributes = " ".join(
            f"{key}={quoteattr(value)}"
            for key, value in [
                ("name", name),
                ("west", f"{frame['west']:g}"),
                ("east", f"{frame['east']:g}"),
                ("south", f"{frame['south']:g}"),
                ("north", f"{frame['north']:g}"),
                ("width", f"{frame['width']:g}"),
                ("height", f"{height:.1f}"),
                ("k", f"{k:.6f}"),
                ("scale", f"{scale:.6f}"),
            ]
        )
        lines.append(f"  <frame {attributes}>")
        lines.append(f"    <land>{frame_path(polys, frame)}</land>")
        for text, lon, lat in frame["labels"]:
            x, y = (lon - frame["west"]) * k * scale, (frame["north"] - lat) * scale
            lines.append(f'    <water-label x="{x:.1f}" y="{y:.1f}">{text}</water-label>')
        if frame["borders"]:
            lines.append(f"    <modern-borders>{frame_lines(borders, frame)}</modern-borders>")
        lines.append("  </frame>")
    lines.append("</basemap>")
    TARGET.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{TARGET.relative_to(ROOT)}: {TARGET.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
