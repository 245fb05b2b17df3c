-- Extensions every later migration relies on: PostGIS geometry, ltree org paths, pgcrypto.
CREATE EXTENSION IF NOT EXISTS postgis;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS ltree;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pgcrypto;
