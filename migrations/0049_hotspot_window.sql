-- Hotspots read the orders of their window (the last weeks) by creation time: without this a city's
-- hotspots scanned every order it ever had (issue 19 §1).
CREATE INDEX "orders_created_at_idx" ON "orders" USING btree ("created_at");