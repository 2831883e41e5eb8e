/* The smallest authcore user, built from an installed prefix by scripts/test-consume.sh
 * (and the README's C quick start) through pkg-config, shared and static, and CMake's
 * find_package(authcore): verifies an HS256 token made without authcore (Python's hmac,
 * tests/vectors/hs256-device.jwt), refuses it with one character of its signature changed,
 * and checks that the library linked is the one the header came with. */
#include <authcore.h>
#include <stdio.h>
#include <string.h>

static const char SECRET[] = "no-heap-proof secret, 32+ bytes long!";
static const char TOKEN[] =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6ImRldi0xIn0."
    "eyJpc3MiOiJodHRwczovL2F1dGguZXhhbXBsZSIsInN1YiI6ImRldmljZS00MiIsImF1ZCI6WyJhcGkiLCJ0ZWxl"
    "bWV0cnkiXSwiZXhwIjoyMDAwMDAwMDAwLCJuYmYiOjE3MDAwMDAwMDAsImlhdCI6MTcwMDAwMDAwMCwianRpIjoi"
    "YTFiMiIsInVzZWZvciI6ImFjY2VzcyIsInNjb3BlIjoicmVhZCB3cml0ZSIsIm5hbWUiOiJSZW5cdTAwZTkgXCJS"
    "XCIgXHU2NWU1XHU2NzJjIiwibGV2ZWwiOjN9.2MGIDrM-B-F_OukhAAkLJfb9kG7Ifn-MwVY6yvGqwtQ";

static int fail(authcore_status s) {
    fprintf(stderr, "authcore: %s\n", authcore_status_str(s));
    return 1;
}

int main(void) {
    static const authcore_str audiences[] = {{"telemetry", 9}};
    authcore_key key;
    authcore_validation settings;
    authcore_policy policy;
    authcore_claims claims;
    char forged[sizeof TOKEN], sub[32];
    uint8_t work[512];
    size_t sub_len;
    authcore_status s;

    printf("header %d.%d.%d (\"%s\"), library %s\n", AUTHCORE_VERSION_MAJOR,
           AUTHCORE_VERSION_MINOR, AUTHCORE_VERSION_PATCH, AUTHCORE_VERSION_STRING,
           authcore_version());
    if (strcmp(authcore_version(), AUTHCORE_VERSION_STRING) != 0) {
        fprintf(stderr, "the library is not the header's version\n");
        return 1;
    }
    if ((s = authcore_key_hmac(&key, AUTHCORE_HS256, (const uint8_t *)SECRET, strlen(SECRET))) ||
        (s = authcore_validation_init(&settings, AUTHCORE_HS256))) {
        return fail(s);
    }
    settings.audiences = audiences;
    settings.audiences_len = 1;
    if ((s = authcore_policy_init(&policy, &settings)) ||
        (s = authcore_verify(&key, &policy, TOKEN, strlen(TOKEN), 1700000000, work, sizeof work,
                             &claims, NULL)) ||
        (s = authcore_claims_get_string(&claims, "sub", 3, sub, sizeof sub, &sub_len))) {
        return fail(s);
    }
    printf("verified, sub=%s\n", sub);

    memcpy(forged, TOKEN, sizeof TOKEN);
    forged[sizeof TOKEN - 3] = forged[sizeof TOKEN - 3] == 'A' ? 'B' : 'A';
    s = authcore_verify(&key, &policy, forged, strlen(forged), 1700000000, work, sizeof work,
                        &claims, NULL);
    printf("forged signature: %s\n", authcore_status_str(s));
    authcore_key_clear(&key);
    return strcmp(sub, "device-42") == 0 && s == AUTHCORE_INVALID_SIGNATURE ? 0 : 1;
}
