CREATE TABLE "points_rules" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"name_en" text NOT NULL,
	"description" text,
	"points" integer NOT NULL,
	"unit" text NOT NULL,
	"direction" text DEFAULT 'earn' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "points_rules_code_check" CHECK ("points_rules"."code" ~ '^[a-z][a-z0-9_]{1,40}$'),
	CONSTRAINT "points_rules_name_check" CHECK (length(btrim("points_rules"."name")) BETWEEN 1 AND 50 AND length(btrim("points_rules"."name_en")) BETWEEN 1 AND 100),
	CONSTRAINT "points_rules_points_check" CHECK ("points_rules"."points" BETWEEN 1 AND 100000),
	CONSTRAINT "points_rules_unit_check" CHECK ("points_rules"."unit" IN ('hour','activity','order','rating','case','time')),
	CONSTRAINT "points_rules_direction_check" CHECK ("points_rules"."direction" IN ('earn','deduct'))
);
--> statement-breakpoint
CREATE TABLE "points_accounts" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "points_accounts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"owner_kind" text NOT NULL,
	"person_id" bigint,
	"unit_id" bigint,
	"org_id" bigint NOT NULL,
	"balance" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "points_accounts_owner_kind_check" CHECK ("points_accounts"."owner_kind" IN ('person','unit','org')),
	CONSTRAINT "points_accounts_owner_check" CHECK ((("points_accounts"."owner_kind" = 'person') = ("points_accounts"."person_id" IS NOT NULL)) AND (("points_accounts"."owner_kind" = 'unit') = ("points_accounts"."unit_id" IS NOT NULL))),
	CONSTRAINT "points_accounts_balance_check" CHECK ("points_accounts"."owner_kind" = 'org' OR "points_accounts"."balance" >= 0)
);
--> statement-breakpoint
CREATE TABLE "points_transactions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "points_transactions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"rule_code" text,
	"quantity" numeric(10, 2),
	"idempotency_key" text NOT NULL,
	"memo" text NOT NULL,
	"reverses_id" bigint,
	"created_by" bigint,
	"org_id" bigint NOT NULL,
	"org_path" "ltree" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "points_transactions_kind_check" CHECK ("points_transactions"."kind" IN ('award','deduction','redemption','reversal')),
	CONSTRAINT "points_transactions_reverses_check" CHECK (("points_transactions"."kind" = 'reversal') = ("points_transactions"."reverses_id" IS NOT NULL)),
	CONSTRAINT "points_transactions_key_check" CHECK (length("points_transactions"."idempotency_key") BETWEEN 1 AND 200),
	CONSTRAINT "points_transactions_memo_check" CHECK (length(btrim("points_transactions"."memo")) BETWEEN 1 AND 500)
);
--> statement-breakpoint
CREATE TABLE "points_postings" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "points_postings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"transaction_id" bigint NOT NULL,
	"account_id" bigint NOT NULL,
	"amount" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "points_postings_amount_check" CHECK ("points_postings"."amount" <> 0)
);
--> statement-breakpoint
CREATE TABLE "points_rewards" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "points_rewards_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"description" text,
	"points" integer NOT NULL,
	"stock" integer NOT NULL,
	"merchant_unit_id" bigint,
	"org_id" bigint NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_by" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "points_rewards_name_check" CHECK (length(btrim("points_rewards"."name")) BETWEEN 1 AND 60),
	CONSTRAINT "points_rewards_points_check" CHECK ("points_rewards"."points" BETWEEN 1 AND 1000000),
	CONSTRAINT "points_rewards_stock_check" CHECK ("points_rewards"."stock" >= 0)
);
--> statement-breakpoint
CREATE TABLE "points_redemptions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "points_redemptions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"reward_id" bigint NOT NULL,
	"person_id" bigint NOT NULL,
	"quantity" integer NOT NULL,
	"points" bigint NOT NULL,
	"code" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"transaction_id" bigint NOT NULL,
	"cancel_transaction_id" bigint,
	"handled_by" bigint,
	"handled_at" timestamp with time zone,
	"cancel_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "points_redemptions_quantity_check" CHECK ("points_redemptions"."quantity" BETWEEN 1 AND 10),
	CONSTRAINT "points_redemptions_points_check" CHECK ("points_redemptions"."points" > 0),
	CONSTRAINT "points_redemptions_code_check" CHECK ("points_redemptions"."code" ~ '^[0-9]{8}$'),
	CONSTRAINT "points_redemptions_status_check" CHECK ("points_redemptions"."status" IN ('pending','handed_over','cancelled')),
	CONSTRAINT "points_redemptions_cancel_check" CHECK (("points_redemptions"."status" = 'cancelled') = ("points_redemptions"."cancel_transaction_id" IS NOT NULL)),
	CONSTRAINT "points_redemptions_handled_check" CHECK (("points_redemptions"."status" = 'pending') = ("points_redemptions"."handled_at" IS NULL))
);
--> statement-breakpoint
ALTER TABLE "points_accounts" ADD CONSTRAINT "points_accounts_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_accounts" ADD CONSTRAINT "points_accounts_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_accounts" ADD CONSTRAINT "points_accounts_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_transactions" ADD CONSTRAINT "points_transactions_rule_code_points_rules_code_fk" FOREIGN KEY ("rule_code") REFERENCES "public"."points_rules"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_transactions" ADD CONSTRAINT "points_transactions_reverses_id_points_transactions_id_fk" FOREIGN KEY ("reverses_id") REFERENCES "public"."points_transactions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_transactions" ADD CONSTRAINT "points_transactions_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_transactions" ADD CONSTRAINT "points_transactions_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_postings" ADD CONSTRAINT "points_postings_transaction_id_points_transactions_id_fk" FOREIGN KEY ("transaction_id") REFERENCES "public"."points_transactions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_postings" ADD CONSTRAINT "points_postings_account_id_points_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."points_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_rewards" ADD CONSTRAINT "points_rewards_merchant_unit_id_units_id_fk" FOREIGN KEY ("merchant_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_rewards" ADD CONSTRAINT "points_rewards_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_rewards" ADD CONSTRAINT "points_rewards_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_redemptions" ADD CONSTRAINT "points_redemptions_reward_id_points_rewards_id_fk" FOREIGN KEY ("reward_id") REFERENCES "public"."points_rewards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_redemptions" ADD CONSTRAINT "points_redemptions_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_redemptions" ADD CONSTRAINT "points_redemptions_transaction_id_points_transactions_id_fk" FOREIGN KEY ("transaction_id") REFERENCES "public"."points_transactions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_redemptions" ADD CONSTRAINT "points_redemptions_cancel_transaction_id_fk" FOREIGN KEY ("cancel_transaction_id") REFERENCES "public"."points_transactions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_redemptions" ADD CONSTRAINT "points_redemptions_handled_by_people_id_fk" FOREIGN KEY ("handled_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "points_accounts_person_key" ON "points_accounts" USING btree ("person_id") WHERE person_id IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "points_accounts_unit_key" ON "points_accounts" USING btree ("unit_id") WHERE unit_id IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "points_accounts_issuer_key" ON "points_accounts" USING btree ("org_id") WHERE owner_kind = 'org';--> statement-breakpoint
CREATE INDEX "points_accounts_org_idx" ON "points_accounts" USING btree ("org_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "points_transactions_idempotency_key" ON "points_transactions" USING btree ("idempotency_key");--> statement-breakpoint
CREATE UNIQUE INDEX "points_transactions_reverses_key" ON "points_transactions" USING btree ("reverses_id");--> statement-breakpoint
CREATE INDEX "points_transactions_org_path_gist" ON "points_transactions" USING gist ("org_path");--> statement-breakpoint
CREATE INDEX "points_postings_account_idx" ON "points_postings" USING btree ("account_id","id");--> statement-breakpoint
CREATE INDEX "points_postings_transaction_idx" ON "points_postings" USING btree ("transaction_id");--> statement-breakpoint
CREATE INDEX "points_rewards_org_idx" ON "points_rewards" USING btree ("org_id","id");--> statement-breakpoint
CREATE INDEX "points_rewards_merchant_idx" ON "points_rewards" USING btree ("merchant_unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "points_redemptions_code_key" ON "points_redemptions" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "points_redemptions_transaction_key" ON "points_redemptions" USING btree ("transaction_id");--> statement-breakpoint
CREATE INDEX "points_redemptions_person_idx" ON "points_redemptions" USING btree ("person_id","id");--> statement-breakpoint
CREATE INDEX "points_redemptions_reward_idx" ON "points_redemptions" USING btree ("reward_id","id");--> statement-breakpoint
CREATE TRIGGER points_rules_touch BEFORE UPDATE ON points_rules FOR EACH ROW EXECUTE FUNCTION linli_touch_updated_at();--> statement-breakpoint
CREATE TRIGGER points_accounts_touch BEFORE UPDATE ON points_accounts FOR EACH ROW EXECUTE FUNCTION linli_touch_updated_at();--> statement-breakpoint
CREATE TRIGGER points_rewards_touch BEFORE UPDATE ON points_rewards FOR EACH ROW EXECUTE FUNCTION linli_touch_updated_at();--> statement-breakpoint
CREATE TRIGGER points_redemptions_touch BEFORE UPDATE ON points_redemptions FOR EACH ROW EXECUTE FUNCTION linli_touch_updated_at();--> statement-breakpoint
-- The ledger is append-only: a correction is a reversal transaction, never an edit.
CREATE FUNCTION linli_points_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END $$;--> statement-breakpoint
CREATE TRIGGER points_postings_append_only BEFORE UPDATE OR DELETE ON points_postings FOR EACH ROW EXECUTE FUNCTION linli_points_append_only();--> statement-breakpoint
CREATE TRIGGER points_postings_no_truncate BEFORE TRUNCATE ON points_postings FOR EACH STATEMENT EXECUTE FUNCTION linli_points_append_only();--> statement-breakpoint
CREATE TRIGGER points_transactions_append_only BEFORE UPDATE OR DELETE ON points_transactions FOR EACH ROW EXECUTE FUNCTION linli_points_append_only();--> statement-breakpoint
CREATE TRIGGER points_transactions_no_truncate BEFORE TRUNCATE ON points_transactions FOR EACH STATEMENT EXECUTE FUNCTION linli_points_append_only();--> statement-breakpoint
-- Balances of people and units follow the postings. The accounts a statement posts to are locked
-- in id order first, so concurrent postings to the same account queue on its row (no lost
-- update, no deadlock), and the CHECK on points_accounts.balance refuses a posting that would
-- overdraw. NO KEY UPDATE (what the balance UPDATE takes anyway) does not conflict with the KEY
-- SHARE locks the postings' foreign keys have already taken on the same rows. Issuer (org)
-- accounts keep no balance in their row: theirs is the sum of their postings, computed when read,
-- so the awards of a whole street do not queue on one issuer row.
CREATE FUNCTION linli_points_apply_postings() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM points_accounts WHERE id IN (SELECT account_id FROM added) AND owner_kind <> 'org' ORDER BY id FOR NO KEY UPDATE;
  PERFORM set_config('linli.points_posting', 'on', true);
  UPDATE points_accounts a SET balance = a.balance + s.total
    FROM (SELECT account_id, sum(amount) AS total FROM added GROUP BY account_id) s
    WHERE a.id = s.account_id AND a.owner_kind <> 'org';
  PERFORM set_config('linli.points_posting', 'off', true);
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER points_postings_apply AFTER INSERT ON points_postings REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION linli_points_apply_postings();--> statement-breakpoint
-- Only the posting trigger moves a balance.
CREATE FUNCTION linli_points_guard_balance() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.balance IS DISTINCT FROM OLD.balance AND current_setting('linli.points_posting', true) IS DISTINCT FROM 'on' THEN
    RAISE EXCEPTION 'points_accounts.balance is derived from points_postings' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NEW.owner_kind IS DISTINCT FROM OLD.owner_kind OR NEW.person_id IS DISTINCT FROM OLD.person_id OR NEW.unit_id IS DISTINCT FROM OLD.unit_id THEN
    RAISE EXCEPTION 'the owner of a points account cannot change' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER points_accounts_guard BEFORE UPDATE ON points_accounts FOR EACH ROW EXECUTE FUNCTION linli_points_guard_balance();--> statement-breakpoint
-- Double entry: the postings of each transaction sum to zero, checked at commit.
CREATE FUNCTION linli_points_check_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  total numeric;
BEGIN
  SELECT sum(amount) INTO total FROM points_postings WHERE transaction_id = NEW.transaction_id;
  IF total <> 0 THEN
    RAISE EXCEPTION 'points transaction % does not balance (sum %)', NEW.transaction_id, total
      USING ERRCODE = 'check_violation', CONSTRAINT = 'points_postings_balanced';
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE CONSTRAINT TRIGGER points_postings_balanced AFTER INSERT ON points_postings DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION linli_points_check_balanced();--> statement-breakpoint
-- Earning rules (editable by district admins). Manual rules (good_deed, civic_violation) are the
-- ones cadres award or deduct by hand with a reason.
INSERT INTO points_rules (code, name, name_en, description, points, unit, direction, sort) VALUES
 ('volunteer_hour', '志愿服务时长', 'Volunteer service hour', '每服务 1 小时（以签退记录为准）', 10, 'hour', 'earn', 10),
 ('activity_completed', '参加活动', 'Activity completed', '完整参加一次志愿活动', 20, 'activity', 'earn', 20),
 ('order_completed', '完成服务订单', 'Service order completed', '完成一单服务清单订单', 15, 'order', 'earn', 30),
 ('rating_five_star', '获得五星好评', 'Five-star rating', '服务获得居民五星评价', 5, 'rating', 'earn', 40),
 ('case_report_verified', '上报事件经核实', 'Verified case report', '上报的民情事件经核实办结', 10, 'case', 'earn', 50),
 ('good_deed', '好人好事', 'Good deed', '社区认定的好人好事，按次奖励', 50, 'time', 'earn', 60),
 ('civic_violation', '违反居民公约', 'Breach of the residents'' covenant', '经社区核实的违约行为，按次扣减', 20, 'time', 'deduct', 70);
