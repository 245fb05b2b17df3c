-- The walking network of the 15-minute life circle (issue 14): footways as nodes and edges.
-- Where the PostgreSQL server has pgRouting (Debian: postgresql-15-pgrouting), the extension is
-- created here and the circle is measured on the network (pgr_drivingDistance); elsewhere
-- (PGlite, or a server without the package) the attempt is skipped and the circle stays the
-- straight line times the detour factor. `CREATE EXTENSION pgrouting` later turns it on.
DO $$ BEGIN
  CREATE EXTENSION IF NOT EXISTS pgrouting;
EXCEPTION WHEN OTHERS THEN
  RAISE NOTICE 'pgRouting not available: the life circle uses straight-line distance';
END $$;
--> statement-breakpoint
CREATE TABLE "walk_edges" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "walk_edges_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"source" bigint NOT NULL,
	"target" bigint NOT NULL,
	"length_m" numeric(10, 2) NOT NULL,
	"geom" geometry(LineString,4326) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "walk_nodes" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "walk_nodes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"geom" geometry(Point,4326) NOT NULL
);
--> statement-breakpoint
ALTER TABLE "walk_edges" ADD CONSTRAINT "walk_edges_source_walk_nodes_id_fk" FOREIGN KEY ("source") REFERENCES "public"."walk_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "walk_edges" ADD CONSTRAINT "walk_edges_target_walk_nodes_id_fk" FOREIGN KEY ("target") REFERENCES "public"."walk_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "walk_edges_geom_gist" ON "walk_edges" USING gist ("geom");--> statement-breakpoint
CREATE INDEX "walk_edges_source_idx" ON "walk_edges" USING btree ("source");--> statement-breakpoint
CREATE INDEX "walk_edges_target_idx" ON "walk_edges" USING btree ("target");--> statement-breakpoint
CREATE INDEX "walk_nodes_geom_gist" ON "walk_nodes" USING gist ("geom");