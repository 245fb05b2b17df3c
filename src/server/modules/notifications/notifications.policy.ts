// A notification is its addressee's alone.
import { definePolicy } from '../../kernel/policy.ts'

definePolicy<{ personId: string }>('notification.read', (actor, n) => actor.personId !== null && actor.personId === n.personId)
