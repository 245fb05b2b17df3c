// Column types Drizzle lacks: PostgreSQL `ltree` and PostGIS `geometry(Geometry, 4326)`.
// Geometry is always read as GeoJSON through ST_AsGeoJSON in SQL, never as raw EWKB.
import { customType, timestamp } from 'drizzle-orm/pg-core'

export const ltree = customType<{ data: string }>({
  dataType: () => 'ltree',
})

export const geometry = customType<{ data: string; config: { type: string } }>({
  dataType: (config) => `geometry(${config?.type ?? 'Geometry'},4326)`,
})

/** created_at / updated_at on every table. */
export const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
}
