/*
 * The check macros the C tests share: each counts a pass or prints the failure with its
 * place, and the test's main prints "N passed, N failed" from the counters.
 */
#ifndef AUTHCORE_TEST_CHECK_H
#define AUTHCORE_TEST_CHECK_H

#include "authcore.h"

#include <stdio.h>
#include <string.h>

static int passed, failed;

#define CHECK(cond)                                                         \
    do {                                                                    \
        if (cond) {                                                         \
            passed++;                                                       \
        } else {                                                            \
            failed++;                                                       \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, \
                    #cond);                                                 \
        }                                                                   \
    } while (0)

#define CHECK_STATUS(expr, want)                                                   \
    do {                                                                           \
        authcore_status got_ = (expr);                                             \
        if (got_ == (want)) {                                                      \
            passed++;                                                              \
        } else {                                                                   \
            failed++;                                                              \
            fprintf(stderr, "%s:%d: %s gave %d (%s), want %s\n", __FILE__, __LINE__, \
                    #expr, (int)got_, authcore_status_str(got_), #want);  \
        }                                                                          \
    } while (0)

#define CHECK_STR(got, want)                                                          \
    do {                                                                              \
        const char *g_ = (got), *w_ = (want);                                         \
        if (g_ != NULL && strcmp(g_, w_) == 0) {                                      \
            passed++;                                                                 \
        } else {                                                                      \
            failed++;                                                                 \
            fprintf(stderr, "%s:%d: %s\n    is   \"%s\"\n    want \"%s\"\n", __FILE__, \
                    __LINE__, #got, g_ ? g_ : "(null)", w_);                          \
        }                                                                             \
    } while (0)

#endif
