/* The smallest authcore user: sign and verify one HS256 token. Built through
 * find_package(authcore) and through pkg-config by scripts/test-consume.sh. */
#include <authcore.h>
#include <stdio.h>
#include <string.h>

int main(void) {
    static const char secret[] = "0123456789abcdef0123456789abcdef";
    static const char claims_json[] = "{\"sub\":\"device-42\",\"exp\":1700000900}";
    authcore_key key;
    authcore_validation settings;
    authcore_policy policy;
    authcore_claims claims;
    char token[512], sub[32];
    uint8_t work[512];
    size_t token_len, sub_len;
    authcore_status s;

    if ((s = authcore_key_hmac(&key, AUTHCORE_HS256, (const uint8_t *)secret, 32)) ||
        (s = authcore_sign_hmac(&key, claims_json, strlen(claims_json), NULL, 0,
                                token, sizeof token, &token_len)) ||
        (s = authcore_validation_init(&settings, AUTHCORE_HS256)) ||
        (s = authcore_policy_init(&policy, &settings)) ||
        (s = authcore_verify(&key, &policy, token, token_len, 1700000000, work, sizeof work,
                             &claims, NULL)) ||
        (s = authcore_claims_get_string(&claims, "sub", 3, sub, sizeof sub, &sub_len))) {
        fprintf(stderr, "authcore: %s\n", authcore_status_str(s));
        return 1;
    }
    printf("authcore %s: verified, sub=%s\n", authcore_version(), sub);
    authcore_key_clear(&key);
    return strcmp(sub, "device-42") == 0 ? 0 : 1;
}
