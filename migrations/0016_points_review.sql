-- Points review (security review, issue 11).
-- A transaction may be private: staff reading someone else's account, postings or transaction see a
-- neutral memo for it (the award for an anonymous case report must not name the reporter's case).
ALTER TABLE "points_transactions" ADD COLUMN "private" boolean DEFAULT false NOT NULL;
--> statement-breakpoint
-- A redemption keeps a hash of the request its idempotency key came with: the same key with another
-- body is refused instead of answering the first redemption.
ALTER TABLE "points_redemptions" ADD COLUMN "request_hash" text;
--> statement-breakpoint
-- Every award or deduction a person enters by hand: posted at once up to POINTS_MANUAL_APPROVAL_ABOVE
-- points, else held pending (nothing posted) until a second person approves or rejects it. The
-- client's idempotency key and the hash of its request live here; the posted transaction's own key
-- is "manual_award:<id>", so two approvals of one award post once.
CREATE TABLE "points_manual_awards" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
	"status" text NOT NULL,
	"person_id" bigint REFERENCES "people"("id"),
	"unit_id" bigint REFERENCES "units"("id"),
	"rule_code" text NOT NULL REFERENCES "points_rules"("code"),
	"direction" text NOT NULL,
	"quantity" numeric(10, 2) NOT NULL,
	"points" bigint NOT NULL,
	"org_id" bigint NOT NULL REFERENCES "orgs"("id"),
	"org_path" "ltree" NOT NULL,
	"reason" text NOT NULL,
	"awarded_by" bigint NOT NULL REFERENCES "people"("id"),
	"idempotency_key" text NOT NULL,
	"request_hash" text,
	"transaction_id" bigint REFERENCES "points_transactions"("id"),
	"decided_by" bigint REFERENCES "people"("id"),
	"decided_at" timestamp with time zone,
	"reject_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "points_manual_awards_status_check" CHECK ("status" IN ('pending','posted','rejected')),
	CONSTRAINT "points_manual_awards_owner_check" CHECK (("person_id" IS NULL) <> ("unit_id" IS NULL)),
	CONSTRAINT "points_manual_awards_direction_check" CHECK ("direction" IN ('earn','deduct')),
	CONSTRAINT "points_manual_awards_points_check" CHECK ("points" > 0),
	CONSTRAINT "points_manual_awards_posted_check" CHECK (("status" = 'posted') = ("transaction_id" IS NOT NULL)),
	CONSTRAINT "points_manual_awards_decided_check" CHECK (("status" = 'pending') = ("decided_at" IS NULL)),
	CONSTRAINT "points_manual_awards_reject_check" CHECK (("status" = 'rejected') = ("reject_reason" IS NOT NULL)),
	-- 两人审核: whoever approves or rejects is not who entered the award.
	CONSTRAINT "points_manual_awards_two_people_check" CHECK ("decided_by" IS NULL OR "decided_by" <> "awarded_by"),
	CONSTRAINT "points_manual_awards_reason_check" CHECK (length(btrim("reason")) BETWEEN 1 AND 500),
	CONSTRAINT "points_manual_awards_key_check" CHECK (length("idempotency_key") BETWEEN 1 AND 200)
);
--> statement-breakpoint
CREATE UNIQUE INDEX "points_manual_awards_key" ON "points_manual_awards" USING btree ("idempotency_key");
--> statement-breakpoint
CREATE UNIQUE INDEX "points_manual_awards_transaction_key" ON "points_manual_awards" USING btree ("transaction_id");
--> statement-breakpoint
-- The per-day cap sums one awarder's entries since midnight.
CREATE INDEX "points_manual_awards_awarder_idx" ON "points_manual_awards" USING btree ("awarded_by", "created_at");
--> statement-breakpoint
-- The review list: the awards given in the caller's scope, newest first.
CREATE INDEX "points_manual_awards_org_path_gist" ON "points_manual_awards" USING gist ("org_path");
--> statement-breakpoint
CREATE INDEX "points_manual_awards_status_idx" ON "points_manual_awards" USING btree ("status", "id");
--> statement-breakpoint
CREATE TRIGGER points_manual_awards_touch BEFORE UPDATE ON points_manual_awards FOR EACH ROW EXECUTE FUNCTION linli_touch_updated_at();
--> statement-breakpoint
-- The manual awards entered before this migration are listed for review, as posted.
INSERT INTO "points_manual_awards" ("status", "person_id", "unit_id", "rule_code", "direction", "quantity", "points", "org_id", "org_path", "reason",
    "awarded_by", "idempotency_key", "transaction_id", "decided_at", "created_at", "updated_at")
SELECT 'posted', a.person_id, a.unit_id, t.rule_code, CASE t.kind WHEN 'award' THEN 'earn' ELSE 'deduct' END, coalesce(t.quantity, 1), abs(p.amount),
    t.org_id, t.org_path, t.memo, t.created_by, t.idempotency_key, t.id, t.created_at, t.created_at, t.created_at
FROM points_transactions t
JOIN points_postings p ON p.transaction_id = t.id
JOIN points_accounts a ON a.id = p.account_id AND a.owner_kind <> 'org'
WHERE t.kind IN ('award', 'deduction') AND t.created_by IS NOT NULL AND t.rule_code IS NOT NULL
ORDER BY t.id;
--> statement-breakpoint
-- The awards already paid for anonymous case reports, and their reversals, become private. The
-- ledger is append-only; this one correction of a flag that did not exist is made with its guard
-- lifted inside the migration's transaction.
ALTER TABLE "points_transactions" DISABLE TRIGGER points_transactions_append_only;
--> statement-breakpoint
UPDATE points_transactions t SET private = true
WHERE t.idempotency_key IN (SELECT 'case_report_verified:' || c.id FROM cases c WHERE c.anonymous)
   OR t.reverses_id IN (SELECT r.id FROM points_transactions r JOIN cases c ON r.idempotency_key = 'case_report_verified:' || c.id WHERE c.anonymous);
--> statement-breakpoint
ALTER TABLE "points_transactions" ENABLE TRIGGER points_transactions_append_only;
