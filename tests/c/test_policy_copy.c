/*
 * A byte copy of a compiled policy is not a policy: authcore_verify refuses it with
 * AUTHCORE_UNINITIALIZED, whatever becomes of the original (re-made with other settings,
 * cleared), and never reads the original's storage through it. Run plain, as C++17, under
 * ASan+UBSan and under valgrind by tests/c/Makefile.
 */
#include "authcore.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

static const uint8_t SECRET[] = "0123456789abcdef0123456789abcdef"; /* 32 bytes */
static const int64_t NOW = 1700000000;

static authcore_status verify(const authcore_key *key, const authcore_policy *policy,
                              const char *token, size_t len) {
    static uint8_t buf[1024];
    authcore_claims claims;
    return authcore_verify(key, policy, token, len, NOW, buf, sizeof buf, &claims, NULL);
}

int main(void) {
    authcore_key key;
    authcore_validation settings;
    /* On the heap, so that valgrind sees any read of the original after it is freed. */
    authcore_policy *original = (authcore_policy *)malloc(sizeof *original);
    authcore_policy copy;
    const authcore_str issuer_a[] = {{"https://a.example", 17}};
    const authcore_str issuer_b[] = {{"https://b.example", 17}};
    static const char claims_a[] = "{\"iss\":\"https://a.example\",\"exp\":1700000900}";
    static const char claims_b[] = "{\"iss\":\"https://b.example\",\"exp\":1700000900}";
    char token_a[512], token_b[512];
    size_t len_a = 0, len_b = 0;

    CHECK(original != NULL);
    if (original == NULL) {
        return 1;
    }
    CHECK_STATUS(authcore_key_hmac(&key, AUTHCORE_HS256, SECRET, 32), AUTHCORE_OK);
    CHECK_STATUS(authcore_sign_hmac(&key, claims_a, strlen(claims_a), NULL, 0,
                                    token_a, sizeof token_a, &len_a),
                 AUTHCORE_OK);
    CHECK_STATUS(authcore_sign_hmac(&key, claims_b, strlen(claims_b), NULL, 0,
                                    token_b, sizeof token_b, &len_b),
                 AUTHCORE_OK);

    CHECK_STATUS(authcore_validation_init(&settings, AUTHCORE_HS256), AUTHCORE_OK);
    settings.issuers = issuer_a;
    settings.issuers_len = 1;
    CHECK_STATUS(authcore_policy_init(original, &settings), AUTHCORE_OK);
    CHECK_STATUS(verify(&key, original, token_a, len_a), AUTHCORE_OK);
    CHECK_STATUS(verify(&key, original, token_b, len_b), AUTHCORE_INVALID_ISSUER);

    /* The copy is refused, from the start. */
    memcpy(&copy, original, sizeof copy);
    CHECK_STATUS(verify(&key, &copy, token_a, len_a), AUTHCORE_UNINITIALIZED);
    CHECK_STATUS(verify(&key, &copy, token_b, len_b), AUTHCORE_UNINITIALIZED);

    /* The original re-made with another issuer: it follows its new settings; the copy
     * accepts neither the old issuer nor the new one. */
    CHECK_STATUS(authcore_policy_clear(original), AUTHCORE_OK);
    settings.issuers = issuer_b;
    CHECK_STATUS(authcore_policy_init(original, &settings), AUTHCORE_OK);
    CHECK_STATUS(verify(&key, original, token_b, len_b), AUTHCORE_OK);
    CHECK_STATUS(verify(&key, original, token_a, len_a), AUTHCORE_INVALID_ISSUER);
    CHECK_STATUS(verify(&key, &copy, token_a, len_a), AUTHCORE_UNINITIALIZED);
    CHECK_STATUS(verify(&key, &copy, token_b, len_b), AUTHCORE_UNINITIALIZED);

    /* Copied back to where it was made, the bytes are that policy again. */
    {
        authcore_policy saved;
        memcpy(&saved, original, sizeof saved);
        CHECK_STATUS(verify(&key, &saved, token_b, len_b), AUTHCORE_UNINITIALIZED);
        memcpy(original, &saved, sizeof saved);
        CHECK_STATUS(verify(&key, original, token_b, len_b), AUTHCORE_OK);
    }

    /* The original freed: the copy still reads only its own bytes (valgrind checks). */
    CHECK_STATUS(authcore_policy_clear(original), AUTHCORE_OK);
    free(original);
    CHECK_STATUS(verify(&key, &copy, token_a, len_a), AUTHCORE_UNINITIALIZED);
    CHECK_STATUS(verify(&key, &copy, token_b, len_b), AUTHCORE_UNINITIALIZED);

    /* A copy is cleared like any storage, and stays refused. */
    CHECK_STATUS(authcore_policy_clear(&copy), AUTHCORE_OK);
    CHECK_STATUS(verify(&key, &copy, token_a, len_a), AUTHCORE_UNINITIALIZED);

    CHECK_STATUS(authcore_key_clear(&key), AUTHCORE_OK);
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
