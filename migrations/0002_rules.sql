-- Rules that live in the database: org paths, updated_at, geometry kinds, append-only audit.

-- An org node's path is its parent's path plus its own id, set on insert (moves rewrite the
-- subtree's paths explicitly in the service, inside the same transaction).
CREATE FUNCTION linli_orgs_set_path() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE parent_path ltree;
BEGIN
  IF NEW.parent_id IS NULL THEN
    NEW.path := text2ltree(NEW.id::text);
  ELSE
    SELECT path INTO parent_path FROM orgs WHERE id = NEW.parent_id;
    IF parent_path IS NULL THEN
      RAISE EXCEPTION 'parent org % does not exist', NEW.parent_id USING ERRCODE = 'foreign_key_violation';
    END IF;
    NEW.path := parent_path || text2ltree(NEW.id::text);
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
ALTER TABLE orgs ALTER COLUMN path SET DEFAULT ''::ltree;
--> statement-breakpoint
CREATE TRIGGER orgs_set_path BEFORE INSERT ON orgs FOR EACH ROW EXECUTE FUNCTION linli_orgs_set_path();
--> statement-breakpoint
CREATE FUNCTION linli_touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER orgs_touch BEFORE UPDATE ON orgs FOR EACH ROW EXECUTE FUNCTION linli_touch_updated_at();
--> statement-breakpoint
CREATE TRIGGER people_touch BEFORE UPDATE ON people FOR EACH ROW EXECUTE FUNCTION linli_touch_updated_at();
--> statement-breakpoint
CREATE TRIGGER role_assignments_touch BEFORE UPDATE ON role_assignments FOR EACH ROW EXECUTE FUNCTION linli_touch_updated_at();
--> statement-breakpoint
CREATE TRIGGER accounts_touch BEFORE UPDATE ON accounts FOR EACH ROW EXECUTE FUNCTION linli_touch_updated_at();
--> statement-breakpoint
CREATE TRIGGER sessions_touch BEFORE UPDATE ON sessions FOR EACH ROW EXECUTE FUNCTION linli_touch_updated_at();
--> statement-breakpoint
CREATE TRIGGER api_tokens_touch BEFORE UPDATE ON api_tokens FOR EACH ROW EXECUTE FUNCTION linli_touch_updated_at();
--> statement-breakpoint
CREATE TRIGGER settings_touch BEFORE UPDATE ON settings FOR EACH ROW EXECUTE FUNCTION linli_touch_updated_at();
--> statement-breakpoint
-- Areas are polygons, buildings and departments are points.
ALTER TABLE orgs ADD CONSTRAINT orgs_geometry_kind_check CHECK (
  geometry IS NULL
  OR (kind IN ('building', 'department') AND GeometryType(geometry) = 'POINT')
  OR (kind NOT IN ('building', 'department') AND GeometryType(geometry) IN ('POLYGON', 'MULTIPOLYGON'))
);
--> statement-breakpoint
ALTER TABLE orgs ADD CONSTRAINT orgs_geometry_valid_check CHECK (geometry IS NULL OR ST_IsValid(geometry));
--> statement-breakpoint
CREATE FUNCTION linli_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
--> statement-breakpoint
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION linli_audit_append_only();
