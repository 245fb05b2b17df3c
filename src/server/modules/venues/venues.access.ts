// How venue, room and booking ids that arrive in a path, a query or a body are checked: each
// loads the venue's org path and the people of its unit, and for a booking its booker and the
// people of the unit booked for. Deleted venues and rooms do not load.
import { sql } from 'drizzle-orm'
import { defineAccessLoader, idArray } from '../../kernel/access.ts'
import { rows } from '../../kernel/db/client.ts'
import { orgTree } from '../orgs/orgs.read.ts'
import { unitStaff } from '../units/units.read.ts'
import type { BookingSubject, VenueSubject } from './venues.policy.ts'

const unitPeople = (unitId: ReturnType<typeof sql>) => sql`ARRAY(SELECT s.person_id::text FROM ${unitStaff} s WHERE s.unit_id = ${unitId} ORDER BY 1)`

defineAccessLoader<VenueSubject>('venue', {
  notFound: 'VENUE_NOT_FOUND',
  read: 'venue.read',
  async load(ex, ids) {
    const found = await rows<VenueSubject & { id: string }>(ex, sql`SELECT v.id::text, o.path::text AS "orgPath", ${unitPeople(sql`v.unit_id`)} AS "unitPersonIds"
      FROM venues v JOIN ${orgTree} o ON o.id = v.org_id WHERE v.id = ANY(${idArray(ids)}) AND v.deleted_at IS NULL`)
    return new Map(found.map(({ id, ...s }) => [id, s]))
  },
})

defineAccessLoader<VenueSubject>('room', {
  notFound: 'ROOM_NOT_FOUND',
  read: 'room.read',
  async load(ex, ids) {
    const found = await rows<VenueSubject & { id: string }>(ex, sql`SELECT r.id::text, o.path::text AS "orgPath", ${unitPeople(sql`v.unit_id`)} AS "unitPersonIds"
      FROM venue_rooms r JOIN venues v ON v.id = r.venue_id JOIN ${orgTree} o ON o.id = v.org_id
      WHERE r.id = ANY(${idArray(ids)}) AND r.deleted_at IS NULL AND v.deleted_at IS NULL`)
    return new Map(found.map(({ id, ...s }) => [id, s]))
  },
})

defineAccessLoader<BookingSubject>('booking', {
  notFound: 'BOOKING_NOT_FOUND',
  read: 'booking.read',
  async load(ex, ids) {
    const found = await rows<BookingSubject & { id: string }>(ex, sql`SELECT b.id::text, o.path::text AS "orgPath", ${unitPeople(sql`v.unit_id`)} AS "unitPersonIds",
        b.booker_id::text AS "bookerId", ${unitPeople(sql`b.booker_unit_id`)} AS "bookerUnitPersonIds"
      FROM room_bookings b JOIN venue_rooms r ON r.id = b.room_id JOIN venues v ON v.id = r.venue_id JOIN ${orgTree} o ON o.id = v.org_id
      WHERE b.id = ANY(${idArray(ids)})`)
    return new Map(found.map(({ id, ...s }) => [id, s]))
  },
})
