/*
 * stream_rows [--binary] URL [SQL]
 *
 * The reference contestants of the streaming benchmark: libpq in single-row mode, the way a C
 * application streams a large result without holding it in memory. Sends SQL (default
 * `SELECT * FROM usage_events`), switches to single-row mode, and reads every row.
 *
 * Text (the default): PQsendQuery; for every field reads its null flag, length and first byte.
 * Binary (--binary): PQsendQueryParams with result format 1, and touches every value as the Swift
 * library contestant (Sources/StreamRows) does: integers and timestamps decoded from big-endian,
 * UUIDs copied out, numerics turned into their text (numeric_out's digits, in a stack buffer), text
 * and jsonb read as length and first byte. Like for like: the same result format, the same work.
 *
 * Either way the values are folded into a checksum so the work cannot be optimised away, and the
 * program prints `rows=N checksum=X` like the Swift contestants.
 *
 * Built by Benchmarks/run.sh with: cc -O2 -o stream_rows stream_rows.c -I$(pg_config --includedir) -lpq
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libpq-fe.h>

/* Type OIDs (pg_type.dat). */
enum { INT8OID = 20, INT2OID = 21, INT4OID = 23, TEXTOID = 25, VARCHAROID = 1043, BPCHAROID = 1042,
       TIMESTAMPOID = 1114, TIMESTAMPTZOID = 1184, NUMERICOID = 1700, UUIDOID = 2950 };

enum touch { TOUCH_BYTES, TOUCH_INT2, TOUCH_INT4, TOUCH_INT8, TOUCH_UUID, TOUCH_TIMESTAMP, TOUCH_NUMERIC };

static int fail(PGconn *connection, const char *what)
{
    fprintf(stderr, "stream_rows: %s: %s", what, PQerrorMessage(connection));
    PQfinish(connection);
    return 1;
}

static uint16_t load16(const char *p)
{
    const unsigned char *u = (const unsigned char *)p;
    return (uint16_t)(u[0] << 8 | u[1]);
}

static uint32_t load32(const char *p)
{
    const unsigned char *u = (const unsigned char *)p;
    return (uint32_t)u[0] << 24 | (uint32_t)u[1] << 16 | (uint32_t)u[2] << 8 | (uint32_t)u[3];
}

static uint64_t load64(const char *p)
{
    return (uint64_t)load32(p) << 32 | load32(p + 4);
}

/* numeric_out of a binary numeric into `out` (at least 8 + 4 * (weight + 1) + scale + 4 bytes); returns its length. */
static int numeric_text(const char *value, int length, char *out, int capacity)
{
    if (length < 8)
        return 0;
    int digits = (int16_t)load16(value), weight = (int16_t)load16(value + 2), scale = (int16_t)load16(value + 6);
    uint16_t sign = load16(value + 4);
    if (sign == 0xC000) { memcpy(out, "NaN", 3); return 3; }
    if (sign == 0xD000) { memcpy(out, "Infinity", 8); return 8; }
    if (sign == 0xF000) { memcpy(out, "-Infinity", 9); return 9; }
    if (1 + 4 * (weight + 1) + scale + 8 > capacity || length != 8 + 2 * digits)
        return 0;
    char *next = out;
    if (sign == 0x4000)
        *next++ = '-';
    int index = 0;
    if (weight < 0) {
        *next++ = '0';
        index = weight + 1;
    } else {
        for (; index <= weight; index++) {
            int group = index < digits ? (int16_t)load16(value + 8 + 2 * index) : 0;
            char four[4] = { (char)('0' + group / 1000), (char)('0' + group / 100 % 10), (char)('0' + group / 10 % 10), (char)('0' + group % 10) };
            if (index == 0) {
                int skip = group >= 1000 ? 0 : group >= 100 ? 1 : group >= 10 ? 2 : 3;
                memcpy(next, four + skip, 4 - skip);
                next += 4 - skip;
            } else {
                memcpy(next, four, 4);
                next += 4;
            }
        }
    }
    if (scale > 0) {
        *next++ = '.';
        char *end = next + scale;
        for (; next < end; index++) {
            int group = index >= 0 && index < digits ? (int16_t)load16(value + 8 + 2 * index) : 0;
            next[0] = (char)('0' + group / 1000);
            next[1] = (char)('0' + group / 100 % 10);
            next[2] = (char)('0' + group / 10 % 10);
            next[3] = (char)('0' + group % 10);
            next += 4;
        }
        next = end;
    }
    return (int)(next - out);
}

static enum touch touch_for(Oid type)
{
    switch (type) {
    case INT2OID: return TOUCH_INT2;
    case INT4OID: return TOUCH_INT4;
    case INT8OID: return TOUCH_INT8;
    case UUIDOID: return TOUCH_UUID;
    case TIMESTAMPOID: case TIMESTAMPTZOID: return TOUCH_TIMESTAMP;
    case NUMERICOID: return TOUCH_NUMERIC;
    default: return TOUCH_BYTES;
    }
}

/* Folds one binary value into the checksum as the Swift library contestant touches it. */
static uint64_t touch_binary(enum touch touch, const char *value, int length)
{
    switch (touch) {
    case TOUCH_INT2: return (uint64_t)(int64_t)(int16_t)load16(value);
    case TOUCH_INT4: return (uint64_t)(int64_t)(int32_t)load32(value);
    case TOUCH_INT8: return load64(value);
    case TOUCH_TIMESTAMP: return load64(value);
    case TOUCH_UUID: {
        unsigned char uuid[16];
        memcpy(uuid, value, 16);
        return (uint64_t)uuid[0] + uuid[15];
    }
    case TOUCH_NUMERIC: {
        char text[512];
        return (uint64_t)numeric_text(value, length, text, (int)sizeof text);
    }
    case TOUCH_BYTES:
    default:
        return (uint64_t)length + (length > 0 ? (unsigned char)value[0] : 0);
    }
}

int main(int argc, char **argv)
{
    int binary = 0;
    int first = 1;
    if (argc >= 2 && strcmp(argv[1], "--binary") == 0) {
        binary = 1;
        first = 2;
    }
    if (argc < first + 1) {
        fprintf(stderr, "usage: stream_rows [--binary] URL [SQL]\n");
        return 2;
    }
    const char *sql = argc >= first + 2 ? argv[first + 1] : "SELECT * FROM usage_events";
    PGconn *connection = PQconnectdb(argv[first]);
    if (PQstatus(connection) != CONNECTION_OK)
        return fail(connection, "connect");
    int sent = binary ? PQsendQueryParams(connection, sql, 0, NULL, NULL, NULL, NULL, 1) : PQsendQuery(connection, sql);
    if (!sent)
        return fail(connection, "send");
    if (!PQsetSingleRowMode(connection))
        return fail(connection, "single-row mode");

    long long rows = 0;
    uint64_t checksum = 0;
    int failed = 0;
    enum touch *touches = NULL;
    PGresult *result;
    while ((result = PQgetResult(connection)) != NULL) {
        switch (PQresultStatus(result)) {
        case PGRES_SINGLE_TUPLE: {
            int fields = PQnfields(result);
            if (binary && touches == NULL) {
                touches = calloc((size_t)fields + 1, sizeof *touches);
                for (int field = 0; field < fields; field++)
                    touches[field] = touch_for(PQftype(result, field));
            }
            for (int field = 0; field < fields; field++) {
                if (PQgetisnull(result, 0, field)) {
                    checksum += 1;
                    continue;
                }
                const char *value = PQgetvalue(result, 0, field);
                int length = PQgetlength(result, 0, field);
                if (binary)
                    checksum += touch_binary(touches[field], value, length);
                else
                    checksum += (uint64_t)length + (unsigned char)value[0];
            }
            rows++;
            break;
        }
        case PGRES_TUPLES_OK:
            break;
        default:
            fprintf(stderr, "stream_rows: query: %s", PQresultErrorMessage(result));
            failed = 1;
            break;
        }
        PQclear(result);
    }
    free(touches);
    PQfinish(connection);
    if (failed)
        return 1;
    printf("rows=%lld checksum=%llu\n", rows, (unsigned long long)checksum);
    return 0;
}
