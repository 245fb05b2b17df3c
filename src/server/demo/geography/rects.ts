// Rectangle geometry for the demo city (split from city.ts): coordinates rounded to 7 decimals
// before they are shared, so neighbours reuse the very same numbers and meet only along edges.
import { between, type Random } from './random.ts'
import type { DemoGeometry, Position } from './city.ts'
// ---------------------------------------------------------------------------
// Geometry

export interface Rect { west: number; south: number; east: number; north: number }

/** Extra vertices on each side of a rectangle where neighbouring edges end (T-junctions). */
export interface Junctions { south?: number[]; east?: number[]; north?: number[]; west?: number[] }

export const round7 = (value: number): number => Math.round(value * 1e7) / 1e7

export function roundRect(rect: Rect): Rect {
  return { west: round7(rect.west), south: round7(rect.south), east: round7(rect.east), north: round7(rect.north) }
}

/**
 * Counter-clockwise closed ring. Junction vertices are collinear (still valid) and
 * make the parent share every vertex with its children, so a union of the children
 * reproduces the parent exactly.
 */
export function rectPolygon(rect: Rect, junctions: Junctions = {}): DemoGeometry {
  const { west, south, east, north } = rect
  const inside = (values: number[] | undefined, low: number, high: number): number[] =>
    [...new Set(values ?? [])].filter((v) => v > low && v < high).sort((a, b) => a - b)
  const ring: Position[] = [
    [west, south],
    ...inside(junctions.south, west, east).map((x): Position => [x, south]),
    [east, south],
    ...inside(junctions.east, south, north).map((y): Position => [east, y]),
    [east, north],
    ...inside(junctions.north, west, east).reverse().map((x): Position => [x, north]),
    [west, north],
    ...inside(junctions.west, south, north).reverse().map((y): Position => [west, y]),
    [west, south],
  ]
  return { type: 'Polygon', coordinates: [ring] }
}

/** Cut points from start to end into `parts` slices of slightly uneven size; inner cuts rounded once, then shared. */
export function cutInterval(random: Random, start: number, end: number, parts: number, jitter = 0.2): number[] {
  const weights = Array.from({ length: parts }, () => between(random, 1 - jitter, 1 + jitter))
  const total = weights.reduce((sum, w) => sum + w, 0)
  const cuts = [start]
  let cumulative = 0
  for (const weight of weights.slice(0, -1)) {
    cumulative += weight
    cuts.push(round7(start + ((end - start) * cumulative) / total))
  }
  cuts.push(end)
  return cuts
}

export function area(rect: Rect): number {
  return (rect.east - rect.west) * (rect.north - rect.south)
}

export function contains(rect: Rect, [lng, lat]: Position): boolean {
  return lng > rect.west && lng < rect.east && lat > rect.south && lat < rect.north
}
