/*
 * Verify an RS256 token with the key its header names, chosen from a JWKS document (an
 * identity provider's jwks.json): what a C gateway or device does with every request.
 *
 *   verify_jwks JWKS-FILE TOKEN-FILE [NOW]     (NOW: Unix seconds; default: the clock)
 *
 * Prints the verified claims it reads and exits 0, or prints why the token was refused and
 * exits 1. Built and run by `make -C tests/c examples` (see scripts/test-all.sh).
 */
#include <authcore.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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

static int fail(const char *what, authcore_status s) {
    fprintf(stderr, "%s: %s\n", what, authcore_status_str(s));
    return 1;
}

int main(int argc, char **argv) {
    static char jwks[65536], token[16384];
    static uint8_t work[16384];
    char kid[128], sub[128], iss[256];
    size_t jwks_len, token_len, kid_len, n;
    int64_t now, exp;
    authcore_key key;
    authcore_validation settings;
    authcore_policy policy;
    authcore_claims claims;
    authcore_status s;
    const authcore_str audiences[] = {{"telemetry", 9}};

    if (argc < 3) {
        fprintf(stderr, "usage: verify_jwks JWKS-FILE TOKEN-FILE [NOW]\n");
        return 2;
    }
    jwks_len = read_file(argv[1], jwks, sizeof jwks);
    token_len = read_file(argv[2], token, sizeof token);
    now = argc > 3 ? strtoll(argv[3], NULL, 10) : (int64_t)time(NULL);

    /* 1. Which key? The header's kid (read without trusting anything yet). */
    if ((s = authcore_peek_kid(token, token_len, kid, sizeof kid, &kid_len)) != AUTHCORE_OK) {
        return fail("reading the token's kid", s);
    }
    /* 2. That key from the JWKS, pinned to RS256. */
    if ((s = authcore_key_rsa_jwks(&key, AUTHCORE_RS256, jwks, jwks_len, kid, kid_len)) !=
        AUTHCORE_OK) {
        return fail("choosing the key", s);
    }
    /* 3. The policy, compiled once (a real program keeps it for every request). */
    authcore_validation_init(&settings, AUTHCORE_RS256);
    settings.audiences = audiences;
    settings.audiences_len = 1;
    settings.leeway = 30;
    if ((s = authcore_policy_init(&policy, &settings)) != AUTHCORE_OK) {
        return fail("policy", s);
    }
    /* 4. Verify, then read what the claims say. */
    if ((s = authcore_verify(&key, &policy, token, token_len, now, work, sizeof work, &claims,
                             NULL)) != AUTHCORE_OK) {
        authcore_key_clear(&key);
        return fail("token refused", s);
    }
    if ((s = authcore_claims_get_string(&claims, "sub", 3, sub, sizeof sub, &n)) ||
        (s = authcore_claims_get_string(&claims, "iss", 3, iss, sizeof iss, &n)) ||
        (s = authcore_claims_exp(&claims, &exp))) {
        authcore_key_clear(&key);
        return fail("reading claims", s);
    }
    printf("verified with key %s: sub=%s iss=%s, valid for %lld more seconds\n", kid, sub, iss,
           (long long)(exp - now));
    authcore_key_clear(&key);
    return 0;
}
