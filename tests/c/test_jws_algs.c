/*
 * C tests of ES256, ES384, EdDSA and PS256/384/512: keys from SPKI PEM, DER and JWK, tokens
 * made by PyJWT verified, and each way a token or key must be refused with its status:
 * a forged signature, a token signed by another key, a key of another algorithm,
 * algorithm confusion (an HS256 token keyed with the public key's PEM, an RS256 token for
 * a PS key), keys of the wrong type or curve, points off the curve or compressed.
 * The tokens and keys are in jws_algs_vectors.h (tests/c/fixtures/gen_jws_algs.py).
 *
 * Ends with the line "N passed, N failed".
 */
#include "check.h"
#include "jws_algs_vectors.h"

static const int64_t NOW = 1700000100;

/* Verifies `token` with `key` under a policy for `alg` and issuer "pyjwt"; on success
 * checks that the subject read back is "alice". */
static authcore_status verify_as(const authcore_key *key, authcore_algorithm alg,
                                 const char *token) {
    static uint8_t work[1024];
    authcore_validation settings;
    authcore_policy policy;
    authcore_claims claims;
    const authcore_str iss[] = {{"pyjwt", 5}};
    char sub[16];
    size_t sub_n = 0;
    authcore_status s = authcore_validation_init(&settings, alg);
    if (s != AUTHCORE_OK) {
        return s;
    }
    settings.issuers = iss;
    settings.issuers_len = 1;
    s = authcore_policy_init(&policy, &settings);
    if (s != AUTHCORE_OK) {
        return s;
    }
    s = authcore_verify(key, &policy, token, strlen(token), NOW, work, sizeof work, &claims,
                        NULL);
    if (s == AUTHCORE_OK) {
        CHECK_STATUS(authcore_claims_get_string(&claims, "sub", 3, sub, sizeof sub, &sub_n),
                     AUTHCORE_OK);
        CHECK(sub_n == 5 && memcmp(sub, "alice", 5) == 0);
        authcore_claims_clear(&claims);
    }
    authcore_policy_clear(&policy);
    return s;
}

/* `token` with one signature character changed (not the last, whose low bits are
 * padding): the same length, still base64url, another signature. */
static const char *forged(const char *token) {
    static char copy[2048];
    size_t n = strlen(token);
    CHECK(n < sizeof copy);
    memcpy(copy, token, n + 1);
    copy[n - 8] = copy[n - 8] == 'A' ? 'B' : 'A';
    return copy;
}

/* The key's algorithm is `want`. */
static void check_algorithm(const authcore_key *key, authcore_algorithm want) {
    authcore_algorithm alg = AUTHCORE_HS256;
    CHECK_STATUS(authcore_key_algorithm(key, &alg), AUTHCORE_OK);
    CHECK(alg == want);
}

static void test_es256(void) {
    authcore_key key;
    CHECK_STATUS(authcore_key_ec_pem(&key, AUTHCORE_ES256, ES256_PEM, strlen(ES256_PEM)),
                 AUTHCORE_OK);
    check_algorithm(&key, AUTHCORE_ES256);
    CHECK_STATUS(verify_as(&key, AUTHCORE_ES256, TOKEN_ES256), AUTHCORE_OK);
    CHECK_STATUS(verify_as(&key, AUTHCORE_ES256, forged(TOKEN_ES256)),
                 AUTHCORE_INVALID_SIGNATURE);
    CHECK_STATUS(verify_as(&key, AUTHCORE_ES256, TOKEN_ES256_OTHER_KEY),
                 AUTHCORE_INVALID_SIGNATURE);
    /* Algorithm confusion: the public key's PEM as an HMAC secret. */
    CHECK_STATUS(verify_as(&key, AUTHCORE_ES256, TOKEN_HS256_KEYED_WITH_ES256_PEM),
                 AUTHCORE_ALGORITHM_MISMATCH);
    CHECK_STATUS(verify_as(&key, AUTHCORE_ES256, TOKEN_ES384), AUTHCORE_ALGORITHM_MISMATCH);
    CHECK_STATUS(verify_as(&key, AUTHCORE_ES256, TOKEN_EDDSA), AUTHCORE_ALGORITHM_MISMATCH);
    /* A token and policy for another algorithm than the key's. */
    CHECK_STATUS(verify_as(&key, AUTHCORE_ES384, TOKEN_ES384), AUTHCORE_KEY_WRONG_ALGORITHM);

    CHECK_STATUS(authcore_key_ec_der(&key, AUTHCORE_ES256, ES256_DER, sizeof ES256_DER),
                 AUTHCORE_OK);
    CHECK_STATUS(verify_as(&key, AUTHCORE_ES256, TOKEN_ES256), AUTHCORE_OK);
    CHECK_STATUS(authcore_key_ec_jwk(&key, AUTHCORE_ES256, ES256_JWK, strlen(ES256_JWK)),
                 AUTHCORE_OK);
    CHECK_STATUS(verify_as(&key, AUTHCORE_ES256, TOKEN_ES256), AUTHCORE_OK);
    CHECK_STATUS(authcore_key_clear(&key), AUTHCORE_OK);
}

static void test_es384(void) {
    authcore_key key;
    CHECK_STATUS(authcore_key_ec_pem(&key, AUTHCORE_ES384, ES384_PEM, strlen(ES384_PEM)),
                 AUTHCORE_OK);
    check_algorithm(&key, AUTHCORE_ES384);
    CHECK_STATUS(verify_as(&key, AUTHCORE_ES384, TOKEN_ES384), AUTHCORE_OK);
    CHECK_STATUS(verify_as(&key, AUTHCORE_ES384, forged(TOKEN_ES384)),
                 AUTHCORE_INVALID_SIGNATURE);
    CHECK_STATUS(verify_as(&key, AUTHCORE_ES384, TOKEN_ES256), AUTHCORE_ALGORITHM_MISMATCH);
    CHECK_STATUS(authcore_key_ec_jwk(&key, AUTHCORE_ES384, ES384_JWK, strlen(ES384_JWK)),
                 AUTHCORE_OK);
    CHECK_STATUS(verify_as(&key, AUTHCORE_ES384, TOKEN_ES384), AUTHCORE_OK);
    CHECK_STATUS(authcore_key_clear(&key), AUTHCORE_OK);
}

static void test_eddsa(void) {
    authcore_key key;
    CHECK_STATUS(authcore_key_ed25519_pem(&key, EDDSA_PEM, strlen(EDDSA_PEM)), AUTHCORE_OK);
    check_algorithm(&key, AUTHCORE_EDDSA);
    CHECK_STATUS(verify_as(&key, AUTHCORE_EDDSA, TOKEN_EDDSA), AUTHCORE_OK);
    CHECK_STATUS(verify_as(&key, AUTHCORE_EDDSA, forged(TOKEN_EDDSA)),
                 AUTHCORE_INVALID_SIGNATURE);
    CHECK_STATUS(verify_as(&key, AUTHCORE_EDDSA, TOKEN_EDDSA_OTHER_KEY),
                 AUTHCORE_INVALID_SIGNATURE);
    CHECK_STATUS(verify_as(&key, AUTHCORE_EDDSA, TOKEN_ES256), AUTHCORE_ALGORITHM_MISMATCH);
    CHECK_STATUS(verify_as(&key, AUTHCORE_ES256, TOKEN_ES256), AUTHCORE_KEY_WRONG_ALGORITHM);
    CHECK_STATUS(authcore_key_ed25519_der(&key, EDDSA_DER, sizeof EDDSA_DER), AUTHCORE_OK);
    CHECK_STATUS(verify_as(&key, AUTHCORE_EDDSA, TOKEN_EDDSA), AUTHCORE_OK);
    CHECK_STATUS(authcore_key_ed25519_jwk(&key, EDDSA_JWK, strlen(EDDSA_JWK)), AUTHCORE_OK);
    CHECK_STATUS(verify_as(&key, AUTHCORE_EDDSA, TOKEN_EDDSA), AUTHCORE_OK);
    CHECK_STATUS(authcore_key_clear(&key), AUTHCORE_OK);
}

static void test_pss(void) {
    static const struct {
        authcore_algorithm alg;
        const char *token;
    } cases[] = {{AUTHCORE_PS256, TOKEN_PS256},
                 {AUTHCORE_PS384, TOKEN_PS384},
                 {AUTHCORE_PS512, TOKEN_PS512}};
    authcore_key key;
    size_t i;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        CHECK_STATUS(authcore_key_rsa_pem(&key, cases[i].alg, RSA_PEM, strlen(RSA_PEM)),
                     AUTHCORE_OK);
        check_algorithm(&key, cases[i].alg);
        CHECK_STATUS(verify_as(&key, cases[i].alg, cases[i].token), AUTHCORE_OK);
        CHECK_STATUS(verify_as(&key, cases[i].alg, forged(cases[i].token)),
                     AUTHCORE_INVALID_SIGNATURE);
        /* The same RSA key and hash, PKCS#1 v1.5 instead of PSS. */
        CHECK_STATUS(verify_as(&key, cases[i].alg, TOKEN_RS256), AUTHCORE_ALGORITHM_MISMATCH);
        CHECK_STATUS(authcore_key_rsa_jwk(&key, cases[i].alg, RSA_JWK, strlen(RSA_JWK)),
                     AUTHCORE_OK);
        CHECK_STATUS(verify_as(&key, cases[i].alg, cases[i].token), AUTHCORE_OK);
    }
    /* A PS256 token refused by the RS256 key of the same RSA key. */
    CHECK_STATUS(authcore_key_rsa_pem(&key, AUTHCORE_RS256, RSA_PEM, strlen(RSA_PEM)),
                 AUTHCORE_OK);
    CHECK_STATUS(verify_as(&key, AUTHCORE_RS256, TOKEN_PS256), AUTHCORE_ALGORITHM_MISMATCH);
    CHECK_STATUS(verify_as(&key, AUTHCORE_RS256, TOKEN_RS256), AUTHCORE_OK);
    CHECK_STATUS(authcore_key_clear(&key), AUTHCORE_OK);
}

/* A constructor that fails leaves the storage holding no key: a verification with it is
 * AUTHCORE_UNINITIALIZED, even where a good key was before. */
static void check_refused_leaves_nothing(authcore_status got, authcore_status want,
                                         const authcore_key *key) {
    CHECK_STATUS(got, want);
    CHECK_STATUS(verify_as(key, AUTHCORE_ES256, TOKEN_ES256), AUTHCORE_UNINITIALIZED);
}

#define REMAKE(key) authcore_key_ec_pem(&(key), AUTHCORE_ES256, ES256_PEM, strlen(ES256_PEM))

static void test_bad_ec_keys(void) {
    authcore_key key;
    CHECK_STATUS(REMAKE(key), AUTHCORE_OK);
    check_refused_leaves_nothing(
        authcore_key_ec_pem(&key, AUTHCORE_ES256, ES384_PEM, strlen(ES384_PEM)),
        AUTHCORE_KEY_CURVE, &key);
    CHECK_STATUS(REMAKE(key), AUTHCORE_OK);
    check_refused_leaves_nothing(
        authcore_key_ec_pem(&key, AUTHCORE_ES256, SECP256K1_PEM, strlen(SECP256K1_PEM)),
        AUTHCORE_KEY_CURVE, &key);
    CHECK_STATUS(REMAKE(key), AUTHCORE_OK);
    check_refused_leaves_nothing(
        authcore_key_ec_jwk(&key, AUTHCORE_ES384, ES256_JWK, strlen(ES256_JWK)),
        AUTHCORE_KEY_CURVE, &key);
    CHECK_STATUS(REMAKE(key), AUTHCORE_OK);
    check_refused_leaves_nothing(
        authcore_key_ec_pem(&key, AUTHCORE_ES256, RSA_PEM, strlen(RSA_PEM)),
        AUTHCORE_KEY_NOT_EC, &key);
    CHECK_STATUS(REMAKE(key), AUTHCORE_OK);
    check_refused_leaves_nothing(
        authcore_key_ec_jwk(&key, AUTHCORE_ES256, EDDSA_JWK, strlen(EDDSA_JWK)),
        AUTHCORE_KEY_NOT_EC, &key);
    CHECK_STATUS(REMAKE(key), AUTHCORE_OK);
    check_refused_leaves_nothing(
        authcore_key_ec_jwk(&key, AUTHCORE_ES256, ES256_JWK_OFF_CURVE,
                            strlen(ES256_JWK_OFF_CURVE)),
        AUTHCORE_KEY_INVALID_POINT, &key);
    CHECK_STATUS(REMAKE(key), AUTHCORE_OK);
    check_refused_leaves_nothing(
        authcore_key_ec_jwk(&key, AUTHCORE_ES256, ES256_JWK_SHORT_X, strlen(ES256_JWK_SHORT_X)),
        AUTHCORE_KEY_INVALID_POINT, &key);
    CHECK_STATUS(REMAKE(key), AUTHCORE_OK);
    check_refused_leaves_nothing(
        authcore_key_ec_der(&key, AUTHCORE_ES256, ES256_DER_OFF_CURVE,
                            sizeof ES256_DER_OFF_CURVE),
        AUTHCORE_KEY_INVALID_POINT, &key);
    CHECK_STATUS(REMAKE(key), AUTHCORE_OK);
    check_refused_leaves_nothing(
        authcore_key_ec_der(&key, AUTHCORE_ES256, ES256_DER_COMPRESSED,
                            sizeof ES256_DER_COMPRESSED),
        AUTHCORE_KEY_INVALID_POINT, &key);
    CHECK_STATUS(REMAKE(key), AUTHCORE_OK);
    check_refused_leaves_nothing(
        authcore_key_ec_der(&key, AUTHCORE_ES256, ES256_DER, sizeof ES256_DER - 1),
        AUTHCORE_KEY_DER, &key);
    CHECK_STATUS(REMAKE(key), AUTHCORE_OK);
    check_refused_leaves_nothing(
        authcore_key_ec_pem(&key, AUTHCORE_ES256, ES256_PEM, strlen(ES256_PEM) / 2),
        AUTHCORE_KEY_PEM, &key);
    CHECK_STATUS(REMAKE(key), AUTHCORE_OK);
    check_refused_leaves_nothing(
        authcore_key_ec_jwk(&key, AUTHCORE_ES256, ES256_JWK_ALG_ES384,
                            strlen(ES256_JWK_ALG_ES384)),
        AUTHCORE_KEY_ALGORITHM, &key);
    CHECK_STATUS(REMAKE(key), AUTHCORE_OK);
    check_refused_leaves_nothing(
        authcore_key_ec_jwk(&key, AUTHCORE_ES256, ES256_JWK_USE_ENC, strlen(ES256_JWK_USE_ENC)),
        AUTHCORE_KEY_USE, &key);
    CHECK_STATUS(REMAKE(key), AUTHCORE_OK);
    check_refused_leaves_nothing(
        authcore_key_ec_jwk(&key, AUTHCORE_ES256, "{\"kty\":\"EC\"", 11), AUTHCORE_KEY_JSON,
        &key);
    /* Algorithms no EC key can have, and one no enum value names. */
    CHECK_STATUS(REMAKE(key), AUTHCORE_OK);
    check_refused_leaves_nothing(
        authcore_key_ec_pem(&key, AUTHCORE_RS256, ES256_PEM, strlen(ES256_PEM)),
        AUTHCORE_KEY_WRONG_ALGORITHM, &key);
    CHECK_STATUS(REMAKE(key), AUTHCORE_OK);
    check_refused_leaves_nothing(
        authcore_key_ec_pem(&key, AUTHCORE_EDDSA, ES256_PEM, strlen(ES256_PEM)),
        AUTHCORE_KEY_WRONG_ALGORITHM, &key);
    CHECK_STATUS(REMAKE(key), AUTHCORE_OK);
    check_refused_leaves_nothing(
        authcore_key_ec_pem(&key, (authcore_algorithm)13, ES256_PEM, strlen(ES256_PEM)),
        AUTHCORE_INVALID_ARGUMENT, &key);
    CHECK_STATUS(REMAKE(key), AUTHCORE_OK);
    check_refused_leaves_nothing(
        authcore_key_ec_pem(&key, (authcore_algorithm)0, ES256_PEM, strlen(ES256_PEM)),
        AUTHCORE_INVALID_ARGUMENT, &key);
    /* A NULL argument is reported before anything is written: the key stays. */
    CHECK_STATUS(REMAKE(key), AUTHCORE_OK);
    CHECK_STATUS(authcore_key_ec_pem(&key, AUTHCORE_ES256, NULL, 0), AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(verify_as(&key, AUTHCORE_ES256, TOKEN_ES256), AUTHCORE_OK);
    CHECK_STATUS(authcore_key_ec_pem(NULL, AUTHCORE_ES256, ES256_PEM, strlen(ES256_PEM)),
                 AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_key_ec_der(NULL, AUTHCORE_ES256, ES256_DER, sizeof ES256_DER),
                 AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_key_ec_jwk(&key, AUTHCORE_ES256, NULL, 0), AUTHCORE_NULL_ARGUMENT);
    /* The RSA constructors refuse EC algorithms; the EC ones, RSA keys. */
    CHECK_STATUS(authcore_key_rsa_pem(&key, AUTHCORE_ES256, RSA_PEM, strlen(RSA_PEM)),
                 AUTHCORE_KEY_WRONG_ALGORITHM);
    CHECK_STATUS(authcore_key_rsa_pem(&key, AUTHCORE_PS256, ES256_PEM, strlen(ES256_PEM)),
                 AUTHCORE_KEY_NOT_RSA);
    CHECK_STATUS(authcore_key_clear(&key), AUTHCORE_OK);
}

#define REMAKE_ED(key) authcore_key_ed25519_pem(&(key), EDDSA_PEM, strlen(EDDSA_PEM))

static void test_bad_ed25519_keys(void) {
    authcore_key key;
    CHECK_STATUS(REMAKE_ED(key), AUTHCORE_OK);
    CHECK_STATUS(authcore_key_ed25519_pem(&key, X25519_PEM, strlen(X25519_PEM)),
                 AUTHCORE_KEY_CURVE);
    CHECK_STATUS(verify_as(&key, AUTHCORE_EDDSA, TOKEN_EDDSA), AUTHCORE_UNINITIALIZED);
    CHECK_STATUS(REMAKE_ED(key), AUTHCORE_OK);
    CHECK_STATUS(authcore_key_ed25519_pem(&key, ES256_PEM, strlen(ES256_PEM)),
                 AUTHCORE_KEY_NOT_OKP);
    CHECK_STATUS(verify_as(&key, AUTHCORE_EDDSA, TOKEN_EDDSA), AUTHCORE_UNINITIALIZED);
    CHECK_STATUS(authcore_key_ed25519_jwk(&key, ES256_JWK, strlen(ES256_JWK)),
                 AUTHCORE_KEY_NOT_OKP);
    CHECK_STATUS(authcore_key_ed25519_jwk(&key, EDDSA_JWK_X25519, strlen(EDDSA_JWK_X25519)),
                 AUTHCORE_KEY_CURVE);
    CHECK_STATUS(
        authcore_key_ed25519_jwk(&key, EDDSA_JWK_OFF_CURVE, strlen(EDDSA_JWK_OFF_CURVE)),
        AUTHCORE_KEY_INVALID_POINT);
    CHECK_STATUS(authcore_key_ed25519_der(&key, EDDSA_DER, sizeof EDDSA_DER - 1),
                 AUTHCORE_KEY_DER);
    CHECK_STATUS(authcore_key_ed25519_pem(&key, "-----BEGIN PUBLIC KEY-----\n", 27),
                 AUTHCORE_KEY_PEM);
    CHECK_STATUS(authcore_key_ed25519_pem(NULL, EDDSA_PEM, strlen(EDDSA_PEM)),
                 AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(verify_as(&key, AUTHCORE_EDDSA, TOKEN_EDDSA), AUTHCORE_UNINITIALIZED);
    CHECK_STATUS(REMAKE_ED(key), AUTHCORE_OK);
    CHECK_STATUS(authcore_key_ed25519_der(&key, NULL, 0), AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_key_ed25519_jwk(&key, NULL, 0), AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(verify_as(&key, AUTHCORE_EDDSA, TOKEN_EDDSA), AUTHCORE_OK);
    CHECK_STATUS(authcore_key_clear(&key), AUTHCORE_OK);
}

/* Every new status has its own description. */
static void test_status_descriptions(void) {
    const authcore_status news[] = {AUTHCORE_KEY_NOT_EC, AUTHCORE_KEY_NOT_OKP,
                                    AUTHCORE_KEY_CURVE, AUTHCORE_KEY_INVALID_POINT};
    size_t i;
    for (i = 0; i < sizeof news / sizeof news[0]; i++) {
        CHECK(strcmp(authcore_status_str(news[i]), authcore_status_str(AUTHCORE_OTHER_ERROR)) !=
              0);
        CHECK(strcmp(authcore_status_str(news[i]), "unknown status") != 0);
    }
}

int main(void) {
    test_es256();
    test_es384();
    test_eddsa();
    test_pss();
    test_bad_ec_keys();
    test_bad_ed25519_keys();
    test_status_descriptions();
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
