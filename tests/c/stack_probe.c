/*
 * Peak stack of one authcore_verify call, measured from C: the call runs on a stack of
 * its own (makecontext/swapcontext) that was painted with a pattern first; the deepest
 * byte that no longer holds the pattern is the high-water mark.
 *
 *   stack_probe hs256
 *   stack_probe hs256-job                  (the token, key and policy of the speed job's HS256
 *                                           rows, bench/src/lib.rs: the C side of its
 *                                           comparison with the Rust row "authcore verify")
 *   stack_probe rs KEY.pem TOKEN-FILE      (RS256 with the key's PEM; see figures script)
 *   stack_probe es256 KEY.pem TOKEN-FILE   (likewise ES256, EdDSA, PS256: a library built
 *   stack_probe eddsa KEY.pem TOKEN-FILE    with them, and -DAUTHCORE_HAS_ES256,
 *   stack_probe ps256 KEY.pem TOKEN-FILE    -DAUTHCORE_HAS_EDDSA, -DAUTHCORE_HAS_PSS)
 *   stack_probe session                    (an OAuth 2.0 session: accept_login, next, touch)
 *
 * Prints "<name> stack: N bytes" (a line per call for a session) and exits 0, or 1 if a
 * call did not succeed.
 *
 * With --time first (scripts/c-bench.sh), it times the same call instead: batches of about
 * 0.2 s each, and prints the median, fastest and slowest batch's time per call.
 */
#define _XOPEN_SOURCE 700
#include "authcore.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <ucontext.h>

#define STACK_SIZE (64 * 1024)
#define PAINT 0xA5

static unsigned char probe_stack[STACK_SIZE] __attribute__((aligned(16)));
static ucontext_t main_ctx, probe_ctx;

static authcore_key key;
static authcore_validation settings;
static authcore_policy policy;
static authcore_claims claims;
static char token[16384];
static size_t token_len;
static uint8_t work[16384];
static authcore_status result;
static const authcore_str audiences[] = {{"telemetry", 9}};
/* The speed job's policy (bench/src/lib.rs): issuer, audience, required exp, iss, aud. */
static const authcore_str job_issuers[] = {{"https://auth.example.com", 24}};
static const authcore_str job_audiences[] = {{"api.example", 11}};
static const authcore_str job_required[] = {{"exp", 3}, {"iss", 3}, {"aud", 3}};

static void run_verify(void) {
    result = authcore_verify(&key, &policy, token, token_len, 1700000000, work, sizeof work,
                             &claims, NULL);
}

static authcore_session session;
static const char LOGIN[] = "{\"access_token\":\"abc\",\"token_type\":\"Bearer\","
                            "\"expires_in\":600,\"refresh_token\":\"r\"}";

static void run_accept_login(void) {
    result = authcore_session_accept_login(&session, LOGIN, strlen(LOGIN), 1700000000,
                                           AUTHCORE_TIME_UNIX);
}

static void run_next(void) {
    static char header[4096];
    static size_t n;
    static authcore_next next;
    result = authcore_session_next(&session, 1700000000, AUTHCORE_TIME_UNIX, header,
                                   sizeof header, &n, &next);
}

static void run_touch(void) {
    result = authcore_session_touch(&session, 1700000000, AUTHCORE_TIME_UNIX);
}

/* Runs `f` on the painted stack; the bytes it used, or 0 if its call failed. */
static size_t probe(void (*f)(void)) {
    size_t i;
    memset(probe_stack, PAINT, sizeof probe_stack);
    getcontext(&probe_ctx);
    probe_ctx.uc_stack.ss_sp = probe_stack;
    probe_ctx.uc_stack.ss_size = sizeof probe_stack;
    probe_ctx.uc_link = &main_ctx;
    makecontext(&probe_ctx, f, 0);
    if (swapcontext(&main_ctx, &probe_ctx) != 0) {
        perror("swapcontext");
        exit(2);
    }
    if (result != AUTHCORE_OK) {
        fprintf(stderr, "the call gave %s\n", authcore_status_str(result));
        return 0;
    }
    /* The stack grows down: the first changed byte from the bottom is the deepest. */
    for (i = 0; i < sizeof probe_stack && probe_stack[i] == PAINT; i++) {
    }
    return sizeof probe_stack - i;
}

/* The session figures: a line per call, in the order a session makes them. */
static int probe_session(void) {
    static const struct {
        const char *name;
        void (*run)(void);
    } calls[] = {{"session_accept_login", run_accept_login},
                 {"session_next", run_next},
                 {"session_touch", run_touch}};
    size_t i, used;
    if (authcore_session_init(&session, AUTHCORE_API_OAUTH2, NULL, 0, NULL, 0) != AUTHCORE_OK) {
        fprintf(stderr, "session setup failed\n");
        return 2;
    }
    for (i = 0; i < sizeof calls / sizeof calls[0]; i++) {
        if ((used = probe(calls[i].run)) == 0) {
            return 1;
        }
        printf("%s stack: %zu bytes\n", calls[i].name, used);
    }
    return 0;
}

static double now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

/* Nanoseconds per call of `calls` verifications; exits if one fails. */
static double batch(long calls) {
    long i;
    double start = now_ns();
    for (i = 0; i < calls; i++) {
        run_verify();
        if (result != AUTHCORE_OK) {
            fprintf(stderr, "verify gave %s\n", authcore_status_str(result));
            exit(1);
        }
    }
    return (now_ns() - start) / (double)calls;
}

static int by_value(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void time_verify(const char *name) {
    enum { BATCHES = 9 };
    double ns[BATCHES];
    long calls;
    int i;
    batch(200); /* warm caches and branch predictors */
    calls = (long)(0.2e9 / batch(200)) + 1;
    for (i = 0; i < BATCHES; i++) {
        ns[i] = batch(calls);
    }
    qsort(ns, BATCHES, sizeof *ns, by_value);
    printf("%s: %.2f us per verify (batches of %ld: %.2f to %.2f)\n", name,
           ns[BATCHES / 2] / 1e3, calls, ns[0] / 1e3, ns[BATCHES - 1] / 1e3);
}

static size_t read_file(const char *path, char *out, size_t cap) {
    FILE *f = fopen(path, "rb");
    size_t n;
    if (!f) {
        perror(path);
        exit(2);
    }
    n = fread(out, 1, cap - 1, f);
    fclose(f);
    while (n > 0 && (out[n - 1] == '\n' || out[n - 1] == '\r')) {
        n--;
    }
    out[n] = 0;
    return n;
}

/* The key, token and policy for the arguments; 0 when ready. */
static int setup(int argc, char **argv) {
    if (argc >= 2 && strcmp(argv[1], "hs256") == 0) {
        static const char claims_json[] =
            "{\"iss\":\"https://auth.example.com\",\"sub\":\"device-42\",\"aud\":\"telemetry\","
            "\"iat\":1699999990,\"exp\":1700000900,\"usefor\":\"access\",\"scope\":\"read "
            "write\",\"jti\":\"6f1c2b1e-1d1b-4c1a-9f5e-2d9a8b7c6e5f\"}";
        if (authcore_key_hmac(&key, AUTHCORE_HS256, (const uint8_t *)"0123456789abcdef0123456789abcdef",
                              32) != AUTHCORE_OK ||
            authcore_sign_hmac(&key, claims_json, strlen(claims_json), "k1", 2, token,
                               sizeof token, &token_len) != AUTHCORE_OK ||
            authcore_validation_init(&settings, AUTHCORE_HS256) != AUTHCORE_OK) {
            fprintf(stderr, "setup failed\n");
            return 2;
        }
        settings.audiences = audiences;
        settings.audiences_len = 1;
    } else if (argc >= 2 && strcmp(argv[1], "hs256-job") == 0) {
        static const char secret[] = "an HS256 secret of 32+ bytes, for the benchmark";
        static const char claims_json[] =
            "{\"sub\":\"user-42\",\"iss\":\"https://auth.example.com\",\"iat\":1700000000,"
            "\"exp\":4000000000,\"exi\":3600,\"jti\":\"7f3c9a52-0f0e4\",\"usefor\":\"access\","
            "\"aud\":\"api.example\"}";
        if (authcore_key_hmac(&key, AUTHCORE_HS256, (const uint8_t *)secret, strlen(secret)) !=
                AUTHCORE_OK ||
            authcore_sign_hmac(&key, claims_json, strlen(claims_json), NULL, 0, token,
                               sizeof token, &token_len) != AUTHCORE_OK ||
            authcore_validation_init(&settings, AUTHCORE_HS256) != AUTHCORE_OK) {
            fprintf(stderr, "setup failed\n");
            return 2;
        }
        settings.leeway = 0;
        settings.issuers = job_issuers;
        settings.issuers_len = 1;
        settings.audiences = job_audiences;
        settings.audiences_len = 1;
        settings.required = job_required;
        settings.required_len = 3;
#ifdef AUTHCORE_HAS_RSA
    } else if (argc >= 4 && strcmp(argv[1], "rs") == 0) {
        static char pem[16384];
        size_t pem_len = read_file(argv[2], pem, sizeof pem);
        token_len = read_file(argv[3], token, sizeof token);
        if (authcore_key_rsa_pem(&key, AUTHCORE_RS256, pem, pem_len) != AUTHCORE_OK ||
            authcore_validation_init(&settings, AUTHCORE_RS256) != AUTHCORE_OK) {
            fprintf(stderr, "setup failed\n");
            return 2;
        }
        settings.required_len = 0;
        settings.validate_exp = 0;
        settings.validate_aud = 0;
#endif
#if defined(AUTHCORE_HAS_ES256) && defined(AUTHCORE_HAS_EDDSA) && defined(AUTHCORE_HAS_PSS)
    } else if (argc >= 4 && (strcmp(argv[1], "es256") == 0 || strcmp(argv[1], "eddsa") == 0 ||
                             strcmp(argv[1], "ps256") == 0)) {
        static char pem[16384];
        size_t pem_len = read_file(argv[2], pem, sizeof pem);
        authcore_algorithm alg = argv[1][0] == 'e' && argv[1][1] == 's' ? AUTHCORE_ES256
                                 : argv[1][0] == 'e'                    ? AUTHCORE_EDDSA
                                                                        : AUTHCORE_PS256;
        authcore_status made = alg == AUTHCORE_ES256 ? authcore_key_ec_pem(&key, alg, pem, pem_len)
                               : alg == AUTHCORE_EDDSA
                                   ? authcore_key_ed25519_pem(&key, pem, pem_len)
                                   : authcore_key_rsa_pem(&key, alg, pem, pem_len);
        token_len = read_file(argv[3], token, sizeof token);
        if (made != AUTHCORE_OK || authcore_validation_init(&settings, alg) != AUTHCORE_OK) {
            fprintf(stderr, "setup failed\n");
            return 2;
        }
        settings.required_len = 0;
        settings.validate_exp = 0;
        settings.validate_aud = 0;
#endif
    } else {
        fprintf(stderr, "usage: stack_probe [--time] hs256|hs256-job | stack_probe [--time] "
                        "rs|es256|eddsa|ps256 KEY.pem TOKEN-FILE\n");
        return 2;
    }
    (void)read_file;
    if (authcore_policy_init(&policy, &settings) != AUTHCORE_OK) {
        fprintf(stderr, "policy failed\n");
        return 2;
    }
    return 0;
}

int main(int argc, char **argv) {
    size_t used;
    const char *name = argc >= 2 ? argv[1] : "";
    if (argc >= 2 && strcmp(argv[1], "--time") == 0) {
        int failed = setup(argc - 1, argv + 1);
        if (!failed) {
            time_verify(argc >= 5 ? argv[4] : argv[2]);
        }
        return failed;
    }
    if (strcmp(name, "session") == 0) {
        return probe_session();
    }
    if (setup(argc, argv) != 0) {
        return 2;
    }
    if ((used = probe(run_verify)) == 0) {
        return 1;
    }
    printf("%s stack: %zu bytes\n", name, used);
    return 0;
}
