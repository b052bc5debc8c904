#!/usr/bin/env bash
# Regenerates the committed seed corpus (Fuzz/corpus/<target>/) from test transcripts:
#  - backend-messages: every server byte of real sessions (startup, auth, queries of many types, COPY,
#    errors, notices) recorded by a relay between psql and a throwaway PostgreSQL cluster, plus the
#    hostile byte sequences the HostileServer tests send;
#  - connection-string, pgpass: the string literals of the Config*Tests unit tests;
#  - snapshot: the snapshots of a `pgcheck demo` run (needs `swift build` first).
# Needs PostgreSQL's binaries (initdb, postgres), psql, python3; as root, PostgreSQL runs as `postgres`.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
corpus="$here/corpus"
mkdir -p "$corpus"/{backend-messages,connection-string,pgpass,snapshot}

bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
work="$(mktemp -d)"
trap 'kill "${relay_pid:-}" 2>/dev/null || true; [ -n "${pg_started:-}" ] && $as_server "$bin/pg_ctl" -D "$work/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
as_server=""
if [ "$(id -u)" = 0 ]; then chown postgres "$work"; as_server="runuser -u postgres --"; fi

$as_server "$bin/initdb" -D "$work/data" -U postgres --auth=trust >/dev/null
port=$((20000 + RANDOM % 20000))
$as_server "$bin/pg_ctl" -D "$work/data" -o "-p $port -k $work -c listen_addresses=127.0.0.1" -l "$work/log" -w start >/dev/null
pg_started=1
relay_port=$((port + 1))
python3 "$here/transcript-relay.py" "$relay_port" "$port" "$corpus/backend-messages" &
relay_pid=$!
sleep 1

session() { # session NAME SQL...: one psql session through the relay, its server bytes kept as NAME
    PGRELAY_NAME="$1" psql "host=127.0.0.1 port=$relay_port user=postgres dbname=postgres sslmode=disable application_name=$1" \
        -X -q -v ON_ERROR_STOP=0 -c "$2" >/dev/null 2>&1 || true
    sleep 0.2
}
session scalar-types "SELECT 1::int2, 2::int4, 3::int8, 1.5::float4, 2.25::float8, 12.345::numeric, true, 'text', 'x'::bytea, now(), current_date, '1 day'::interval, gen_random_uuid(), '{1,2,NULL}'::int[], '{\"a\":1}'::jsonb, NULL"
session many-rows "SELECT g, repeat('x', g % 50), g::numeric / 7 FROM generate_series(1, 300) g"
session wide-row "SELECT $(seq -s, 1 40 | sed 's/\([0-9]*\)/\1 AS c\1/g')"
session long-value "SELECT repeat('y', 100000)"
session copy-out "COPY (SELECT g, 'row ' || g FROM generate_series(1, 200) g) TO STDOUT"
session copy-csv "COPY (SELECT g, 'a,\"b\"' FROM generate_series(1, 20) g) TO STDOUT WITH (FORMAT csv, HEADER)"
session copy-in-refused "CREATE TEMP TABLE t(a int); COPY t FROM STDIN"
session syntax-error "SELEC 1"
session division-error "SELECT 1/0"
session notice "DO \$\$BEGIN RAISE NOTICE 'hello %', 42; RAISE WARNING 'careful'; END\$\$"
session notify "LISTEN c; NOTIFY c, 'payload'; SELECT 1"
session multi-statement "SELECT 1; SELECT 'two', 2; BEGIN; SELECT 3; COMMIT"
session empty-query ";"
session set-timezone "SET TimeZone = 'Europe/Paris'; SELECT now()"
session catalog "SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod) FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid WHERE c.relname = 'pg_class' LIMIT 40"
kill "$relay_pid"; relay_pid=""

python3 "$here/hostile-seeds.py" "$corpus/backend-messages"

extract_literals() { # extract_literals FILE...: Swift string literals, one per corpus file
    python3 -W ignore - "$@" <<'PY'
import re, sys, hashlib, os
target = sys.argv[1]
for path in sys.argv[2:]:
    text = open(path, encoding="utf-8").read()
    for literal in re.findall(r'"((?:[^"\\\n]|\\.)*)"', text):
        value = literal.encode().decode("unicode_escape", errors="ignore").encode("utf-8", errors="ignore")
        if len(value) < 3:
            continue
        name = hashlib.sha1(value).hexdigest()[:16]
        with open(os.path.join(target, name), "wb") as out:
            out.write(value)
PY
}
extract_literals "$corpus/connection-string" "$root"/Tests/PostgresWireTests/ConfigURITests.swift "$root"/Tests/PostgresWireTests/ConfigKeyValueTests.swift "$root"/Tests/PostgresWireTests/ConfigEnvironmentTests.swift "$root"/Tests/PostgresWireTests/ConfigRedactionTests.swift
extract_literals "$corpus/pgpass" "$root"/Tests/PostgresWireTests/ConfigPgPassTests.swift

pgcheck="${PGCHECK:-$(ls -t "$root"/.build*/debug/pgcheck 2>/dev/null | head -1 || true)}"
if [ -n "$pgcheck" ]; then
    evidence="$work/evidence"
    if "$pgcheck" demo --evidence "$evidence" >/dev/null 2>&1; then
        for file in "$evidence"/*.json; do cp "$file" "$corpus/snapshot/$(basename "$file")"; done
    fi
fi
cp "$root"/Tests/PGCatalogTests/*.json "$corpus/snapshot/" 2>/dev/null || true
for target in "$corpus"/*; do echo "$(basename "$target"): $(ls "$target" | wc -l) seeds"; done
