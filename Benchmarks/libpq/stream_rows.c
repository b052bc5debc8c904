/*
 * stream_rows URL [SQL]
 *
 * The reference contestant of the streaming benchmark: libpq in single-row mode, the way a C
 * application streams a large result without holding it in memory. Sends SQL (default
 * `SELECT * FROM usage_events`), switches to single-row mode, and for every row reads every field's
 * null flag, length and bytes (folding them into a checksum so the work cannot be optimised away).
 * Prints `rows=N checksum=X` like the Swift contestant.
 *
 * Built by Benchmarks/run.sh with: cc -O2 -o stream_rows stream_rows.c -I$(pg_config --includedir) -lpq
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <libpq-fe.h>

static int fail(PGconn *connection, const char *what)
{
    fprintf(stderr, "stream_rows: %s: %s", what, PQerrorMessage(connection));
    PQfinish(connection);
    return 1;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: stream_rows URL [SQL]\n");
        return 2;
    }
    const char *sql = argc >= 3 ? argv[2] : "SELECT * FROM usage_events";
    PGconn *connection = PQconnectdb(argv[1]);
    if (PQstatus(connection) != CONNECTION_OK)
        return fail(connection, "connect");
    if (!PQsendQuery(connection, sql))
        return fail(connection, "send");
    if (!PQsetSingleRowMode(connection))
        return fail(connection, "single-row mode");

    long long rows = 0;
    uint64_t checksum = 0;
    int failed = 0;
    PGresult *result;
    while ((result = PQgetResult(connection)) != NULL) {
        switch (PQresultStatus(result)) {
        case PGRES_SINGLE_TUPLE: {
            int fields = PQnfields(result);
            for (int field = 0; field < fields; field++) {
                if (PQgetisnull(result, 0, field)) {
                    checksum += 1;
                    continue;
                }
                const char *value = PQgetvalue(result, 0, field);
                int length = PQgetlength(result, 0, field);
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
    PQfinish(connection);
    if (failed)
        return 1;
    printf("rows=%lld checksum=%llu\n", rows, (unsigned long long)checksum);
    return 0;
}
