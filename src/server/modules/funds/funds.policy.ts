// Who may do what with funds and projects. A community's funds and projects are kept by its
// cadres and those above (street, district); grid staff of the community read them. The people of
// the social organisation that runs a project read it and record its spending with the cadres'
// consent (they propose; cadres decide, budget and confirm). Decided projects are public: the
// public page shows them without the payees and receipts, and anyone signed in may pledge to a
// crowdfunding one.
import { definePolicy, isAncestorOrSelf, LEVEL, levelAt } from '../../kernel/policy.ts'
import type { Actor } from '../../kernel/context.ts'

export interface FundSubject {
  orgPath: string
}

export interface ProjectSubject {
  orgPath: string
  state: string
  kind: string
  /** The people who act for the project's social organisation (none without one). */
  unitPersonIds: string[]
}

export interface ProposalSubject {
  orgPath: string
  unit: { kind: string; orgPath: string; personIds: string[]; pairedCommunities: { path: string }[] }
}

export interface PledgeSubject {
  orgPath: string
  state: string
  personId: string
}

/** The states the public page shows. */
export const PUBLIC_PROJECT_STATES = ['decided', 'budgeted', 'done']

const person = (actor: Actor) => actor.kind === 'person'
export const keeps = (actor: Actor, o: { orgPath: string }) => person(actor) && levelAt(actor, o.orgPath) >= LEVEL.cadre
export const staffOf = (actor: Actor, o: { orgPath: string }) => person(actor) && levelAt(actor, o.orgPath) >= LEVEL.gridStaff
const runsIt = (actor: Actor, p: ProjectSubject) => actor.personId !== null && p.unitPersonIds.includes(actor.personId)

/** Reading a node's funds, projects and figures: its staff. */
definePolicy<{ path: string }>('fund.readAt', (actor, o) => staffOf(actor, { orgPath: o.path }))
/** Registering funds and proposing projects at a node: its cadres. */
definePolicy<{ path: string }>('fund.manageAt', (actor, o) => keeps(actor, { orgPath: o.path }))
definePolicy<FundSubject>('fund.read', staffOf)
definePolicy<FundSubject>('fund.manage', keeps)

/** The record exists for the caller: staff, the organisation that runs it, or anyone once it is public. */
definePolicy<ProjectSubject>('project.read', (actor, p) => staffOf(actor, p) || runsIt(actor, p) || PUBLIC_PROJECT_STATES.includes(p.state))
/** The full record (payees, receipts, pledgers, timeline). */
definePolicy<ProjectSubject>('project.view', (actor, p) => staffOf(actor, p) || runsIt(actor, p))
definePolicy<ProjectSubject>('project.manage', keeps)
/** Naming a node to propose a project at: the org tree's names are public (the public page), what may be proposed there is `project.propose`. */
definePolicy<{ path: string }>('project.nameOrg', (actor) => person(actor) && actor.personId !== null)
/**
 * Proposing a project at a node: its cadres, or a person acting for a social organisation
 * registered at or under the node (a community or its street) or paired with the community.
 */
definePolicy<ProposalSubject>('project.propose', (actor, s) => keeps(actor, s) || (person(actor) && actor.personId !== null && s.unit.kind === 'social_organisation'
  && s.unit.personIds.includes(actor.personId) && (isAncestorOrSelf(s.orgPath, s.unit.orgPath) || s.unit.pairedCommunities.some((c) => c.path === s.orgPath))))
/** Spending and progress: cadres, and the organisation that runs it. */
definePolicy<ProjectSubject>('project.spend', (actor, p) => keeps(actor, p) || (person(actor) && runsIt(actor, p)))
definePolicy<ProjectSubject>('project.pledge', (actor, p) => person(actor) && actor.personId !== null && PUBLIC_PROJECT_STATES.includes(p.state))

definePolicy<PledgeSubject>('pledge.read', (actor, p) => staffOf(actor, p) || (actor.personId !== null && p.personId === actor.personId))
definePolicy<PledgeSubject>('pledge.confirm', keeps)
definePolicy<PledgeSubject>('pledge.withdraw', (actor, p) => keeps(actor, p) || (person(actor) && actor.personId === p.personId))

/** A social organisation's profile: the cadres over the unit's node. */
definePolicy<{ orgPath: string }>('socialOrg.manage', keeps)
