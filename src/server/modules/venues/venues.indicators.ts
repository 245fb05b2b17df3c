// The venues module's figures for the statistics table (kernel/indicators.ts): room bookings held
// at a community's venues, how full their rooms were (booked hours over open hours, summed before
// dividing), and the share of the community's buildings inside the 15-minute life circle of a
// venue. A venue counts at the community its managing node lies in (a street's venue counts in no
// community). The circle is measured as the coverage page's straight-line fallback with the
// default settings (1,000 m walking, detour factor 1.3: 769 m straight), since an indicator has one
// definition for every city; the walking network is left to the coverage page.
import { sql } from 'drizzle-orm'
import { inMonth, MONTH_OF_SQL, onlyCommunities, touchedMonths, type IndicatorDef, type IndicatorSource, type Month } from '../../kernel/indicators.ts'
import { communityOfNode, orgTree } from '../orgs/orgs.read.ts'
import { TIERS } from './venues.circle.ts'

/** The straight-line reach of the 15-minute circle with the default detour factor. */
export const CIRCLE_STRAIGHT_METRES = Math.round(TIERS[15] / 1.3)

/** A box around a point wider than the circle's reach at any latitude of China (0.015° of longitude is 0.9 km at 53°N), so the gist indexes narrow the search. */
const NEAR_DEGREES = 0.015

const only = (communities: string | null) => onlyCommunities('cn.community_id', communities)
const chinaDay = (t: string) => sql`(${t}::timestamptz AT TIME ZONE 'Asia/Shanghai')::date`
const hoursBetween = (open: string, close: string) => `extract(epoch FROM (${close})::time - (${open})::time) / 3600.0`

/**
 * Hours a venue of `v` is open on the days of the month, by the rule of linli_venue_open_at
 * (migration 0022): an exception of the date first, then weekday holidays closed unless the venue
 * opens on them, else the weekly pattern.
 */
const openHours = (m: Month) => sql`(SELECT coalesce(sum(CASE
    WHEN ex.e IS NOT NULL THEN CASE WHEN coalesce((ex.e->>'closed')::boolean, false) OR NOT (ex.e ? 'open' AND ex.e ? 'close') THEN 0
      ELSE ${sql.raw(hoursBetween(`ex.e->>'open'`, `ex.e->>'close'`))} END
    WHEN coalesce((v.hours->>'closedOnHolidays')::boolean, true) AND extract(isodow FROM d.day) < 6 AND NOT linli_is_workday(d.day) THEN 0
    ELSE (SELECT coalesce(sum(${sql.raw(hoursBetween(`w->>'open'`, `w->>'close'`))}), 0) FROM jsonb_array_elements(v.hours->'weekly') w WHERE (w->>'day')::int = extract(isodow FROM d.day)::int)
  END), 0)
  FROM (SELECT g::date AS day FROM generate_series(${chinaDay(m.from)}, ${chinaDay(m.to)} - 1, interval '1 day') g) d,
    LATERAL (SELECT (SELECT e FROM jsonb_array_elements(v.hours->'exceptions') e WHERE e->>'date' = d.day::text LIMIT 1) AS e) ex)`

/** Rooms standing in the month (not removed before it began) of venues standing in it. */
const standingRooms = (m: Month) => sql`FROM venue_rooms r JOIN venues v ON v.id = r.venue_id JOIN ${communityOfNode} cn ON cn.org_id = v.org_id
  WHERE r.created_at < ${m.to}::timestamptz AND (r.deleted_at IS NULL OR r.deleted_at >= ${m.from}::timestamptz)
    AND v.created_at < ${m.to}::timestamptz AND (v.deleted_at IS NULL OR v.deleted_at >= ${m.from}::timestamptz)`

export const venueIndicators: IndicatorDef[] = [
  { code: 'venues.bookings', name: { zh: '阵地预约', en: 'Room bookings' }, ledger: 'livelihood', unit: { zh: '次', en: 'bookings' }, kind: 'count', time: 'sum',
    definition: { zh: '当月开始、已确认的社区阵地场室预约数（待审核、被拒、取消、过期、爽约的不计）', en: 'Confirmed bookings of the community’s venue rooms starting in the month (pending, rejected, cancelled, expired and no-show ones excluded)' },
    compute: (m, communities) => sql`SELECT cn.community_id::text AS community_id, count(*)::numeric AS numerator, NULL::numeric AS denominator
      FROM room_bookings x JOIN venue_rooms r ON r.id = x.room_id JOIN venues v ON v.id = r.venue_id JOIN ${communityOfNode} cn ON cn.org_id = v.org_id
      WHERE ${inMonth('start_at', m)} AND x.state = 'confirmed' ${only(communities)} GROUP BY 1` },
  { code: 'venues.occupancy', name: { zh: '场室使用率', en: 'Room occupancy' }, ledger: 'livelihood', unit: { zh: '%', en: '%' }, kind: 'ratio', scale: 100, time: 'sum',
    definition: { zh: '当月社区阵地各场室已确认预约的小时数，占各场室开放小时数（按开放时间、例外日期和节假日计算）之和的比例', en: 'Hours of confirmed bookings of the community’s rooms in the month over the hours the rooms were open (weekly hours, exceptions and holidays applied)' },
    compute: (m, communities) => sql`SELECT f.community_id, sum(f.booked)::numeric AS numerator, sum(f.open)::numeric AS denominator FROM (
        SELECT cn.community_id::text AS community_id, 0 AS booked, ${openHours(m)} AS open ${standingRooms(m)} ${only(communities)}
        UNION ALL
        SELECT cn.community_id::text, extract(epoch FROM (x.end_at - x.start_at)) / 3600.0, 0
        FROM room_bookings x JOIN venue_rooms r ON r.id = x.room_id JOIN venues v ON v.id = r.venue_id JOIN ${communityOfNode} cn ON cn.org_id = v.org_id
        WHERE ${inMonth('start_at', m)} AND x.state = 'confirmed' ${only(communities)}) f
      GROUP BY 1 HAVING sum(f.open) > 0 OR sum(f.booked) > 0` },
  { code: 'venues.circle_coverage', name: { zh: '15分钟生活圈覆盖率', en: '15-minute circle coverage' }, ledger: 'livelihood', unit: { zh: '%', en: '%' }, kind: 'ratio', scale: 100, time: 'last',
    definition: { zh: `月末社区内楼栋中，步行 15 分钟（直线 ${CIRCLE_STRAIGHT_METRES} 米，即步行 1000 米 ÷ 绕行系数 1.3）内有阵地（含街道及邻近社区的阵地）的比例`, en: `Of the community’s buildings at the month’s end, the share with a venue (of any node, neighbours’ included) within a 15-minute walk (${CIRCLE_STRAIGHT_METRES} m straight: 1,000 m over a detour factor of 1.3)` },
    compute: (m, communities) => sql`SELECT cn.community_id::text AS community_id,
        count(*) FILTER (WHERE EXISTS (SELECT 1 FROM venues v WHERE v.created_at < ${m.to}::timestamptz AND (v.deleted_at IS NULL OR v.deleted_at >= ${m.to}::timestamptz)
          AND v.entrance && ST_Expand(ST_PointOnSurface(b.geometry), ${NEAR_DEGREES}) AND ST_DWithin(v.entrance::geography, ST_PointOnSurface(b.geometry)::geography, ${CIRCLE_STRAIGHT_METRES})))::numeric AS numerator, count(*)::numeric AS denominator
      FROM ${orgTree} b JOIN ${communityOfNode} cn ON cn.org_id = b.id
      WHERE b.kind = 'building' AND b.geometry IS NOT NULL AND (b.deleted_at IS NULL OR b.deleted_at >= ${m.to}::timestamptz) ${only(communities)} GROUP BY 1` },
]

export const venueIndicatorSource: IndicatorSource = {
  source: 'venues',
  indicators: venueIndicators,
  // A booking: the months it starts in and was written in. A venue or room changed (hours, rooms,
  // a venue added or removed): the month of the change at its own community and, for the circle,
  // at every community with a building within reach of its entrance.
  changes: (from, to) => sql`SELECT DISTINCT cn.community_id::text AS community_id, m.period
      FROM room_bookings x JOIN venue_rooms r ON r.id = x.room_id JOIN venues v ON v.id = r.venue_id JOIN ${communityOfNode} cn ON cn.org_id = v.org_id
      ${touchedMonths('x.start_at')} WHERE x.updated_at > ${from}::timestamptz AND x.updated_at <= ${to}::timestamptz
    UNION SELECT DISTINCT cn.community_id::text, ${sql.raw(MONTH_OF_SQL('r.updated_at'))} FROM venue_rooms r JOIN venues v ON v.id = r.venue_id JOIN ${communityOfNode} cn ON cn.org_id = v.org_id
      WHERE r.updated_at > ${from}::timestamptz AND r.updated_at <= ${to}::timestamptz
    UNION SELECT DISTINCT cn.community_id::text, ${sql.raw(MONTH_OF_SQL('v.updated_at'))} FROM venues v
      JOIN ${orgTree} b ON b.kind = 'building' AND b.geometry && ST_Expand(v.entrance, ${NEAR_DEGREES}) AND ST_DWithin(v.entrance::geography, ST_PointOnSurface(b.geometry)::geography, ${CIRCLE_STRAIGHT_METRES})
      JOIN ${communityOfNode} cn ON cn.org_id = b.id
      WHERE v.updated_at > ${from}::timestamptz AND v.updated_at <= ${to}::timestamptz
    UNION SELECT DISTINCT cn.community_id::text, ${sql.raw(MONTH_OF_SQL('v.updated_at'))} FROM venues v JOIN ${communityOfNode} cn ON cn.org_id = v.org_id
      WHERE v.updated_at > ${from}::timestamptz AND v.updated_at <= ${to}::timestamptz`,
}
