// Demo org tree for 南昌市 → 湾里管理局, with geometry that holds up under PostGIS
// (ST_IsValid, ST_Within, zero-area intersections between siblings).
//
// Pure and deterministic: no I/O, no Math.random, no clock. The same seed always
// yields the same list, so demo data and tests can be regenerated at will.
//
// Geometry is built from axis-aligned rectangles whose coordinates are rounded to
// 7 decimals *before* they are shared, so adjacent grids reuse the very same
// numbers and intersect only along their common edges.

import { area, contains, cutInterval, rectPolygon, round7, roundRect, type Junctions, type Rect } from './rects.ts'
import { at, between, createNameGenerator, createRandom, pick, shuffled, type Random } from './random.ts'
export { createNameGenerator, createRandom } from './random.ts'

export type DemoKind = 'city' | 'district' | 'street' | 'community' | 'grid' | 'building' | 'estate' | 'department'
export type PartyOrgKind = 'committee' | 'general_branch' | 'branch' | 'group'
export interface DemoPartyOrg { kind: PartyOrgKind; name: string; secretary: string }
export type Position = [number, number] // [lng, lat] WGS-84, rounded to 7 decimals
export type DemoGeometry =
  | { type: 'Polygon'; coordinates: Position[][] }
  | { type: 'Point'; coordinates: Position }
export interface DemoOrg {
  key: string
  parentKey: string | null
  kind: DemoKind
  name: string
  divisionCode: string | null // 12 digits for city, district, street, community; null otherwise
  partyOrg: DemoPartyOrg | null
  geometry: DemoGeometry | null
  propertyFirm: string | null // estates only
}

export const DEFAULT_DEMO_SEED = 20261125

// ---------------------------------------------------------------------------
// Fixed demo geography

const CITY_RECT: Rect = { west: 115.45, south: 28.15, east: 116.55, north: 29.18 }
const DISTRICT_RECT: Rect = { west: 115.67, south: 28.67, east: 115.79, north: 28.77 }

interface StreetPlan {
  name: string
  divisionCode: string
  partyOrgName: string
  shortName: string // used for 派出所 and 城管中队 names
  communities: string[]
}

const STREETS: StreetPlan[] = [
  {
    name: '站前街道', divisionCode: '360105001000', partyOrgName: '中共站前街道工作委员会', shortName: '站前',
    communities: ['翠岩社区', '长春社区', '湾里路社区', '红星社区', '岭口社区', '兴旺社区', '荷塘社区', '梅苑社区'],
  },
  {
    name: '幸福街道', divisionCode: '360105002000', partyOrgName: '中共幸福街道工作委员会', shortName: '幸福',
    communities: ['幸福社区', '林苑社区', '桃花社区', '东岭社区', '南岭社区', '安居社区', '和平社区'],
  },
  {
    name: '梅岭镇', divisionCode: '360105100000', partyOrgName: '中共梅岭镇委员会', shortName: '梅岭',
    communities: ['洗药湖社区', '梅岭社区', '狮子峰社区', '青岚社区', '紫阳社区', '竹山社区'],
  },
]

const TOTAL_GRIDS = 94
const GRIDS_PER_COMMUNITY = { min: 3, max: 6 }
const TARGET_BUILDINGS = { min: 1460, max: 1540 }
const ESTATES_PER_COMMUNITY = { min: 1, max: 3 }
const TARGET_ESTATES = { min: 38, max: 42 }
// Roughly 10 m: keeps building points clearly off the grid edges.
const BUILDING_EDGE_MARGIN = 0.0001
// Roughly 30 m: estates stay clear of the community boundary.
const ESTATE_EDGE_MARGIN = 0.0003

// Rows of grids within a community, south to north: [2, 3] means 2 grids in the southern row, 3 in the northern one.
const GRID_LAYOUTS: Record<number, number[][]> = {
  3: [[3], [1, 2], [2, 1]],
  4: [[2, 2], [1, 3], [3, 1]],
  5: [[2, 3], [3, 2]],
  6: [[3, 3], [2, 2, 2]],
}

const ESTATE_PREFIXES = [
  '阳光', '金色', '绿洲', '紫荆', '翠湖', '春晖', '明珠', '枫林', '丹桂', '香樟', '银杏', '梧桐', '锦绣', '华庭',
  '盛世', '和谐', '康乐', '宏泰', '怡景', '清风', '云山', '望湖', '听涛', '观澜', '水岸', '湖滨', '山水', '龙湾',
  '凤凰', '书香', '翰林', '嘉禾', '金桂', '百合', '玉兰', '兰亭', '桃源', '御景', '天成', '松林', '溪畔', '南苑',
  '东方', '碧水', '映山', '晨曦',
]
const ESTATE_SUFFIXES = ['花园', '小区', '苑', '家园', '新村']
const PROPERTY_FIRMS = [
  '南昌恒安物业服务有限公司', '江西嘉和物业服务有限公司', '南昌万家宜物业服务有限公司', '江西安居乐物业服务有限公司',
  '南昌梅岭物业服务有限公司', '江西盛华物业服务有限公司', '南昌泰和祥物业服务有限公司', '江西宜居物业服务有限公司',
]
const ROADS = [
  '湾里大道', '幸福路', '站前路', '翠岩路', '梅岭大道', '红星路', '岭口路', '长春路', '桃花路', '林苑路',
  '洗药湖路', '太平街', '招贤路', '南岭路', '荷塘路', '兴旺街', '紫阳大道', '青岚路',
]

const CHINESE_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九']

function chineseOrdinal(n: number): string {
  if (n < 10) return at(CHINESE_DIGITS, n)
  const tens = Math.floor(n / 10)
  const ones = n % 10
  return (tens === 1 ? '' : at(CHINESE_DIGITS, tens)) + '十' + (ones === 0 ? '' : at(CHINESE_DIGITS, ones))
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0')

/** Random counts within [min, max] that add up to exactly `total`. */
function distribute(random: Random, slots: number, total: number, min: number, max: number): number[] {
  if (total < slots * min || total > slots * max) throw new RangeError(`cannot spread ${total} over ${slots} slots`)
  const counts = Array.from({ length: slots }, () => min)
  for (let remaining = total - slots * min; remaining > 0;) {
    const i = Math.floor(random() * slots)
    const count = at(counts, i)
    if (count < max) {
      counts[i] = count + 1
      remaining--
    }
  }
  return counts
}

/** Largest-remainder apportionment: integer shares proportional to weights, summing to `total`. */
function apportion(weights: number[], total: number): number[] {
  const sum = weights.reduce((s, w) => s + w, 0)
  const exact = weights.map((w) => (w / sum) * total)
  const counts = exact.map(Math.floor)
  const byRemainder = exact.map((value, i) => ({ i, rest: value - Math.floor(value) })).sort((a, b) => b.rest - a.rest || a.i - b.i)
  let missing = total - counts.reduce((s, c) => s + c, 0)
  for (const { i } of byRemainder) {
    if (missing-- <= 0) break
    counts[i] = at(counts, i) + 1
  }
  return counts
}

// ---------------------------------------------------------------------------
// Layout planning

interface GridPlan { rect: Rect; buildingCount: number }
interface CommunityPlan {
  rect: Rect
  grids: GridPlan[]
  junctions: Junctions
  estates: Rect[]
}

function layoutStreetRects(): Rect[] {
  const xs = cutInterval(() => 0.5, DISTRICT_RECT.west, DISTRICT_RECT.east, STREETS.length, 0)
  return STREETS.map((_, i) => ({ west: at(xs, i), south: DISTRICT_RECT.south, east: at(xs, i + 1), north: DISTRICT_RECT.north }))
}

/** Two columns of slots per street; each community sits inside its own slot, so communities never overlap. */
function layoutCommunityRects(random: Random, street: Rect, count: number): Rect[] {
  const columns = 2
  const rows = Math.ceil(count / columns)
  const slotWidth = (street.east - street.west) / columns
  const slotHeight = (street.north - street.south) / rows
  // An odd count leaves one slot empty; which one varies with the seed.
  const slots = shuffled(random, Array.from({ length: rows * columns }, (_, i) => i)).slice(0, count).sort((a, b) => a - b)
  return slots.map((slot) => {
    const column = slot % columns
    const row = Math.floor(slot / columns)
    const width = slotWidth * between(random, 0.78, 0.9)
    const height = slotHeight * between(random, 0.7, 0.86)
    const west = street.west + column * slotWidth + (slotWidth - width) * between(random, 0.25, 0.75)
    // Rows are numbered from the north so community numbers read top-down on the map.
    const south = street.north - (row + 1) * slotHeight + (slotHeight - height) * between(random, 0.25, 0.75)
    return roundRect({ west, south, east: west + width, north: south + height })
  })
}

function layoutGrids(random: Random, community: Rect, gridCount: number): { rects: Rect[]; junctions: Junctions } {
  const rowsSouthToNorth = pick(random, GRID_LAYOUTS[gridCount] ?? [[gridCount]])
  const ys = cutInterval(random, community.south, community.north, rowsSouthToNorth.length)
  const rows = rowsSouthToNorth.map((columns, r) => ({
    south: at(ys, r),
    north: at(ys, r + 1),
    xs: cutInterval(random, community.west, community.east, columns),
  }))
  // Grids numbered north-west first, like reading a map.
  const rects = [...rows].reverse().flatMap((row) =>
    row.xs.slice(0, -1).map((west, c) => ({ west, south: row.south, east: at(row.xs, c + 1), north: row.north })),
  )
  const innerYs = ys.slice(1, -1)
  const junctions: Junctions = {
    south: at(rows, 0).xs,
    north: at(rows, rows.length - 1).xs,
    east: innerYs,
    west: innerYs,
  }
  return { rects, junctions }
}

/** Estates side by side across the community, each in its own column so they never overlap. */
function layoutEstates(random: Random, community: Rect, count: number): Rect[] {
  const inner: Rect = {
    west: community.west + ESTATE_EDGE_MARGIN,
    south: community.south + ESTATE_EDGE_MARGIN,
    east: community.east - ESTATE_EDGE_MARGIN,
    north: community.north - ESTATE_EDGE_MARGIN,
  }
  const columnWidth = (inner.east - inner.west) / count
  const innerHeight = inner.north - inner.south
  return Array.from({ length: count }, (_, i) => {
    const width = columnWidth * between(random, 0.5, 0.8)
    const height = innerHeight * between(random, 0.3, 0.6)
    const west = inner.west + i * columnWidth + (columnWidth - width) * random()
    const south = inner.south + (innerHeight - height) * random()
    return roundRect({ west, south, east: west + width, north: south + height })
  })
}

/** Jittered lattice: one point per randomly chosen lattice cell keeps buildings spread out and distinct. */
function layoutBuildings(random: Random, grid: Rect, count: number): Position[] {
  const inner: Rect = {
    west: grid.west + BUILDING_EDGE_MARGIN,
    south: grid.south + BUILDING_EDGE_MARGIN,
    east: grid.east - BUILDING_EDGE_MARGIN,
    north: grid.north - BUILDING_EDGE_MARGIN,
  }
  const width = inner.east - inner.west
  const height = inner.north - inner.south
  const columns = Math.max(1, Math.round(Math.sqrt((count * width) / height)))
  const rows = Math.max(1, Math.ceil(count / columns))
  const cellWidth = width / columns
  const cellHeight = height / rows
  const cells = shuffled(random, Array.from({ length: rows * columns }, (_, i) => i)).slice(0, count).sort((a, b) => a - b)
  return cells.map((cell): Position => {
    const column = cell % columns
    const row = Math.floor(cell / columns)
    return [
      round7(inner.west + (column + between(random, 0.2, 0.8)) * cellWidth),
      round7(inner.north - (row + between(random, 0.2, 0.8)) * cellHeight),
    ]
  })
}

function planCommunities(random: Random, streetRects: Rect[]): CommunityPlan[][] {
  const communityCount = STREETS.reduce((n, s) => n + s.communities.length, 0)
  const gridCounts = distribute(random, communityCount, TOTAL_GRIDS, GRIDS_PER_COMMUNITY.min, GRIDS_PER_COMMUNITY.max)
  const estateTotal = Math.floor(between(random, TARGET_ESTATES.min, TARGET_ESTATES.max + 1))
  const estateCounts = distribute(random, communityCount, estateTotal, ESTATES_PER_COMMUNITY.min, ESTATES_PER_COMMUNITY.max)

  let index = 0
  const plans = STREETS.map((street, s) =>
    layoutCommunityRects(random, at(streetRects, s), street.communities.length).map((rect) => {
      const { rects, junctions } = layoutGrids(random, rect, at(gridCounts, index))
      const estates = layoutEstates(random, rect, at(estateCounts, index))
      index++
      return { rect, junctions, estates, grids: rects.map((gridRect) => ({ rect: gridRect, buildingCount: 0 })) }
    }),
  )

  // Building density is uniform across the district, so larger grids get more buildings.
  const allGrids = plans.flat().flatMap((c) => c.grids)
  const buildingTotal = Math.floor(between(random, TARGET_BUILDINGS.min, TARGET_BUILDINGS.max + 1))
  const buildingCounts = apportion(allGrids.map((g) => area(g.rect)), buildingTotal)
  allGrids.forEach((grid, i) => { grid.buildingCount = at(buildingCounts, i) })
  return plans
}

// ---------------------------------------------------------------------------
// The tree

export function generateDemoCity(seed: number = DEFAULT_DEMO_SEED): DemoOrg[] {
  // Separate streams so tweaking the name pools does not move any geometry.
  const random = createRandom(seed)
  const nextName = createNameGenerator(createRandom(seed ^ 0x5bd1e995))
  const partyOrg = (kind: PartyOrgKind, name: string): DemoPartyOrg => ({ kind, name, secretary: nextName() })

  const orgs: DemoOrg[] = []
  const add = (org: Omit<DemoOrg, 'divisionCode' | 'partyOrg' | 'geometry' | 'propertyFirm'> & Partial<DemoOrg>): void => {
    orgs.push({ divisionCode: null, partyOrg: null, geometry: null, propertyFirm: null, ...org })
  }

  const streetRects = layoutStreetRects()
  const communityPlans = planCommunities(random, streetRects)
  // Drawn without replacement so estate names are unique across the district.
  const estatePrefixes = shuffled(random, ESTATE_PREFIXES)
  let estatesNamed = 0
  const nextHouseNumber = new Map<string, number>()

  add({
    key: 'nc', parentKey: null, kind: 'city', name: '南昌市', divisionCode: '360100000000',
    partyOrg: partyOrg('committee', '中共南昌市委'), geometry: rectPolygon(CITY_RECT),
  })
  add({
    key: 'nc.wl', parentKey: 'nc', kind: 'district', name: '湾里管理局', divisionCode: '360105000000',
    partyOrg: partyOrg('committee', '中共湾里管理局工委'),
    geometry: rectPolygon(DISTRICT_RECT, {
      south: streetRects.map((r) => r.east),
      north: streetRects.map((r) => r.east),
    }),
  })
  const districtDepartments = [
    { code: 'cg', name: '湾里管理局城市管理局', party: partyOrg('committee', '中共湾里管理局城市管理局党组') },
    { code: 'ga', name: '南昌市公安局湾里分局', party: partyOrg('committee', '中共南昌市公安局湾里分局委员会') },
    { code: 'sj', name: '湾里管理局市场监督管理局', party: partyOrg('committee', '中共湾里管理局市场监督管理局党组') },
  ]
  for (const dept of districtDepartments) {
    add({ key: `nc.wl.dept-${dept.code}`, parentKey: 'nc.wl', kind: 'department', name: dept.name, partyOrg: dept.party })
  }

  STREETS.forEach((street, s) => {
    const streetKey = `nc.wl.s${s + 1}`
    add({
      key: streetKey, parentKey: 'nc.wl', kind: 'street', name: street.name, divisionCode: street.divisionCode,
      partyOrg: partyOrg('committee', street.partyOrgName), geometry: rectPolygon(at(streetRects, s)),
    })
    add({
      key: `${streetKey}.dept-cg`, parentKey: streetKey, kind: 'department', name: `${street.name}城管中队`,
      partyOrg: partyOrg('branch', `${street.name}城管中队党支部`),
    })
    add({
      key: `${streetKey}.dept-pcs`, parentKey: streetKey, kind: 'department', name: `${street.shortName}派出所`,
      partyOrg: partyOrg('branch', `中共南昌市公安局湾里分局${street.shortName}派出所支部委员会`),
    })

    at(communityPlans, s).forEach((plan, c) => {
      const communityName = at(street.communities, c)
      const communityKey = `${streetKey}.c${pad(c + 1, 2)}`
      const isSmall = plan.grids.length <= GRIDS_PER_COMMUNITY.min
      add({
        key: communityKey, parentKey: streetKey, kind: 'community', name: communityName,
        divisionCode: street.divisionCode.slice(0, 9) + pad(c + 1, 3),
        partyOrg: isSmall
          ? partyOrg('general_branch', `中共${communityName}总支部委员会`)
          : partyOrg('committee', `中共${communityName}委员会`),
        geometry: rectPolygon(plan.rect, plan.junctions),
      })

      const estates = plan.estates.map((rect, e) => {
        const name = at(estatePrefixes, estatesNamed++) + pick(random, ESTATE_SUFFIXES)
        add({
          key: `${communityKey}.e${e + 1}`, parentKey: communityKey, kind: 'estate', name,
          geometry: rectPolygon(rect), propertyFirm: pick(random, PROPERTY_FIRMS),
        })
        return { rect, name, nextNumber: 1 }
      })

      plan.grids.forEach((grid, g) => {
        const gridKey = `${communityKey}.g${g + 1}`
        const gridName = `第${chineseOrdinal(g + 1)}网格`
        // Grids with many buildings typically have enough members for a full branch.
        const partyKind: PartyOrgKind = grid.buildingCount >= 22 ? 'branch' : 'group'
        add({
          key: gridKey, parentKey: communityKey, kind: 'grid', name: gridName,
          partyOrg: partyOrg(partyKind, `${communityName}${gridName}${partyKind === 'branch' ? '党支部' : '党小组'}`),
          geometry: rectPolygon(grid.rect),
        })

        const road = pick(random, ROADS)
        layoutBuildings(random, grid.rect, grid.buildingCount).forEach((point, b) => {
          // Buildings inside an estate are numbered within it (XX花园5栋); the rest get street addresses.
          const estate = estates.find((candidate) => contains(candidate.rect, point))
          let name: string
          if (estate) {
            name = `${estate.name}${estate.nextNumber++}栋`
          } else {
            const number = (nextHouseNumber.get(road) ?? 0) + 1 + Math.floor(random() * 3)
            nextHouseNumber.set(road, number)
            name = `${road}${number}号`
          }
          add({
            key: `${gridKey}.b${pad(b + 1, 3)}`, parentKey: gridKey, kind: 'building', name,
            geometry: { type: 'Point', coordinates: point },
          })
        })
      })
    })
  })

  return orgs
}
