/* What linking libauthcore.a adds to a minimal C program: built three ways by
 * scripts/c-figures.sh and measured with `size`.
 *   -DPROBE_NONE   no authcore call (the baseline)
 *   -DPROBE_HS     an HMAC key, a policy, one verification, one claim accessor
 *   -DPROBE_ALL    every function of the header referenced (everything linked) */
#include "authcore.h"

#include <stddef.h>

#ifdef PROBE_ALL
#include "size_probe_all.h" /* generated: `static void *const all_functions[] = {...};` */
#endif

int main(int argc, char **argv) {
#if defined(PROBE_HS)
    authcore_key key;
    authcore_validation settings;
    authcore_policy policy;
    authcore_claims claims;
    unsigned char work[512];
    int64_t exp = 0;
    (void)argc;
    if (authcore_key_hmac(&key, AUTHCORE_HS256, (const uint8_t *)"0123456789abcdef", 16) ||
        authcore_validation_init(&settings, AUTHCORE_HS256) ||
        authcore_policy_init(&policy, &settings)) {
        return 2;
    }
    return authcore_verify(&key, &policy, argv[0], 10, 0, work, sizeof work, &claims, NULL) ||
           authcore_claims_exp(&claims, &exp);
#elif defined(PROBE_ALL)
    (void)argv;
    return ((volatile size_t)all_functions[argc % (sizeof all_functions / sizeof *all_functions)]) ==
           0;
#else
    (void)argc;
    (void)argv;
    return 0;
#endif
}
