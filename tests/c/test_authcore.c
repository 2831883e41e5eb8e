/*
 * C tests of the authcore C API: every function's success path, every status code the
 * HMAC/claims API can give, NULL for every pointer, every buffer size from 0 to the needed
 * size (outputs untouched until it fits), and hostile tokens.
 *
 * Built as C99 (-Wall -Wextra -Werror) and as C++17, and run under ASan+UBSan and valgrind
 * by tests/c/Makefile. Ends with the line "N passed, N failed".
 */
#include "authcore.h"

#include <stdio.h>
#include <string.h>

#include "check.h"

/* A string literal as the API takes it: pointer and length (an argument pair, or an
 * authcore_str / authcore_claim_value initializer). */
#define S(lit) (lit), (sizeof(lit) - 1)

/* Whether `got` is exactly the string `want`. */
static int str_is(authcore_str got, const char *want) {
    return got.ptr != NULL && got.len == strlen(want) && memcmp(got.ptr, want, got.len) == 0;
}

/* Whether `got` is no string: {NULL, 0}. */
static int str_none(authcore_str got) {
    return got.ptr == NULL && got.len == 0;
}

static const uint8_t SECRET[] = "0123456789abcdef0123456789abcdef"; /* 32 bytes */
static const int64_t NOW = 1700000000;

/* Base64url without padding, for hand-made hostile tokens. */
static size_t b64url(const char *in, size_t n, char *out) {
    static const char A[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    size_t o = 0, i = 0;
    for (; i + 2 < n; i += 3) {
        unsigned v = ((unsigned char)in[i] << 16) | ((unsigned char)in[i + 1] << 8) |
                     (unsigned char)in[i + 2];
        out[o++] = A[v >> 18];
        out[o++] = A[(v >> 12) & 63];
        out[o++] = A[(v >> 6) & 63];
        out[o++] = A[v & 63];
    }
    if (n - i == 1) {
        unsigned v = (unsigned char)in[i] << 16;
        out[o++] = A[v >> 18];
        out[o++] = A[(v >> 12) & 63];
    } else if (n - i == 2) {
        unsigned v = ((unsigned char)in[i] << 16) | ((unsigned char)in[i + 1] << 8);
        out[o++] = A[v >> 18];
        out[o++] = A[(v >> 12) & 63];
        out[o++] = A[(v >> 6) & 63];
    }
    out[o] = 0;
    return o;
}

/* header.payload.<32 zero bytes as signature>: header problems are found before the
 * signature is checked. */
static void forge(const char *header, const char *payload, char *out) {
    char sig[32];
    size_t n;
    memset(sig, 0, sizeof sig);
    n = b64url(header, strlen(header), out);
    out[n++] = '.';
    n += b64url(payload, strlen(payload), out + n);
    out[n++] = '.';
    b64url(sig, sizeof sig, out + n);
}

static authcore_key hs256_key(void) {
    authcore_key key;
    CHECK_STATUS(authcore_key_hmac(&key, AUTHCORE_HS256, SECRET, 32), AUTHCORE_OK);
    return key;
}

static authcore_validation policy(void) {
    authcore_validation p;
    CHECK_STATUS(authcore_validation_init(&p, AUTHCORE_HS256), AUTHCORE_OK);
    return p;
}

/* Signs `claims` with `key` into `out` (at least 1024 bytes). */
static size_t sign(const authcore_key *key, const char *claims, char *out) {
    size_t len = 0;
    CHECK_STATUS(authcore_sign_hmac(key, claims, strlen(claims), NULL, 0, out,
                                    1024, &len),
                 AUTHCORE_OK);
    return len;
}

/* Compiles the settings into a policy and verifies with it. */
static authcore_status verify_with(const authcore_key *key, const authcore_validation *p,
                                   const char *token, authcore_claims *claims) {
    static uint8_t buf[2048];
    authcore_policy pol;
    authcore_status s = authcore_policy_init(&pol, p);
    if (s != AUTHCORE_OK) {
        return s;
    }
    s = authcore_verify(key, &pol, token, strlen(token), NOW, buf, sizeof buf, claims, NULL);
    CHECK_STATUS(authcore_policy_clear(&pol), AUTHCORE_OK);
    return s;
}

static void test_status_strings(void) {
    int s, known = 0;
    CHECK(strcmp(authcore_status_str(AUTHCORE_OK), "ok") == 0);
    CHECK(strcmp(authcore_status_str(AUTHCORE_EXPIRED), "token has expired") == 0);
    CHECK(strcmp(authcore_status_str((authcore_status)-1), "unknown status") == 0);
    CHECK(strcmp(authcore_status_str((authcore_status)1000), "unknown status") == 0);
    for (s = 0; s < 200; s++) {
        CHECK(authcore_status_str((authcore_status)s) != NULL);
        known += strcmp(authcore_status_str((authcore_status)s), "unknown status") != 0;
    }
    /* Every status the header names has its own description. */
    CHECK(known == 88);
}

/* The header's version macros are the library's version: a header from another release
 * than the library linked would differ. */
static void test_version(void) {
    char parts[32];
    snprintf(parts, sizeof parts, "%d.%d.%d", AUTHCORE_VERSION_MAJOR, AUTHCORE_VERSION_MINOR,
             AUTHCORE_VERSION_PATCH);
    CHECK_STR(authcore_version(), AUTHCORE_VERSION_STRING);
    CHECK_STR(parts, AUTHCORE_VERSION_STRING);
}

/* Whether all `n` bytes at `p` are zero. */
static int all_zero(const void *p, size_t n) {
    const unsigned char *b = (const unsigned char *)p;
    size_t i;
    for (i = 0; i < n; i++) {
        if (b[i] != 0) {
            return 0;
        }
    }
    return 1;
}

static void test_keys(void) {
    authcore_key key;
    authcore_algorithm alg = AUTHCORE_RS512;
    static const authcore_algorithm hs[] = {AUTHCORE_HS256, AUTHCORE_HS384, AUTHCORE_HS512};
    size_t i;

    for (i = 0; i < 3; i++) {
        CHECK_STATUS(authcore_key_hmac(&key, hs[i], SECRET, 32), AUTHCORE_OK);
        CHECK_STATUS(authcore_key_algorithm(&key, &alg), AUTHCORE_OK);
        CHECK(alg == hs[i]);
        CHECK(!all_zero(&key, sizeof key));
        CHECK_STATUS(authcore_key_clear(&key), AUTHCORE_OK);
        /* The secret's HMAC state is zeroized and the whole storage zeroed. */
        CHECK(all_zero(&key, sizeof key));
        CHECK_STATUS(authcore_key_algorithm(&key, &alg), AUTHCORE_UNINITIALIZED);
    }
    CHECK_STATUS(authcore_key_hmac(NULL, AUTHCORE_HS256, SECRET, 32), AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_key_hmac(&key, AUTHCORE_HS256, NULL, 32), AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_key_hmac(&key, (authcore_algorithm)0, SECRET, 32),
                 AUTHCORE_INVALID_ARGUMENT);
    CHECK_STATUS(authcore_key_hmac(&key, (authcore_algorithm)99, SECRET, 32),
                 AUTHCORE_INVALID_ARGUMENT);
    CHECK_STATUS(authcore_key_hmac(&key, AUTHCORE_RS256, SECRET, 32),
                 AUTHCORE_KEY_WRONG_ALGORITHM);
    CHECK_STATUS(authcore_key_hmac(&key, AUTHCORE_HS256, SECRET, 0), AUTHCORE_KEY_EMPTY_SECRET);
    CHECK_STATUS(authcore_key_algorithm(NULL, &alg), AUTHCORE_NULL_ARGUMENT);
    key = hs256_key();
    CHECK_STATUS(authcore_key_algorithm(&key, NULL), AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_key_clear(NULL), AUTHCORE_NULL_ARGUMENT);

    /* Zeroed storage is not a key. */
    memset(&key, 0, sizeof key);
    CHECK_STATUS(authcore_key_algorithm(&key, &alg), AUTHCORE_UNINITIALIZED);
    CHECK(sizeof(authcore_key) == AUTHCORE_KEY_SIZE);
    CHECK(sizeof(authcore_claims) == AUTHCORE_CLAIMS_SIZE);
}

static void test_sign_buffers(void) {
    authcore_key key = hs256_key();
    const char *claims = "{\"sub\":\"device-42\",\"exp\":1700000900}";
    char out[512], ref[512];
    size_t needed = 0, len = 7, cap;

    /* Size query. */
    CHECK_STATUS(authcore_sign_hmac(&key, claims, strlen(claims), "k1", 2, NULL,
                                    0, &needed),
                 AUTHCORE_BUFFER_TOO_SMALL);
    CHECK(needed > 100 && needed < sizeof out);
    /* Every size below the needed one: status, size reported, buffer untouched. */
    for (cap = 0; cap < needed; cap++) {
        memset(out, 0xAA, sizeof out);
        memset(ref, 0xAA, sizeof ref);
        len = 0;
        CHECK_STATUS(authcore_sign_hmac(&key, claims, strlen(claims), "k1", 2,
                                        out, cap, &len),
                     AUTHCORE_BUFFER_TOO_SMALL);
        CHECK(len == needed);
        CHECK(memcmp(out, ref, sizeof out) == 0);
    }
    CHECK_STATUS(authcore_sign_hmac(&key, claims, strlen(claims), "k1", 2, out,
                                    needed, &len),
                 AUTHCORE_OK);
    CHECK(len == needed - 1 && strlen(out) == len);
    CHECK(strncmp(out, "eyJ", 3) == 0);
    /* Inputs are read for their length only: no NUL is looked for. */
    memcpy(ref, out, len + 1);
    CHECK_STATUS(authcore_sign_hmac(&key, claims, strlen(claims), "k1 and more", 2, out,
                                    sizeof out, &len),
                 AUTHCORE_OK);
    CHECK(strcmp(out, ref) == 0);
    /* An absent kid is NULL with length 0; NULL with a length is a mistake. */
    CHECK_STATUS(authcore_sign_hmac(&key, claims, strlen(claims), NULL, 2, out, sizeof out,
                                    &len),
                 AUTHCORE_INVALID_ARGUMENT);
    CHECK_STATUS(authcore_sign_hmac(&key, claims, strlen(claims), "\xff", 1, out, sizeof out,
                                    &len),
                 AUTHCORE_INVALID_UTF8);

    /* Bad arguments. */
    CHECK_STATUS(authcore_sign_hmac(NULL, claims, strlen(claims), NULL, 0, out,
                                    sizeof out, &len),
                 AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_sign_hmac(&key, NULL, 3, NULL, 0, out, sizeof out, &len),
                 AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_sign_hmac(&key, claims, strlen(claims), NULL, 0, out,
                                    sizeof out, NULL),
                 AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_sign_hmac(&key, claims, strlen(claims), NULL, 0, NULL,
                                    10, &len),
                 AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_sign_hmac(&key, "[1]", 3, NULL, 0, out, sizeof out,
                                    &len),
                 AUTHCORE_JSON);
    CHECK_STATUS(authcore_sign_hmac(&key, "{\"a\":1,\"a\":2}", 13, NULL, 0, out,
                                    sizeof out, &len),
                 AUTHCORE_JSON);
    {
        /* A kid longer than the signer writes (one that needs escaping is escaped). */
        char long_kid[318];
        memset(long_kid, 'k', 317);
        long_kid[317] = '\0';
        CHECK_STATUS(authcore_sign_hmac(&key, claims, strlen(claims), long_kid, strlen(long_kid),
                                        out, sizeof out, &len),
                     AUTHCORE_INVALID_HEADER);
    }
    {
        authcore_key zero;
        memset(&zero, 0, sizeof zero);
        CHECK_STATUS(authcore_sign_hmac(&zero, claims, strlen(claims), NULL, 0,
                                        out, sizeof out, &len),
                     AUTHCORE_UNINITIALIZED);
    }
}

static void test_verify_and_claims(void) {
    authcore_key key = hs256_key();
    authcore_validation p = policy();
    authcore_claims claims;
    authcore_policy pol;
    char token[1024], s[64];
    uint8_t buf[1024];
    size_t len, n, needed = 0, i;
    int64_t v;
    bool b = false;
    authcore_str aud[] = {{S("telemetry")}, {S("other")}};
    authcore_str iss[] = {{S("https://auth.example.com")}};
    authcore_claim_value eq[] = {{S("usefor"), S("access")}};

    len = sign(&key,
               "{\"iss\":\"https://auth.example.com\",\"sub\":\"dev\\u00efce\",\"aud\":[\"x\","
               "\"telemetry\"],\"iat\":1699999990,\"nbf\":1699999990.5,\"exp\":1700000900,"
               "\"usefor\":\"access\",\"n\":-42,\"flag\":true,\"obj\":{\"a\":[1,2]}}",
               token);
    p.issuers = iss;
    p.issuers_len = 1;
    p.audiences = aud;
    p.audiences_len = 2;
    p.claim_equals = eq;
    p.claim_equals_len = 1;
    p.subject = "dev\xc3\xaf" "ce";
    p.subject_len = strlen(p.subject);
    CHECK_STATUS(authcore_policy_init(&pol, &p), AUTHCORE_OK);

    CHECK_STATUS(authcore_verify_buffer_size(token, len, &n), AUTHCORE_OK);
    CHECK(n > 0 && n < len);
    /* Work buffer too small: status and size, claims untouched. */
    memset(&claims, 0x5A, sizeof claims);
    CHECK_STATUS(authcore_verify(&key, &pol, token, len, NOW, buf, n - 1, &claims, &needed),
                 AUTHCORE_BUFFER_TOO_SMALL);
    CHECK(needed == n);
    for (i = 0; i < sizeof claims; i++) {
        CHECK(((unsigned char *)&claims)[i] == 0x5A);
    }
    CHECK_STATUS(authcore_verify(&key, &pol, token, len, NOW, buf, n, &claims, NULL), AUTHCORE_OK);

    CHECK_STATUS(authcore_claims_exp(&claims, &v), AUTHCORE_OK);
    CHECK(v == 1700000900);
    CHECK_STATUS(authcore_claims_nbf(&claims, &v), AUTHCORE_OK);
    CHECK(v == 1699999991); /* 1699999990.5, rounded up: valid no earlier than it says */
    CHECK_STATUS(authcore_claims_iat(&claims, &v), AUTHCORE_OK);
    CHECK(v == 1699999990);
    CHECK_STATUS(authcore_claims_get_int(&claims, "n", 1, &v), AUTHCORE_OK);
    CHECK(v == -42);
    CHECK_STATUS(authcore_claims_get_int(&claims, "nbf", 3, &v), AUTHCORE_WRONG_TYPE);
    CHECK_STATUS(authcore_claims_get_int(&claims, "sub", 3, &v), AUTHCORE_WRONG_TYPE);
    CHECK_STATUS(authcore_claims_get_int(&claims, "nope", 4, &v), AUTHCORE_NOT_FOUND);
    CHECK_STATUS(authcore_claims_get_bool(&claims, "flag", 4, &b), AUTHCORE_OK);
    CHECK(b);
    CHECK_STATUS(authcore_claims_get_bool(&claims, "n", 1, &b), AUTHCORE_WRONG_TYPE);
    CHECK_STATUS(authcore_claims_get_string(&claims, "sub", 3, s, sizeof s, &n), AUTHCORE_OK);
    CHECK(n == 7 && strcmp(s, "dev\xc3\xaf" "ce") == 0);
    CHECK_STATUS(authcore_claims_get_string(&claims, "flag", 4, s, sizeof s, &n),
                 AUTHCORE_WRONG_TYPE);
    CHECK_STATUS(authcore_claims_get_json(&claims, "obj", 3, s, sizeof s, &n), AUTHCORE_OK);
    CHECK(strcmp(s, "{\"a\":[1,2]}") == 0);
    CHECK_STATUS(authcore_claims_get_json(&claims, "sub", 3, s, sizeof s, &n), AUTHCORE_OK);
    CHECK(strcmp(s, "\"dev\\u00efce\"") == 0);
    CHECK_STATUS(authcore_claims_get_json(&claims, "flag", 4, s, sizeof s, &n), AUTHCORE_OK);
    CHECK(strcmp(s, "true") == 0);

    /* Every size from 0 to the needed one for a string accessor. */
    for (i = 0; i < 8; i++) {
        char small[8];
        memset(small, 0x33, sizeof small);
        n = 0;
        CHECK_STATUS(authcore_claims_get_string(&claims, "sub", 3, small, i, &n),
                     AUTHCORE_BUFFER_TOO_SMALL);
        CHECK(n == 8);
        CHECK(small[0] == 0x33 && small[7] == 0x33);
    }
    CHECK_STATUS(authcore_claims_get_string(&claims, "sub", 3, NULL, 0, &n),
                 AUTHCORE_BUFFER_TOO_SMALL);
    CHECK(n == 8);

    {
        char json[512];
        size_t need = 0;
        CHECK_STATUS(authcore_claims_json(&claims, json, sizeof json, &n), AUTHCORE_OK);
        CHECK(n > 100 && strncmp(json, "{\"iss\":\"https://auth.example.com\"", 33) == 0);
        CHECK(json[n] == 0 && json[n - 1] == '}');
        CHECK_STATUS(authcore_claims_json(&claims, json, n, &need), AUTHCORE_BUFFER_TOO_SMALL);
        CHECK(need == n + 1);
        CHECK_STATUS(authcore_claims_json(NULL, json, sizeof json, &n), AUTHCORE_NULL_ARGUMENT);
    }
    CHECK_STATUS(authcore_claims_aud_count(&claims, &n), AUTHCORE_OK);
    CHECK(n == 2);
    CHECK_STATUS(authcore_claims_aud_get(&claims, 1, s, sizeof s, &n), AUTHCORE_OK);
    CHECK(strcmp(s, "telemetry") == 0);
    CHECK_STATUS(authcore_claims_aud_get(&claims, 2, s, sizeof s, &n), AUTHCORE_NOT_FOUND);

    /* NULLs everywhere. */
    CHECK_STATUS(authcore_claims_exp(NULL, &v), AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_claims_exp(&claims, NULL), AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_claims_get_string(&claims, NULL, 0, s, sizeof s, &n),
                 AUTHCORE_NULL_ARGUMENT);
    /* A claim name is its length's bytes: "sub" out of "subject", no NUL needed. */
    CHECK_STATUS(authcore_claims_get_string(&claims, "subject", 3, s, sizeof s, &n),
                 AUTHCORE_OK);
    CHECK(n == 7 && strcmp(s, "dev\xc3\xaf" "ce") == 0);
    CHECK_STATUS(authcore_claims_get_int(&claims, "\xff", 1, &v), AUTHCORE_INVALID_UTF8);
    CHECK_STATUS(authcore_claims_get_string(&claims, "sub", 3, s, sizeof s, NULL),
                 AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_claims_get_bool(&claims, "flag", 4, NULL), AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_claims_get_int(NULL, "n", 1, &v), AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_claims_aud_count(&claims, NULL), AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_verify(NULL, &pol, token, len, NOW, buf, sizeof buf, &claims, NULL),
                 AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_verify(&key, NULL, token, len, NOW, buf, sizeof buf, &claims, NULL),
                 AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_verify(&key, &pol, NULL, len, NOW, buf, sizeof buf, &claims, NULL),
                 AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_verify(&key, &pol, token, len, NOW, NULL, sizeof buf, &claims, NULL),
                 AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_verify(&key, &pol, token, len, NOW, buf, sizeof buf, NULL, NULL),
                 AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_verify_buffer_size(NULL, 3, &n), AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_policy_init(NULL, &p), AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_policy_init(&pol, NULL), AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_policy_clear(NULL), AUTHCORE_NULL_ARGUMENT);
    {
        authcore_policy zeroed;
        memset(&zeroed, 0, sizeof zeroed);
        CHECK_STATUS(authcore_verify(&key, &zeroed, token, len, NOW, buf, sizeof buf, &claims,
                                     NULL),
                     AUTHCORE_UNINITIALIZED);
        CHECK(sizeof zeroed == AUTHCORE_POLICY_SIZE);
    }
    CHECK_STATUS(authcore_verify_buffer_size(token, len, NULL), AUTHCORE_NULL_ARGUMENT);

    /* The claims object holds what the one parse in authcore_verify read: the NumericDates
     * are answered from it, not parsed again from the work buffer (white-box: a caller
     * must keep the buffer unchanged while it reads claims). */
    memset(buf, 0, sizeof buf);
    CHECK_STATUS(authcore_claims_exp(&claims, &v), AUTHCORE_OK);
    CHECK(v == 1700000900);
    CHECK_STATUS(authcore_claims_nbf(&claims, &v), AUTHCORE_OK);
    CHECK(v == 1699999991);
    CHECK_STATUS(authcore_claims_iat(&claims, &v), AUTHCORE_OK);
    CHECK(v == 1699999990);

    /* Cleared or zeroed claims storage. */
    CHECK_STATUS(authcore_claims_clear(&claims), AUTHCORE_OK);
    CHECK_STATUS(authcore_claims_exp(&claims, &v), AUTHCORE_UNINITIALIZED);
    CHECK_STATUS(authcore_claims_clear(NULL), AUTHCORE_NULL_ARGUMENT);

    /* The work buffer is wiped after a refusal. */
    memset(buf, 0x77, sizeof buf);
    p.subject = "someone else";
    p.subject_len = strlen(p.subject);
    CHECK_STATUS(authcore_policy_init(&pol, &p), AUTHCORE_OK);
    CHECK_STATUS(authcore_verify(&key, &pol, token, len, NOW, buf, sizeof buf, &claims, NULL),
                 AUTHCORE_INVALID_SUBJECT);
    CHECK(buf[0] == 0 && buf[10] == 0);
}

/* Verifies `claims_json` (signed with `key`) with `p` through authcore_verify_detail; returns
 * the status and puts the refused claim's name (or {NULL, 0}) in *refused. */
static authcore_status verify_detail(const authcore_key *key, const authcore_validation *p,
                                     const char *claims_json, authcore_str *refused) {
    static uint8_t buf[2048];
    char token[1024];
    authcore_claims claims;
    authcore_policy pol;
    authcore_status s;
    size_t len = sign(key, claims_json, token), i;
    CHECK_STATUS(authcore_policy_init(&pol, p), AUTHCORE_OK);
    memset(buf, 0x77, sizeof buf);
    refused->ptr = "sentinel";
    refused->len = 8;
    s = authcore_verify_detail(key, &pol, token, len, NOW, buf, sizeof buf, &claims, NULL,
                               refused);
    if (s != AUTHCORE_OK) {
        for (i = 0; i < sizeof buf; i++) {
            if (buf[i] != 0) {
                break;
            }
        }
        CHECK(i == sizeof buf); /* wiped after the refusal, as by authcore_verify */
    }
    CHECK_STATUS(authcore_policy_clear(&pol), AUTHCORE_OK);
    return s;
}

static void test_verify_detail(void) {
    authcore_key key = hs256_key();
    authcore_validation p = policy();
    authcore_str refused = {NULL, 0};
    authcore_str required[] = {{S("exp")}, {S("scope")}, {S("role")}};
    authcore_claim_value eq[] = {{S("usefor"), S("access")}, {S("role"), S("admin")}};
    authcore_str iss[] = {{S("https://a.example")}};

    CHECK_STATUS(verify_detail(&key, &p, "{\"exp\":1700000900}", &refused), AUTHCORE_OK);
    CHECK(str_none(refused));

    /* Registered claims of the wrong type or out of range: the first in the token. */
    CHECK_STATUS(verify_detail(&key, &p, "{\"exp\":1e400,\"iat\":\"x\"}", &refused),
                 AUTHCORE_INVALID_CLAIM);
    CHECK(str_is(refused, "exp"));
    CHECK_STATUS(verify_detail(&key, &p, "{\"iat\":\"x\",\"exp\":1e400}", &refused),
                 AUTHCORE_INVALID_CLAIM);
    CHECK(str_is(refused, "iat"));
    CHECK_STATUS(verify_detail(&key, &p, "{\"exp\":1700000900,\"aud\":[1]}", &refused),
                 AUTHCORE_INVALID_CLAIM);
    CHECK(str_is(refused, "aud"));

    /* Time and registered-claim checks name their claim. */
    CHECK_STATUS(verify_detail(&key, &p, "{\"exp\":1699999999}", &refused), AUTHCORE_EXPIRED);
    CHECK(str_is(refused, "exp"));
    CHECK_STATUS(verify_detail(&key, &p, "{\"exp\":1700000900,\"nbf\":1700000100}", &refused),
                 AUTHCORE_NOT_YET_VALID);
    CHECK(str_is(refused, "nbf"));
    CHECK_STATUS(verify_detail(&key, &p, "{}", &refused), AUTHCORE_MISSING_CLAIM);
    CHECK(str_is(refused, "exp"));
    p.issuers = iss;
    p.issuers_len = 1;
    CHECK_STATUS(verify_detail(&key, &p, "{\"exp\":1700000900,\"iss\":\"x\"}", &refused),
                 AUTHCORE_INVALID_ISSUER);
    CHECK(str_is(refused, "iss"));
    CHECK_STATUS(verify_detail(&key, &p, "{\"exp\":1700000900}", &refused),
                 AUTHCORE_MISSING_CLAIM);
    CHECK(str_is(refused, "iss"));
    p.issuers_len = 0;

    /* Custom claims: the first missing required one, then the first wrong value; the name
     * is the policy's own string. */
    p.required = required;
    p.required_len = 3;
    CHECK_STATUS(verify_detail(&key, &p, "{\"exp\":1700000900,\"role\":1}", &refused),
                 AUTHCORE_MISSING_CLAIM);
    CHECK(refused.ptr == required[1].ptr && refused.len == required[1].len);
    p.required_len = 1;
    p.claim_equals = eq;
    p.claim_equals_len = 2;
    CHECK_STATUS(verify_detail(&key, &p,
                               "{\"exp\":1700000900,\"usefor\":\"access\",\"role\":\"user\"}",
                               &refused),
                 AUTHCORE_CLAIM_MISMATCH);
    CHECK(refused.ptr == eq[1].name && refused.len == eq[1].name_len);
    CHECK_STATUS(verify_detail(&key, &p, "{\"exp\":1700000900,\"usefor\":\"access\"}",
                               &refused),
                 AUTHCORE_MISSING_CLAIM);
    CHECK(refused.ptr == eq[1].name && refused.len == eq[1].name_len);
    CHECK_STATUS(verify_detail(&key, &p,
                               "{\"exp\":1700000900,\"usefor\":\"access\",\"role\":\"admin\"}",
                               &refused),
                 AUTHCORE_OK);
    CHECK(str_none(refused));
    p.claim_equals_len = 0;

    /* Refusals about no one claim leave it NULL; a NULL refused_claim is authcore_verify. */
    {
        static uint8_t buf[1024];
        authcore_claims claims;
        authcore_policy pol;
        char token[1024];
        size_t len = sign(&key, "{\"exp\":1700000900}", token);
        char saved = token[len - 2];
        CHECK_STATUS(authcore_policy_init(&pol, &p), AUTHCORE_OK);
        token[len - 2] = saved == 'A' ? 'B' : 'A';
        refused.ptr = "sentinel";
        CHECK_STATUS(authcore_verify_detail(&key, &pol, token, len, NOW, buf, sizeof buf,
                                            &claims, NULL, &refused),
                     AUTHCORE_INVALID_SIGNATURE);
        CHECK(str_none(refused));
        refused.ptr = "sentinel";
        CHECK_STATUS(authcore_verify_detail(&key, &pol, token, len, NOW, buf, 3, &claims, NULL,
                                            &refused),
                     AUTHCORE_BUFFER_TOO_SMALL);
        CHECK(str_none(refused));
        token[len - 2] = saved;
        CHECK_STATUS(authcore_verify_detail(&key, &pol, token, len, NOW, buf, sizeof buf,
                                            &claims, NULL, NULL),
                     AUTHCORE_OK);
        CHECK_STATUS(authcore_verify_detail(NULL, &pol, token, len, NOW, buf, sizeof buf,
                                            &claims, NULL, &refused),
                     AUTHCORE_NULL_ARGUMENT);
        CHECK(str_none(refused));
        CHECK_STATUS(authcore_policy_clear(&pol), AUTHCORE_OK);
    }
}

struct policy_case {
    const char *claims;
    authcore_status want;
};

static void test_policy_statuses(void) {
    authcore_key key = hs256_key();
    authcore_validation p = policy();
    authcore_claims claims;
    char token[1024];
    authcore_str aud[] = {{S("api")}};
    authcore_str iss[] = {{S("me")}};
    authcore_str req[] = {{S("exp")}, {S("scope")}};
    authcore_str many[AUTHCORE_MAX_POLICY_LIST + 1];
    authcore_claim_value eq[] = {{S("usefor"), S("access")}};
    size_t i;
    static const struct policy_case cases[] = {
        {"{\"exp\":1700000001,\"iat\":1699999999,\"iss\":\"me\",\"aud\":\"api\",\"sub\":\"s\",\"scope\":\"x\","
         "\"usefor\":\"access\"}",
         AUTHCORE_OK},
        {"{\"exp\":1700000000,\"iat\":1699999999,\"iss\":\"me\",\"aud\":\"api\",\"sub\":\"s\",\"scope\":\"x\","
         "\"usefor\":\"access\"}",
         AUTHCORE_EXPIRED},
        {"{\"exp\":1700000001,\"nbf\":1700000001,\"iss\":\"me\",\"aud\":\"api\",\"sub\":\"s\","
         "\"scope\":\"x\",\"usefor\":\"access\"}",
         AUTHCORE_NOT_YET_VALID},
        {"{\"exp\":1700000001,\"iat\":1700000001,\"iss\":\"me\",\"aud\":\"api\",\"sub\":\"s\","
         "\"scope\":\"x\",\"usefor\":\"access\"}",
         AUTHCORE_ISSUED_IN_FUTURE},
        {"{\"exp\":1700000001,\"iat\":1699999000,\"iss\":\"me\",\"aud\":\"api\",\"sub\":\"s\","
         "\"scope\":\"x\",\"usefor\":\"access\"}",
         AUTHCORE_TOO_OLD},
        {"{\"exp\":1700000001,\"iat\":1699999999,\"iss\":\"you\",\"aud\":\"api\",\"sub\":\"s\",\"scope\":\"x\","
         "\"usefor\":\"access\"}",
         AUTHCORE_INVALID_ISSUER},
        {"{\"exp\":1700000001,\"iat\":1699999999,\"iss\":\"me\",\"aud\":[\"web\"],\"sub\":\"s\",\"scope\":\"x\","
         "\"usefor\":\"access\"}",
         AUTHCORE_INVALID_AUDIENCE},
        {"{\"exp\":1700000001,\"iat\":1699999999,\"iss\":\"me\",\"aud\":\"api\",\"sub\":\"t\",\"scope\":\"x\","
         "\"usefor\":\"access\"}",
         AUTHCORE_INVALID_SUBJECT},
        {"{\"exp\":1700000001,\"iat\":1699999999,\"iss\":\"me\",\"aud\":\"api\",\"sub\":\"s\",\"usefor\":\"access\"}",
         AUTHCORE_MISSING_CLAIM},
        {"{\"exp\":1700000001,\"iat\":1699999999,\"iss\":\"me\",\"aud\":\"api\",\"sub\":\"s\",\"scope\":\"x\","
         "\"usefor\":\"refresh\"}",
         AUTHCORE_CLAIM_MISMATCH},
        {"{\"exp\":\"soon\",\"iss\":\"me\",\"aud\":\"api\",\"sub\":\"s\",\"scope\":\"x\","
         "\"usefor\":\"access\"}",
         AUTHCORE_INVALID_CLAIM},
        {"{\"exp\":1e400}", AUTHCORE_INVALID_CLAIM},
        /* Fractional dates round toward refusal: nbf and iat up, exp down. */
        {"{\"exp\":1700000001,\"nbf\":1700000000.99999999,\"iat\":1699999999,\"iss\":\"me\","
         "\"aud\":\"api\",\"sub\":\"s\",\"scope\":\"x\",\"usefor\":\"access\"}",
         AUTHCORE_NOT_YET_VALID},
        {"{\"exp\":1700000001,\"nbf\":1700000000.0,\"iat\":1699999999,\"iss\":\"me\","
         "\"aud\":\"api\",\"sub\":\"s\",\"scope\":\"x\",\"usefor\":\"access\"}",
         AUTHCORE_OK},
        {"{\"exp\":1700000001,\"iat\":1700000000.000001,\"iss\":\"me\",\"aud\":\"api\","
         "\"sub\":\"s\",\"scope\":\"x\",\"usefor\":\"access\"}",
         AUTHCORE_ISSUED_IN_FUTURE},
        {"{\"exp\":1700000000.999999999,\"iat\":1699999999,\"iss\":\"me\",\"aud\":\"api\","
         "\"sub\":\"s\",\"scope\":\"x\",\"usefor\":\"access\"}",
         AUTHCORE_EXPIRED},
        {"{\"exp\":1700000001,\"nbf\":9223372036854775807.5,\"iss\":\"me\",\"aud\":\"api\","
         "\"sub\":\"s\",\"scope\":\"x\",\"usefor\":\"access\"}",
         AUTHCORE_INVALID_CLAIM},
    };

    p.audiences = aud;
    p.audiences_len = 1;
    p.issuers = iss;
    p.issuers_len = 1;
    p.required = req;
    p.required_len = 2;
    p.claim_equals = eq;
    p.claim_equals_len = 1;
    p.subject = "s";
    p.subject_len = 1;
    p.validate_iat = 1;
    p.max_age = 600;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        sign(&key, cases[i].claims, token);
        CHECK_STATUS(verify_with(&key, &p, token, &claims), cases[i].want);
    }

    /* Leeway moves the exp boundary. */
    sign(&key,
         "{\"exp\":1700000000,\"iat\":1699999999,\"iss\":\"me\",\"aud\":\"api\",\"sub\":\"s\","
         "\"scope\":\"x\",\"usefor\":\"access\"}",
         token);
    p.leeway = 1;
    CHECK_STATUS(verify_with(&key, &p, token, &claims), AUTHCORE_OK);
    p.leeway = 0;

    /* Policy errors. */
    for (i = 0; i < AUTHCORE_MAX_POLICY_LIST + 1; i++) {
        many[i].ptr = "exp";
        many[i].len = 3;
    }
    p.required = many;
    p.required_len = AUTHCORE_MAX_POLICY_LIST + 1;
    CHECK_STATUS(verify_with(&key, &p, token, &claims), AUTHCORE_INVALID_ARGUMENT);
    p.required = NULL;
    p.required_len = 1;
    CHECK_STATUS(verify_with(&key, &p, token, &claims), AUTHCORE_NULL_ARGUMENT);
    /* A list entry is never NULL, not even an empty one. */
    req[1].ptr = NULL;
    req[1].len = 0;
    p.required = req;
    p.required_len = 2;
    CHECK_STATUS(verify_with(&key, &p, token, &claims), AUTHCORE_NULL_ARGUMENT);
    req[1].ptr = "scope";
    req[1].len = 5;
    /* An optional string: NULL with a length is a mistake, not an absent typ. */
    p.typ = NULL;
    p.typ_len = 3;
    CHECK_STATUS(verify_with(&key, &p, token, &claims), AUTHCORE_INVALID_ARGUMENT);
    p.typ = "JWT";
    eq[0].value = NULL;
    CHECK_STATUS(verify_with(&key, &p, token, &claims), AUTHCORE_NULL_ARGUMENT);
    eq[0].value = "access";
    p.subject = "\xff\xfe";
    p.subject_len = 2;
    CHECK_STATUS(verify_with(&key, &p, token, &claims), AUTHCORE_INVALID_UTF8);
    /* A length without a string is a mistake, not an absent subject. */
    p.subject = NULL;
    CHECK_STATUS(verify_with(&key, &p, token, &claims), AUTHCORE_INVALID_ARGUMENT);
    /* NULL and 0: no subject to check (the policy compiles; the token, at its exp, is
     * expired without leeway). */
    p.subject_len = 0;
    CHECK_STATUS(verify_with(&key, &p, token, &claims), AUTHCORE_EXPIRED);
    p.subject = "s";
    p.subject_len = 1;
    p.algorithm = (authcore_algorithm)77;
    CHECK_STATUS(verify_with(&key, &p, token, &claims), AUTHCORE_INVALID_ARGUMENT);
    CHECK_STATUS(authcore_validation_init(&p, (authcore_algorithm)77), AUTHCORE_INVALID_ARGUMENT);
    CHECK_STATUS(authcore_validation_init(NULL, AUTHCORE_HS256), AUTHCORE_NULL_ARGUMENT);

    /* Key and policy disagree; secret shorter than the policy's minimum. */
    p = policy();
    {
        authcore_key k384;
        CHECK_STATUS(authcore_key_hmac(&k384, AUTHCORE_HS384, SECRET, 32), AUTHCORE_OK);
        sign(&key, "{\"exp\":1700000001}", token);
        CHECK_STATUS(verify_with(&k384, &p, token, &claims), AUTHCORE_KEY_WRONG_ALGORITHM);
        p.algorithm = AUTHCORE_HS384;
        CHECK_STATUS(verify_with(&k384, &p, token, &claims), AUTHCORE_ALGORITHM_MISMATCH);
        authcore_key_clear(&k384);
    }
    p = policy();
    p.min_hmac_secret_len = 64;
    CHECK_STATUS(verify_with(&key, &p, token, &claims), AUTHCORE_KEY_SECRET_TOO_SHORT);
    p.min_hmac_secret_len = 32;
    CHECK_STATUS(verify_with(&key, &p, token, &claims), AUTHCORE_OK);
    p.max_token_len = 20;
    CHECK_STATUS(verify_with(&key, &p, token, &claims), AUTHCORE_TOKEN_TOO_LARGE);
}

/* Lengths no buffer can have (over PTRDIFF_MAX, or running past the end of the address
 * space) are refused before anything reads or writes through them. */
static void test_impossible_lengths(void) {
    authcore_key key = hs256_key(), k2;
    authcore_validation p = policy();
    authcore_policy pol;
    authcore_claims claims;
    const char *token = "e30.e30.c2ln";
    uint8_t buf[64];
    char out[64];
    size_t n = 0, huge[] = {SIZE_MAX, SIZE_MAX / 2 + 1, SIZE_MAX - 8};
    size_t i;
    CHECK_STATUS(authcore_policy_init(&pol, &p), AUTHCORE_OK);
    for (i = 0; i < sizeof huge / sizeof huge[0]; i++) {
        CHECK_STATUS(authcore_key_hmac(&k2, AUTHCORE_HS256, (const uint8_t *)"secret", huge[i]),
                     AUTHCORE_INVALID_ARGUMENT);
        CHECK_STATUS(authcore_verify(&key, &pol, token, huge[i], 0, buf, sizeof buf, &claims,
                                     NULL),
                     AUTHCORE_INVALID_ARGUMENT);
        CHECK_STATUS(authcore_verify(&key, &pol, token, strlen(token), 0, buf, huge[i],
                                     &claims, NULL),
                     AUTHCORE_INVALID_ARGUMENT);
        CHECK_STATUS(authcore_sign_hmac(&key, "{}", 2, NULL, 0, out, huge[i], &n),
                     AUTHCORE_INVALID_ARGUMENT);
        CHECK_STATUS(authcore_sign_hmac(&key, "{}", huge[i], NULL, 0, out,
                                        sizeof out, &n),
                     AUTHCORE_INVALID_ARGUMENT);
        CHECK_STATUS(authcore_peek_kid(token, huge[i], out, sizeof out, &n),
                     AUTHCORE_INVALID_ARGUMENT);
    }
    /* NULL comes first: a NULL secret with an unknown algorithm is a NULL argument. */
    CHECK_STATUS(authcore_key_hmac(&k2, (authcore_algorithm)99, NULL, 4), AUTHCORE_NULL_ARGUMENT);
    authcore_key_clear(&k2);
    authcore_key_clear(&key);
}

struct hostile_case {
    const char *header;
    const char *payload;
    authcore_status want;
};

static void test_hostile_tokens(void) {
    authcore_key key = hs256_key();
    authcore_validation p = policy();
    authcore_claims claims;
    char token[2048];
    uint8_t buf[2048];
    size_t i, n;
    static const struct hostile_case cases[] = {
        {"{\"alg\":\"none\"}", "{}", AUTHCORE_NONE_ALGORITHM},
        {"{\"alg\":\"NoNe\"}", "{}", AUTHCORE_NONE_ALGORITHM},
        {"{\"alg\":\"ES512\"}", "{}", AUTHCORE_UNSUPPORTED_ALGORITHM},
        {"{\"alg\":\"Ed25519\"}", "{}", AUTHCORE_UNSUPPORTED_ALGORITHM},
        {"{\"alg\":\"ES256\"}", "{}", AUTHCORE_ALGORITHM_MISMATCH},
        {"{\"alg\":\"PS256\"}", "{}", AUTHCORE_ALGORITHM_MISMATCH},
        {"{\"alg\":\"EdDSA\"}", "{}", AUTHCORE_ALGORITHM_MISMATCH},
        {"{\"alg\":\"hs256\"}", "{}", AUTHCORE_UNSUPPORTED_ALGORITHM},
        {"{\"typ\":\"JWT\"}", "{}", AUTHCORE_MISSING_ALGORITHM},
        {"{\"alg\":256}", "{}", AUTHCORE_MISSING_ALGORITHM},
        {"{\"alg\":\"RS256\"}", "{}", AUTHCORE_ALGORITHM_MISMATCH},
        {"{\"alg\":\"HS256\",\"typ\":\"at+jwt\"}", "{}", AUTHCORE_INVALID_TYPE},
        {"{\"alg\":\"HS256\",\"cty\":\"JWT\"}", "{}", AUTHCORE_UNSUPPORTED_CONTENT_TYPE},
        {"{\"alg\":\"HS256\",\"crit\":[\"exp\"]}", "{}", AUTHCORE_CRITICAL_HEADER},
        {"{\"alg\":\"HS256\",\"b64\":false}", "{}", AUTHCORE_UNENCODED_PAYLOAD},
        {"{\"alg\":\"HS256\",\"kid\":7}", "{}", AUTHCORE_INVALID_HEADER},
        {"{\"alg\":\"HS256\",\"alg\":\"HS256\"}", "{}", AUTHCORE_JSON},
        {"[\"HS256\"]", "{}", AUTHCORE_JSON},
        {"{\"alg\":\"HS256\"", "{}", AUTHCORE_JSON},
        {"{\"alg\":\"HS256\"}", "{\"exp\":1800000000}", AUTHCORE_INVALID_SIGNATURE},
    };

    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        forge(cases[i].header, cases[i].payload, token);
        CHECK_STATUS(verify_with(&key, &p, token, &claims), cases[i].want);
    }
    CHECK_STATUS(verify_with(&key, &p, "abc", &claims), AUTHCORE_SEGMENT_COUNT);
    CHECK_STATUS(verify_with(&key, &p, "a.b", &claims), AUTHCORE_SEGMENT_COUNT);
    CHECK_STATUS(verify_with(&key, &p, "a.b.c.d", &claims), AUTHCORE_SEGMENT_COUNT);
    CHECK_STATUS(verify_with(&key, &p, "e30.e30.", &claims), AUTHCORE_MISSING_ALGORITHM);
    CHECK_STATUS(verify_with(&key, &p, "W10.e30.", &claims), AUTHCORE_JSON);
    CHECK_STATUS(verify_with(&key, &p, "e30=.e30.AAAA", &claims), AUTHCORE_BASE64);
    CHECK_STATUS(verify_with(&key, &p, "e3+.e30.AAAA", &claims), AUTHCORE_BASE64);
    CHECK_STATUS(verify_with(&key, &p, "e30 .e30.AAAA", &claims), AUTHCORE_BASE64);
    CHECK_STATUS(verify_with(&key, &p, "eyJhbGciOiJIUzI1NiJ9.e30.AAAAA", &claims),
                 AUTHCORE_BASE64);
    CHECK_STATUS(verify_with(&key, &p, "", &claims), AUTHCORE_SEGMENT_COUNT);
    /* Non-UTF-8 token bytes. */
    {
        authcore_policy pol;
        CHECK_STATUS(authcore_policy_init(&pol, &p), AUTHCORE_OK);
        CHECK_STATUS(authcore_verify(&key, &pol, "\xff.\xfe.\xfd", 5, NOW, buf, sizeof buf,
                                     &claims, NULL),
                     AUTHCORE_INVALID_UTF8);
    }
    /* A token longer than the policy allows. */
    memset(token, 'A', sizeof token);
    token[sizeof token - 1] = 0;
    p.max_token_len = 1000;
    CHECK_STATUS(verify_with(&key, &p, token, &claims), AUTHCORE_TOKEN_TOO_LARGE);

    /* kid peeking. */
    {
        char kid[16];
        forge("{\"alg\":\"RS256\",\"kid\":\"key-\\u0031\"}", "{}", token);
        CHECK_STATUS(authcore_peek_kid(token, strlen(token), kid, sizeof kid, &n), AUTHCORE_OK);
        CHECK(n == 5 && strcmp(kid, "key-1") == 0);
        CHECK_STATUS(authcore_peek_kid(token, strlen(token), kid, 5, &n),
                     AUTHCORE_BUFFER_TOO_SMALL);
        CHECK(n == 6);
        forge("{\"alg\":\"RS256\"}", "{}", token);
        CHECK_STATUS(authcore_peek_kid(token, strlen(token), kid, sizeof kid, &n),
                     AUTHCORE_NOT_FOUND);
        CHECK_STATUS(authcore_peek_kid(NULL, 3, kid, sizeof kid, &n), AUTHCORE_NULL_ARGUMENT);
        CHECK_STATUS(authcore_peek_kid("x.y", 3, kid, sizeof kid, &n), AUTHCORE_SEGMENT_COUNT);
    }

    /* The whole header and the claims, unverified: the signature here is not valid. */
    {
        static const char header[] = "{\"alg\":\"HS256\",\"kid\":\"k\"}";
        char out[64];
        static uint8_t work[256];
        authcore_claims unverified;
        forge(header, "{\"sub\":\"x\",\"exp\":1}", token);
        CHECK_STATUS(authcore_peek_header(token, strlen(token), out, sizeof out, &n), AUTHCORE_OK);
        CHECK(n == strlen(header) && strcmp(out, header) == 0);
        CHECK_STATUS(authcore_peek_header(token, strlen(token), out, 4, &n),
                     AUTHCORE_BUFFER_TOO_SMALL);
        CHECK_STATUS(authcore_decode_unverified(token, strlen(token), 8192, work, sizeof work,
                                                &unverified, NULL), AUTHCORE_OK);
        CHECK_STATUS(authcore_claims_json(&unverified, out, sizeof out, &n), AUTHCORE_OK);
        CHECK(strcmp(out, "{\"sub\":\"x\",\"exp\":1}") == 0);
        CHECK_STATUS(authcore_decode_unverified(token, strlen(token), 10, work, sizeof work,
                                                &unverified, NULL), AUTHCORE_TOKEN_TOO_LARGE);
        CHECK_STATUS(authcore_decode_unverified(token, strlen(token), 8192, work, 4,
                                                &unverified, &n), AUTHCORE_BUFFER_TOO_SMALL);
        CHECK(n > 4);
        /* Refused as authcore_verify refuses it. */
        forge("{\"alg\":\"none\"}", "{}", token);
        CHECK_STATUS(authcore_peek_header(token, strlen(token), out, sizeof out, &n),
                     AUTHCORE_NONE_ALGORITHM);
        CHECK_STATUS(authcore_decode_unverified(token, strlen(token), 8192, work, sizeof work,
                                                &unverified, NULL), AUTHCORE_NONE_ALGORITHM);
        /* Algorithms authcore does not implement are unsupported here too. */
        forge("{\"alg\":\"ES512\",\"kid\":\"k\"}", "{}", token);
        CHECK_STATUS(authcore_peek_header(token, strlen(token), out, sizeof out, &n),
                     AUTHCORE_UNSUPPORTED_ALGORITHM);
        CHECK_STATUS(authcore_peek_kid(token, strlen(token), out, sizeof out, &n),
                     AUTHCORE_UNSUPPORTED_ALGORITHM);
        CHECK_STATUS(authcore_decode_unverified(token, strlen(token), 8192, work, sizeof work,
                                                &unverified, NULL),
                     AUTHCORE_UNSUPPORTED_ALGORITHM);
    }
}

int main(void) {
    test_status_strings();
    test_version();
    test_keys();
    test_sign_buffers();
    test_verify_and_claims();
    test_policy_statuses();
    test_verify_detail();
    test_hostile_tokens();
    test_impossible_lengths();
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
