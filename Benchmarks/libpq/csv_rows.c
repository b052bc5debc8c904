/*
 * csv_rows URL [SQL]
 *
 * The reference CSV writer of the smoke benchmark: libpq in single-row mode (text format, as psql and
 * every libpq tool receive values), writing the same bytes `psql --csv` prints (psql's rules in
 * csv_print_field: a header line of column names, fields separated by commas, quoted only when they
 * hold a comma, a double quote, CR or LF, or are exactly `\.`, quotes doubled inside; NULL as an empty
 * field) to standard output through a 256 KiB buffer. What a C engineer would write to stream a query
 * to CSV at libpq's pace, without psql's whole-result buffering.
 *
 * Built by Benchmarks/run.sh with: cc -O2 -o csv_rows csv_rows.c -I$(pg_config --includedir) -lpq
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <libpq-fe.h>

#define BUFFER_SIZE (256 * 1024)

static char buffer[BUFFER_SIZE];
static size_t buffered = 0;

/* Writes all of bytes to standard output (a pipe or /dev/null may take them in parts). */
static void write_all(const char *bytes, size_t count)
{
    size_t offset = 0;
    while (offset < count) {
        ssize_t written = write(STDOUT_FILENO, bytes + offset, count - offset);
        if (written < 0) {
            if (errno == EINTR)
                continue;
            perror("csv_rows: write");
            exit(1);
        }
        offset += (size_t)written;
    }
}

static void flush_output(void)
{
    write_all(buffer, buffered);
    buffered = 0;
}

static void put(const char *bytes, size_t count)
{
    if (buffered + count > BUFFER_SIZE) {
        flush_output();
        if (count > BUFFER_SIZE) {
            write_all(bytes, count);
            return;
        }
    }
    memcpy(buffer + buffered, bytes, count);
    buffered += count;
}

static void put_byte(char byte)
{
    if (buffered == BUFFER_SIZE)
        flush_output();
    buffer[buffered++] = byte;
}

/* psql's csv_print_field with a comma separator. */
static void put_field(const char *value, size_t length)
{
    int quote = length == 2 && value[0] == '\\' && value[1] == '.';
    for (size_t index = 0; !quote && index < length; index++) {
        char byte = value[index];
        quote = byte == ',' || byte == '"' || byte == '\n' || byte == '\r';
    }
    if (!quote) {
        put(value, length);
        return;
    }
    put_byte('"');
    size_t start = 0;
    for (size_t index = 0; index < length; index++) {
        if (value[index] == '"') {
            put(value + start, index + 1 - start);
            start = index;
        }
    }
    put(value + start, length - start);
    put_byte('"');
}

static int fail(PGconn *connection, const char *what)
{
    fprintf(stderr, "csv_rows: %s: %s", what, PQerrorMessage(connection));
    PQfinish(connection);
    return 1;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: csv_rows URL [SQL]\n");
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

    int header = 0;
    int failed = 0;
    PGresult *result;
    while ((result = PQgetResult(connection)) != NULL) {
        ExecStatusType status = PQresultStatus(result);
        if (status == PGRES_SINGLE_TUPLE || status == PGRES_TUPLES_OK) {
            int fields = PQnfields(result);
            if (!header && fields > 0) {
                for (int field = 0; field < fields; field++) {
                    if (field > 0)
                        put_byte(',');
                    const char *name = PQfname(result, field);
                    put_field(name, strlen(name));
                }
                put_byte('\n');
                header = 1;
            }
            if (status == PGRES_SINGLE_TUPLE && fields > 0) {
                for (int field = 0; field < fields; field++) {
                    if (field > 0)
                        put_byte(',');
                    if (!PQgetisnull(result, 0, field))
                        put_field(PQgetvalue(result, 0, field), (size_t)PQgetlength(result, 0, field));
                }
                put_byte('\n');
            }
        } else {
            fprintf(stderr, "csv_rows: query: %s", PQresultErrorMessage(result));
            failed = 1;
        }
        PQclear(result);
    }
    flush_output();
    PQfinish(connection);
    return failed ? 1 : 0;
}
