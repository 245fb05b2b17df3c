// What other modules may read of venues, as relations to join in their own SQL (projections of the
// owner's table). Venues are public places: their names are no secret.
import { sql } from 'drizzle-orm'

/** Venues' names, deleted ones included (`deleted_at`). */
export const venueNames = sql`(SELECT id, name, deleted_at FROM venues)`
/** Rooms with their venue, deleted ones included (`deleted_at`). */
export const roomNames = sql`(SELECT id, venue_id, name, capacity, deleted_at FROM venue_rooms)`
/** Bookings' slots and states (no booker: that is the booking's readers' business). */
export const bookingSlots = sql`(SELECT id, room_id, state, start_at, end_at FROM room_bookings)`

/** Room bookings by venue node and time, naming neither the booker nor the purpose (wall screens count today's). */
export const roomBookingTimes = sql`(SELECT b.id, b.room_id, r.name AS room_name, r.venue_id, v.name AS venue_name, v.org_id, b.start_at, b.end_at, b.state
  FROM room_bookings b JOIN venue_rooms r ON r.id = b.room_id JOIN venues v ON v.id = r.venue_id WHERE v.deleted_at IS NULL)`
