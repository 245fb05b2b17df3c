-- Drizzle snapshot sync, no schema change. Migrations 0009–0013 (points, residents, co-building,
-- members, volunteers) were written by hand in parallel; this entry records their tables in
-- meta/0009_snapshot.json so that the next `npm run db:generate` diffs against the real schema.
SELECT 1;
