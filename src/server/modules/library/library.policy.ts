// Who may do what in the shared library (云平台). Every signed-in person reads the library (the
// point is to learn from communities one does not belong to) and may comment. A node's cadres
// (community cadres and above over it) publish there, revise and delete what it published, and
// mark practices adopted there (which may import a practice's template); a comment is deleted by
// its author or a cadre over the practice's node.
import { definePolicy, LEVEL, levelAt } from '../../kernel/policy.ts'
import type { Actor } from '../../kernel/context.ts'

export interface PracticeSubject {
  orgPath: string
}

export interface LibraryCommentSubject {
  authorId: string
  /** The practice's node. */
  orgPath: string
}

const person = (actor: Actor) => actor.kind === 'person' && actor.personId !== null
const signedIn = (actor: Actor) => actor.kind !== 'anonymous'
export const cadreAt = (actor: Actor, path: string) => person(actor) && levelAt(actor, path) >= LEVEL.cadre

definePolicy<PracticeSubject>('practice.read', signedIn)
definePolicy<PracticeSubject>('practice.comment', person)
definePolicy<PracticeSubject>('practice.manage', (actor, p) => cadreAt(actor, p.orgPath))
/** Publishing at a node, adopting at a node: its cadres. */
definePolicy<{ path: string }>('practice.publishAt', (actor, o) => cadreAt(actor, o.path))
definePolicy<{ path: string }>('practice.adoptAt', (actor, o) => cadreAt(actor, o.path))

definePolicy<LibraryCommentSubject>('libraryComment.read', signedIn)
definePolicy<LibraryCommentSubject>('libraryComment.delete', (actor, c) => person(actor) && (c.authorId === actor.personId || cadreAt(actor, c.orgPath)))
