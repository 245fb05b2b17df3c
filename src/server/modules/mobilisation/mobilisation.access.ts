// How emergency, post, shift, zone, team and sign-up ids that arrive in a path, a query or a body
// are checked: each loads its emergency's org path and whether it has ended (a sign-up also its
// holder). What the caller may not see answers 404.
import { sql, type SQL } from 'drizzle-orm'
import { defineAccessLoader, idArray } from '../../kernel/access.ts'
import { rows } from '../../kernel/db/client.ts'
import { orgTree } from '../orgs/orgs.read.ts'
import type { EmergencySubject, SignupSubject } from './mobilisation.policy.ts'

const subjectCols = sql`o.path::text AS "orgPath", (e.ended_at IS NOT NULL) AS ended`

async function load<S>(ex: Parameters<typeof rows>[0], query: SQL) {
  const found = await rows<S & { id: string }>(ex, query)
  return new Map(found.map(({ id, ...s }) => [id, s as unknown as S]))
}

defineAccessLoader<EmergencySubject>('emergency', {
  notFound: 'EMERGENCY_NOT_FOUND',
  read: 'emergency.read',
  load: (ex, ids) => load(ex, sql`SELECT e.id::text, ${subjectCols} FROM emergencies e JOIN ${orgTree} o ON o.id = e.org_id WHERE e.id = ANY(${idArray(ids)})`),
})

/** A record that belongs to an emergency through `emergency_id` (or, for a shift, through its post). */
function viaEmergency(entity: string, notFound: 'DUTY_POST_NOT_FOUND' | 'SHIFT_NOT_FOUND' | 'ZONE_NOT_FOUND' | 'TEAM_NOT_FOUND' | 'BRANCH_NOT_FOUND', from: SQL) {
  defineAccessLoader<EmergencySubject>(entity, {
    notFound,
    read: 'emergency.read',
    load: (ex, ids) => load(ex, sql`SELECT x.id::text, ${subjectCols} FROM ${from} JOIN emergencies e ON e.id = x.emergency_id
      JOIN ${orgTree} o ON o.id = e.org_id WHERE x.id = ANY(${idArray(ids)})`),
  })
}

viaEmergency('emergencyPost', 'DUTY_POST_NOT_FOUND', sql`emergency_posts x`)
viaEmergency('emergencyShift', 'SHIFT_NOT_FOUND', sql`(SELECT s.id, p.emergency_id FROM emergency_shifts s JOIN emergency_posts p ON p.id = s.post_id) x`)
viaEmergency('emergencyZone', 'ZONE_NOT_FOUND', sql`emergency_zones x`)
viaEmergency('emergencyTeam', 'TEAM_NOT_FOUND', sql`emergency_teams x`)
viaEmergency('emergencyBranch', 'BRANCH_NOT_FOUND', sql`emergency_branches x`)

defineAccessLoader<SignupSubject>('shiftSignup', {
  notFound: 'SIGNUP_NOT_FOUND',
  read: 'signup.read',
  load: (ex, ids) => load(ex, sql`SELECT g.id::text, g.person_id::text AS "personId", ${subjectCols} FROM shift_signups g
    JOIN emergency_shifts s ON s.id = g.shift_id JOIN emergency_posts p ON p.id = s.post_id
    JOIN emergencies e ON e.id = p.emergency_id JOIN ${orgTree} o ON o.id = e.org_id WHERE g.id = ANY(${idArray(ids)})`),
})
