/*
 * Objects under misuse: storage never initialized, re-made in place, made at a misaligned
 * address, holding the magic plus garbage. Run plain, as C++, under ASan+UBSan and under valgrind (which reports any read
 * of uninitialized storage by a constructor).
 */
#include "check.h"
#include "rsa_vectors.h"

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
    CHECK_STATUS(authcore_session_init(s, AUTHCORE_API_OAUTH2, NULL, 0, NULL, 0), AUTHCORE_OK);
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
    CHECK_STATUS(authcore_key_hmac(&k, (authcore_algorithm)99, (const uint8_t *)SECRET, strlen(SECRET)),
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
        CHECK_STATUS(authcore_session_init(s, AUTHCORE_API_OAUTH2, NULL, 0, NULL, 0),
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
    CHECK_STATUS(authcore_sign_hmac(&key, buf, strlen(claims_json), NULL, 0, buf,
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
    CHECK_STATUS(authcore_sign_hmac(&key, claims_json, strlen(claims_json), NULL, 0,
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


/* How much of a made object `garble` keeps: its magic and generation words, or those and
 * the word after them (the address it was made at). */
enum keep { KEEP_MAGIC_AND_GENERATION = 2, KEEP_HEADER_WORDS = 3 };

/* Turns a made object into its magic plus garbage. A constructor zeroes the storage before
 * it writes the object, so the first nonzero word is the object's magic and the next its
 * generation; every byte but the words kept becomes 0xAB. */
static void garble(void *storage, size_t size, enum keep keep) {
    unsigned char *b = (unsigned char *)storage;
    uint64_t word = 0;
    size_t first = 0, i;
    for (first = 0; first + 8 <= size; first += 8) {
        memcpy(&word, b + first, 8);
        if (word != 0) break;
    }
    CHECK(first + 8 * (size_t)keep < size);
    for (i = 0; i < size; i++)
        if (i < first || i >= first + 8 * (size_t)keep) b[i] = 0xAB;
}

/* RFC 7515 A.3's P-256 key and RFC 8037 A.2's Ed25519 key, as JWKs. */
static const char EC_JWK[] = "{\"kty\":\"EC\",\"crv\":\"P-256\","
                             "\"x\":\"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU\","
                             "\"y\":\"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0\"}";
static const char ED25519_JWK[] = "{\"kty\":\"OKP\",\"crv\":\"Ed25519\","
                                  "\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}";

static const char GARBLE_CLAIMS[] =
    "{\"sub\":\"x\",\"iss\":\"me\",\"aud\":[\"a\",\"b\"],\"n\":1,\"t\":true,"
    "\"exp\":4000000000,\"nbf\":1,\"iat\":1}";

/* Storage holding the magic plus garbage is refused by every call (AUTHCORE_UNINITIALIZED),
 * never read as an object: before, `authcore_key_algorithm` jumped through the garbage
 * (a crash in debug builds, alg=171 in release ones). Clearing it only wipes it. With the
 * header words kept whole, keys and policies are still refused: their kinds, algorithms
 * and switches are checked byte by byte. */
static void magic_plus_garbage_is_refused(enum keep keep) {
    authcore_key key, hmac, rsa, ec, ed;
    authcore_validation settings;
    authcore_policy policy, good_policy;
    authcore_claims claims;
    authcore_session session;
    authcore_tracker tracker;
    authcore_refresh_policy rp;
    authcore_algorithm alg;
    authcore_token_status ts;
    authcore_next next;
    authcore_request request;
    authcore_credentials creds = {"u", 1, "p", 1, NULL, 0};
    static uint8_t work[512];
    char token[512], out[512];
    size_t n = 0, token_len = 0, count = 0;
    int64_t i64 = 0;
    bool flag = false;
    authcore_str refused = {NULL, 0};

    CHECK_STATUS(authcore_key_hmac(&hmac, AUTHCORE_HS256, (const uint8_t *)SECRET,
                                   strlen(SECRET)),
                 AUTHCORE_OK);
    CHECK_STATUS(authcore_validation_init(&settings, AUTHCORE_HS256), AUTHCORE_OK);
    settings.validate_aud = 0;
    CHECK_STATUS(authcore_policy_init(&good_policy, &settings), AUTHCORE_OK);
    CHECK_STATUS(authcore_sign_hmac(&hmac, GARBLE_CLAIMS,
                                    strlen(GARBLE_CLAIMS), "k1", 2, token, sizeof token,
                                    &token_len),
                 AUTHCORE_OK);

    /* Keys, HMAC and RSA. */
    CHECK_STATUS(authcore_key_hmac(&key, AUTHCORE_HS256, (const uint8_t *)SECRET,
                                   strlen(SECRET)),
                 AUTHCORE_OK);
    CHECK_STATUS(authcore_key_rsa_jwk(&rsa, AUTHCORE_RS256, JWK_2048, strlen(JWK_2048)),
                 AUTHCORE_OK);
    CHECK_STATUS(authcore_key_ec_jwk(&ec, AUTHCORE_ES256, EC_JWK, strlen(EC_JWK)), AUTHCORE_OK);
    CHECK_STATUS(authcore_key_ed25519_jwk(&ed, ED25519_JWK, strlen(ED25519_JWK)), AUTHCORE_OK);
    garble(&key, sizeof key, keep);
    garble(&rsa, sizeof rsa, keep);
    garble(&ec, sizeof ec, keep);
    garble(&ed, sizeof ed, keep);
    CHECK_STATUS(authcore_key_algorithm(&key, &alg), AUTHCORE_UNINITIALIZED);
    CHECK_STATUS(authcore_key_algorithm(&rsa, &alg), AUTHCORE_UNINITIALIZED);
    CHECK_STATUS(authcore_key_algorithm(&ec, &alg), AUTHCORE_UNINITIALIZED);
    CHECK_STATUS(authcore_key_algorithm(&ed, &alg), AUTHCORE_UNINITIALIZED);
    CHECK_STATUS(authcore_verify(&ec, &good_policy, token, token_len, 1700000000, work,
                                 sizeof work, &claims, NULL),
                 AUTHCORE_UNINITIALIZED);
    CHECK_STATUS(authcore_verify(&ed, &good_policy, token, token_len, 1700000000, work,
                                 sizeof work, &claims, NULL),
                 AUTHCORE_UNINITIALIZED);
    CHECK_STATUS(authcore_key_clear(&ec), AUTHCORE_OK);
    CHECK_STATUS(authcore_key_clear(&ed), AUTHCORE_OK);
    CHECK(all_zero(&ec, sizeof ec) && all_zero(&ed, sizeof ed));
    CHECK_STATUS(authcore_sign_hmac(&key, "{}", 2, NULL, 0, out, sizeof out, &n),
                 AUTHCORE_UNINITIALIZED);
    CHECK_STATUS(authcore_verify(&key, &good_policy, token, token_len, 1700000000, work,
                                 sizeof work, &claims, NULL),
                 AUTHCORE_UNINITIALIZED);
    CHECK_STATUS(authcore_verify(&rsa, &good_policy, token, token_len, 1700000000, work,
                                 sizeof work, &claims, NULL),
                 AUTHCORE_UNINITIALIZED);
    CHECK_STATUS(authcore_key_clear(&key), AUTHCORE_OK);
    CHECK_STATUS(authcore_key_clear(&rsa), AUTHCORE_OK);
    CHECK(all_zero(&key, sizeof key) && all_zero(&rsa, sizeof rsa));

    /* A policy. */
    CHECK_STATUS(authcore_policy_init(&policy, &settings), AUTHCORE_OK);
    garble(&policy, sizeof policy, keep);
    CHECK_STATUS(authcore_verify_detail(&hmac, &policy, token, token_len, 1700000000, work,
                                        sizeof work, &claims, NULL, &refused),
                 AUTHCORE_UNINITIALIZED);
    CHECK(refused.ptr == NULL && refused.len == 0);
    CHECK_STATUS(authcore_policy_clear(&policy), AUTHCORE_OK);
    CHECK(all_zero(&policy, sizeof policy));

    if (keep == KEEP_HEADER_WORDS) {
        authcore_policy_clear(&good_policy);
        authcore_key_clear(&hmac);
        return;
    }

    /* Claims. */
    CHECK_STATUS(authcore_verify(&hmac, &good_policy, token, token_len, 1700000000, work,
                                 sizeof work, &claims, NULL),
                 AUTHCORE_OK);
    garble(&claims, sizeof claims, keep);
    CHECK_STATUS(authcore_claims_json(&claims, out, sizeof out, &n), AUTHCORE_UNINITIALIZED);
    CHECK_STATUS(authcore_claims_get_string(&claims, "sub", 3, out, sizeof out, &n),
                 AUTHCORE_UNINITIALIZED);
    CHECK_STATUS(authcore_claims_get_json(&claims, "aud", 3, out, sizeof out, &n),
                 AUTHCORE_UNINITIALIZED);
    CHECK_STATUS(authcore_claims_get_int(&claims, "n", 1, &i64), AUTHCORE_UNINITIALIZED);
    CHECK_STATUS(authcore_claims_get_bool(&claims, "t", 1, &flag), AUTHCORE_UNINITIALIZED);
    CHECK_STATUS(authcore_claims_exp(&claims, &i64), AUTHCORE_UNINITIALIZED);
    CHECK_STATUS(authcore_claims_nbf(&claims, &i64), AUTHCORE_UNINITIALIZED);
    CHECK_STATUS(authcore_claims_iat(&claims, &i64), AUTHCORE_UNINITIALIZED);
    CHECK_STATUS(authcore_claims_aud_count(&claims, &count), AUTHCORE_UNINITIALIZED);
    CHECK_STATUS(authcore_claims_aud_get(&claims, 0, out, sizeof out, &n),
                 AUTHCORE_UNINITIALIZED);
    CHECK_STATUS(authcore_claims_clear(&claims), AUTHCORE_OK);
    CHECK(all_zero(&claims, sizeof claims));

    /* A session holding a token. */
    CHECK_STATUS(authcore_session_init(&session, AUTHCORE_API_OAUTH2, "s", 1, "c", 1), AUTHCORE_OK);
    CHECK_STATUS(authcore_session_accept_login(
                     &session,
                     "{\"access_token\":\"abc\",\"token_type\":\"Bearer\",\"expires_in\":600,"
                     "\"refresh_token\":\"r\"}",
                     strlen("{\"access_token\":\"abc\",\"token_type\":\"Bearer\","
                            "\"expires_in\":600,\"refresh_token\":\"r\"}"),
                     1700000000, AUTHCORE_TIME_UNIX),
                 AUTHCORE_OK);
    garble(&session, sizeof session, keep);
    CHECK_STATUS(authcore_session_authorization(&session, out, sizeof out, &n),
                 AUTHCORE_UNINITIALIZED);
    CHECK_STATUS(authcore_session_next(&session, 1700000000, AUTHCORE_TIME_UNIX, out,
                                       sizeof out, &n, &next),
                 AUTHCORE_UNINITIALIZED);
    CHECK_STATUS(authcore_session_status(&session, 1700000000, AUTHCORE_TIME_UNIX, &ts),
                 AUTHCORE_UNINITIALIZED);
    CHECK_STATUS(authcore_session_refresh_status(&session, 1700000000, AUTHCORE_TIME_UNIX, &ts),
                 AUTHCORE_UNINITIALIZED);
    CHECK_STATUS(authcore_session_login_request(&session, &creds, out, sizeof out, &n, &request),
                 AUTHCORE_UNINITIALIZED);
    CHECK_STATUS(authcore_session_refresh_request(&session, out, sizeof out, &n, &request),
                 AUTHCORE_UNINITIALIZED);
    CHECK_STATUS(authcore_session_accept_login(&session, "{}", 2, 1700000000, AUTHCORE_TIME_UNIX),
                 AUTHCORE_UNINITIALIZED);
    CHECK_STATUS(authcore_session_accept_refresh(&session, "{}", 2, 1700000000,
                                                 AUTHCORE_TIME_UNIX),
                 AUTHCORE_UNINITIALIZED);
    CHECK_STATUS(authcore_session_touch(&session, 1700000000, AUTHCORE_TIME_UNIX),
                 AUTHCORE_UNINITIALIZED);
    CHECK_STATUS(authcore_session_pin(&session, 1700000000, AUTHCORE_TIME_UNIX),
                 AUTHCORE_UNINITIALIZED);
    CHECK_STATUS(authcore_session_unpin(&session), AUTHCORE_UNINITIALIZED);
    CHECK_STATUS(authcore_session_set_refresh_token(&session, "r", 1, 1700000000,
                                                    AUTHCORE_TIME_UNIX),
                 AUTHCORE_UNINITIALIZED);
    CHECK_STATUS(authcore_session_forget_refresh_token(&session), AUTHCORE_UNINITIALIZED);
    CHECK_STATUS(authcore_session_forget_access_token(&session), AUTHCORE_UNINITIALIZED);
    CHECK_STATUS(authcore_session_forget(&session), AUTHCORE_UNINITIALIZED);
    CHECK_STATUS(authcore_session_clear(&session), AUTHCORE_OK);
    CHECK(all_zero(&session, sizeof session));

    /* A tracker. */
    CHECK_STATUS(authcore_refresh_policy_default(&rp), AUTHCORE_OK);
    CHECK_STATUS(authcore_tracker_after(&tracker, &rp, 1700000000, 600), AUTHCORE_OK);
    CHECK_STATUS(authcore_tracker_pin(&tracker, 1700000000), AUTHCORE_OK);
    garble(&tracker, sizeof tracker, keep);
    CHECK_STATUS(authcore_tracker_status(&tracker, 1700000000, &ts), AUTHCORE_UNINITIALIZED);
    CHECK_STATUS(authcore_tracker_expires_at(&tracker, &i64), AUTHCORE_UNINITIALIZED);
    CHECK_STATUS(authcore_tracker_is_pinned(&tracker, &flag), AUTHCORE_UNINITIALIZED);
    CHECK_STATUS(authcore_tracker_touch(&tracker, 1700000000), AUTHCORE_UNINITIALIZED);
    CHECK_STATUS(authcore_tracker_pin(&tracker, 1700000000), AUTHCORE_UNINITIALIZED);
    CHECK_STATUS(authcore_tracker_unpin(&tracker), AUTHCORE_UNINITIALIZED);
    CHECK_STATUS(authcore_tracker_make_sliding(&tracker, 60), AUTHCORE_UNINITIALIZED);
    CHECK_STATUS(authcore_tracker_clear(&tracker), AUTHCORE_OK);
    CHECK(all_zero(&tracker, sizeof tracker));

    authcore_policy_clear(&good_policy);
    authcore_key_clear(&hmac);
}

/* ---- random garbage behind a valid header ---------------------------------------------- */

static uint64_t rng_state = 0x2545F4914F6CDD1Dull; /* fixed seed: every run sees the same bytes */

static uint64_t rng(void) { /* xorshift64 */
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

/* Overwrites a made object's bytes after its header words (magic, generation, the address
 * it was made at) with random ones: all of them (`whole`), or a random run of up to 64,
 * each byte changed. */
static void scramble(void *storage, size_t size, int whole) {
    unsigned char *b = (unsigned char *)storage;
    uint64_t word = 0;
    size_t first, start, i, from, len;
    for (first = 0; first + 8 <= size; first += 8) {
        memcpy(&word, b + first, 8);
        if (word != 0) break;
    }
    start = first + 24;
    if (whole) {
        for (i = start; i < size; i++) b[i] = (unsigned char)rng();
        return;
    }
    from = start + (size_t)(rng() % (size - start));
    len = 1 + (size_t)(rng() % 64);
    if (len > size - from) len = size - from;
    for (i = from; i < from + len; i++) b[i] ^= (unsigned char)(1 + rng() % 255);
}

/* What one round of calls on a scrambled object gave: how many calls were refused as
 * uninitialized, how many reading calls there were, and whether any status was one no
 * object can give (an internal error). */
struct tally {
    int refused, reads, calls, internal;
};

static void count(struct tally *t, authcore_status s, int reading) {
    t->calls++;
    if (reading) t->reads++;
    if (s == AUTHCORE_UNINITIALIZED) t->refused++;
    if (s == AUTHCORE_INTERNAL_ERROR) t->internal++;
}

/* A round is consistent when the object was refused by every call or by none: every call
 * checks the same bytes, and a changing call writes back only a valid object. */
static int consistent(const struct tally *t) {
    return t->internal == 0 && (t->refused == 0 || t->refused == t->calls);
}

#define ROUNDS 300

static const char GARBLE_LOGIN[] =
    "{\"access_token\":\"abc\",\"token_type\":\"Bearer\",\"expires_in\":600,"
    "\"refresh_token\":\"r\"}";

/* Random bytes behind a valid header, in a session (preset and described), a tracker and
 * a claims object: never a crash (the suite runs under ASan+UBSan and valgrind), never an
 * internal error, the same answer about the bytes from every call, and with every byte
 * after the header random, always AUTHCORE_UNINITIALIZED (a tracker's flags, a session's
 * and a claims object's seals make random bytes an object once in 2^29 or fewer). */
static void random_garbage_is_refused_or_harmless(void) {
    authcore_session session;
    authcore_tracker tracker;
    authcore_claims claims;
    authcore_api_description described;
    authcore_key key;
    authcore_validation settings;
    authcore_policy policy;
    authcore_refresh_policy rp;
    authcore_token_status ts;
    authcore_next next;
    authcore_request request;
    authcore_credentials creds = {"u", 1, "p", 1, NULL, 0};
    static uint8_t work[512];
    char token[512], out[512];
    size_t n = 0, token_len = 0, count_ = 0;
    int64_t i64 = 0;
    bool flag = false;
    int whole, round, bad = 0, refused[3][2] = {{0, 0}, {0, 0}, {0, 0}};
    const int64_t T = 1700000000;
    const authcore_time_base U = AUTHCORE_TIME_UNIX;

    CHECK_STATUS(authcore_key_hmac(&key, AUTHCORE_HS256, (const uint8_t *)SECRET, strlen(SECRET)),
                 AUTHCORE_OK);
    CHECK_STATUS(authcore_validation_init(&settings, AUTHCORE_HS256), AUTHCORE_OK);
    settings.validate_aud = 0;
    CHECK_STATUS(authcore_policy_init(&policy, &settings), AUTHCORE_OK);
    CHECK_STATUS(authcore_sign_hmac(&key, GARBLE_CLAIMS, strlen(GARBLE_CLAIMS), "k1", 2, token,
                                    sizeof token, &token_len),
                 AUTHCORE_OK);
    CHECK_STATUS(authcore_refresh_policy_default(&rp), AUTHCORE_OK);
    /* OAuth 2.0 described, with a custom scheme: strings of every kind in the session. */
    CHECK_STATUS(authcore_api_description_preset(AUTHCORE_API_OAUTH2, &described), AUTHCORE_OK);
    described.header.style = AUTHCORE_HEADER_CUSTOM;
    described.header.scheme = "Token";
    described.header.scheme_len = 5;
    described.scope = "read";
    described.scope_len = 4;

    for (whole = 0; whole <= 1; whole++) {
        for (round = 0; round < ROUNDS; round++) {
            struct tally t = {0, 0, 0, 0};

            /* A session, from a preset or a description, holding tokens. */
            if (round % 2 == 0)
                CHECK_STATUS(authcore_session_init(&session, AUTHCORE_API_OAUTH2, "s", 1, "c", 1),
                             AUTHCORE_OK);
            else
                CHECK_STATUS(authcore_session_init_custom(&session, &described), AUTHCORE_OK);
            CHECK_STATUS(authcore_session_accept_login(&session, GARBLE_LOGIN,
                                                       strlen(GARBLE_LOGIN), T, U),
                         AUTHCORE_OK);
            scramble(&session, sizeof session, whole);
            count(&t, authcore_session_authorization(&session, out, sizeof out, &n), 1);
            count(&t, authcore_session_next(&session, T, U, out, sizeof out, &n, &next), 1);
            count(&t, authcore_session_status(&session, T, U, &ts), 1);
            count(&t, authcore_session_refresh_status(&session, T, U, &ts), 1);
            count(&t, authcore_session_login_request(&session, &creds, out, sizeof out, &n,
                                                     &request), 1);
            count(&t, authcore_session_refresh_request(&session, out, sizeof out, &n, &request),
                  1);
            count(&t, authcore_session_touch(&session, T, U), 0);
            count(&t, authcore_session_pin(&session, T, U), 0);
            count(&t, authcore_session_unpin(&session), 0);
            count(&t, authcore_session_accept_login(&session, GARBLE_LOGIN, strlen(GARBLE_LOGIN),
                                                    T, U), 0);
            count(&t, authcore_session_set_refresh_token(&session, "r", 1, T, U), 0);
            count(&t, authcore_session_forget_refresh_token(&session), 0);
            count(&t, authcore_session_forget_access_token(&session), 0);
            count(&t, authcore_session_forget(&session), 0);
            if (!consistent(&t)) {
                if (bad++ < 5)
                    fprintf(stderr, "session round %d (%s): %d of %d refused, %d internal\n",
                            round, whole ? "whole" : "run", t.refused, t.calls, t.internal);
            }
            refused[0][whole] += t.refused > 0;
            CHECK_STATUS(authcore_session_clear(&session), AUTHCORE_OK);

            /* A tracker, sliding and pinned. */
            t.refused = t.reads = t.calls = t.internal = 0;
            CHECK_STATUS(authcore_tracker_after(&tracker, &rp, T, 600), AUTHCORE_OK);
            CHECK_STATUS(authcore_tracker_make_sliding(&tracker, 300), AUTHCORE_OK);
            CHECK_STATUS(authcore_tracker_pin(&tracker, T), AUTHCORE_OK);
            scramble(&tracker, sizeof tracker, whole);
            count(&t, authcore_tracker_status(&tracker, T, &ts), 1);
            count(&t, authcore_tracker_expires_at(&tracker, &i64), 1);
            count(&t, authcore_tracker_is_pinned(&tracker, &flag), 1);
            count(&t, authcore_tracker_touch(&tracker, T), 0);
            count(&t, authcore_tracker_pin(&tracker, T), 0);
            count(&t, authcore_tracker_unpin(&tracker), 0);
            count(&t, authcore_tracker_make_sliding(&tracker, 60), 0);
            if (!consistent(&t)) {
                if (bad++ < 5)
                    fprintf(stderr, "tracker round %d (%s): %d of %d refused, %d internal\n",
                            round, whole ? "whole" : "run", t.refused, t.calls, t.internal);
            }
            refused[1][whole] += t.refused > 0;
            CHECK_STATUS(authcore_tracker_clear(&tracker), AUTHCORE_OK);

            /* Claims. */
            t.refused = t.reads = t.calls = t.internal = 0;
            CHECK_STATUS(authcore_verify(&key, &policy, token, token_len, T, work, sizeof work,
                                         &claims, NULL),
                         AUTHCORE_OK);
            scramble(&claims, sizeof claims, whole);
            count(&t, authcore_claims_json(&claims, out, sizeof out, &n), 1);
            count(&t, authcore_claims_get_string(&claims, "sub", 3, out, sizeof out, &n), 1);
            count(&t, authcore_claims_get_json(&claims, "aud", 3, out, sizeof out, &n), 1);
            count(&t, authcore_claims_get_int(&claims, "n", 1, &i64), 1);
            count(&t, authcore_claims_get_bool(&claims, "t", 1, &flag), 1);
            count(&t, authcore_claims_exp(&claims, &i64), 1);
            count(&t, authcore_claims_nbf(&claims, &i64), 1);
            count(&t, authcore_claims_iat(&claims, &i64), 1);
            count(&t, authcore_claims_aud_count(&claims, &count_), 1);
            count(&t, authcore_claims_aud_get(&claims, 1, out, sizeof out, &n), 1);
            if (!consistent(&t)) {
                if (bad++ < 5)
                    fprintf(stderr, "claims round %d (%s): %d of %d refused, %d internal\n",
                            round, whole ? "whole" : "run", t.refused, t.calls, t.internal);
            }
            refused[2][whole] += t.refused > 0;
            CHECK_STATUS(authcore_claims_clear(&claims), AUTHCORE_OK);
        }
    }
    CHECK(bad == 0);
    /* Every byte random: refused, every round, every object. */
    CHECK(refused[0][1] == ROUNDS && refused[1][1] == ROUNDS && refused[2][1] == ROUNDS);
    /* A run of random bytes: refused wherever it spoiled a field; left alone where it fell
     * on a value any object may hold (a time, a token's byte) or on unused storage. */
    CHECK(refused[0][0] > 0 && refused[1][0] > 0 && refused[2][0] > 0);
    CHECK(refused[0][0] < ROUNDS || refused[1][0] < ROUNDS || refused[2][0] < ROUNDS);
    printf("  random garbage refused: session %d+%d, tracker %d+%d, claims %d+%d of %d+%d\n",
           refused[0][0], refused[0][1], refused[1][0], refused[1][1], refused[2][0],
           refused[2][1], ROUNDS, ROUNDS);
    authcore_policy_clear(&policy);
    authcore_key_clear(&key);
}

int main(void) {
    constructors_do_not_read_uninitialized_storage();
    remaking_a_key_leaves_nothing_of_the_old_one();
    misaligned_storage_is_refused();
    overlapping_buffers_are_refused();
    magic_plus_garbage_is_refused(KEEP_MAGIC_AND_GENERATION);
    magic_plus_garbage_is_refused(KEEP_HEADER_WORDS);
    random_garbage_is_refused_or_harmless();
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
