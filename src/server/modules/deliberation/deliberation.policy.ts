// Who may do what in deliberation. Topics, votes and resolutions belong to a community: anyone
// who lives or works there (a role at the node, below it or above it) reads them and may propose
// and support; staff (grid staff and above over the node) read the lists; cadres (community
// cadres and above) carry topics through the stages, set up votes, enter paper tallies and run
// resolutions, each stage further gated by its template's role. Templates shipped by the system
// are edited by system administrators, a node's own by street admins and above over it.
import { definePolicy, isAncestorOrSelf, LEVEL, levelAt, roleLevels } from '../../kernel/policy.ts'
import type { Actor } from '../../kernel/context.ts'

export interface TopicSubject {
  /** The topic's node. */
  orgPath: string
  state: string
  proposerId: string | null
}
export interface VoteSubject { orgPath: string; topicOrgPath: string; state: string; mode: string }
export interface ResolutionSubject { orgPath: string; state: string }
export interface TaskSubject extends ResolutionSubject { ownerId: string | null }
export interface TallySubject { orgPath: string; voteState: string; enteredBy: string }
export interface TemplateSubject { orgPath: string | null }

const person = (actor: Actor) => actor.kind === 'person' && actor.personId !== null

/** Lives or works at the node, in it, or over it. */
export const belongsAt = (actor: Actor, path: string) =>
  person(actor) && actor.roles.some((r) => isAncestorOrSelf(r.orgPath, path) || isAncestorOrSelf(path, r.orgPath))
export const isStaffAt = (actor: Actor, path: string) => person(actor) && levelAt(actor, path) >= LEVEL.gridStaff
export const isCadreAt = (actor: Actor, path: string) => person(actor) && levelAt(actor, path) >= LEVEL.cadre

definePolicy<TopicSubject>('topic.read', (actor, t) => belongsAt(actor, t.orgPath) || (actor.personId !== null && t.proposerId === actor.personId))
definePolicy<TopicSubject>('topic.support', (actor, t) => belongsAt(actor, t.orgPath))
definePolicy<TopicSubject>('topic.manage', (actor, t) => isCadreAt(actor, t.orgPath))
/** Proposing a topic at a node: who lives or works there. */
definePolicy<{ path: string }>('topic.proposeAt', (actor, o) => belongsAt(actor, o.path))
/** Collecting a proposal for a resident, choosing another template: cadres. */
definePolicy<{ path: string }>('topic.collectAt', (actor, o) => isCadreAt(actor, o.path))
/** Lists, boards, roll-ups of a node: whoever belongs there (they show only the node's own topics). */
definePolicy<{ path: string }>('topic.listAt', (actor, o) => belongsAt(actor, o.path))
definePolicy<{ path: string }>('deliberation.settingsAt', (actor, o) => isCadreAt(actor, o.path))

definePolicy<VoteSubject>('vote.read', (actor, v) => belongsAt(actor, v.topicOrgPath) || belongsAt(actor, v.orgPath))
definePolicy<VoteSubject>('vote.cast', (actor) => person(actor))
definePolicy<VoteSubject>('vote.manage', (actor, v) => isCadreAt(actor, v.topicOrgPath))
definePolicy<TallySubject>('tally.read', (actor, t) => belongsAt(actor, t.orgPath))
definePolicy<TallySubject>('tally.confirm', (actor, t) => isCadreAt(actor, t.orgPath))

definePolicy<ResolutionSubject>('resolution.read', (actor, r) => belongsAt(actor, r.orgPath))
definePolicy<ResolutionSubject>('resolution.comment', (actor, r) => belongsAt(actor, r.orgPath))
definePolicy<ResolutionSubject>('resolution.manage', (actor, r) => isCadreAt(actor, r.orgPath))
definePolicy<TaskSubject>('resolutionTask.read', (actor, r) => belongsAt(actor, r.orgPath))
definePolicy<TaskSubject>('resolutionTask.done', (actor, r) => isCadreAt(actor, r.orgPath) || (actor.personId !== null && r.ownerId === actor.personId))

definePolicy<TemplateSubject>('deliberationTemplate.read', () => true)
definePolicy<TemplateSubject>('deliberationTemplate.manage', (actor, t) =>
  person(actor) && (t.orgPath === null ? actor.roles.some((r) => roleLevels[r.role] >= roleLevels.admin) : levelAt(actor, t.orgPath) >= LEVEL.scopeAdmin))
definePolicy<{ path: string }>('deliberationTemplate.createAt', (actor, o) => person(actor) && levelAt(actor, o.path) >= LEVEL.scopeAdmin)
