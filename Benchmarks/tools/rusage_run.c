/*
 * rusage_run RESULT_FILE COMMAND [ARG ...]
 *
 * Runs COMMAND (standard streams inherited), waits for it with wait4 and writes one line to RESULT_FILE:
 *
 *     <wall seconds> <user seconds> <system seconds> <peak RSS KiB> <exit status>
 *
 * Why a separate C program: Linux keeps a process's peak RSS across exec, and a child spawned straight
 * from the (large) Swift benchmark runner would inherit the runner's resident size as its starting
 * peak. Forked from this tiny wrapper, a command's peak RSS is its own (plus this wrapper's ~1 MiB).
 * Wall time runs from just before fork to the reaping of the child, with the monotonic clock.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double seconds(struct timeval value)
{
    return (double)value.tv_sec + (double)value.tv_usec / 1e6;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: rusage_run RESULT_FILE COMMAND [ARG ...]\n");
        return 2;
    }
    struct timespec started, ended;
    clock_gettime(CLOCK_MONOTONIC, &started);
    pid_t child = fork();
    if (child < 0) {
        perror("rusage_run: fork");
        return 2;
    }
    if (child == 0) {
        execvp(argv[2], argv + 2);
        fprintf(stderr, "rusage_run: cannot run %s: %s\n", argv[2], strerror(errno));
        _exit(127);
    }
    int status = 0;
    struct rusage usage;
    while (wait4(child, &status, 0, &usage) < 0) {
        if (errno != EINTR) {
            perror("rusage_run: wait4");
            return 2;
        }
    }
    clock_gettime(CLOCK_MONOTONIC, &ended);
    double wall = (double)(ended.tv_sec - started.tv_sec) + (double)(ended.tv_nsec - started.tv_nsec) / 1e9;
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    FILE *result = fopen(argv[1], "w");
    if (result == NULL) {
        perror("rusage_run: result file");
        return 2;
    }
    fprintf(result, "%.6f %.6f %.6f %ld %d\n", wall, seconds(usage.ru_utime), seconds(usage.ru_stime), usage.ru_maxrss, code);
    fclose(result);
    return 0;
}
