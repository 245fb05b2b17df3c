// The pioneer index (先锋指数) of gig workers (快递员, 外卖骑手, 网约车司机) who are Party
// members: a score of 0–100 over one year's records, per person and per team (the members
// employed by one unit, e.g. a courier station or platform). See docs/members-api.md.

export interface PioneerRecord {
  /** Checked-out volunteer hours in the year. */
  hours: number
  /** Volunteer activities attended in the year. */
  activities: number
  /** Community posts and projects claimed in the year. */
  services: number
  /** Cases (民情) the person reported in the year that were verified or closed. */
  reports: number
  /** Mean of the community's ratings on their feedback cards, 1–5; null when never rated. */
  rating: number | null
}

/** What each part weighs and where it is full (reaching the cap earns the whole weight). */
export const PIONEER_WEIGHTS = {
  hours: { weight: 40, cap: 24 },
  services: { weight: 20, cap: 8 },
  reports: { weight: 20, cap: 4 },
  rating: { weight: 20 },
} as const

/** Unrated counts as the middle of the scale (3 of 5), neither helping nor hurting much. */
const UNRATED = 3

const part = (value: number, cap: number) => Math.min(Math.max(value, 0) / cap, 1)
const round1 = (x: number) => Math.round(x * 10) / 10

/**
 * index = 40·min(hours/24, 1) + 20·min((activities + services)/8, 1) + 20·min(reports/4, 1)
 *       + 20·(rating − 1)/4, with an unrated person counted at rating 3; one decimal.
 */
export function pioneerIndex(r: PioneerRecord): number {
  const w = PIONEER_WEIGHTS
  const rating = Math.min(Math.max(r.rating ?? UNRATED, 1), 5)
  return round1(
    w.hours.weight * part(r.hours, w.hours.cap) +
      w.services.weight * part(r.activities + r.services, w.services.cap) +
      w.reports.weight * part(r.reports, w.reports.cap) +
      w.rating.weight * ((rating - 1) / 4),
  )
}

/** A team's index is the mean of its members' indexes (one decimal); an empty team scores 0. */
export function teamIndex(indexes: number[]): number {
  if (indexes.length === 0) return 0
  return round1(indexes.reduce((s, x) => s + x, 0) / indexes.length)
}

/** The feedback-card rating as a number on the 1–5 scale. */
export const ratingScore = { excellent: 5, good: 4, fair: 3, poor: 2 } as const
