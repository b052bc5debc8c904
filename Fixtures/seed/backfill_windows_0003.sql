-- After migration 0003: the daily-window backfill the migration exists for, run on part of the data so the
-- runbook's smoke query has both filled and missing windows to count.
UPDATE "usage_events"
SET "window_start" = date_trunc('day', "bucket_start"),
    "window_end" = date_trunc('day', "bucket_start") + interval '1 day',
    "source" = 'daily-backfill',
    "metadata" = jsonb_build_object('backfill', '0003', 'meter', "meter")
WHERE "bucket_start" < timestamptz '2025-11-03 00:00:00+00';
