// Who may issue API tokens and change security settings.
import { definePolicy, LEVEL, levelAt, roleLevels, type Role } from '../../kernel/policy.ts'

/** "An admin in scope": a street admin or above on the token's node, granting no more than they hold. */
definePolicy<{ orgPath: string; role: Role }>(
  'token.create',
  (actor, t) => actor.kind === 'person' && levelAt(actor, t.orgPath) >= Math.max(LEVEL.scopeAdmin, roleLevels[t.role]),
)

definePolicy<{ orgPath: string }>('token.manage', (actor, t) => actor.kind === 'person' && levelAt(actor, t.orgPath) >= LEVEL.scopeAdmin)

definePolicy<null>('settings.security', (actor) => actor.kind === 'person' && actor.roles.some((r) => r.role === 'admin'))
