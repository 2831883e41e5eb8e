/*
 * Specific errors where the library used to give a vague or wrong one: a long header that
 * verification reads but peeking refused, a kid that needs JSON escaping, a negative
 * max_age other than -1, an expiry past the year 9999, a NULL beside another bad argument.
 *
 * Built and run as the other tests (tests/c/Makefile). Ends with "N passed, N failed".
 */
#include "check.h"

#include <stdint.h>
#include <stdlib.h>

static const char SECRET[] = "a secret of at least thirty-two bytes for error tests";
static const int64_t NOW = 1700000000;

/* Base64url without padding. */
static size_t b64url(const char *in, size_t n, char *out) {
    static const char A[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    size_t o = 0, i = 0;
    for (; i + 2 < n; i += 3) {
        unsigned long v = ((unsigned long)(unsigned char)in[i] << 16) |
                          ((unsigned long)(unsigned char)in[i + 1] << 8) |
                          (unsigned char)in[i + 2];
        out[o++] = A[v >> 18];
        out[o++] = A[(v >> 12) & 63];
        out[o++] = A[(v >> 6) & 63];
        out[o++] = A[v & 63];
    }
    if (n - i == 1) {
        unsigned long v = (unsigned long)(unsigned char)in[i] << 16;
        out[o++] = A[v >> 18];
        out[o++] = A[(v >> 12) & 63];
    } else if (n - i == 2) {
        unsigned long v = ((unsigned long)(unsigned char)in[i] << 16) |
                          ((unsigned long)(unsigned char)in[i + 1] << 8);
        out[o++] = A[v >> 18];
        out[o++] = A[(v >> 12) & 63];
        out[o++] = A[(v >> 6) & 63];
    }
    return o;
}

/* A header of any length can be peeked: before, one over 1 KiB decoded was refused as
 * AUTHCORE_TOKEN_TOO_LARGE although verification reads it. Its kid ends in escapes. */
static void long_headers_can_be_peeked(void) {
    size_t kid_len = 2100, n = 0, needed = 0, token_len;
    char *kid = (char *)malloc(kid_len + 8);
    char *header = (char *)malloc(kid_len + 64);
    char *token = (char *)malloc(2 * kid_len + 128);
    char *out;
    CHECK(kid && header && token);
    if (!kid || !header || !token) return;
    memset(kid, 'k', kid_len);
    kid[kid_len] = '\0';
    snprintf(header, kid_len + 64, "{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"%s\\\"\\u0001\"}",
             kid);
    token_len = b64url(header, strlen(header), token);
    memcpy(token + token_len, ".e30.AAAA", 9);
    token_len += 9;

    CHECK_STATUS(authcore_peek_kid(token, token_len, NULL, 0, &needed),
                 AUTHCORE_BUFFER_TOO_SMALL);
    CHECK(needed == 2 * strlen(header) + 1);
    out = (char *)malloc(needed);
    CHECK(out != NULL);
    if (out) {
        /* One byte short: the size again, and nothing left in the buffer. */
        memset(out, 0x5A, needed);
        CHECK_STATUS(authcore_peek_kid(token, token_len, out, needed - 1, &n),
                     AUTHCORE_BUFFER_TOO_SMALL);
        CHECK(n == needed);
        CHECK_STATUS(authcore_peek_kid(token, token_len, out, needed, &n), AUTHCORE_OK);
        CHECK(n == kid_len + 2);
        CHECK(memcmp(out, kid, kid_len) == 0 && out[kid_len] == '"' && out[kid_len + 1] == 1 &&
              out[kid_len + 2] == '\0');
        /* The whole header too: sized, then written as it stands in the token. */
        CHECK_STATUS(authcore_peek_header(token, token_len, NULL, 0, &n),
                     AUTHCORE_BUFFER_TOO_SMALL);
        CHECK(n == strlen(header) + 1 && n > 2000);
        CHECK_STATUS(authcore_peek_header(token, token_len, out, strlen(header), &n),
                     AUTHCORE_BUFFER_TOO_SMALL);
        CHECK(n == strlen(header) + 1);
        CHECK_STATUS(authcore_peek_header(token, token_len, out, needed, &n), AUTHCORE_OK);
        CHECK(n == strlen(header) && strcmp(out, header) == 0);
        /* A long header without a kid, and a malformed one: the buffer is zeroed. */
        token_len = b64url("{\"alg\":\"HS256\",\"x\":\"", 20, token);
        memset(header, 'x', kid_len);
        memcpy(header + kid_len, "\"}", 2);
        {
            char *whole = (char *)malloc(kid_len + 64);
            CHECK(whole != NULL);
            if (whole) {
                size_t w = 0;
                memcpy(whole, "{\"alg\":\"HS256\",\"x\":\"", 20);
                memcpy(whole + 20, header, kid_len + 2);
                w = b64url(whole, 22 + kid_len, token);
                memcpy(token + w, ".e30.AAAA", 9);
                memset(out, 0x5A, needed);
                CHECK_STATUS(authcore_peek_kid(token, w + 9, out, needed, &n),
                             AUTHCORE_NOT_FOUND);
                whole[21 + kid_len] = ',';
                w = b64url(whole, 22 + kid_len, token);
                memcpy(token + w, ".e30.AAAA", 9);
                CHECK_STATUS(authcore_peek_kid(token, w + 9, out, needed, &n), AUTHCORE_JSON);
                {
                    size_t i, zero = 1;
                    for (i = 0; i < needed - 1; i++)
                        if (out[i] != 0) zero = 0;
                    CHECK(zero);
                }
                free(whole);
            }
        }
        free(out);
    }
    free(kid);
    free(header);
    free(token);
}

/* A kid with a quote, a backslash or a control character is JSON-escaped in the header
 * written: before, signing refused it as AUTHCORE_INVALID_HEADER. The token verifies and
 * peeking gives the kid back. */
static void kids_are_escaped_when_signing(void) {
    static const char *kids[] = {"a\"b", "back\\slash", "tab\there", "\x01\x1f", "\"", "ünï"};
    size_t i;
    authcore_key key;
    authcore_validation settings;
    authcore_policy policy;
    authcore_claims claims;
    char token[1024], kid[64];
    uint8_t work[1024];
    size_t n = 0, k = 0;
    CHECK_STATUS(authcore_key_hmac(&key, AUTHCORE_HS256, (const uint8_t *)SECRET,
                                   strlen(SECRET)),
                 AUTHCORE_OK);
    CHECK_STATUS(authcore_validation_init(&settings, AUTHCORE_HS256), AUTHCORE_OK);
    CHECK_STATUS(authcore_policy_init(&policy, &settings), AUTHCORE_OK);
    for (i = 0; i < sizeof kids / sizeof kids[0]; i++) {
        static const char claims_json[] = "{\"exp\":4000000000}";
        size_t asked = 0;
        CHECK_STATUS(authcore_sign_hmac(&key, claims_json, strlen(claims_json),
                                        kids[i], strlen(kids[i]), NULL, 0, &asked),
                     AUTHCORE_BUFFER_TOO_SMALL);
        CHECK_STATUS(authcore_sign_hmac(&key, claims_json, strlen(claims_json),
                                        kids[i], strlen(kids[i]), token, sizeof token, &n),
                     AUTHCORE_OK);
        CHECK(asked == n + 1);
        CHECK_STATUS(authcore_verify(&key, &policy, token, n, NOW, work, sizeof work, &claims,
                                     NULL),
                     AUTHCORE_OK);
        CHECK_STATUS(authcore_peek_kid(token, n, kid, sizeof kid, &k), AUTHCORE_OK);
        CHECK(k == strlen(kids[i]) && memcmp(kid, kids[i], k) == 0);
    }
    authcore_policy_clear(&policy);
    authcore_key_clear(&key);
}

/* max_age is seconds, or -1 for none: any other negative is refused, not read as none. */
static void negative_max_age_is_refused(void) {
    authcore_validation settings;
    authcore_policy policy;
    static const int64_t bad[] = {-2, -3600, INT64_MIN};
    size_t i;
    CHECK_STATUS(authcore_validation_init(&settings, AUTHCORE_HS256), AUTHCORE_OK);
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        settings.max_age = bad[i];
        CHECK_STATUS(authcore_policy_init(&policy, &settings), AUTHCORE_INVALID_ARGUMENT);
    }
    settings.max_age = -1;
    CHECK_STATUS(authcore_policy_init(&policy, &settings), AUTHCORE_OK);
    settings.max_age = 0;
    CHECK_STATUS(authcore_policy_init(&policy, &settings), AUTHCORE_OK);
    authcore_policy_clear(&policy);
}

/* A lifetime that ends after 9999-12-31T23:59:59Z is refused as every other such expiry. */
static void expiry_past_year_9999_is_refused(void) {
    static const int64_t LAST = 253402300799;
    authcore_tracker t;
    authcore_refresh_policy rp;
    int64_t end = 0;
    CHECK_STATUS(authcore_refresh_policy_default(&rp), AUTHCORE_OK);
    CHECK_STATUS(authcore_tracker_after(&t, &rp, LAST - 10, 11), AUTHCORE_EXPIRY_OUT_OF_RANGE);
    CHECK_STATUS(authcore_tracker_after(&t, &rp, NOW, LAST), AUTHCORE_EXPIRY_OUT_OF_RANGE);
    CHECK_STATUS(authcore_tracker_after(&t, &rp, LAST - 10, 10), AUTHCORE_OK);
    CHECK_STATUS(authcore_tracker_expires_at(&t, &end), AUTHCORE_OK);
    CHECK(end == LAST);
    CHECK_STATUS(authcore_tracker_jwt_lifetime(&t, &rp, LAST - 10, NOW + 11, NOW),
                 AUTHCORE_EXPIRY_OUT_OF_RANGE);
    authcore_tracker_clear(&t);
}


/* A NULL pointer is reported first, whatever else is wrong with the call: each call below
 * passes one NULL together with another bad argument (a length no buffer can have, an
 * unknown enum value, storage that is uninitialized or misaligned). */
static void null_is_reported_first(void) {
    static uint64_t raw[(sizeof(authcore_session) + 64) / 8];
    static authcore_key zkey;
    static authcore_policy zpolicy;
    static authcore_session zsession;
    static authcore_tracker ztracker;
    static authcore_claims zclaims;
    authcore_key *mkey = (authcore_key *)(void *)((unsigned char *)raw + 1);
    authcore_session *msession = (authcore_session *)(void *)((unsigned char *)raw + 1);
    authcore_tracker *mtracker = (authcore_tracker *)(void *)((unsigned char *)raw + 1);
    authcore_policy *mpolicy = (authcore_policy *)(void *)((unsigned char *)raw + 1);
    authcore_claims *mclaims = (authcore_claims *)(void *)((unsigned char *)raw + 1);
    const size_t HUGE = SIZE_MAX;
    const int64_t T = NOW;
    authcore_key key;
    authcore_validation settings;
    authcore_policy policy;
    authcore_refresh_policy rp;
    authcore_credentials creds = {"u", 1, "p", 1, NULL, 0};
    authcore_authorization a;
    authcore_request req;
    authcore_next next;
    authcore_token_status ts;
    authcore_algorithm alg;
    char out[64];
    uint8_t buf[64];
    size_t n = 0;
    int64_t i64 = 0;
    bool flag = false;
    authcore_str refused = {NULL, 0};
    /* Values no enum has (C may pass any; C++ needs the cast). */
    const authcore_header_style bad_style = (authcore_header_style)99;
    const authcore_api bad_api = (authcore_api)99;
    const authcore_time_base bad_base = (authcore_time_base)99;

    CHECK_STATUS(authcore_key_hmac(&key, AUTHCORE_HS256, (const uint8_t *)SECRET,
                                   strlen(SECRET)),
                 AUTHCORE_OK);
    CHECK_STATUS(authcore_validation_init(&settings, AUTHCORE_HS256), AUTHCORE_OK);
    CHECK_STATUS(authcore_policy_init(&policy, &settings), AUTHCORE_OK);
    CHECK_STATUS(authcore_refresh_policy_default(&rp), AUTHCORE_OK);

#define NULL_FIRST(call) CHECK_STATUS(call, AUTHCORE_NULL_ARGUMENT)
    /* Keys. */
    NULL_FIRST(authcore_key_hmac(NULL, (authcore_algorithm)99, (const uint8_t *)"s", HUGE));
    NULL_FIRST(authcore_key_hmac(mkey, (authcore_algorithm)99, NULL, 1));
    NULL_FIRST(authcore_key_algorithm(mkey, NULL));
    NULL_FIRST(authcore_key_algorithm(&zkey, NULL));
    NULL_FIRST(authcore_sign_hmac(NULL, "{}", HUGE, NULL, 0, out, sizeof out, &n));
    NULL_FIRST(authcore_sign_hmac(&zkey, NULL, HUGE, NULL, 0, out, sizeof out, &n));
    NULL_FIRST(authcore_sign_hmac(&key, "{}", HUGE, NULL, 0, out, sizeof out, NULL));
    NULL_FIRST(authcore_sign_hmac(&key, out, sizeof out, NULL, 0, out, sizeof out,
                                  NULL));
    NULL_FIRST(authcore_sign_hmac(mkey, "{}", 2, NULL, 0, NULL, 10, &n));
    NULL_FIRST(authcore_key_rsa_pem(NULL, (authcore_algorithm)99, "x", HUGE));
    NULL_FIRST(authcore_key_rsa_pem(mkey, (authcore_algorithm)99, NULL, 1));
    NULL_FIRST(authcore_key_rsa_der(NULL, (authcore_algorithm)99, (const uint8_t *)"x", HUGE));
    NULL_FIRST(authcore_key_rsa_der(mkey, (authcore_algorithm)99, NULL, 1));
    NULL_FIRST(authcore_key_rsa_jwk(NULL, (authcore_algorithm)99, "x", HUGE));
    NULL_FIRST(authcore_key_rsa_jwk(mkey, (authcore_algorithm)99, NULL, 1));
    NULL_FIRST(authcore_key_rsa_jwks(NULL, (authcore_algorithm)99, "x", HUGE, "k", HUGE));
    NULL_FIRST(authcore_key_rsa_jwks(mkey, (authcore_algorithm)99, "x", HUGE, NULL, 1));
    NULL_FIRST(authcore_key_rsa_jwks(mkey, (authcore_algorithm)99, NULL, 1, "k", HUGE));

    /* Authorization values and bodies. */
    NULL_FIRST(authcore_authorization_format(bad_style, NULL, 1, out, sizeof out, &n));
    NULL_FIRST(authcore_authorization_format(bad_style, "t", HUGE, out, sizeof out, NULL));
    NULL_FIRST(authcore_authorization_format(bad_style, "t", 1, NULL, sizeof out, &n));
    NULL_FIRST(authcore_authorization_basic(NULL, 1, "p", HUGE, out, sizeof out, &n));
    NULL_FIRST(authcore_authorization_basic("u", HUGE, NULL, 1, out, sizeof out, &n));
    NULL_FIRST(authcore_authorization_basic("u", HUGE, "p", 1, out, sizeof out, NULL));
    NULL_FIRST(authcore_authorization_custom(NULL, 0, "t", HUGE, out, sizeof out, &n));
    NULL_FIRST(authcore_authorization_custom("X", 1, NULL, 1, out, HUGE, &n));
    NULL_FIRST(authcore_authorization_custom("X", 1, "t", HUGE, out, sizeof out, NULL));
    NULL_FIRST(authcore_authorization_parse("v", HUGE, NULL));
    NULL_FIRST(authcore_authorization_parse_basic("v", HUGE, NULL, 10, &n, out, sizeof out, &n));
    NULL_FIRST(authcore_authorization_parse_basic("v", HUGE, out, 10, NULL, out, 10, &n));
    NULL_FIRST(authcore_authorization_parse_basic("v", 1, out, HUGE, &n, out, 10, NULL));
    NULL_FIRST(authcore_authorization_parse_basic(NULL, 1, out, HUGE, &n, NULL, 10, &n));
    NULL_FIRST(authcore_login_body_json(NULL, out, HUGE, &n));
    NULL_FIRST(authcore_login_body_json(&creds, out, HUGE, NULL));
    NULL_FIRST(authcore_login_body_form(NULL, out, HUGE, &n));
    NULL_FIRST(authcore_login_body_form(&creds, out, HUGE, NULL));
    NULL_FIRST(authcore_oauth_password_grant(NULL, NULL, 0, NULL, 0, out, HUGE, &n));
    NULL_FIRST(authcore_oauth_password_grant(&creds, NULL, 0, NULL, 0, out, HUGE, NULL));
    NULL_FIRST(authcore_oauth_refresh_grant(NULL, 1, NULL, 0, NULL, 0, out, HUGE, &n));
    NULL_FIRST(authcore_oauth_refresh_grant("r", HUGE, NULL, 0, NULL, 0, out, sizeof out, NULL));
    NULL_FIRST(authcore_oauth_password_grant(NULL, NULL, 3, NULL, 0, out, sizeof out, &n));
    NULL_FIRST(authcore_oauth_refresh_grant("r", 1, NULL, 3, NULL, 4, out, sizeof out, NULL));

    /* Sessions. */
    NULL_FIRST(authcore_session_init(NULL, bad_api, NULL, 3, NULL, 0));
    NULL_FIRST(authcore_session_login_request(msession, NULL, out, sizeof out, &n, &req));
    NULL_FIRST(authcore_session_login_request(&zsession, &creds, out, HUGE, &n, NULL));
    NULL_FIRST(authcore_session_login_request(&zsession, &creds, out, sizeof out, NULL, &req));
    NULL_FIRST(authcore_session_refresh_request(msession, out, sizeof out, &n, NULL));
    NULL_FIRST(authcore_session_refresh_request(&zsession, out, HUGE, NULL, &req));
    NULL_FIRST(authcore_session_authorization(msession, out, sizeof out, NULL));
    NULL_FIRST(authcore_session_authorization(&zsession, NULL, HUGE, &n));
    NULL_FIRST(authcore_session_accept_login(NULL, "{}", HUGE, T, bad_base));
    NULL_FIRST(authcore_session_accept_login(&zsession, NULL, 1, T, bad_base));
    NULL_FIRST(authcore_session_accept_refresh(NULL, "{}", HUGE, T, bad_base));
    NULL_FIRST(authcore_session_accept_refresh(msession, NULL, 1, T, bad_base));
    NULL_FIRST(authcore_session_accept_detail(msession, NULL, 1, NULL, 4, T, bad_base, NULL));
    NULL_FIRST(authcore_session_next(&zsession, T, bad_base, out, sizeof out, &n, NULL));
    NULL_FIRST(authcore_session_next(msession, T, bad_base, out, sizeof out, NULL, &next));
    NULL_FIRST(authcore_session_next(NULL, T, bad_base, out, HUGE, &n, &next));
    NULL_FIRST(authcore_session_status(&zsession, T, bad_base, NULL));
    NULL_FIRST(authcore_session_status(NULL, T, bad_base, &ts));
    NULL_FIRST(authcore_session_refresh_status(msession, T, bad_base, NULL));
    NULL_FIRST(authcore_session_touch(NULL, T, bad_base));
    NULL_FIRST(authcore_session_pin(NULL, T, bad_base));
    NULL_FIRST(authcore_session_set_refresh_token(NULL, "r", HUGE, T, bad_base));
    NULL_FIRST(authcore_session_set_refresh_token(&zsession, NULL, 1, T, bad_base));

    /* Trackers. */
    NULL_FIRST(authcore_tracker_unbounded(mtracker, NULL, T));
    NULL_FIRST(authcore_tracker_after(mtracker, NULL, T, -1));
    NULL_FIRST(authcore_tracker_after(NULL, &rp, T, -1));
    NULL_FIRST(authcore_tracker_at(NULL, &rp, T, INT64_MAX));
    NULL_FIRST(authcore_tracker_at(mtracker, NULL, T, INT64_MAX));
    NULL_FIRST(authcore_tracker_at_unix_millis(NULL, &rp, T, INT64_MAX));
    NULL_FIRST(authcore_tracker_at_rfc3339(NULL, &rp, T, "x", HUGE));
    NULL_FIRST(authcore_tracker_at_rfc3339(mtracker, NULL, T, "x", 1));
    NULL_FIRST(authcore_tracker_at_rfc3339(mtracker, &rp, T, NULL, 1));
    NULL_FIRST(authcore_tracker_jwt(NULL, &rp, T, bad_base, T, false, 0));
    NULL_FIRST(authcore_tracker_jwt(mtracker, NULL, T, bad_base, T, false, 0));
    NULL_FIRST(authcore_tracker_jwt_lifetime(NULL, &rp, T, T, T + 1));
    NULL_FIRST(authcore_tracker_jwt_lifetime(mtracker, NULL, T, T, T + 1));
    NULL_FIRST(authcore_tracker_status(mtracker, T, NULL));
    NULL_FIRST(authcore_tracker_status(&ztracker, T, NULL));
    NULL_FIRST(authcore_tracker_expires_at(&ztracker, NULL));
    NULL_FIRST(authcore_tracker_expires_at(mtracker, NULL));
    NULL_FIRST(authcore_tracker_is_pinned(&ztracker, NULL));
    NULL_FIRST(authcore_tracker_is_pinned(mtracker, NULL));

    /* Policies and verification. */
    NULL_FIRST(authcore_validation_init(NULL, (authcore_algorithm)99));
    NULL_FIRST(authcore_policy_init(mpolicy, NULL));
    settings.algorithm = (authcore_algorithm)99;
    NULL_FIRST(authcore_policy_init(NULL, &settings));
    settings.algorithm = AUTHCORE_HS256;
    NULL_FIRST(authcore_verify_buffer_size("t", HUGE, NULL));
    NULL_FIRST(authcore_verify(NULL, &zpolicy, "a.b.c", HUGE, T, buf, sizeof buf, NULL, NULL));
    NULL_FIRST(authcore_verify(&zkey, NULL, "a.b.c", HUGE, T, buf, sizeof buf, (authcore_claims *)out,
                               NULL));
    NULL_FIRST(authcore_verify(&zkey, &zpolicy, NULL, 5, T, buf, HUGE, (authcore_claims *)out,
                               NULL));
    NULL_FIRST(authcore_verify(&key, &policy, "a.b.c", HUGE, T, buf, sizeof buf, NULL, NULL));
    NULL_FIRST(authcore_verify(&key, &policy, "a.b.c", 5, T, NULL, HUGE, mclaims, NULL));
    NULL_FIRST(authcore_verify(mkey, mpolicy, "a.b.c", 5, T, buf, sizeof buf, NULL, NULL));
    NULL_FIRST(authcore_verify_detail(&key, &policy, "a.b.c", HUGE, T, buf, sizeof buf, NULL,
                                      NULL, &refused));
    CHECK(refused.ptr == NULL && refused.len == 0);
    NULL_FIRST(authcore_claims_json(&zclaims, NULL, sizeof out, &n));
    NULL_FIRST(authcore_claims_json(mclaims, out, HUGE, NULL));
    NULL_FIRST(authcore_claims_get_string(&zclaims, NULL, 0, out, HUGE, &n));
    NULL_FIRST(authcore_claims_get_string(mclaims, "x", 1, out, sizeof out, NULL));
    NULL_FIRST(authcore_claims_get_json(&zclaims, NULL, 0, out, HUGE, &n));
    NULL_FIRST(authcore_claims_get_json(mclaims, "x", 1, NULL, sizeof out, &n));
    NULL_FIRST(authcore_claims_get_int(&zclaims, "x", 1, NULL));
    NULL_FIRST(authcore_claims_get_int(mclaims, NULL, 0, &i64));
    NULL_FIRST(authcore_claims_get_bool(&zclaims, "x", 1, NULL));
    NULL_FIRST(authcore_claims_get_bool(mclaims, NULL, 0, &flag));
    NULL_FIRST(authcore_claims_exp(&zclaims, NULL));
    NULL_FIRST(authcore_claims_nbf(mclaims, NULL));
    NULL_FIRST(authcore_claims_iat(&zclaims, NULL));
    NULL_FIRST(authcore_claims_aud_count(mclaims, NULL));
    NULL_FIRST(authcore_claims_aud_get(&zclaims, 0, out, HUGE, NULL));
    NULL_FIRST(authcore_claims_aud_get(mclaims, 0, NULL, sizeof out, &n));
    NULL_FIRST(authcore_peek_kid("t", HUGE, out, sizeof out, NULL));
    NULL_FIRST(authcore_peek_kid(NULL, 1, out, HUGE, &n));
    NULL_FIRST(authcore_peek_kid("t", 1, NULL, HUGE, &n));
    NULL_FIRST(authcore_peek_header("t", HUGE, out, sizeof out, NULL));
    NULL_FIRST(authcore_peek_header(NULL, 1, out, HUGE, &n));
    NULL_FIRST(authcore_peek_header("t", 1, NULL, HUGE, &n));
#undef NULL_FIRST
    (void)a;
    (void)alg;
    authcore_policy_clear(&policy);
    authcore_key_clear(&key);
}

int main(void) {
    long_headers_can_be_peeked();
    kids_are_escaped_when_signing();
    negative_max_age_is_refused();
    expiry_past_year_9999_is_refused();
    null_is_reported_first();
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
