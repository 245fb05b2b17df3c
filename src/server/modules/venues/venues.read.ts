// What other modules may read of venues, as relations to join in their own SQL (projections of the
// owner's table). Venues are public places: their names are no secret.
import { sql } from 'drizzle-orm'

/** Venues' names, deleted ones included (`deleted_at`). */
export const venueNames = sql`(SELECT id, name, deleted_at FROM venues)`
/** Rooms with their venue, deleted ones included (`deleted_at`). */
export const roomNames = sql`(SELECT id, venue_id, name, capacity, deleted_at FROM venue_rooms)`
/** Bookings' slots and states (no booker: that is the booking's readers' business). */
export const bookingSlots = sql`(SELECT id, room_id, state, start_at, end_at FROM room_bookings)`
