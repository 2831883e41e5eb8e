/*
 * C tests of the RSA part of the C API: keys from PEM (SPKI and PKCS#1), DER, JWK and JWKS
 * by kid, every RSA key status, NULL for every pointer, and RS256 tokens (2048 and 4096
 * bits, made by Python's `cryptography`) verified, tampered and refused under the wrong
 * policy.
 *
 *   test_rsa VECTORS-DIR CORE-VECTORS-DIR     (tests/vectors and core/tests/vectors)
 *
 * Ends with the line "N passed, N failed".
 */
#include "check.h"
#include "rsa_vectors.h"

#include <stdlib.h>

static const int64_t NOW = 1700000000;
static const char *vectors, *core_vectors;

/* Reads a whole file (at most cap - 1 bytes) and NUL-terminates it; exits on failure. */
static size_t slurp(const char *dir, const char *name, char *out, size_t cap) {
    char path[1024];
    FILE *f;
    size_t n;
    snprintf(path, sizeof path, "%s/%s", dir, name);
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

static size_t token_file(const char *name, char *out, size_t cap) {
    size_t n = slurp(vectors, name, out, cap);
    while (n > 0 && (out[n - 1] == '\n' || out[n - 1] == '\r')) {
        out[--n] = 0;
    }
    return n;
}

static authcore_status rsa_pem(authcore_key *key, const char *file) {
    static char pem[8192];
    size_t n = slurp(core_vectors, file, pem, sizeof pem);
    return authcore_key_rsa_pem(key, AUTHCORE_RS256, pem, n);
}

static authcore_status verify_rs256(const authcore_key *key, const char *token,
                                    authcore_claims *claims) {
    static uint8_t work[4096];
    authcore_validation settings;
    authcore_policy policy;
    const authcore_str aud[] = {{"telemetry", 9}};
    const authcore_str iss[] = {{"https://idp.example.com/", 24}};
    authcore_status s;
    authcore_validation_init(&settings, AUTHCORE_RS256);
    settings.audiences = aud;
    settings.audiences_len = 1;
    settings.issuers = iss;
    settings.issuers_len = 1;
    s = authcore_policy_init(&policy, &settings);
    if (s != AUTHCORE_OK) {
        return s;
    }
    return authcore_verify(key, &policy, token, strlen(token), NOW, work, sizeof work, claims,
                           NULL);
}

static void test_key_sources(void) {
    authcore_key key;
    authcore_algorithm alg;
    static char der[4096];
    size_t der_len = slurp(vectors, "rsa2048-public.der", der, sizeof der);

    CHECK_STATUS(rsa_pem(&key, "rsa2048-public.pem"), AUTHCORE_OK);
    CHECK_STATUS(authcore_key_algorithm(&key, &alg), AUTHCORE_OK);
    CHECK(alg == AUTHCORE_RS256);
    CHECK_STATUS(rsa_pem(&key, "rsa2048-pkcs1.pem"), AUTHCORE_OK);
    CHECK_STATUS(rsa_pem(&key, "rsa4096-public.pem"), AUTHCORE_OK);
    CHECK_STATUS(authcore_key_rsa_der(&key, AUTHCORE_RS256, (const uint8_t *)der, der_len),
                 AUTHCORE_OK);
    CHECK_STATUS(authcore_key_rsa_jwk(&key, AUTHCORE_RS256, JWK_2048, strlen(JWK_2048)),
                 AUTHCORE_OK);
    CHECK_STATUS(authcore_key_rsa_jwks(&key, AUTHCORE_RS256, JWKS, strlen(JWKS), "rsa4096-2026",
                                       12),
                 AUTHCORE_OK);
    CHECK_STATUS(authcore_key_clear(&key), AUTHCORE_OK);
}

static void test_key_errors(void) {
    authcore_key key;
    static char der[4096];
    size_t der_len = slurp(vectors, "rsa2048-public.der", der, sizeof der);
    static const char bad_pem[] = "-----BEGIN PUBLIC KEY-----\nnot base64!\n-----END PUBLIC KEY-----\n";

    CHECK_STATUS(rsa_pem(&key, "rsa1024-public.pem"), AUTHCORE_KEY_MODULUS_SIZE);
    CHECK_STATUS(rsa_pem(&key, "ec-p256-public.pem"), AUTHCORE_KEY_NOT_RSA);
    CHECK_STATUS(rsa_pem(&key, "rsa2048-private.pem"), AUTHCORE_KEY_PEM_LABEL);
    CHECK_STATUS(authcore_key_rsa_pem(&key, AUTHCORE_RS256, bad_pem, strlen(bad_pem)),
                 AUTHCORE_KEY_PEM);
    CHECK_STATUS(authcore_key_rsa_der(&key, AUTHCORE_RS256, (const uint8_t *)der, der_len - 1),
                 AUTHCORE_KEY_DER);
    CHECK_STATUS(authcore_key_rsa_der(&key, AUTHCORE_RS256, (const uint8_t *)"\x30\x00", 2),
                 AUTHCORE_KEY_DER);
    CHECK_STATUS(authcore_key_rsa_der(&key, AUTHCORE_HS256, (const uint8_t *)der, der_len),
                 AUTHCORE_KEY_WRONG_ALGORITHM);
    CHECK_STATUS(authcore_key_rsa_der(&key, (authcore_algorithm)42, (const uint8_t *)der, der_len),
                 AUTHCORE_INVALID_ARGUMENT);

    CHECK_STATUS(authcore_key_rsa_jwk(&key, AUTHCORE_RS256, JWK_EVEN_MODULUS,
                                      strlen(JWK_EVEN_MODULUS)),
                 AUTHCORE_KEY_EVEN_MODULUS);
    CHECK_STATUS(authcore_key_rsa_jwk(&key, AUTHCORE_RS256, JWK_EXPONENT_1,
                                      strlen(JWK_EXPONENT_1)),
                 AUTHCORE_KEY_EXPONENT);
    CHECK_STATUS(authcore_key_rsa_jwk(&key, AUTHCORE_RS256, JWK_USE_ENC, strlen(JWK_USE_ENC)),
                 AUTHCORE_KEY_USE);
    CHECK_STATUS(authcore_key_rsa_jwk(&key, AUTHCORE_RS256, JWK_ALG_RS384,
                                      strlen(JWK_ALG_RS384)),
                 AUTHCORE_KEY_ALGORITHM);
    CHECK_STATUS(authcore_key_rsa_jwk(&key, AUTHCORE_RS256, JWK_BAD_BASE64,
                                      strlen(JWK_BAD_BASE64)),
                 AUTHCORE_KEY_JWK_BASE64);
    CHECK_STATUS(authcore_key_rsa_jwk(&key, AUTHCORE_RS256, JWK_NO_N, strlen(JWK_NO_N)),
                 AUTHCORE_KEY_JWK_MEMBER);
    CHECK_STATUS(authcore_key_rsa_jwk(&key, AUTHCORE_RS256, JWK_EC, strlen(JWK_EC)),
                 AUTHCORE_KEY_NOT_RSA);
    CHECK_STATUS(authcore_key_rsa_jwk(&key, AUTHCORE_RS256, "{\"kty\":", 7), AUTHCORE_KEY_JSON);
    CHECK_STATUS(authcore_key_rsa_jwks(&key, AUTHCORE_RS256, JWKS, strlen(JWKS), "ec-1", 4),
                 AUTHCORE_KEY_KID_NOT_FOUND);
    CHECK_STATUS(authcore_key_rsa_jwks(&key, AUTHCORE_RS256, JWKS, strlen(JWKS), "nope", 4),
                 AUTHCORE_KEY_KID_NOT_FOUND);
    CHECK_STATUS(authcore_key_rsa_jwks(&key, AUTHCORE_RS256, JWKS_DUPLICATE,
                                       strlen(JWKS_DUPLICATE), "rsa2048-2026", 12),
                 AUTHCORE_KEY_DUPLICATE_KID);
    CHECK_STATUS(authcore_key_rsa_jwks(&key, AUTHCORE_RS256, JWKS, strlen(JWKS), "\xff", 1),
                 AUTHCORE_INVALID_UTF8);

    /* NULL for every pointer. */
    CHECK_STATUS(authcore_key_rsa_pem(NULL, AUTHCORE_RS256, bad_pem, 3), AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_key_rsa_pem(&key, AUTHCORE_RS256, NULL, 3), AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_key_rsa_der(NULL, AUTHCORE_RS256, (const uint8_t *)der, der_len),
                 AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_key_rsa_der(&key, AUTHCORE_RS256, NULL, 3), AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_key_rsa_jwk(NULL, AUTHCORE_RS256, JWK_2048, 3), AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_key_rsa_jwk(&key, AUTHCORE_RS256, NULL, 3), AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_key_rsa_jwks(NULL, AUTHCORE_RS256, JWKS, 3, "k", 1),
                 AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_key_rsa_jwks(&key, AUTHCORE_RS256, NULL, 3, "k", 1),
                 AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_key_rsa_jwks(&key, AUTHCORE_RS256, JWKS, 3, NULL, 1),
                 AUTHCORE_NULL_ARGUMENT);

    /* A failed constructor leaves the storage as it was: still no key. */
    memset(&key, 0, sizeof key);
    CHECK_STATUS(rsa_pem(&key, "rsa1024-public.pem"), AUTHCORE_KEY_MODULUS_SIZE);
    {
        authcore_algorithm alg;
        CHECK_STATUS(authcore_key_algorithm(&key, &alg), AUTHCORE_UNINITIALIZED);
    }
}

static void test_tokens(void) {
    authcore_key k2048, k4096, hs;
    authcore_claims claims;
    static char t2048[4096], t4096[4096], kid[32];
    size_t n2048 = token_file("rs256-2048.jwt", t2048, sizeof t2048);
    size_t n, kid_len;
    char sub[32];

    token_file("rs256-4096.jwt", t4096, sizeof t4096);
    /* The key is chosen from the JWKS by the token's kid, as a gateway would. */
    CHECK_STATUS(authcore_peek_kid(t2048, n2048, kid, sizeof kid, &kid_len), AUTHCORE_OK);
    CHECK(strcmp(kid, "rsa2048-2026") == 0);
    CHECK_STATUS(authcore_key_rsa_jwks(&k2048, AUTHCORE_RS256, JWKS, strlen(JWKS), kid, kid_len),
                 AUTHCORE_OK);
    CHECK_STATUS(rsa_pem(&k4096, "rsa4096-public.pem"), AUTHCORE_OK);

    CHECK_STATUS(verify_rs256(&k2048, t2048, &claims), AUTHCORE_OK);
    CHECK_STATUS(authcore_claims_get_string(&claims, "sub", 3, sub, sizeof sub, &n), AUTHCORE_OK);
    CHECK(strcmp(sub, "device-42") == 0);
    CHECK_STATUS(verify_rs256(&k4096, t4096, &claims), AUTHCORE_OK);
    CHECK_STATUS(verify_rs256(&k4096, t2048, &claims), AUTHCORE_INVALID_SIGNATURE);
    CHECK_STATUS(verify_rs256(&k2048, t4096, &claims), AUTHCORE_INVALID_SIGNATURE);

    /* Tampered: one payload character, then one signature character. */
    t2048[120] = t2048[120] == 'A' ? 'B' : 'A';
    CHECK_STATUS(verify_rs256(&k2048, t2048, &claims), AUTHCORE_INVALID_SIGNATURE);
    t2048[120] = 0;
    token_file("rs256-2048.jwt", t2048, sizeof t2048);
    t2048[n2048 - 5] = t2048[n2048 - 5] == 'A' ? 'B' : 'A';
    CHECK_STATUS(verify_rs256(&k2048, t2048, &claims), AUTHCORE_INVALID_SIGNATURE);
    t2048[n2048 - 4] = 0; /* truncated signature: one whole base64 quad less */
    CHECK_STATUS(verify_rs256(&k2048, t2048, &claims), AUTHCORE_INVALID_SIGNATURE);

    /* Algorithm confusion: an HS256 key made from the public key's PEM text is refused by an
     * RS256 policy, and the RSA key refuses an HS256 policy. */
    {
        static char pem[8192];
        size_t pem_len = slurp(core_vectors, "rsa2048-public.pem", pem, sizeof pem);
        static const char claims_json[] = "{\"exp\":1700000900,\"aud\":\"telemetry\","
                                          "\"iss\":\"https://idp.example.com/\"}";
        char forged[1024];
        size_t forged_len;
        authcore_validation settings;
        authcore_policy policy;
        uint8_t work[1024];
        CHECK_STATUS(authcore_key_hmac(&hs, AUTHCORE_HS256, (const uint8_t *)pem, pem_len),
                     AUTHCORE_OK);
        CHECK_STATUS(authcore_sign_hmac(&hs, claims_json, strlen(claims_json),
                                        "rsa2048-2026", 12, forged, sizeof forged, &forged_len),
                     AUTHCORE_OK);
        CHECK_STATUS(verify_rs256(&k2048, forged, &claims), AUTHCORE_ALGORITHM_MISMATCH);
        authcore_validation_init(&settings, AUTHCORE_HS256);
        settings.validate_aud = 0;
        CHECK_STATUS(authcore_policy_init(&policy, &settings), AUTHCORE_OK);
        CHECK_STATUS(authcore_verify(&k2048, &policy, forged, forged_len, NOW, work, sizeof work,
                                     &claims, NULL),
                     AUTHCORE_KEY_WRONG_ALGORITHM);
        authcore_key_clear(&hs);
    }
    authcore_key_clear(&k2048);
    authcore_key_clear(&k4096);
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: test_rsa VECTORS-DIR CORE-VECTORS-DIR\n");
        return 2;
    }
    vectors = argv[1];
    core_vectors = argv[2];
    test_key_sources();
    test_key_errors();
    test_tokens();
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
