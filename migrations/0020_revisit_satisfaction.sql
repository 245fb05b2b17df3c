-- 回访 right after 销号 (issue 13): the reporter's satisfaction as staff recorded it on the call.
ALTER TABLE "cases" ADD COLUMN "revisit_satisfaction" text;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_revisit_satisfaction_check" CHECK ("cases"."revisit_satisfaction" IN ('satisfied','basic','dissatisfied'));
