// The pure rules of deliberation: what a stage demands before it completes, the support a topic
// needs, and a vote's outcome (quorum and threshold). No database here; unit-tested.
import { roleLevels, type Role } from '../../kernel/roles.ts'
import type { AdvanceInput, Choice, Stage } from './deliberation.schemas.ts'

export type Totals = Record<Choice, number>
export const zeroTotals = (): Totals => ({ for: 0, against: 0, abstain: 0 })
export const addTotals = (a: Totals, b: Totals): Totals => ({ for: a.for + b.for, against: a.against + b.against, abstain: a.abstain + b.abstain })

/**
 * A vote's outcome: the quorum is met when the ballots cast (online and confirmed paper) reach
 * `quorumPercent` of the electorate; it passes when, with the quorum met, "for" is MORE than
 * `thresholdPercent` of the ballots cast (50 = a simple majority; 66.66 = two thirds).
 */
export function outcomeOf(totals: Totals, electorate: number, quorumPercent: number, thresholdPercent: number) {
  const turnout = totals.for + totals.against + totals.abstain
  const quorumMet = turnout > 0 && turnout * 100 >= quorumPercent * electorate
  const passed = quorumMet && totals.for * 100 > thresholdPercent * turnout
  return { turnout, quorumMet, passed }
}

/** Households needed: the fixed number, or the share of the community's households (at least 1); the smaller when both are set. */
export function supportNeeded(s: { supportHouseholds: number | null; supportPercent: number | null }, households: number): number {
  const options: number[] = []
  if (s.supportHouseholds) options.push(s.supportHouseholds)
  if (s.supportPercent) options.push(Math.ceil((s.supportPercent * households) / 100))
  return Math.max(1, options.length ? Math.min(...options) : 10)
}

export type StageProblem =
  | { code: 'TOPIC_STAGE_ROLE'; role: Role }
  | { code: 'TOPIC_OUTPUT_REQUIRED' }
  | { code: 'TOPIC_QUORUM'; quorum: number }
  | { code: 'TOPIC_VOTE_REQUIRED' }

/**
 * Whether the current stage may complete: the actor's level at the topic's node reaches the
 * stage's role (and a cadre's for the first stage, which residents fill by proposing and
 * supporting), the output the stage needs is there, the quorum is met, and a voting stage has a
 * vote that passed.
 */
export function stageProblem(stage: Stage, index: number, level: number, input: AdvanceInput, votePassed: boolean): StageProblem | null {
  const role: Role = index === 0 && roleLevels[stage.role] < roleLevels.community_cadre ? 'community_cadre' : stage.role
  if (level < roleLevels[role]) return { code: 'TOPIC_STAGE_ROLE', role }
  if (stage.output !== 'none' && !(input.output?.trim() || input.outputRef)) return { code: 'TOPIC_OUTPUT_REQUIRED' }
  if (stage.quorum && (input.attendees ?? 0) < stage.quorum) return { code: 'TOPIC_QUORUM', quorum: stage.quorum }
  if (stage.vote && !votePassed) return { code: 'TOPIC_VOTE_REQUIRED' }
  return null
}

/** The stage's deadline from its start (whole days), or null. */
export const dueAt = (stage: Stage, from: Date): string | null =>
  stage.deadlineDays ? new Date(from.getTime() + stage.deadlineDays * 86_400_000).toISOString() : null
