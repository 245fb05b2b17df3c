// Words of organisation life, Chinese and English (browser-safe: the console and the phone import
// them): how a member belongs to a Party organisation, posts, plan frequencies, study course kinds,
// the default yearly plan per kind of Party organisation (from the rules of 三会一课), and the
// statuses of a plan period on the dashboard.
import type { MeetingKind } from '../meetings/meetings.kinds.ts'

type W = { zh: string; en: string }
/** One list of words by key: the keys are the values a column takes, the words how they read. */
const wordsOf = <const T extends Record<string, W>>(words: T): T => words

/** 直管: the organisational relation is here; 参管: an in-service member registered at the community; 协管: others it helps to manage (retired, flowing). */
export const partyRelationWords = wordsOf({
  direct: { zh: '直管', en: 'Direct (organisational relation)' },
  participating: { zh: '参管', en: 'Participating (registered in-service)' },
  assisting: { zh: '协管', en: 'Assisting' },
})
export type PartyRelation = keyof typeof partyRelationWords

export const partyPostWords = wordsOf({
  secretary: { zh: '书记', en: 'Secretary' },
  deputy_secretary: { zh: '副书记', en: 'Deputy secretary' },
  committee_member: { zh: '委员', en: 'Committee member' },
  group_leader: { zh: '党小组长', en: 'Group leader' },
  member: { zh: '党员', en: 'Member' },
})
export type PartyPost = keyof typeof partyPostWords

export const frequencyWords = wordsOf({
  monthly: { zh: '每月', en: 'Monthly' },
  quarterly: { zh: '每季度', en: 'Quarterly' },
  half_yearly: { zh: '每半年', en: 'Half-yearly' },
  yearly: { zh: '每年', en: 'Yearly' },
  none: { zh: '不作要求', en: 'Not required' },
})
export type Frequency = keyof typeof frequencyWords
/** Periods per year of each frequency. */
export const periodsPerYear: Record<Frequency, number> = { monthly: 12, quarterly: 4, half_yearly: 2, yearly: 1, none: 0 }

export const courseKindWords = wordsOf({
  party_history: { zh: '党史学习教育', en: 'Party history education' },
  secretary_training: { zh: '书记培训', en: "Secretaries' training" },
  theory: { zh: '理论学习', en: 'Theory study' },
  other: { zh: '其他学习', en: 'Other study' },
})
export type CourseKind = keyof typeof courseKindWords

export const partyOrgKindWords = wordsOf({
  committee: { zh: '党委', en: 'Party committee' },
  general_branch: { zh: '党总支', en: 'General branch' },
  branch: { zh: '党支部', en: 'Branch' },
  group: { zh: '党小组', en: 'Party group' },
})
export type PartyOrgKind = keyof typeof partyOrgKindWords

/**
 * The default plan when an organisation has none for a year (三会一课: 支委会 monthly, 党员大会
 * quarterly, 党课 quarterly, 党小组会 monthly; 主题党日 monthly). A group holds group meetings;
 * the "五微" are encouraged, never required by default.
 */
type Plan = Partial<Record<MeetingKind, Frequency>>
/** A branch's and a general branch's 三会一课 and 主题党日. */
const branchPlan: Plan = { branch_assembly: 'quarterly', branch_committee: 'monthly', party_class: 'quarterly', theme_day: 'monthly' }
export const defaultPlans: Record<PartyOrgKind, Plan> = {
  committee: { branch_committee: 'monthly', party_class: 'quarterly' },
  general_branch: branchPlan,
  branch: branchPlan,
  group: { group_meeting: 'monthly' },
}

/**
 * A plan period on the dashboard: held (a meeting of the kind held in it), planned (scheduled,
 * not yet held), due (current, nothing scheduled, it ends within a week), open (current, time
 * left), late (over: scheduled in it but not held by its end), missing (over: nothing at all),
 * upcoming (not begun).
 */
export const periodStatusWords = wordsOf({
  held: { zh: '已召开', en: 'Held' },
  planned: { zh: '已安排', en: 'Planned' },
  due: { zh: '临期未安排', en: 'Due soon' },
  open: { zh: '待安排', en: 'To plan' },
  late: { zh: '逾期未开', en: 'Late' },
  missing: { zh: '缺开', en: 'Missing' },
  upcoming: { zh: '未到期', en: 'Upcoming' },
})
export type PeriodStatus = keyof typeof periodStatusWords
