/// The SQL that creates and fills `usage_events` server-side, shaped like the reference scenario after
/// migration 0003: 12 columns (bigint id, uuid ×2, text ×2, timestamptz ×4, bigint, numeric(12,6),
/// jsonb), about 257 bytes per row as CSV text (1.29 GB at 5,000,000 rows).
///
/// The rows come from `generate_series` in one statement, in the transaction that creates the table,
/// so with `wal_level = minimal` nothing is WAL-logged (a 5M-row load takes about a minute on two cores).
/// Only the primary key is built: the foreign key to admins and the secondary indexes play no part in a
/// sequential `SELECT *` and would triple the load time. `VACUUM (FREEZE, ANALYZE)` sets every hint bit,
/// so the first measured scan does not write.
enum UsageEventsTable {
    static func createAndFill(rows: Int) -> String {
        """
        BEGIN;
        CREATE TABLE admins (
            id uuid PRIMARY KEY,
            email text NOT NULL UNIQUE,
            display_name text,
            created_at timestamptz NOT NULL DEFAULT now()
        );
        INSERT INTO admins
        SELECT md5('admin' || a)::uuid, 'admin' || a || '@example.com', 'Admin ' || a,
               timestamptz '2024-01-01 00:00:00+00' + a * interval '1 hour'
        FROM generate_series(0, 499) AS a;
        CREATE TABLE usage_events (
            id bigint GENERATED ALWAYS AS IDENTITY,
            admin_id uuid NOT NULL,
            account_id uuid NOT NULL,
            meter text NOT NULL,
            bucket_start timestamptz NOT NULL,
            quantity bigint NOT NULL CONSTRAINT usage_events_quantity_check CHECK (quantity >= 0),
            unit_price numeric(12, 6) NOT NULL,
            created_at timestamptz NOT NULL DEFAULT now(),
            window_start timestamptz,
            window_end timestamptz,
            source text,
            metadata jsonb NOT NULL DEFAULT '{}'
        );
        INSERT INTO usage_events (id, admin_id, account_id, meter, bucket_start, quantity, unit_price,
                                  created_at, window_start, window_end, source, metadata)
        OVERRIDING SYSTEM VALUE
        SELECT g,
               md5('admin' || (g % 500))::uuid,
               md5('account' || (g % 20000))::uuid,
               (ARRAY['api_calls', 'storage_gb_hours', 'egress_gb', 'compute_seconds', 'seats'])[1 + g % 5],
               b,
               (g * 7919) % 100000,
               ((g * 104729) % 1000000000) / 1000000.0,
               b + interval '5 minutes' + (g % 1000000) * interval '1 microsecond',
               b,
               b + interval '1 hour',
               (ARRAY['stripe', 'api', 'batch', 'backfill'])[1 + g % 4],
               jsonb_build_object('region', (ARRAY['eu-west-1', 'us-east-1', 'ap-south-1'])[1 + g % 3], 'tier', g % 4)
        FROM generate_series(1::bigint, \(rows)::bigint) AS g,
             LATERAL (SELECT timestamptz '2025-01-01 00:00:00+00' + (g / 60) * interval '1 minute' AS b) AS bucket;
        ALTER TABLE usage_events ADD PRIMARY KEY (id);
        COMMIT;
        VACUUM (FREEZE, ANALYZE) admins, usage_events;
        """
    }

    /// The streamed query.
    static let selectAll = "SELECT * FROM usage_events"
}
