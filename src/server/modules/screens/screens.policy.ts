// Who manages wall screens: the cadres of the node (community cadres and above over it) make a
// screen link for it, list and revoke its links. The link itself is no login: it reads that
// node's screen feed and nothing else (screens.service.ts).
import { definePolicy, LEVEL, levelAt } from '../../kernel/policy.ts'
import type { Actor } from '../../kernel/context.ts'

export interface ScreenSubject {
  orgPath: string
}

const cadreAt = (actor: Actor, path: string) => actor.kind === 'person' && levelAt(actor, path) >= LEVEL.cadre

definePolicy<ScreenSubject>('screen.read', (actor, s) => cadreAt(actor, s.orgPath))
definePolicy<ScreenSubject>('screen.manage', (actor, s) => cadreAt(actor, s.orgPath))
definePolicy<{ path: string }>('screen.manageAt', (actor, o) => cadreAt(actor, o.path))
