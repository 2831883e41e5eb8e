/*
 * authcore in C firmware: a bare-metal Cortex-M program (no RTOS, no malloc, no printf)
 * that links libauthcore.a built for its target and uses only include/authcore.h. It makes
 * the same checks as the Rust firmware (examples/firmware/src/checks.rs), each against its
 * expected answer, and prints them over semihosting:
 *   - HS256: a token made by Python's hmac verified against a strict policy; tampered,
 *     expired, alg none and malformed tokens, a too-small work buffer, a NULL argument and
 *     a cleared key refused with their specific statuses;
 *   - RS256 (AUTHCORE_HAS_RSA builds): a 2048-bit key from PEM, a 4096-bit key from a JWKS
 *     by kid, tokens made by Python's cryptography; tampering and algorithm confusion;
 *   - an OAuth 2.0 session on a monotonic tick clock: log in, send with a Bearer header,
 *     refresh inside the margin, log in again after expiry; headers into too-small buffers;
 *   - the peak stack of authcore_verify, measured on a painted stack, against its budget.
 * The exit status (through QEMU) is 0 only if every check matched.
 *
 * With -DBASELINE the program keeps its boot code and printing but makes no authcore call:
 * the difference in size between the two builds is what authcore costs.
 *
 * Build and run: make -C examples/c-firmware CPU=m4f run   (or scripts/firmware-c.sh)
 */
#include "board.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* ---- printing: one line at a time over semihosting ------------------------------------ */

static char line[128];
static size_t line_len;

static void flush(void) {
    line[line_len] = 0;
    board_write(line);
    line_len = 0;
}

static void put(const char *s) {
    while (*s) {
        if (line_len == sizeof line - 1) {
            flush();
        }
        line[line_len++] = *s++;
    }
}

static void put_int(int64_t v) {
    char digits[21];
    size_t n = 0;
    uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
    do {
        digits[n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u != 0);
    if (v < 0) {
        put("-");
    }
    while (n > 0) {
        char one[2] = {digits[--n], 0};
        put(one);
    }
}

static void end_line(void) {
    put("\n");
    flush();
}

static unsigned passed, failed;

static void summary(void) {
    put_int(passed);
    put(" checks passed, ");
    put_int(failed);
    put(" failed");
    end_line();
}

#ifdef BASELINE

/* Boot, print, exit: what the program costs without authcore. */
int main(void) {
    static volatile unsigned zero;
    passed = zero;
    summary();
    return 0;
}

#else /* !BASELINE */

#include "authcore.h"
#include "vectors.h" /* generated from tests/vectors by the Makefile (embed.awk) */

/* arm-none-eabi-gcc makes enums one byte unless -fno-short-enums; the header's enum types
 * that live in structs or are written through pointers are fixed 32-bit types, so a program
 * built either way agrees with the library on their layout. */
typedef char action_is_32_bits[sizeof(authcore_action) == 4 ? 1 : -1];
typedef char algorithm_is_32_bits[sizeof(authcore_algorithm) == 4 ? 1 : -1];

#define LEN(literal) (sizeof literal - 1)

/* ---- checks --------------------------------------------------------------------------- */

static void check(const char *name, int ok) {
    if (ok) {
        passed++;
        put("  ok   ");
    } else {
        failed++;
        put("  FAIL ");
    }
    put(name);
    end_line();
}

/* Prints the status a call returned and records whether it is the one expected. */
static void refused(const char *name, authcore_status got, authcore_status expected) {
    put("       ");
    put(name);
    put(": ");
    put(authcore_status_str(got));
    put(" (");
    put_int(got);
    put(")");
    end_line();
    check(name, got == expected);
}

/* As `refused` for AUTHCORE_BUFFER_TOO_SMALL, which also reports the size needed. */
static void too_small(const char *name, authcore_status got, size_t needed, size_t expected) {
    put("       ");
    put(name);
    put(": ");
    put(authcore_status_str(got));
    put(", needs ");
    put_int((int64_t)needed);
    put(" bytes");
    end_line();
    check(name, got == AUTHCORE_BUFFER_TOO_SMALL && needed == expected);
}

static void say(const char *a, const char *b) {
    put(a);
    put(b);
    end_line();
}

/* Whether two NUL-terminated strings are equal. */
static int text_eq(const char *a, const char *b) {
    while (*a && *a == *b) {
        a++;
        b++;
    }
    return *a == *b;
}

/* `s` after `prefix`, or NULL when it does not start with it. */
static const char *after(const char *s, const char *prefix) {
    while (*prefix) {
        if (*s++ != *prefix++) {
            return NULL;
        }
    }
    return s;
}

/* `parts` (NULL-terminated) concatenated into `out`; the length, or 0 if it does not fit. */
static size_t join(char *out, size_t cap, const char *const *parts) {
    size_t len = 0;
    for (; *parts; parts++) {
        size_t n = strlen(*parts);
        if (n >= cap - len) {
            return 0;
        }
        memcpy(out + len, *parts, n);
        len += n;
    }
    out[len] = 0;
    return len;
}

/* ---- the operations measured ----------------------------------------------------------- */

/* One authcore_verify call, its arguments gathered so that the stack probe can run it. */
struct verify_call {
    const authcore_key *key;
    const authcore_policy *policy;
    const char *token;
    size_t token_len;
    int64_t now;
    uint8_t *buf;
    size_t buf_len;
    authcore_claims claims;
    size_t needed;
};

static __attribute__((noinline)) authcore_status run_verify(struct verify_call *c) {
    return authcore_verify(c->key, c->policy, c->token, c->token_len, c->now, c->buf,
                           c->buf_len, &c->claims, &c->needed);
}

static authcore_status verify(const authcore_key *key, const authcore_policy *policy,
                              const char *token, size_t token_len, int64_t now, uint8_t *buf,
                              size_t buf_len) {
    struct verify_call c = {key, policy, token, token_len, now, buf, buf_len, {{0}}, 0};
    return run_verify(&c);
}

/* The HS256 token's secret, its policy, and a time inside its validity. */
static const char HS256_SECRET[] = "no-heap-proof secret, 32+ bytes long!";
static const int64_t HS256_NOW = 1800000000;
/* Its decoded header (41 bytes) plus decoded payload (225 bytes): the work buffer it needs. */
#define HS256_NEEDED (41 + 225)

/* Strings are a pointer and a length, never NUL-terminated. */
#define STR(literal) (literal), LEN(literal)

static const authcore_str HS256_ISSUERS[] = {{STR("https://auth.example")}};
static const authcore_str AUDIENCES[] = {{STR("telemetry")}};
static const authcore_str HS256_REQUIRED[] = {{STR("exp")}, {STR("iat")}, {STR("jti")}};
static const authcore_claim_value HS256_CLAIMS[] = {{STR("usefor"), STR("access")}};

static authcore_status hs256_setup(authcore_key *key, authcore_policy *policy) {
    authcore_validation v;
    authcore_status s = authcore_key_hmac(key, AUTHCORE_HS256, (const uint8_t *)HS256_SECRET,
                                          LEN(HS256_SECRET));
    if (s == AUTHCORE_OK) {
        s = authcore_validation_init(&v, AUTHCORE_HS256);
    }
    if (s != AUTHCORE_OK) {
        return s;
    }
    v.issuers = HS256_ISSUERS;
    v.issuers_len = 1;
    v.audiences = AUDIENCES;
    v.audiences_len = 1;
    v.subject = "device-42";
    v.subject_len = LEN("device-42");
    v.claim_equals = HS256_CLAIMS;
    v.claim_equals_len = 1;
    v.required = HS256_REQUIRED;
    v.required_len = 3;
    v.validate_iat = 1;
    v.min_hmac_secret_len = 32;
    return authcore_policy_init(policy, &v);
}

#ifdef AUTHCORE_HAS_RSA
static const int64_t RS256_NOW = 1700000000;
static const authcore_str RS256_ISSUERS[] = {{STR("https://idp.example.com/")}};

static authcore_status rs256_policy(authcore_policy *policy) {
    authcore_validation v;
    authcore_status s = authcore_validation_init(&v, AUTHCORE_RS256);
    if (s != AUTHCORE_OK) {
        return s;
    }
    v.issuers = RS256_ISSUERS;
    v.issuers_len = 1;
    v.audiences = AUDIENCES;
    v.audiences_len = 1;
    v.subject = "device-42";
    v.subject_len = LEN("device-42");
    return authcore_policy_init(policy, &v);
}

static authcore_status rsa2048(authcore_key *key) {
    return authcore_key_rsa_pem(key, AUTHCORE_RS256, RSA2048_PEM, LEN(RSA2048_PEM));
}

static authcore_status rsa4096(authcore_key *key) {
    return authcore_key_rsa_jwks(key, AUTHCORE_RS256, JWKS, LEN(JWKS), "rsa4096-2026", 12);
}
#endif

/* ---- HS256 ------------------------------------------------------------------------------ */

static void hs256(void) {
    authcore_key key;
    authcore_policy policy, short_policy;
    authcore_validation v;
    struct verify_call c;
    uint8_t buf[512];
    char token[512];
    char sub[16];
    const char *payload, *end;
    size_t len;
    int64_t exp = 0;
    authcore_status s;

    put("HS256 (");
    put_int((int64_t)LEN(HS256_TOKEN));
    put(" bytes)");
    end_line();
    s = hs256_setup(&key, &policy);
    if (s != AUTHCORE_OK) {
        refused("HS256 key and policy", s, AUTHCORE_OK);
        return;
    }

    c = (struct verify_call){&key, &policy, HS256_TOKEN, LEN(HS256_TOKEN), HS256_NOW, buf,
                             sizeof buf, {{0}}, 0};
    s = run_verify(&c);
    if (s == AUTHCORE_OK) {
        s = authcore_claims_exp(&c.claims, &exp);
    }
    if (s == AUTHCORE_OK) {
        s = authcore_claims_get_string(&c.claims, STR("sub"), sub, sizeof sub, &len);
    }
    if (s != AUTHCORE_OK) {
        refused("verified", s, AUTHCORE_OK);
    } else {
        check("verified: iss, aud, sub, usefor, exp, iat, jti",
              exp == 2000000000 && text_eq(sub, "device-42"));
    }
    /* The claims read into a buffer too small for them. */
    s = authcore_claims_get_string(&c.claims, STR("sub"), sub, 4, &len);
    too_small("claim sub into a 4-byte buffer", s, len, LEN("device-42") + 1);

    memcpy(token, HS256_TOKEN, sizeof HS256_TOKEN);
    token[150] = 'z';
    refused("tampered payload", verify(&key, &policy, token, LEN(HS256_TOKEN), HS256_NOW, buf,
                                       sizeof buf),
            AUTHCORE_INVALID_SIGNATURE);
    refused("expired", verify(&key, &policy, HS256_TOKEN, LEN(HS256_TOKEN), 2000000000, buf,
                              sizeof buf),
            AUTHCORE_EXPIRED);

    c.buf_len = HS256_NEEDED - 1;
    s = run_verify(&c);
    too_small("work buffer one byte short", s, c.needed, HS256_NEEDED);
    /* The size a caller can ask for before verifying: an upper bound, enough. */
    s = authcore_verify_buffer_size(HS256_TOKEN, LEN(HS256_TOKEN), &len);
    if (s == AUTHCORE_OK && len <= sizeof buf) {
        put("       authcore_verify_buffer_size: ");
        put_int((int64_t)len);
        end_line();
        c.buf_len = len;
        s = run_verify(&c);
    }
    check("work buffer of authcore_verify_buffer_size bytes", s == AUTHCORE_OK);

    /* The same payload under {"alg":"none"}, without a signature. */
    for (payload = HS256_TOKEN; *payload++ != '.';) {
    }
    for (end = payload; *end != '.'; end++) {
    }
    len = (size_t)(end - payload);
    memcpy(token, "eyJhbGciOiJub25lIn0.", 20);
    memcpy(token + 20, payload, len + 1);
    refused("alg none", verify(&key, &policy, token, 20 + len + 1, HS256_NOW, buf, sizeof buf),
            AUTHCORE_NONE_ALGORITHM);
    refused("two segments", verify(&key, &policy, "eyJhbGciOiJIUzI1NiJ9.e30", 24, HS256_NOW,
                                   buf, sizeof buf),
            AUTHCORE_SEGMENT_COUNT);
    refused("signature with padding", verify(&key, &policy, "eyJhbGciOiJIUzI1NiJ9.e30.AAAA=",
                                             30, HS256_NOW, buf, sizeof buf),
            AUTHCORE_BASE64);

    /* A policy that takes tokens of at most 256 bytes. */
    s = authcore_validation_init(&v, AUTHCORE_HS256);
    v.max_token_len = 256;
    if (s == AUTHCORE_OK) {
        s = authcore_policy_init(&short_policy, &v);
    }
    if (s == AUTHCORE_OK) {
        s = verify(&key, &short_policy, HS256_TOKEN, LEN(HS256_TOKEN), HS256_NOW, buf,
                   sizeof buf);
    }
    refused("token longer than max_token_len", s, AUTHCORE_TOKEN_TOO_LARGE);

    /* What C callers can get wrong: a NULL argument, a key that was wiped. */
    refused("NULL token", verify(&key, &policy, NULL, 10, HS256_NOW, buf, sizeof buf),
            AUTHCORE_NULL_ARGUMENT);
    authcore_key_clear(&key);
    refused("cleared key", verify(&key, &policy, HS256_TOKEN, LEN(HS256_TOKEN), HS256_NOW, buf,
                                  sizeof buf),
            AUTHCORE_UNINITIALIZED);
    authcore_policy_clear(&policy);
    authcore_policy_clear(&short_policy);
}

/* ---- RS256 ------------------------------------------------------------------------------ */

#ifdef AUTHCORE_HAS_RSA
static void rs256(void) {
    authcore_key k2048, k4096, hs;
    authcore_policy policy, hs_policy;
    uint8_t buf[512];
    char token[1024];
    authcore_status s;

    say("RS256", "");
    s = rsa2048(&k2048);
    if (s == AUTHCORE_OK) {
        s = rsa4096(&k4096);
    }
    if (s == AUTHCORE_OK) {
        s = rs256_policy(&policy);
    }
    if (s == AUTHCORE_OK) {
        s = hs256_setup(&hs, &hs_policy);
    }
    if (s != AUTHCORE_OK) {
        refused("RSA keys from PEM and JWKS", s, AUTHCORE_OK);
        return;
    }
    check("RS256-2048, key from PEM",
          verify(&k2048, &policy, RS256_2048_TOKEN, LEN(RS256_2048_TOKEN), RS256_NOW, buf,
                 sizeof buf) == AUTHCORE_OK);
    check("RS256-4096, key from JWKS by kid",
          verify(&k4096, &policy, RS256_4096_TOKEN, LEN(RS256_4096_TOKEN), RS256_NOW, buf,
                 sizeof buf) == AUTHCORE_OK);
    refused("RS256-2048 token under the 4096-bit key",
            verify(&k4096, &policy, RS256_2048_TOKEN, LEN(RS256_2048_TOKEN), RS256_NOW, buf,
                   sizeof buf),
            AUTHCORE_INVALID_SIGNATURE);
    memcpy(token, RS256_2048_TOKEN, sizeof RS256_2048_TOKEN);
    token[100] ^= 1;
    refused("RS256 tampered",
            verify(&k2048, &policy, token, LEN(RS256_2048_TOKEN), RS256_NOW, buf, sizeof buf),
            AUTHCORE_INVALID_SIGNATURE);
    refused("HS256 token under an RS256 key",
            verify(&k2048, &policy, HS256_TOKEN, LEN(HS256_TOKEN), HS256_NOW, buf, sizeof buf),
            AUTHCORE_ALGORITHM_MISMATCH);
    refused("RS256 token under an HS256 key",
            verify(&hs, &hs_policy, RS256_2048_TOKEN, LEN(RS256_2048_TOKEN), RS256_NOW, buf,
                   sizeof buf),
            AUTHCORE_ALGORITHM_MISMATCH);
    refused("unknown kid",
            authcore_key_rsa_jwks(&k4096, AUTHCORE_RS256, JWKS, LEN(JWKS), "nope", 4),
            AUTHCORE_KEY_KID_NOT_FOUND);
    refused("HS256 algorithm for an RSA key",
            authcore_key_rsa_pem(&k4096, AUTHCORE_HS256, RSA2048_PEM, LEN(RSA2048_PEM)),
            AUTHCORE_KEY_WRONG_ALGORITHM);
    authcore_key_clear(&k2048);
    authcore_key_clear(&k4096);
    authcore_key_clear(&hs);
}
#endif

/* ---- an OAuth 2.0 session on a monotonic clock ------------------------------------------ */

/* Ticks since boot at 1 kHz: a SysTick handler would count them; here the program moves
   the clock on. authcore is given whole seconds since boot (AUTHCORE_TIME_MONOTONIC). */
#define TICK_HZ 1000u
static volatile uint64_t ticks;

static int64_t uptime(void) {
    return (int64_t)(ticks / TICK_HZ);
}

static void advance_secs(uint32_t secs) {
    ticks += (uint64_t)secs * TICK_HZ;
}

static authcore_status next(const authcore_session *s, char *buf, size_t cap, size_t *len,
                            authcore_next *out) {
    return authcore_session_next(s, uptime(), AUTHCORE_TIME_MONOTONIC, buf, cap, len, out);
}

static void session(void) {
    authcore_session session; /* AUTHCORE_SESSION_SIZE bytes, on the stack like the rest */
    char buf[1024], response[1024];
    static const char RESPONSE_END[] = "\",\"token_type\":\"Bearer\",\"expires_in\":600,"
                                       "\"refresh_token\":\"r-1\",\"refresh_expires_in\":900}";
    const char *const parts[] = {"{\"access_token\":\"", HS256_TOKEN, RESPONSE_END, NULL};
    const authcore_credentials creds = {"device-42", 9, "pa&ss", 5, NULL, 0};
    static const char REFRESHED[] =
        "{\"access_token\":\"opaque-2\",\"token_type\":\"bearer\",\"expires_in\":600}";
    char small[64];
    authcore_request req;
    authcore_next n;
    authcore_status s;
    size_t len, response_len;

    say("OAuth 2.0 session, monotonic clock (1 kHz ticks since boot)", "");
    ticks = 0;
    s = authcore_session_init(&session, AUTHCORE_API_OAUTH2, NULL, 0, NULL, 0);
    if (s != AUTHCORE_OK) {
        refused("session", s, AUTHCORE_OK);
        return;
    }
    s = next(&session, buf, sizeof buf, &len, &n);
    check("t=0 s: no token, log in", s == AUTHCORE_OK && n.action == AUTHCORE_ACTION_LOG_IN);

    s = authcore_session_login_request(&session, &creds, buf, sizeof buf, &len, &req);
    if (s == AUTHCORE_OK && req.body) {
        say("       login body: ", req.body);
        check("login body form-encoded",
              text_eq(req.body, "grant_type=password&username=device-42&password=pa%26ss"));
    } else {
        refused("login body", s, AUTHCORE_OK);
    }

    /* The token response; the access token is the HS256 token checked above. */
    response_len = join(response, sizeof response, parts);
    refused("a response that is not JSON changes nothing",
            authcore_session_accept_login(&session, "{\"access_token\":", 16, uptime(),
                                          AUTHCORE_TIME_MONOTONIC),
            AUTHCORE_RESPONSE_JSON);
    s = authcore_session_accept_login(&session, response, response_len, uptime(),
                                      AUTHCORE_TIME_MONOTONIC);
    if (s == AUTHCORE_OK) {
        check("accepted the login response", 1);
    } else {
        refused("accepted the login response", s, AUTHCORE_OK);
    }

    advance_secs(10);
    s = next(&session, buf, sizeof buf, &len, &n);
    if (s == AUTHCORE_OK && n.action == AUTHCORE_ACTION_SEND) {
        say("       t=10 s: Authorization: ", n.request.authorization);
        put("       ");
        put_int(n.remaining);
        put(" s left");
        end_line();
        check("t=10 s: send, Bearer header, 585 s left",
              n.remaining == 585 && after(n.request.authorization, "Bearer ") &&
                  text_eq(after(n.request.authorization, "Bearer "), HS256_TOKEN));
    } else {
        check("t=10 s: send", 0);
    }
    s = authcore_session_authorization(&session, small, sizeof small, &len);
    too_small("header into a 64-byte buffer", s, len, 7 + LEN(HS256_TOKEN) + 1);
    s = next(&session, small, sizeof small, &len, &n);
    too_small("next step into a 64-byte buffer", s, len, 7 + LEN(HS256_TOKEN) + 1);

    advance_secs(530);
    s = next(&session, buf, sizeof buf, &len, &n);
    if (s == AUTHCORE_OK && n.action == AUTHCORE_ACTION_REFRESH && n.request.body) {
        say("       t=540 s: refresh: ", n.request.body);
        check("t=540 s: refresh with the refresh token, 55 s left",
              n.usable && n.remaining == 55 &&
                  text_eq(n.request.body, "grant_type=refresh_token&refresh_token=r-1"));
    } else {
        check("t=540 s: refresh", 0);
    }
    s = authcore_session_accept_refresh(&session, REFRESHED, LEN(REFRESHED), uptime(),
                                        AUTHCORE_TIME_MONOTONIC);
    if (s == AUTHCORE_OK) {
        check("accepted the refresh response", 1);
    } else {
        refused("accepted the refresh response", s, AUTHCORE_OK);
    }
    s = next(&session, buf, sizeof buf, &len, &n);
    if (s == AUTHCORE_OK && n.action == AUTHCORE_ACTION_SEND) {
        say("       t=540 s: Authorization: ", n.request.authorization);
        check("t=540 s: send the new token", text_eq(n.request.authorization, "Bearer opaque-2"));
    } else {
        check("t=540 s: send the new token", 0);
    }

    advance_secs(700);
    s = next(&session, buf, sizeof buf, &len, &n);
    check("t=1240 s: both tokens expired, log in",
          s == AUTHCORE_OK && n.action == AUTHCORE_ACTION_LOG_IN && !n.usable);
    refused("a token with CR/LF in an Authorization header",
            authcore_authorization_format(AUTHCORE_HEADER_BEARER, "abc\r\nX-Evil: 1", 15, buf,
                                          sizeof buf, &len),
            AUTHCORE_CONTROL_CHARACTER);
    authcore_session_clear(&session);
}

/* ---- peak stack -------------------------------------------------------------------------- */

#define PAINT 0xC0DE5AFEu
/* Never paint closer to the statics than this, nor more than this much in all. */
#define GUARD 64u
#define MAX_DEPTH (16u * 1024u)

/*
 * Runs `run_verify(c)` and returns the bytes of stack it used below this function's frame
 * (0 when it used all of the painted area: it may have used more). The free RAM below the
 * stack pointer is painted first; the deepest word no longer holding the paint marks the
 * high-water line.
 */
typedef authcore_status (*verify_fn)(struct verify_call *);

static __attribute__((noinline)) size_t stack_peak(volatile verify_fn f, struct verify_call *c,
                                                   authcore_status *result) {
    uintptr_t sp, floor = (uintptr_t)&_ebss + GUARD, top, bottom, at;
    __asm__ volatile("mov %0, sp" : "=r"(sp));
    top = sp & ~(uintptr_t)3;
    bottom = top - floor > MAX_DEPTH ? top - MAX_DEPTH : floor;
    for (at = bottom; at < top; at += 4) {
        *(volatile uint32_t *)at = PAINT;
    }
    /* Through a volatile function pointer: `f` runs in frames below this one. */
    *result = f(c);
    for (at = bottom; at < top && *(volatile uint32_t *)at == PAINT; at += 4) {
    }
    return at > bottom ? top - at : 0;
}

static void budget(const char *name, struct verify_call *c, size_t limit) {
    authcore_status s;
    size_t used = stack_peak(run_verify, c, &s);
    put("  stack ");
    put(name);
    put(": ");
    put_int((int64_t)used);
    put(" bytes (budget ");
    put_int((int64_t)limit);
    put(")");
    end_line();
    if (s != AUTHCORE_OK) {
        refused(name, s, AUTHCORE_OK);
    } else {
        check(name, used != 0 && used <= limit);
    }
}

static void stack_figures(void) {
    authcore_key key;
    authcore_policy policy;
    uint8_t buf[512];
    struct verify_call c;

    say("Peak stack (painted)", "");
    if (hs256_setup(&key, &policy) == AUTHCORE_OK) {
        c = (struct verify_call){&key, &policy, HS256_TOKEN, LEN(HS256_TOKEN), HS256_NOW,
                                 buf, sizeof buf, {{0}}, 0};
        budget("HS256 verify", &c, 1536);
    } else {
        check("HS256 key", 0);
    }
#ifdef AUTHCORE_HAS_RSA
    if (rsa2048(&key) == AUTHCORE_OK && rs256_policy(&policy) == AUTHCORE_OK) {
        c = (struct verify_call){&key, &policy, RS256_2048_TOKEN, LEN(RS256_2048_TOKEN),
                                 RS256_NOW, buf, sizeof buf, {{0}}, 0};
        budget("RS256-2048 verify", &c, 3072);
    } else {
        check("RS256-2048 key", 0);
    }
    if (rsa4096(&key) == AUTHCORE_OK) {
        c = (struct verify_call){&key, &policy, RS256_4096_TOKEN, LEN(RS256_4096_TOKEN),
                                 RS256_NOW, buf, sizeof buf, {{0}}, 0};
        budget("RS256-4096 verify", &c, 5120);
    } else {
        check("RS256-4096 key", 0);
    }
#endif
    authcore_key_clear(&key);
}

int main(void) {
    say("authcore ", authcore_version());
    hs256();
#ifdef AUTHCORE_HAS_RSA
    rs256();
#endif
    session();
    stack_figures();
    summary();
    return failed == 0 ? 0 : 1;
}

#endif /* BASELINE */
