-- Statistics: facts carry a breakdown key ('' the total, else a part such as gender:female), part of the primary key
ALTER TABLE "statistic_facts" ADD COLUMN "breakdown" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "statistic_facts" DROP CONSTRAINT "statistic_facts_community_id_period_code_pk";--> statement-breakpoint
ALTER TABLE "statistic_facts" ADD CONSTRAINT "statistic_facts_community_id_period_code_breakdown_pk" PRIMARY KEY("community_id","period","code","breakdown");--> statement-breakpoint
ALTER TABLE "statistic_facts" ADD CONSTRAINT "statistic_facts_breakdown_check" CHECK ("statistic_facts"."breakdown" = '' OR "statistic_facts"."breakdown" ~ '^[a-zA-Z]+:.{1,60}$');
