// The wish state machine, pure: which states each action starts from, where it leads and who may
// take it. pending → open (approve) or rejected; open → claimed (one claimant) or cancelled (by
// the wisher or a cadre, or by the sweep when it expires); claimed → open (release) or fulfilled;
// a fulfilled wish is thanked once and stays fulfilled.
import type { WishAction, WishState } from './wishes.schemas.ts'

export interface WishViewer {
  /** The wisher or whoever posted it for them. */
  wisher: boolean
  /** The claiming person, or someone acting for the claiming unit. */
  claimant: boolean
  /** A cadre of the wish's community or above. */
  moderator: boolean
  /** A Party member or someone acting for a unit: may claim. */
  mayClaim: boolean
}

export interface WishFacts {
  state: WishState
  thanked: boolean
  /** A pending or open wish whose last day has passed. */
  expired: boolean
}

interface Rule {
  from: readonly WishState[]
  to: WishState
  who: (v: WishViewer) => boolean
  /** Besides the state: what else must hold (else 409 like a wrong state). */
  also?: (w: WishFacts) => boolean
}

export const RULES: Record<WishAction, Rule> = {
  approve: { from: ['pending'], to: 'open', who: (v) => v.moderator, also: (w) => !w.expired },
  reject: { from: ['pending'], to: 'rejected', who: (v) => v.moderator },
  // Nobody claims their own wish; a cadre claims as a member, not as a moderator.
  claim: { from: ['open'], to: 'claimed', who: (v) => v.mayClaim && !v.wisher, also: (w) => !w.expired },
  release: { from: ['claimed'], to: 'open', who: (v) => v.claimant || v.moderator },
  fulfil: { from: ['claimed'], to: 'fulfilled', who: (v) => v.claimant },
  thank: { from: ['fulfilled'], to: 'fulfilled', who: (v) => v.wisher || v.moderator, also: (w) => !w.thanked },
  cancel: { from: ['pending', 'open'], to: 'cancelled', who: (v) => v.wisher || v.moderator },
}

export const ACTIONS = Object.keys(RULES) as WishAction[]

/** Whether the state (and the other facts) allow the action, whoever asks. */
export const stateAllows = (action: WishAction, w: WishFacts) => RULES[action].from.includes(w.state) && (RULES[action].also?.(w) ?? true)

/** The actions this viewer may take on the wish now. */
export const actionsFor = (v: WishViewer, w: WishFacts): WishAction[] => ACTIONS.filter((a) => RULES[a].who(v) && stateAllows(a, w))

/**
 * Why an action is refused, or null when it may go ahead: `forbidden` when the viewer may never
 * take it, `state` when the wish is not (or no longer) in a state it starts from.
 */
export function refusalOf(action: WishAction, v: WishViewer, w: WishFacts): 'forbidden' | 'state' | null {
  if (!RULES[action].who(v)) return 'forbidden'
  return stateAllows(action, w) ? null : 'state'
}

const COMPOUND_SURNAMES = ['欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙', '夏侯', '令狐', '宇文', '司徒', '端木', '独孤']

/** A name's surname (a compound one when it starts with one). */
export function surnameOf(name: string): string {
  const n = name.trim()
  return COMPOUND_SURNAMES.find((s) => n.startsWith(s) && n.length > s.length) ?? n.slice(0, 1)
}

/** How the wall names a wisher: the surname and a form of address, never the given name. */
export function wisherLabel(name: string, beneficiary: string): string {
  const s = surnameOf(name)
  switch (beneficiary) {
    case 'child': return `${s}同学`
    case 'elderly': return `${s}老`
    case 'family_in_difficulty': return `${s}家`
    default: return `${s}**`
  }
}
