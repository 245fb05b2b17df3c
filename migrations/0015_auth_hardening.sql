-- Auth hardening (security review, issue 11).
-- The time step of the last TOTP code accepted for an account: a code is good once.
ALTER TABLE "accounts" ADD COLUMN "totp_last_step" bigint;
--> statement-breakpoint
-- A phone-change code belongs to the account that asked for it (NULL for registration codes).
ALTER TABLE "sms_codes" ADD COLUMN "account_id" bigint REFERENCES "accounts"("id");
--> statement-breakpoint
-- Live streams (kernel/live.ts) end with their session on every instance: ending a session or
-- disabling an account announces it on the live channel, whoever wrote the row.
CREATE FUNCTION linli_session_ended_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('linli_live', json_build_object('endedSessionIds', json_build_array(NEW.id::text))::text);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER sessions_ended_notify AFTER UPDATE OF ended_at ON sessions FOR EACH ROW
  WHEN (OLD.ended_at IS NULL AND NEW.ended_at IS NOT NULL) EXECUTE FUNCTION linli_session_ended_notify();
--> statement-breakpoint
CREATE FUNCTION linli_account_disabled_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('linli_live', json_build_object('disabledAccountIds', json_build_array(NEW.id::text))::text);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER accounts_disabled_notify AFTER UPDATE OF disabled_at ON accounts FOR EACH ROW
  WHEN (OLD.disabled_at IS NULL AND NEW.disabled_at IS NOT NULL) EXECUTE FUNCTION linli_account_disabled_notify();
