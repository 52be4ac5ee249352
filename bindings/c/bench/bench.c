/*
 * Cost of one call through the C ABI: lakse_parse_nik (pure) and
 * lakse_whoami (a handle call: session lookup in SQLite), each including
 * building nothing but freeing its JSON result, as a C caller pays it.
 * bench.sh runs this next to bench_rust.rs, which times the same calls in
 * Rust, in the same run.
 *
 *   bench DATA_DIR [ITERATIONS]
 *
 * Prints "c <call> <median ns per call over 7 rounds>" per call.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lakse.h"

static double now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

static int by_value(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void check(int32_t rc, const char *what) {
    if (rc != LAKSE_OK) {
        fprintf(stderr, "%s: %s\n", what, lakse_last_error_message());
        exit(1);
    }
}

#define ROUNDS 7

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: bench DATA_DIR [ITERATIONS]\n");
        return 2;
    }
    long n = argc > 2 ? atol(argv[2]) : 20000;
    char options[512];
    snprintf(options, sizeof options, "{\"data_dir\": \"%s\", \"delivery\": {\"kind\": \"none\"}}",
             argv[1]);
    lakse_handle h;
    check(lakse_open(options, &h), "open");
    char *out = NULL;
    check(lakse_bootstrap_admin(h, "{\"email\":\"admin@example.com\",\"password\":\"rahasia-2024\"}",
                                &out),
          "bootstrap_admin");
    lakse_string_free(out);
    check(lakse_login(h, "{\"email\":\"admin@example.com\",\"password\":\"rahasia-2024\"}", &out),
          "login");
    const char *t = strstr(out, "\"token\":\"");
    if (!t) return 1;
    t += 9;
    char whoami_args[256];
    snprintf(whoami_args, sizeof whoami_args, "{\"session\":\"%.*s\"}", (int)(strchr(t, '"') - t), t);
    lakse_string_free(out);

    const char *nik_args = "{\"text\":\"2171055209900001\"}";
    double rounds[ROUNDS];

    for (int r = 0; r < ROUNDS; r++) {
        double start = now_ns();
        for (long i = 0; i < n; i++) {
            check(lakse_parse_nik(nik_args, &out), "parse_nik");
            lakse_string_free(out);
        }
        rounds[r] = (now_ns() - start) / (double)n;
    }
    qsort(rounds, ROUNDS, sizeof rounds[0], by_value);
    printf("c parse_nik %.0f\n", rounds[ROUNDS / 2]);

    long m = n / 4 > 0 ? n / 4 : 1; /* whoami costs more: fewer calls */
    for (int r = 0; r < ROUNDS; r++) {
        double start = now_ns();
        for (long i = 0; i < m; i++) {
            check(lakse_whoami(h, whoami_args, &out), "whoami");
            lakse_string_free(out);
        }
        rounds[r] = (now_ns() - start) / (double)m;
    }
    qsort(rounds, ROUNDS, sizeof rounds[0], by_value);
    printf("c whoami %.0f\n", rounds[ROUNDS / 2]);

    check(lakse_free_handle(h), "free");
    return 0;
}
