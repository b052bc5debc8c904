CREATE INDEX IF NOT EXISTS "usage_events_account_bucket_idx" ON "usage_events" USING btree ("account_id","bucket_start");--> statement-breakpoint
COMMENT ON TABLE "usage_events" IS 'Metered usage, one row per admin, meter and bucket.';
