-- Seed rows for the reference scenario, valid after migration 0002 (before 0003 adds the window columns).
-- Deterministic: the same rows every time, so smoke counts and fingerprints are stable.
INSERT INTO "admins" ("id", "email", "display_name", "created_at") VALUES
  ('11111111-1111-4111-8111-111111111111', 'ops@example.com', 'Ops', '2025-11-01 00:00:00+00'),
  ('22222222-2222-4222-8222-222222222222', 'billing@example.com', 'Billing', '2025-11-01 00:00:00+00'),
  ('33333333-3333-4333-8333-333333333333', 'müller@example.com', NULL, '2025-11-02 00:00:00+00');

INSERT INTO "usage_events" ("admin_id", "account_id", "meter", "bucket_start", "quantity", "unit_price", "created_at")
SELECT
  (ARRAY['11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222', '33333333-3333-4333-8333-333333333333'])[1 + n % 3]::uuid,
  ('aaaaaaaa-0000-4000-8000-' || lpad(to_hex(n % 7), 12, '0'))::uuid,
  (ARRAY['api_calls', 'storage_gb_hours', 'egress_gb'])[1 + n % 3],
  timestamptz '2025-11-01 00:00:00+00' + (n / 3) * interval '1 hour',
  (n * 37) % 1000,
  round(((n % 13) * 0.001234)::numeric, 6),
  timestamptz '2025-11-01 00:00:00+00' + (n / 3) * interval '1 hour' + interval '5 minutes'
FROM generate_series(0, 299) AS n;
