/*
 * Objects under misuse: storage never initialized, re-made in place, made at a misaligned
 * address. Run plain, as C++, under ASan+UBSan and under valgrind (which reports any read
 * of uninitialized storage by a constructor).
 */
#include "check.h"

#include <stdint.h>
#include <stdlib.h>

static const char SECRET[] = "a secret of at least thirty-two bytes for misuse tests";

static int all_zero(const void *p, size_t n) {
    const unsigned char *b = (const unsigned char *)p;
    size_t i;
    for (i = 0; i < n; i++)
        if (b[i] != 0) return 0;
    return 1;
}

/* A constructor never reads the storage it is given: valgrind checks these. */
static void constructors_do_not_read_uninitialized_storage(void) {
    authcore_session *s = (authcore_session *)malloc(sizeof *s);
    authcore_key *k = (authcore_key *)malloc(sizeof *k);
    authcore_tracker *t = (authcore_tracker *)malloc(sizeof *t);
    char header[64];
    size_t n = 0;
    authcore_refresh_policy rp;
    CHECK_STATUS(authcore_refresh_policy_default(&rp), AUTHCORE_OK);
    CHECK(s && k && t);
    if (!s || !k || !t) return;
    CHECK_STATUS(authcore_session_init(s, AUTHCORE_API_OAUTH2, NULL, NULL), AUTHCORE_OK);
    /* A new session has no token, whatever the storage held. */
    CHECK_STATUS(authcore_session_authorization(s, header, sizeof header, &n), AUTHCORE_NO_TOKEN);
    CHECK_STATUS(authcore_key_hmac(k, AUTHCORE_HS256, (const uint8_t *)SECRET, strlen(SECRET)),
                 AUTHCORE_OK);
    CHECK_STATUS(authcore_tracker_after(t, &rp, 1700000000, 600), AUTHCORE_OK);
    authcore_session_clear(s);
    authcore_key_clear(k);
    authcore_tracker_clear(t);
    free(s);
    free(k);
    free(t);
}

/* Re-making a key in place wipes the old one first, even when the new one is refused. */
static void remaking_a_key_leaves_nothing_of_the_old_one(void) {
    authcore_key k;
    authcore_algorithm alg;
    CHECK_STATUS(authcore_key_hmac(&k, AUTHCORE_HS512, (const uint8_t *)SECRET, strlen(SECRET)),
                 AUTHCORE_OK);
    CHECK(!all_zero(&k, sizeof k));
    /* A refused constructor: the storage is wiped, and the old key is gone. */
    CHECK_STATUS(authcore_key_hmac(&k, AUTHCORE_HS256, (const uint8_t *)SECRET, 0),
                 AUTHCORE_KEY_EMPTY_SECRET);
    CHECK(all_zero(&k, sizeof k));
    CHECK_STATUS(authcore_key_algorithm(&k, &alg), AUTHCORE_UNINITIALIZED);
    /* An unknown algorithm too. */
    CHECK_STATUS(authcore_key_hmac(&k, AUTHCORE_HS512, (const uint8_t *)SECRET, strlen(SECRET)),
                 AUTHCORE_OK);
    CHECK_STATUS(authcore_key_hmac(&k, 99, (const uint8_t *)SECRET, strlen(SECRET)),
                 AUTHCORE_INVALID_ARGUMENT);
    CHECK(all_zero(&k, sizeof k));
}

/* Storage at an address that is not 8-byte aligned is refused, never written through. */
static void misaligned_storage_is_refused(void) {
    static uint64_t raw[(sizeof(authcore_session) + sizeof(authcore_key)) / 8 + 2];
    unsigned char *bytes = (unsigned char *)raw;
    size_t off;
    authcore_refresh_policy rp;
    CHECK_STATUS(authcore_refresh_policy_default(&rp), AUTHCORE_OK);
    for (off = 1; off < 8; off++) {
        authcore_key *k = (authcore_key *)(void *)(bytes + off);
        authcore_session *s = (authcore_session *)(void *)(bytes + off);
        authcore_tracker *t = (authcore_tracker *)(void *)(bytes + off);
        authcore_algorithm alg;
        memset(raw, 0, sizeof raw);
        CHECK_STATUS(authcore_key_hmac(k, AUTHCORE_HS256, (const uint8_t *)SECRET,
                                       strlen(SECRET)),
                     AUTHCORE_INVALID_ARGUMENT);
        CHECK_STATUS(authcore_key_rsa_pem(k, AUTHCORE_RS256, "x", 1), AUTHCORE_INVALID_ARGUMENT);
        CHECK_STATUS(authcore_key_algorithm(k, &alg), AUTHCORE_INVALID_ARGUMENT);
        CHECK_STATUS(authcore_key_clear(k), AUTHCORE_INVALID_ARGUMENT);
        CHECK_STATUS(authcore_session_init(s, AUTHCORE_API_OAUTH2, NULL, NULL),
                     AUTHCORE_INVALID_ARGUMENT);
        CHECK_STATUS(authcore_tracker_after(t, &rp, 1700000000, 600),
                     AUTHCORE_INVALID_ARGUMENT);
        CHECK(all_zero(raw, sizeof raw));
    }
}

/* An output that overlaps an input of the same call is refused, and nothing is written:
 * before, `authorization_format(token == out)` wrote "Bearer Bearer ", and signing, login
 * bodies and verification gave wrong results. */
static void overlapping_buffers_are_refused(void) {
    char buf[512], copy[512];
    size_t n = 0;
    authcore_key key;
    authcore_validation settings;
    authcore_policy policy;
    authcore_claims claims;
    authcore_credentials creds;
    static const char claims_json[] = "{\"sub\":\"x\",\"exp\":4000000000}";

    memset(buf, 0, sizeof buf);
    /* A header written over its own token. */
    strcpy(buf, "abc.def.ghi");
    memcpy(copy, buf, sizeof buf);
    CHECK_STATUS(authcore_authorization_format(AUTHCORE_HEADER_BEARER, buf, 11, buf, sizeof buf,
                                               &n),
                 AUTHCORE_OVERLAPPING_BUFFERS);
    CHECK(memcmp(buf, copy, sizeof buf) == 0);
    /* Overlapping by one byte at either end counts; adjacent does not. */
    memcpy(buf + 100, "abc.def.ghi", 11);
    CHECK_STATUS(authcore_authorization_format(AUTHCORE_HEADER_BEARER, buf + 100, 11, buf + 110,
                                               100, &n),
                 AUTHCORE_OVERLAPPING_BUFFERS);
    CHECK_STATUS(authcore_authorization_format(AUTHCORE_HEADER_BEARER, buf + 100, 11, buf + 90,
                                               11, &n),
                 AUTHCORE_OVERLAPPING_BUFFERS);
    CHECK_STATUS(authcore_authorization_format(AUTHCORE_HEADER_BEARER, buf + 100, 11, buf + 111,
                                               100, &n),
                 AUTHCORE_OK);
    CHECK_STR(buf + 111, "Bearer abc.def.ghi");

    /* Signing over the claims. */
    CHECK_STATUS(authcore_key_hmac(&key, AUTHCORE_HS256, (const uint8_t *)SECRET, strlen(SECRET)),
                 AUTHCORE_OK);
    strcpy(buf, claims_json);
    CHECK_STATUS(authcore_sign_hmac(&key, (const uint8_t *)buf, strlen(claims_json), NULL, buf,
                                    sizeof buf, &n),
                 AUTHCORE_OVERLAPPING_BUFFERS);
    CHECK_STR(buf, claims_json);

    /* A login body over the password. */
    strcpy(buf, "hunter2");
    creds.username = "admin";
    creds.username_len = 5;
    creds.password = buf;
    creds.password_len = 7;
    creds.auth_source = NULL;
    creds.auth_source_len = 0;
    CHECK_STATUS(authcore_login_body_json(&creds, buf, sizeof buf, &n),
                 AUTHCORE_OVERLAPPING_BUFFERS);
    CHECK_STR(buf, "hunter2");

    /* Verification whose work buffer is the token. */
    CHECK_STATUS(authcore_sign_hmac(&key, (const uint8_t *)claims_json, strlen(claims_json), NULL,
                                    buf, sizeof buf, &n),
                 AUTHCORE_OK);
    CHECK_STATUS(authcore_validation_init(&settings, AUTHCORE_HS256), AUTHCORE_OK);
    CHECK_STATUS(authcore_policy_init(&policy, &settings), AUTHCORE_OK);
    memcpy(copy, buf, sizeof buf);
    CHECK_STATUS(authcore_verify(&key, &policy, buf, n, 1700000000, (uint8_t *)buf, sizeof buf,
                                 &claims, NULL),
                 AUTHCORE_OVERLAPPING_BUFFERS);
    CHECK(memcmp(buf, copy, sizeof buf) == 0);
    /* The same token, with its own work buffer, verifies. */
    CHECK_STATUS(authcore_verify(&key, &policy, buf, n, 1700000000, (uint8_t *)copy, sizeof copy,
                                 &claims, NULL),
                 AUTHCORE_OK);
    authcore_key_clear(&key);
}

int main(void) {
    constructors_do_not_read_uninitialized_storage();
    remaking_a_key_leaves_nothing_of_the_old_one();
    misaligned_storage_is_refused();
    overlapping_buffers_are_refused();
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
