// What other modules may read of people and their roles, as relations to join in their own SQL:
// projections of the owner's tables (flattened by PostgreSQL into the caller's join). Only
// `personContacts` carries phone columns, sealed (ciphertext, HMAC, mask); a full phone is shown
// to a person only through an audited reveal.
import { sql } from 'drizzle-orm'

/** People's names: `JOIN ${personNames} p ON p.id = x.person_id`. */
export const personNames = sql`(SELECT id, name, deleted_at FROM people)`

/** Every role grant, past and future included. */
export const roleGrants = sql`(SELECT id, person_id, role, org_id, valid_from, valid_to FROM role_assignments)`

/** The role grants in force today (from `valid_from` up to, not including, `valid_to`). */
export const currentRoles = sql`(SELECT id, person_id, role, org_id, valid_from, valid_to FROM role_assignments
  WHERE valid_from <= CURRENT_DATE AND (valid_to IS NULL OR valid_to > CURRENT_DATE))`

/**
 * People's names and sealed phones. Joined by the modules that must reach people by phone, each
 * showing the mask and opening the full number only through its own audited reveal: the residents
 * registry, cases (calling a reporter back) and broadcasts (the call list; SMS are sent by the
 * server without showing the number to anyone). A new use needs the same.
 */
export const personContacts = sql`(SELECT id, name, phone_enc, phone_hash, phone_mask, deleted_at FROM people)`

/** People's phone HMACs (kernel/pii.ts), for auth: a phone is a login name. Never the phone itself. */
export const personLogins = sql`(SELECT id, phone_hash, deleted_at FROM people)`
