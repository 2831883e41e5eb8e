/*
 * C tests of key sets: a JWKS loaded into caller storage, RS256 tokens (made by Python's
 * `cryptography`) and HS256 tokens verified with the key their kid names; unknown kids,
 * tokens without kid, algorithm confusion, forged signatures; every refusal of a JWKS
 * leaves the set as it was; clearing, copies and NULL arguments.
 *
 *   test_key_set VECTORS-DIR     (tests/vectors)
 *
 * Ends with the line "N passed, N failed".
 */
#include "check.h"

#include <stdlib.h>

static const int64_t NOW = 1700000000;
/* No default algorithm for RSA and oct keys without alg. */
#define NO_DEFAULT ((authcore_algorithm)0)
static const char *vectors;
static const char SECRET[] = "an HS256 secret of at least 32 bytes, from the JWKS";
/* base64url of SECRET, as an oct JWK's "k". */
static const char SECRET_B64[] = "YW4gSFMyNTYgc2VjcmV0IG9mIGF0IGxlYXN0IDMyIGJ5dGVzLCBmcm9tIHRoZSBKV0tT";

/* Large: in static storage, as the header advises. */
static authcore_key_set set, copy;
static char jwks[16384];
static size_t jwks_len;

/* Reads a whole file (at most cap - 1 bytes), NUL-terminated, trailing newlines cut. */
static size_t slurp(const char *name, char *out, size_t cap) {
    char path[1024];
    FILE *f;
    size_t n;
    snprintf(path, sizeof path, "%s/%s", vectors, name);
    f = fopen(path, "rb");
    if (!f) {
        perror(path);
        exit(2);
    }
    n = fread(out, 1, cap - 1, f);
    fclose(f);
    out[n] = 0;
    while (n > 0 && (out[n - 1] == '\n' || out[n - 1] == '\r')) {
        out[--n] = 0;
    }
    return n;
}

/* Verifies `token` with the set under a policy of `alg`, with the RS256 vectors' issuer
 * and audience for RS256; `work` must then be zero on any refusal. */
static authcore_status verify(const authcore_key_set *s, authcore_algorithm alg,
                              const char *token, authcore_claims *claims) {
    static uint8_t work[4096];
    authcore_validation settings;
    authcore_policy policy;
    const authcore_str aud[] = {{"telemetry", 9}};
    const authcore_str iss[] = {{"https://idp.example.com/", 24}};
    authcore_status status;
    size_t i;
    authcore_validation_init(&settings, alg);
    if (alg == AUTHCORE_RS256) {
        settings.audiences = aud;
        settings.audiences_len = 1;
        settings.issuers = iss;
        settings.issuers_len = 1;
    }
    status = authcore_policy_init(&policy, &settings);
    if (status != AUTHCORE_OK) {
        return status;
    }
    memset(work, 0xA5, sizeof work);
    status = authcore_verify_with_key_set(s, &policy, token, strlen(token), NOW, work,
                                          sizeof work, claims, NULL);
    if (status != AUTHCORE_OK && status != AUTHCORE_UNINITIALIZED &&
        status != AUTHCORE_NULL_ARGUMENT) {
        for (i = 0; i < sizeof work; i++) {
            if (work[i] != 0) {
                fprintf(stderr, "work buffer not wiped after status %d\n", (int)status);
                failed++;
                break;
            }
        }
    }
    return status;
}

/* An HS256 token MACed with `secret`, its header naming `kid` (NULL for none). */
static const char *hs256(const char *secret, const char *kid) {
    static char token[512];
    static const char claims[] = "{\"sub\":\"device-42\",\"exp\":1700000900}";
    authcore_key key;
    size_t n = 0;
    if (authcore_key_hmac(&key, AUTHCORE_HS256, (const uint8_t *)secret, strlen(secret)) !=
            AUTHCORE_OK ||
        authcore_sign_hmac(&key, claims, strlen(claims), kid, kid ? strlen(kid) : 0, token,
                           sizeof token, &n) != AUTHCORE_OK) {
        fprintf(stderr, "could not sign a test token\n");
        exit(2);
    }
    authcore_key_clear(&key);
    return token;
}

static authcore_status load(const char *text, authcore_algorithm default_alg) {
    return authcore_key_set_jwks(&set, text, strlen(text), default_alg);
}

/* An oct JWK for SECRET with kid `kid`, appended to `out`. */
static void oct(char *out, size_t cap, const char *kid) {
    size_t n = strlen(out);
    snprintf(out + n, cap - n, "%s{\"kty\":\"oct\",\"alg\":\"HS256\",\"kid\":\"%s\",\"k\":\"%s\"}",
             n > 9 ? "," : "", kid, SECRET_B64);
}

static void test_rs256_by_kid(void) {
    static char t2048[4096], t4096[4096], forged[4096];
    authcore_claims claims;
    char iss[64];
    size_t n = 0, skipped = 0;
    slurp("rs256-2048.jwt", t2048, sizeof t2048);
    slurp("rs256-4096.jwt", t4096, sizeof t4096);

    CHECK_STATUS(authcore_key_set_jwks(&set, jwks, jwks_len, NO_DEFAULT), AUTHCORE_OK);
    CHECK_STATUS(authcore_key_set_len(&set, &n, &skipped), AUTHCORE_OK);
    /* Two RSA keys, and an EC key that only a library built with ES256 keeps. */
    CHECK(n >= 2 && n + skipped == 3);

    CHECK_STATUS(verify(&set, AUTHCORE_RS256, t2048, &claims), AUTHCORE_OK);
    CHECK_STATUS(authcore_claims_get_string(&claims, "iss", 3, iss, sizeof iss, &n),
                 AUTHCORE_OK);
    CHECK_STR(iss, "https://idp.example.com/");
    CHECK_STATUS(verify(&set, AUTHCORE_RS256, t4096, &claims), AUTHCORE_OK);

    /* One signature character changed. */
    strcpy(forged, t2048);
    n = strlen(forged) - 5;
    forged[n] = forged[n] == 'A' ? 'B' : 'A';
    CHECK_STATUS(verify(&set, AUTHCORE_RS256, forged, &claims), AUTHCORE_INVALID_SIGNATURE);
    /* The token's alg is not the policy's. */
    CHECK_STATUS(verify(&set, AUTHCORE_RS384, t2048, &claims), AUTHCORE_ALGORITHM_MISMATCH);
    /* A kid no key has. */
    CHECK_STATUS(verify(&set, AUTHCORE_HS256, hs256(SECRET, "nope"), &claims),
                 AUTHCORE_UNKNOWN_KEY_ID);
    /* An HS256 token naming the RSA key, MACed with its public modulus: the kid's keys are
     * RS256 ones, and the RS256 policy refuses the alg. */
    CHECK_STATUS(verify(&set, AUTHCORE_HS256, hs256(strstr(jwks, "\"n\""), "rsa2048-2026"),
                        &claims),
                 AUTHCORE_KEY_WRONG_ALGORITHM);
    CHECK_STATUS(verify(&set, AUTHCORE_RS256, hs256(strstr(jwks, "\"n\""), "rsa2048-2026"),
                        &claims),
                 AUTHCORE_ALGORITHM_MISMATCH);
    /* Without kid, two RS256 keys could verify it. */
    CHECK_STATUS(verify(&set, AUTHCORE_HS256, hs256(SECRET, NULL), &claims),
                 AUTHCORE_KEY_WRONG_ALGORITHM);
    authcore_claims_clear(&claims);
}

static void test_refusals_keep_the_set(void) {
    static char t2048[4096], doc[8192], longkid[200];
    authcore_claims claims;
    size_t n = 0, skipped = 0, i;
    const char *refused[] = {
        "",
        "{\"keys\":[",
        "[]",
        "{\"keys\":[]} x",
        "{\"kees\":[]}",
        "{\"keys\":{}}",
        "{\"keys\":[1]}",
        "{\"keys\":[{\"kty\":\"oct\",\"kty\":\"RSA\"}]}",
        "{\"keys\":[]}",
        "{\"keys\":[{\"kty\":\"RSA\",\"use\":\"enc\",\"n\":\"AQAB\",\"e\":\"AQAB\"}]}",
    };
    const authcore_status want[] = {
        AUTHCORE_KEY_JSON,           AUTHCORE_KEY_JSON,
        AUTHCORE_KEY_JSON,           AUTHCORE_KEY_JSON,
        AUTHCORE_KEY_JWK_MEMBER,     AUTHCORE_KEY_JWK_MEMBER,
        AUTHCORE_KEY_JWK_MEMBER,     AUTHCORE_KEY_JSON,
        AUTHCORE_KEY_SET_NO_USABLE_KEY, AUTHCORE_KEY_SET_NO_USABLE_KEY,
    };
    slurp("rs256-2048.jwt", t2048, sizeof t2048);
    CHECK_STATUS(authcore_key_set_jwks(&set, jwks, jwks_len, NO_DEFAULT), AUTHCORE_OK);

    for (i = 0; i < sizeof refused / sizeof *refused; i++) {
        CHECK_STATUS(load(refused[i], NO_DEFAULT), want[i]);
    }
    /* One more usable key than the set holds. */
    strcpy(doc, "{\"keys\":[");
    for (i = 0; i <= AUTHCORE_KEY_SET_CAPACITY; i++) {
        char kid[16];
        snprintf(kid, sizeof kid, "k%u", (unsigned)i);
        oct(doc, sizeof doc, kid);
    }
    strcat(doc, "]}");
    CHECK_STATUS(load(doc, NO_DEFAULT), AUTHCORE_KEY_SET_TOO_MANY_KEYS);
    /* Two keys with one kid and algorithm. */
    strcpy(doc, "{\"keys\":[");
    oct(doc, sizeof doc, "same");
    oct(doc, sizeof doc, "same");
    strcat(doc, "]}");
    CHECK_STATUS(load(doc, NO_DEFAULT), AUTHCORE_KEY_DUPLICATE_KID);
    /* A kid over 64 bytes. */
    memset(longkid, 'k', 65);
    longkid[65] = 0;
    strcpy(doc, "{\"keys\":[");
    oct(doc, sizeof doc, longkid);
    strcat(doc, "]}");
    CHECK_STATUS(load(doc, NO_DEFAULT), AUTHCORE_KEY_SET_KID_TOO_LONG);
    /* An unknown default algorithm. */
    CHECK_STATUS(authcore_key_set_jwks(&set, jwks, jwks_len, (authcore_algorithm)99), AUTHCORE_INVALID_ARGUMENT);

    /* After all of them: the set loaded first, whole. */
    CHECK_STATUS(authcore_key_set_len(&set, &n, &skipped), AUTHCORE_OK);
    CHECK(n >= 2 && n + skipped == 3);
    CHECK_STATUS(verify(&set, AUTHCORE_RS256, t2048, &claims), AUTHCORE_OK);
    authcore_claims_clear(&claims);
}

static void test_rotation_and_kidless_tokens(void) {
    static char t2048[4096], doc[8192];
    authcore_claims claims;
    size_t n = 0;
    slurp("rs256-2048.jwt", t2048, sizeof t2048);

    /* The provider rotates to one HS256 key (an oct key; kid "hs-1"). */
    strcpy(doc, "{\"keys\":[");
    oct(doc, sizeof doc, "hs-1");
    strcat(doc, "]}");
    CHECK_STATUS(load(doc, NO_DEFAULT), AUTHCORE_OK);
    CHECK_STATUS(authcore_key_set_len(&set, &n, NULL), AUTHCORE_OK);
    CHECK(n == 1);
    CHECK_STATUS(verify(&set, AUTHCORE_RS256, t2048, &claims), AUTHCORE_UNKNOWN_KEY_ID);
    CHECK_STATUS(verify(&set, AUTHCORE_HS256, hs256(SECRET, "hs-1"), &claims), AUTHCORE_OK);
    CHECK_STATUS(verify(&set, AUTHCORE_HS256, hs256("another secret, also 32 bytes long!!",
                                                    "hs-1"),
                        &claims),
                 AUTHCORE_INVALID_SIGNATURE);
    /* One HS256 key: a token without kid gets it. */
    CHECK_STATUS(verify(&set, AUTHCORE_HS256, hs256(SECRET, NULL), &claims), AUTHCORE_OK);

    /* Two: which one is not guessed. */
    strcpy(doc, "{\"keys\":[");
    oct(doc, sizeof doc, "hs-1");
    oct(doc, sizeof doc, "hs-2");
    strcat(doc, "]}");
    CHECK_STATUS(load(doc, NO_DEFAULT), AUTHCORE_OK);
    CHECK_STATUS(verify(&set, AUTHCORE_HS256, hs256(SECRET, NULL), &claims),
                 AUTHCORE_MISSING_KEY_ID);
    CHECK_STATUS(verify(&set, AUTHCORE_HS256, hs256(SECRET, "hs-2"), &claims), AUTHCORE_OK);

    /* RSA keys without alg take the default algorithm, when it is of their family. */
    {
        static char noalg[16384];
        char *at;
        strcpy(noalg, jwks);
        while ((at = strstr(noalg, "\"alg\": \"RS256\",")) != NULL) {
            memmove(at, at + 15, strlen(at + 15) + 1);
        }
        CHECK(strstr(noalg, "RS256") == NULL);
        /* An HS default is not for RSA keys: only the EC key could be kept (a library
         * built with ES256 keeps it). */
        if (load(noalg, AUTHCORE_HS256) == AUTHCORE_OK) {
            CHECK_STATUS(authcore_key_set_len(&set, &n, NULL), AUTHCORE_OK);
            CHECK(n == 1);
        } else {
            CHECK_STATUS(load(noalg, AUTHCORE_HS256), AUTHCORE_KEY_SET_NO_USABLE_KEY);
        }
        CHECK_STATUS(verify(&set, AUTHCORE_RS256, t2048, &claims), AUTHCORE_UNKNOWN_KEY_ID);
        CHECK_STATUS(load(noalg, AUTHCORE_RS256), AUTHCORE_OK);
        CHECK_STATUS(verify(&set, AUTHCORE_RS256, t2048, &claims), AUTHCORE_OK);
    }
    authcore_claims_clear(&claims);
}

static void test_storage(void) {
    static char t2048[4096];
    authcore_claims claims;
    size_t n = 0;
    slurp("rs256-2048.jwt", t2048, sizeof t2048);
    CHECK_STATUS(authcore_key_set_jwks(&set, jwks, jwks_len, NO_DEFAULT), AUTHCORE_OK);

    /* A byte copy is no set. */
    memcpy(&copy, &set, sizeof set);
    CHECK_STATUS(authcore_key_set_len(&copy, &n, NULL), AUTHCORE_UNINITIALIZED);
    CHECK_STATUS(verify(&copy, AUTHCORE_RS256, t2048, &claims), AUTHCORE_UNINITIALIZED);
    memset(&copy, 0, sizeof copy);

    /* NULL for every pointer. */
    CHECK_STATUS(authcore_key_set_jwks(NULL, jwks, jwks_len, NO_DEFAULT), AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_key_set_jwks(&set, NULL, 0, NO_DEFAULT), AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_key_set_len(NULL, &n, NULL), AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_key_set_len(&set, NULL, NULL), AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_key_set_clear(NULL), AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(verify(NULL, AUTHCORE_RS256, t2048, &claims), AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(verify(&set, AUTHCORE_RS256, t2048, NULL), AUTHCORE_NULL_ARGUMENT);

    /* Cleared: nothing verifies, and a refused JWKS leaves it cleared. */
    CHECK_STATUS(authcore_key_set_clear(&set), AUTHCORE_OK);
    CHECK_STATUS(authcore_key_set_len(&set, &n, NULL), AUTHCORE_UNINITIALIZED);
    CHECK_STATUS(verify(&set, AUTHCORE_RS256, t2048, &claims), AUTHCORE_UNINITIALIZED);
    CHECK_STATUS(load("{\"keys\":[]}", NO_DEFAULT), AUTHCORE_KEY_SET_NO_USABLE_KEY);
    CHECK_STATUS(authcore_key_set_len(&set, &n, NULL), AUTHCORE_UNINITIALIZED);
    CHECK_STATUS(authcore_key_set_clear(&set), AUTHCORE_OK);
    CHECK(AUTHCORE_KEY_SET_SIZE == sizeof(authcore_key_set));
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: test_key_set VECTORS-DIR\n");
        return 2;
    }
    vectors = argv[1];
    jwks_len = slurp("jwks.json", jwks, sizeof jwks);
    test_rs256_by_kid();
    test_refusals_keep_the_set();
    test_rotation_and_kidless_tokens();
    test_storage();
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
