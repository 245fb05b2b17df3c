-- Wall screens: the headline indicators each screen shows (codes of the statistics dictionary; null: the default list)
ALTER TABLE "screen_tokens" ADD COLUMN "indicator_codes" text[];