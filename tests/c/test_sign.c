/*
 * C tests of signing: authcore_signing_key from HMAC secrets and ES256 PEM keys,
 * authcore_sign (ES256 tokens equal to the Rust core's, byte for byte: RFC 6979 makes them
 * deterministic; verified with authcore_key_ec_pem), authcore_sign_rsa_pem, RFC 7523 client assertions verified back with authcore_verify, the
 * token-request body to the byte, and every refusal: NULLs, bad keys, small buffers,
 * uninitialized and cleared storage.
 *
 *   test_sign CORE-VECTORS-DIR     (core/tests/vectors)
 *
 * Ends with the line "N passed, N failed".
 */
#include "check.h"

#include <stdlib.h>

static const char *core_vectors;

static size_t slurp(const char *name, char *out, size_t cap) {
    char path[1024];
    FILE *f;
    size_t n;
    snprintf(path, sizeof path, "%s/%s", core_vectors, name);
    f = fopen(path, "rb");
    if (!f) {
        perror(path);
        exit(2);
    }
    n = fread(out, 1, cap - 1, f);
    fclose(f);
    out[n] = 0;
    return n;
}

static const char SECRET[] = "a client secret of at least 32 bytes";
static const char CLAIMS[] = "{\"sub\":\"device-42\",\"exp\":2000000000}";

/* The Rust core's token for es256-private.pem, CLAIMS and kid "k1" (tests/es256_signing.rs
 * checks the same key against RFC 6979 and jsonwebtoken). */
static const char ES256_TOKEN[] =
    "eyJhbGciOiJFUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6ImsxIn0."
    "eyJzdWIiOiJkZXZpY2UtNDIiLCJleHAiOjIwMDAwMDAwMDB9."
    "KqTJcWZNhQXUEhkk2f8tDP4QH9iwjA3aMYufwquMbogWrSVF1qCPaDwvZ-FMCmlo4M7QVDmF--zhxJOYAtlp5A";

static int all_bytes(const char *buf, size_t n, char b) {
    size_t i;
    for (i = 0; i < n; i++) {
        if (buf[i] != b) {
            return 0;
        }
    }
    return 1;
}

static void test_es256(void) {
    static char pem[4096];
    size_t pem_n = slurp("es256-private.pem", pem, sizeof pem);
    static char sec1[4096];
    size_t sec1_n = slurp("es256-sec1.pem", sec1, sizeof sec1);
    authcore_signing_key key;
    char out[512], small[512];
    size_t n = 0, needed = 0;

    CHECK_STATUS(authcore_signing_key_ec_pem(&key, pem, pem_n), AUTHCORE_OK);
    CHECK_STATUS(authcore_sign(&key, CLAIMS, strlen(CLAIMS), "k1", 2, out, sizeof out, &n),
                 AUTHCORE_OK);
    CHECK(n == strlen(ES256_TOKEN));
    CHECK_STR(out, ES256_TOKEN);

    /* The size query, and a buffer one byte short: the size with the NUL, nothing written. */
    CHECK_STATUS(authcore_sign(&key, CLAIMS, strlen(CLAIMS), "k1", 2, NULL, 0, &needed),
                 AUTHCORE_BUFFER_TOO_SMALL);
    CHECK(needed == n + 1);
    memset(small, 'x', sizeof small);
    CHECK_STATUS(authcore_sign(&key, CLAIMS, strlen(CLAIMS), "k1", 2, small, n, &needed),
                 AUTHCORE_BUFFER_TOO_SMALL);
    CHECK(needed == n + 1);
    CHECK(all_bytes(small, sizeof small, 'x'));
    CHECK_STATUS(authcore_sign(&key, CLAIMS, strlen(CLAIMS), "k1", 2, small, n + 1, &needed),
                 AUTHCORE_OK);
    CHECK_STR(small, ES256_TOKEN);

    /* Bad claims: nothing written. */
    memset(small, 'x', sizeof small);
    CHECK_STATUS(authcore_sign(&key, "[1]", 3, NULL, 0, small, sizeof small, &n), AUTHCORE_JSON);
    CHECK(all_bytes(small, sizeof small, 'x'));

    /* Verified by the library's own ES256 key, from the public PEM. */
    {
        static char pub[4096];
        static uint8_t work[1024];
        size_t pub_n = slurp("es256-public.pem", pub, sizeof pub);
        authcore_key vkey;
        authcore_validation settings;
        authcore_policy policy;
        authcore_claims claims;
        CHECK_STATUS(authcore_key_ec_pem(&vkey, AUTHCORE_ES256, pub, pub_n), AUTHCORE_OK);
        authcore_validation_init(&settings, AUTHCORE_ES256);
        CHECK_STATUS(authcore_policy_init(&policy, &settings), AUTHCORE_OK);
        CHECK_STATUS(authcore_verify(&vkey, &policy, out, n, 1900000000, work, sizeof work,
                                     &claims, NULL),
                     AUTHCORE_OK);
        CHECK_STATUS(authcore_claims_clear(&claims), AUTHCORE_OK);
        CHECK_STATUS(authcore_policy_clear(&policy), AUTHCORE_OK);
        CHECK_STATUS(authcore_key_clear(&vkey), AUTHCORE_OK);
    }

    /* The SEC 1 form of the same key signs the same token. */
    CHECK_STATUS(authcore_signing_key_ec_pem(&key, sec1, sec1_n), AUTHCORE_OK);
    CHECK_STATUS(authcore_sign(&key, CLAIMS, strlen(CLAIMS), "k1", 2, out, sizeof out, &n),
                 AUTHCORE_OK);
    CHECK_STR(out, ES256_TOKEN);

    /* Cleared: refused, as is storage never initialized. */
    CHECK_STATUS(authcore_signing_key_clear(&key), AUTHCORE_OK);
    CHECK_STATUS(authcore_sign(&key, CLAIMS, strlen(CLAIMS), NULL, 0, out, sizeof out, &n),
                 AUTHCORE_UNINITIALIZED);
    memset(&key, 0, sizeof key);
    CHECK_STATUS(authcore_sign(&key, CLAIMS, strlen(CLAIMS), NULL, 0, out, sizeof out, &n),
                 AUTHCORE_UNINITIALIZED);
}

static void test_es256_refusals(void) {
    static char pem[4096];
    authcore_signing_key key;
    char out[256];
    size_t n;
    /* SEC 1 with a zero scalar on P-256. */
    static const char zero[] =
        "-----BEGIN EC PRIVATE KEY-----\n"
        "MDECAQEEIAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAoAoGCCqGSM49AwEH\n"
        "-----END EC PRIVATE KEY-----\n";
    static const char zero_wrapped[] =
        "-----BEGIN EC PRIVATE KEY-----\n"
        "MDECAQEEIAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAoAoGCCqGSM49\n"
        "AwEH\n"
        "-----END EC PRIVATE KEY-----\n";
    size_t pem_n = slurp("es256-public.pem", pem, sizeof pem);

    CHECK_STATUS(authcore_signing_key_ec_pem(&key, pem, pem_n), AUTHCORE_KEY_PEM_LABEL);
    pem_n = slurp("rsa2048-pkcs1.pem", pem, sizeof pem);
    CHECK_STATUS(authcore_signing_key_ec_pem(&key, pem, pem_n), AUTHCORE_KEY_PEM_LABEL);
    pem_n = slurp("es256-private.pem", pem, sizeof pem);
    CHECK_STATUS(authcore_signing_key_ec_pem(&key, pem, 100), AUTHCORE_KEY_PEM);
    CHECK_STATUS(authcore_signing_key_ec_pem(&key, "", 0), AUTHCORE_KEY_PEM);
    CHECK_STATUS(authcore_signing_key_ec_pem(&key, zero, strlen(zero)), AUTHCORE_KEY_PEM);
    CHECK_STATUS(authcore_signing_key_ec_pem(&key, zero_wrapped, strlen(zero_wrapped)),
                 AUTHCORE_KEY_PRIVATE_KEY);
    /* A failed constructor leaves the storage uninitialized, even over a good key. */
    CHECK_STATUS(authcore_signing_key_ec_pem(&key, pem, pem_n), AUTHCORE_OK);
    CHECK_STATUS(authcore_signing_key_ec_pem(&key, pem, 100), AUTHCORE_KEY_PEM);
    CHECK_STATUS(authcore_sign(&key, CLAIMS, strlen(CLAIMS), NULL, 0, out, sizeof out, &n),
                 AUTHCORE_UNINITIALIZED);

    CHECK_STATUS(authcore_signing_key_ec_pem(NULL, pem, pem_n), AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_signing_key_ec_pem(&key, NULL, 0), AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_signing_key_clear(NULL), AUTHCORE_NULL_ARGUMENT);
}

static void test_hmac_and_nulls(void) {
    authcore_signing_key skey;
    authcore_key vkey;
    char a[512], b[512];
    size_t an = 0, bn = 0;

    CHECK_STATUS(authcore_signing_key_hmac(&skey, AUTHCORE_HS256, (const uint8_t *)SECRET,
                                           strlen(SECRET)),
                 AUTHCORE_OK);
    CHECK_STATUS(authcore_key_hmac(&vkey, AUTHCORE_HS256, (const uint8_t *)SECRET,
                                   strlen(SECRET)),
                 AUTHCORE_OK);
    CHECK_STATUS(authcore_sign(&skey, CLAIMS, strlen(CLAIMS), "k", 1, a, sizeof a, &an),
                 AUTHCORE_OK);
    CHECK_STATUS(authcore_sign_hmac(&vkey, CLAIMS, strlen(CLAIMS), "k", 1, b, sizeof b, &bn),
                 AUTHCORE_OK);
    CHECK(an == bn);
    CHECK_STR(a, b);

    CHECK_STATUS(authcore_signing_key_hmac(&skey, AUTHCORE_RS256, (const uint8_t *)SECRET, 3),
                 AUTHCORE_KEY_WRONG_ALGORITHM);
    CHECK_STATUS(authcore_signing_key_hmac(&skey, (authcore_algorithm)99, (const uint8_t *)SECRET, 3),
                 AUTHCORE_INVALID_ARGUMENT);
    CHECK_STATUS(authcore_signing_key_hmac(&skey, AUTHCORE_HS256, (const uint8_t *)SECRET, 0),
                 AUTHCORE_KEY_EMPTY_SECRET);
    CHECK_STATUS(authcore_signing_key_hmac(&skey, AUTHCORE_HS256, NULL, 0),
                 AUTHCORE_NULL_ARGUMENT);

    CHECK_STATUS(authcore_signing_key_hmac(&skey, AUTHCORE_HS256, (const uint8_t *)SECRET,
                                           strlen(SECRET)),
                 AUTHCORE_OK);
    CHECK_STATUS(authcore_sign(NULL, CLAIMS, 1, NULL, 0, a, sizeof a, &an),
                 AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_sign(&skey, NULL, 0, NULL, 0, a, sizeof a, &an),
                 AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_sign(&skey, CLAIMS, strlen(CLAIMS), NULL, 0, NULL, 5, &an),
                 AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_sign(&skey, CLAIMS, strlen(CLAIMS), NULL, 0, a, sizeof a, NULL),
                 AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_sign(&skey, CLAIMS, strlen(CLAIMS), NULL, 3, a, sizeof a, &an),
                 AUTHCORE_INVALID_ARGUMENT);
    CHECK_STATUS(authcore_sign(&skey, CLAIMS, strlen(CLAIMS), "\xff", 1, a, sizeof a, &an),
                 AUTHCORE_INVALID_UTF8);
    /* The output over the claims it signs. */
    memcpy(a, CLAIMS, sizeof CLAIMS);
    CHECK_STATUS(authcore_sign(&skey, a, strlen(CLAIMS), NULL, 0, a, sizeof a, &an),
                 AUTHCORE_OVERLAPPING_BUFFERS);
    CHECK_STATUS(authcore_signing_key_clear(&skey), AUTHCORE_OK);
    CHECK_STATUS(authcore_key_clear(&vkey), AUTHCORE_OK);
}

static void test_client_assertion(void) {
    authcore_signing_key skey;
    authcore_key vkey;
    authcore_validation settings;
    authcore_policy policy;
    authcore_claims claims;
    static uint8_t work[1024];
    char token[1024], body[2048], text[128];
    size_t n = 0, body_n = 0, text_n = 0, needed = 0;
    const authcore_str iss[] = {{"s6BhdRkqt3", 10}};
    const authcore_str aud[] = {{"https://server.example.com/token", 32}};
    authcore_assertion_claims c;
    static const char want_body_head[] =
        "grant_type=client_credentials&scope=read+write&client_assertion_type="
        "urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer&client_assertion=";

    memset(&c, 0, sizeof c);
    c.iss = "s6BhdRkqt3";
    c.iss_len = 10;
    c.sub = "s6BhdRkqt3";
    c.sub_len = 10;
    c.aud = "https://server.example.com/token";
    c.aud_len = 32;
    c.iat = 1700000000;
    c.exp = 1700000300;
    c.jti = "id-\"1\"";
    c.jti_len = 6;

    CHECK_STATUS(authcore_signing_key_hmac(&skey, AUTHCORE_HS256, (const uint8_t *)SECRET,
                                           strlen(SECRET)),
                 AUTHCORE_OK);
    CHECK_STATUS(authcore_client_assertion(&skey, &c, "kid-1", 5, token, sizeof token, &n),
                 AUTHCORE_OK);
    CHECK(n == strlen(token));

    /* Read back by the verifier, every claim checked. */
    CHECK_STATUS(authcore_key_hmac(&vkey, AUTHCORE_HS256, (const uint8_t *)SECRET,
                                   strlen(SECRET)),
                 AUTHCORE_OK);
    authcore_validation_init(&settings, AUTHCORE_HS256);
    settings.issuers = iss;
    settings.issuers_len = 1;
    settings.audiences = aud;
    settings.audiences_len = 1;
    CHECK_STATUS(authcore_policy_init(&policy, &settings), AUTHCORE_OK);
    CHECK_STATUS(authcore_verify(&vkey, &policy, token, n, 1700000100, work, sizeof work, &claims,
                                 NULL),
                 AUTHCORE_OK);
    CHECK_STATUS(authcore_claims_get_string(&claims, "jti", 3, text, sizeof text, &text_n),
                 AUTHCORE_OK);
    CHECK_STR(text, "id-\"1\"");
    CHECK_STATUS(authcore_claims_get_string(&claims, "sub", 3, text, sizeof text, &text_n),
                 AUTHCORE_OK);
    CHECK_STR(text, "s6BhdRkqt3");
    CHECK_STATUS(authcore_claims_clear(&claims), AUTHCORE_OK);
    CHECK_STATUS(authcore_verify(&vkey, &policy, token, n, 1700000300, work, sizeof work, &claims,
                                 NULL),
                 AUTHCORE_EXPIRED);

    /* The body, to the byte. */
    CHECK_STATUS(authcore_client_assertion_body(token, n, "read write", 10, body, sizeof body,
                                                &body_n),
                 AUTHCORE_OK);
    CHECK(body_n == strlen(want_body_head) + n);
    CHECK(strncmp(body, want_body_head, strlen(want_body_head)) == 0);
    CHECK_STR(body + strlen(want_body_head), token);
    CHECK_STATUS(authcore_client_assertion_body(token, n, NULL, 0, NULL, 0, &needed),
                 AUTHCORE_BUFFER_TOO_SMALL);
    CHECK(needed == body_n - strlen("&scope=read+write") + 1);
    CHECK_STATUS(authcore_client_assertion_body(NULL, 0, NULL, 0, body, sizeof body, &body_n),
                 AUTHCORE_NULL_ARGUMENT);

    /* Refusals: nothing written. */
    memset(token, 'x', sizeof token);
    c.exp = c.iat;
    CHECK_STATUS(authcore_client_assertion(&skey, &c, NULL, 0, token, sizeof token, &n),
                 AUTHCORE_INVALID_CLAIM);
    c.exp = 1700000300;
    c.aud_len = 0;
    CHECK_STATUS(authcore_client_assertion(&skey, &c, NULL, 0, token, sizeof token, &n),
                 AUTHCORE_INVALID_CLAIM);
    c.aud_len = 32;
    c.iss = NULL;
    CHECK_STATUS(authcore_client_assertion(&skey, &c, NULL, 0, token, sizeof token, &n),
                 AUTHCORE_NULL_ARGUMENT);
    c.iss = "s6BhdRkqt3";
    c.jti = NULL;
    CHECK_STATUS(authcore_client_assertion(&skey, &c, NULL, 0, token, sizeof token, &n),
                 AUTHCORE_INVALID_ARGUMENT);
    CHECK(all_bytes(token, sizeof token, 'x'));
    c.jti_len = 0;
    CHECK_STATUS(authcore_client_assertion(&skey, &c, NULL, 0, NULL, 0, &needed),
                 AUTHCORE_BUFFER_TOO_SMALL);
    CHECK_STATUS(authcore_client_assertion(&skey, &c, NULL, 0, token, needed, &n),
                 AUTHCORE_OK);
    CHECK(n + 1 == needed);
    CHECK_STATUS(authcore_client_assertion(&skey, NULL, NULL, 0, token, sizeof token, &n),
                 AUTHCORE_NULL_ARGUMENT);

    CHECK_STATUS(authcore_policy_clear(&policy), AUTHCORE_OK);
    CHECK_STATUS(authcore_key_clear(&vkey), AUTHCORE_OK);
    CHECK_STATUS(authcore_signing_key_clear(&skey), AUTHCORE_OK);
}

#if defined(AUTHCORE_HAS_RSA_SIGN)
/* RS256 from a PEM private key: deterministic, verified by the library's own RSA key, and
 * the refusals. (tests/python/test_signing.py checks the bytes against PyJWT's.) */
static void test_rsa_pem(void) {
    static char pem[8192], pub[4096], ec[4096];
    size_t pem_n = slurp("rsa2048-private.pem", pem, sizeof pem);
    size_t pub_n = slurp("rsa2048-public.pem", pub, sizeof pub);
    size_t ec_n = slurp("es256-private.pem", ec, sizeof ec);
    static char a[2048], b[2048];
    static uint8_t work[2048];
    size_t an = 0, bn = 0, needed = 0;
    authcore_key key;
    authcore_validation settings;
    authcore_policy policy;
    authcore_claims claims;

    CHECK_STATUS(authcore_sign_rsa_pem(AUTHCORE_RS256, pem, pem_n, CLAIMS, strlen(CLAIMS), "k1",
                                       2, a, sizeof a, &an),
                 AUTHCORE_OK);
    CHECK_STATUS(authcore_sign_rsa_pem(AUTHCORE_RS256, pem, pem_n, CLAIMS, strlen(CLAIMS), "k1",
                                       2, b, sizeof b, &bn),
                 AUTHCORE_OK);
    CHECK(an == bn && an > 300);
    CHECK_STR(a, b);

    CHECK_STATUS(authcore_key_rsa_pem(&key, AUTHCORE_RS256, pub, pub_n), AUTHCORE_OK);
    authcore_validation_init(&settings, AUTHCORE_RS256);
    CHECK_STATUS(authcore_policy_init(&policy, &settings), AUTHCORE_OK);
    CHECK_STATUS(authcore_verify(&key, &policy, a, an, 1700000000, work, sizeof work, &claims,
                                 NULL),
                 AUTHCORE_OK);
    CHECK_STATUS(authcore_claims_clear(&claims), AUTHCORE_OK);
    CHECK_STATUS(authcore_policy_clear(&policy), AUTHCORE_OK);
    CHECK_STATUS(authcore_key_clear(&key), AUTHCORE_OK);

    CHECK_STATUS(authcore_sign_rsa_pem(AUTHCORE_RS256, pem, pem_n, CLAIMS, strlen(CLAIMS), "k1",
                                       2, NULL, 0, &needed),
                 AUTHCORE_BUFFER_TOO_SMALL);
    CHECK(needed == an + 1);
    memset(b, 'x', sizeof b);
    CHECK_STATUS(authcore_sign_rsa_pem(AUTHCORE_RS256, pem, pem_n, CLAIMS, strlen(CLAIMS), "k1",
                                       2, b, an, &needed),
                 AUTHCORE_BUFFER_TOO_SMALL);
    CHECK(all_bytes(b, sizeof b, 'x'));
    CHECK_STATUS(authcore_sign_rsa_pem(AUTHCORE_HS256, pem, pem_n, CLAIMS, strlen(CLAIMS), NULL,
                                       0, b, sizeof b, &bn),
                 AUTHCORE_KEY_WRONG_ALGORITHM);
    CHECK_STATUS(authcore_sign_rsa_pem(AUTHCORE_RS256, pub, pub_n, CLAIMS, strlen(CLAIMS), NULL,
                                       0, b, sizeof b, &bn),
                 AUTHCORE_KEY_PEM_LABEL);
    CHECK_STATUS(authcore_sign_rsa_pem(AUTHCORE_RS256, ec, ec_n, CLAIMS, strlen(CLAIMS), NULL, 0,
                                       b, sizeof b, &bn),
                 AUTHCORE_KEY_NOT_RSA);
    CHECK_STATUS(authcore_sign_rsa_pem(AUTHCORE_RS256, pem, 200, CLAIMS, strlen(CLAIMS), NULL, 0,
                                       b, sizeof b, &bn),
                 AUTHCORE_KEY_PEM);
    CHECK_STATUS(authcore_sign_rsa_pem(AUTHCORE_RS256, pem, pem_n, "[]", 2, NULL, 0, b,
                                       sizeof b, &bn),
                 AUTHCORE_JSON);
    CHECK_STATUS(authcore_sign_rsa_pem(AUTHCORE_RS256, NULL, 0, CLAIMS, strlen(CLAIMS), NULL, 0,
                                       b, sizeof b, &bn),
                 AUTHCORE_NULL_ARGUMENT);
    CHECK(all_bytes(b, sizeof b, 'x'));
}
#endif

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s CORE-VECTORS-DIR\n", argv[0]);
        return 2;
    }
    core_vectors = argv[1];
    test_es256();
    test_es256_refusals();
    test_hmac_and_nulls();
    test_client_assertion();
#if defined(AUTHCORE_HAS_RSA_SIGN)
    test_rsa_pem();
#endif
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
