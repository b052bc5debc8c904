ALTER TABLE "usage_events" ADD COLUMN "window_start" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "usage_events" ADD COLUMN "window_end" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "usage_events" ADD COLUMN "source" text;--> statement-breakpoint
ALTER TABLE "usage_events" ADD COLUMN "metadata" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
DROP INDEX IF EXISTS "usage_admin_bucket_idx";--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS "usage_admin_bucket_idx" ON "usage_events" USING btree ("admin_id","meter","bucket_start","window_start","window_end") INCLUDE ("source");
