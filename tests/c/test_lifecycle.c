/*
 * C tests of the token-lifecycle C API: Authorization headers (format and parse), login and
 * refresh bodies, the expiry tracker and the session of each API style.
 *
 * Every function's success path with values from the APIs' documents and the RFCs; NULL for
 * every pointer; every buffer size from 0 to the needed size (output untouched, exact size
 * reported); hostile inputs (control characters, malformed JSON, absurd expiries); and each
 * API style's login response through the session across simulated time.
 *
 * Built as C99 (-Wall -Wextra -Werror) and as C++17, and run under ASan+UBSan and valgrind
 * by tests/c/Makefile. Ends with the line "N passed, N failed".
 */
#include "authcore.h"

/* The enum types stored in structs and written through pointers are fixed 32-bit types
 * whatever the compiler's enum size (arm-none-eabi-gcc: one byte by default). */
typedef char authcore_action_is_32_bits[sizeof(authcore_action) == 4 ? 1 : -1];
typedef char authcore_token_state_is_32_bits[sizeof(authcore_token_state) == 4 ? 1 : -1];
typedef char authcore_auth_scheme_is_32_bits[sizeof(authcore_auth_scheme) == 4 ? 1 : -1];
typedef char authcore_algorithm_is_32_bits[sizeof(authcore_algorithm) == 4 ? 1 : -1];

#include <stdio.h>
#include <string.h>

#include "check.h"

#define UNIX AUTHCORE_TIME_UNIX
#define MONO AUTHCORE_TIME_MONOTONIC

static const int64_t T0 = 1700000000;

/* ---------------------------------------------------------------------------------------
 * Every buffer size: a writer with the common string-output shape.
 */
typedef authcore_status (*writer)(char *out, size_t cap, size_t *len);

/* Checks that `w` writes exactly `want`: a size query, every capacity below the needed
 * size (status, exact size, buffer untouched), the exact size, and NULL outputs. */
static void check_sizes(const char *what, writer w, const char *want) {
    static char out[4096], ref[4096];
    size_t needed = 0, len, cap, n = strlen(want);
    authcore_status s = w(NULL, 0, &needed);
    if (s != AUTHCORE_BUFFER_TOO_SMALL || needed != n + 1) {
        failed++;
        fprintf(stderr, "%s: size query gave %d, needed %zu, want %zu\n", what, (int)s,
                needed, n + 1);
        return;
    }
    for (cap = 0; cap < needed; cap++) {
        memset(out, 0xAA, sizeof out);
        memset(ref, 0xAA, sizeof ref);
        len = 12345;
        s = w(out, cap, &len);
        if (s != AUTHCORE_BUFFER_TOO_SMALL || len != needed || memcmp(out, ref, sizeof out)) {
            failed++;
            fprintf(stderr, "%s: capacity %zu gave %d, len %zu\n", what, cap, (int)s, len);
            return;
        }
    }
    passed++;
    memset(out, 0xAA, sizeof out);
    CHECK_STATUS(w(out, needed, &len), AUTHCORE_OK);
    CHECK(len == n);
    CHECK_STR(out, want);
    CHECK((unsigned char)out[needed] == 0xAA); /* nothing past the NUL */
    CHECK_STATUS(w(out, needed, NULL), AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(w(NULL, needed, &len), AUTHCORE_NULL_ARGUMENT);
}

/* ---------------------------------------------------------------------------------------
 * Authorization headers.
 */
static const char RFC6750_TOKEN[] = "mF_9.B5f-4.1JqM";
static const char ARIA_TOKEN[] =
    "8f868cca-27cc-43d6-a838-c5467e73ec45::77cea9b2-1e87-490e-b626-e878beeaa23b";
static const char BLUECAT_BASIC[] =
    "YWRtaW46eUFiL3V1MVROalZPOUlwN1NOSDZjbjlacXUvSStCOUtrZnVwNGVWUQ==";

static authcore_status w_bearer(char *o, size_t c, size_t *l) {
    return authcore_authorization_format(AUTHCORE_HEADER_BEARER, RFC6750_TOKEN,
                                         strlen(RFC6750_TOKEN), o, c, l);
}
static authcore_status w_lower(char *o, size_t c, size_t *l) {
    return authcore_authorization_format(AUTHCORE_HEADER_LOWER_BEARER, RFC6750_TOKEN,
                                         strlen(RFC6750_TOKEN), o, c, l);
}
static authcore_status w_bare(char *o, size_t c, size_t *l) {
    return authcore_authorization_format(AUTHCORE_HEADER_BARE, ARIA_TOKEN, strlen(ARIA_TOKEN),
                                         o, c, l);
}
static authcore_status w_ready(char *o, size_t c, size_t *l) {
    return authcore_authorization_format(AUTHCORE_HEADER_BASIC_READY_MADE, BLUECAT_BASIC,
                                         strlen(BLUECAT_BASIC), o, c, l);
}
static authcore_status w_basic(char *o, size_t c, size_t *l) {
    /* RFC 7617 section 2. */
    return authcore_authorization_basic("Aladdin", 7, "open sesame", 11, o, c, l);
}
static authcore_status w_basic_utf8(char *o, size_t c, size_t *l) {
    /* RFC 7617 section 2.1: "test" / "123\u00A3" in UTF-8. */
    return authcore_authorization_basic("test", 4, "123\xC2\xA3", 5, o, c, l);
}
static authcore_status w_custom(char *o, size_t c, size_t *l) {
    return authcore_authorization_custom("OpsToken", 8, ARIA_TOKEN, strlen(ARIA_TOKEN), o, c, l);
}

static void test_authorization_format(void) {
    char out[256];
    size_t len = 0;
    static const char *const injected[] = {"abc\r\nX-Evil: 1", "abc\n", "a\tb", "a\x7f",
                                           "a\x01"};
    size_t i;

    check_sizes("Bearer", w_bearer, "Bearer mF_9.B5f-4.1JqM");
    check_sizes("bearer", w_lower, "bearer mF_9.B5f-4.1JqM");
    check_sizes("bare", w_bare, ARIA_TOKEN);
    check_sizes("Basic ready-made", w_ready,
                "Basic YWRtaW46eUFiL3V1MVROalZPOUlwN1NOSDZjbjlacXUvSStCOUtrZnVwNGVWUQ==");
    check_sizes("Basic", w_basic, "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
    check_sizes("Basic UTF-8", w_basic_utf8, "Basic dGVzdDoxMjPCow==");
    check_sizes("custom", w_custom,
                "OpsToken 8f868cca-27cc-43d6-a838-c5467e73ec45::77cea9b2-1e87-490e-b626-"
                "e878beeaa23b");

    /* Header injection and bad syntax, in every style. */
    for (i = 0; i < sizeof injected / sizeof *injected; i++) {
        const char *t = injected[i];
        uint32_t style;
        for (style = AUTHCORE_HEADER_BEARER; style <= AUTHCORE_HEADER_BASIC_READY_MADE;
             style++) {
            memset(out, 0x55, sizeof out);
            len = 777;
            CHECK_STATUS(authcore_authorization_format((authcore_header_style)style, t,
                                                       strlen(t), out, sizeof out, &len),
                         AUTHCORE_CONTROL_CHARACTER);
            CHECK(len == 777 && (unsigned char)out[0] == 0x55);
        }
        CHECK_STATUS(authcore_authorization_custom("OpsToken", 8, t, strlen(t), out, sizeof out,
                                                   &len),
                     AUTHCORE_CONTROL_CHARACTER);
        CHECK_STATUS(authcore_authorization_basic("user", 4, t, strlen(t), out, sizeof out,
                                                  &len),
                     AUTHCORE_CONTROL_CHARACTER);
        CHECK_STATUS(authcore_authorization_basic(t, strlen(t), "pw", 2, out, sizeof out,
                                                  &len),
                     AUTHCORE_CONTROL_CHARACTER);
    }
    /* A NUL inside the given length is a control character, not the end. */
    CHECK_STATUS(authcore_authorization_format(AUTHCORE_HEADER_BEARER, "ab\0cd", 5, out,
                                               sizeof out, &len),
                 AUTHCORE_CONTROL_CHARACTER);
    CHECK_STATUS(authcore_authorization_format(AUTHCORE_HEADER_BEARER, "a b", 3, out,
                                               sizeof out, &len),
                 AUTHCORE_INVALID_TOKEN_SYNTAX);
    CHECK_STATUS(authcore_authorization_format(AUTHCORE_HEADER_BEARER, "a::b", 4, out,
                                               sizeof out, &len),
                 AUTHCORE_INVALID_TOKEN_SYNTAX);
    CHECK_STATUS(authcore_authorization_format(AUTHCORE_HEADER_BEARER, "", 0, out, sizeof out,
                                               &len),
                 AUTHCORE_INVALID_TOKEN_SYNTAX);
    CHECK_STATUS(authcore_authorization_format(AUTHCORE_HEADER_BARE, "a b", 3, out, sizeof out,
                                               &len),
                 AUTHCORE_INVALID_TOKEN_SYNTAX);
    CHECK_STATUS(authcore_authorization_custom("Ops Token", 9, "abc", 3, out, sizeof out, &len),
                 AUTHCORE_INVALID_TOKEN_SYNTAX);
    CHECK_STATUS(authcore_authorization_custom("", 0, "abc", 3, out, sizeof out, &len),
                 AUTHCORE_INVALID_TOKEN_SYNTAX);
    CHECK_STATUS(authcore_authorization_basic("ad:min", 6, "pw", 2, out, sizeof out, &len),
                 AUTHCORE_COLON_IN_USER_ID);
    /* Not UTF-8. */
    CHECK_STATUS(authcore_authorization_format(AUTHCORE_HEADER_BEARER, "a\xff", 2, out,
                                               sizeof out, &len),
                 AUTHCORE_INVALID_UTF8);
    CHECK_STATUS(authcore_authorization_basic("u", 1, "\xc3", 1, out, sizeof out, &len),
                 AUTHCORE_INVALID_UTF8);
    CHECK_STATUS(authcore_authorization_custom("Ops\xff", 4, "abc", 3, out, sizeof out, &len),
                 AUTHCORE_INVALID_UTF8);
    /* Unknown styles. */
    CHECK_STATUS(authcore_authorization_format((authcore_header_style)0, "abc", 3, out, sizeof out,
                                               &len),
                 AUTHCORE_INVALID_ARGUMENT);
    CHECK_STATUS(authcore_authorization_format(AUTHCORE_HEADER_CUSTOM, "abc", 3, out, sizeof out,
                                               &len),
                 AUTHCORE_INVALID_ARGUMENT);
    /* NULL for every pointer. */
    CHECK_STATUS(authcore_authorization_format(AUTHCORE_HEADER_BEARER, NULL, 3, out,
                                               sizeof out, &len),
                 AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_authorization_basic(NULL, 1, "p", 1, out, sizeof out, &len),
                 AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_authorization_basic("u", 1, NULL, 1, out, sizeof out, &len),
                 AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_authorization_custom(NULL, 0, "abc", 3, out, sizeof out, &len),
                 AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_authorization_custom("X", 1, NULL, 3, out, sizeof out, &len),
                 AUTHCORE_NULL_ARGUMENT);
}

static authcore_status w_parse_basic_user(char *o, size_t c, size_t *l) {
    static char pw[64];
    size_t pl;
    const char *v = "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==";
    return authcore_authorization_parse_basic(v, strlen(v), o, c, l, pw, sizeof pw, &pl);
}
static authcore_status w_parse_basic_password(char *o, size_t c, size_t *l) {
    static char user[64];
    size_t ul;
    const char *v = "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==";
    return authcore_authorization_parse_basic(v, strlen(v), user, sizeof user, &ul, o, c, l);
}

static void test_authorization_parse(void) {
    authcore_authorization a, ref;
    char user[64], pw[64];
    size_t ul = 0, pl = 0, cu, cp;
    const char *v;

    v = "Bearer mF_9.B5f-4.1JqM";
    CHECK_STATUS(authcore_authorization_parse(v, strlen(v), &a), AUTHCORE_OK);
    CHECK(a.scheme == AUTHCORE_SCHEME_BEARER);
    CHECK(a.scheme_name == v && a.scheme_name_len == 6);
    CHECK(a.credentials == v + 7 && a.credentials_len == strlen(RFC6750_TOKEN));

    v = " \tbearer   abc== \t";
    CHECK_STATUS(authcore_authorization_parse(v, strlen(v), &a), AUTHCORE_OK);
    CHECK(a.scheme == AUTHCORE_SCHEME_BEARER);
    CHECK(a.scheme_name == v + 2 && a.scheme_name_len == 6);
    CHECK(a.credentials_len == 5 && memcmp(a.credentials, "abc==", 5) == 0);

    v = "BASIC QWxhZGRpbjpvcGVuIHNlc2FtZQ==";
    CHECK_STATUS(authcore_authorization_parse(v, strlen(v), &a), AUTHCORE_OK);
    CHECK(a.scheme == AUTHCORE_SCHEME_BASIC && a.scheme_name_len == 5);
    CHECK(a.credentials == v + 6 && a.credentials_len == 28);

    v = "OpsToken 8f868cca-27cc::77cea9b2";
    CHECK_STATUS(authcore_authorization_parse(v, strlen(v), &a), AUTHCORE_OK);
    CHECK(a.scheme == AUTHCORE_SCHEME_OTHER && a.scheme_name == v && a.scheme_name_len == 8);
    CHECK(a.credentials_len == 23 && memcmp(a.credentials, "8f868cca-27cc::77cea9b2", 23) == 0);

    /* A bare token reads as a scheme without credentials. */
    v = "eyJhbGciOi.eyJzdWIi.sig";
    CHECK_STATUS(authcore_authorization_parse(v, strlen(v), &a), AUTHCORE_OK);
    CHECK(a.scheme == AUTHCORE_SCHEME_OTHER && a.scheme_name_len == strlen(v));
    CHECK(a.credentials_len == 0);

    /* Hostile values: nothing written. */
    memset(&a, 0x5A, sizeof a);
    memcpy(&ref, &a, sizeof a);
    v = "Bearer abc\r\nX-Evil: 1";
    CHECK_STATUS(authcore_authorization_parse(v, strlen(v), &a), AUTHCORE_CONTROL_CHARACTER);
    CHECK_STATUS(authcore_authorization_parse("Bearer a\0b", 10, &a), AUTHCORE_CONTROL_CHARACTER);
    CHECK_STATUS(authcore_authorization_parse("Bearer", 6, &a), AUTHCORE_MALFORMED_AUTHORIZATION);
    CHECK_STATUS(authcore_authorization_parse("Bearer a b", 10, &a),
                 AUTHCORE_MALFORMED_AUTHORIZATION);
    CHECK_STATUS(authcore_authorization_parse("Basic ???", 9, &a),
                 AUTHCORE_MALFORMED_AUTHORIZATION);
    CHECK_STATUS(authcore_authorization_parse("Be@rer abc", 10, &a),
                 AUTHCORE_MALFORMED_AUTHORIZATION);
    CHECK_STATUS(authcore_authorization_parse("", 0, &a), AUTHCORE_MALFORMED_AUTHORIZATION);
    CHECK_STATUS(authcore_authorization_parse("Bearer \xff", 8, &a), AUTHCORE_INVALID_UTF8);
    CHECK(memcmp(&a, &ref, sizeof a) == 0);
    CHECK_STATUS(authcore_authorization_parse(NULL, 3, &a), AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_authorization_parse("Bearer x", 8, NULL), AUTHCORE_NULL_ARGUMENT);

    /* Basic credentials decoded into two buffers. */
    v = "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==";
    CHECK_STATUS(authcore_authorization_parse_basic(v, strlen(v), user, sizeof user, &ul, pw,
                                                    sizeof pw, &pl),
                 AUTHCORE_OK);
    CHECK_STR(user, "Aladdin");
    CHECK_STR(pw, "open sesame");
    CHECK(ul == 7 && pl == 11);
    check_sizes("Basic user id", w_parse_basic_user, "Aladdin");
    check_sizes("Basic password", w_parse_basic_password, "open sesame");
    /* Both or neither: every pair of too-small capacities reports both sizes. */
    for (cu = 0; cu <= 8; cu++) {
        for (cp = 0; cp <= 12; cp++) {
            authcore_status s;
            if (cu == 8 && cp == 12) {
                continue;
            }
            memset(user, 0x33, sizeof user);
            memset(pw, 0x33, sizeof pw);
            ul = pl = 0;
            s = authcore_authorization_parse_basic(v, strlen(v), user, cu, &ul, pw, cp, &pl);
            if (s != AUTHCORE_BUFFER_TOO_SMALL || ul != 8 || pl != 12 || user[0] != 0x33 ||
                pw[0] != 0x33) {
                failed++;
                fprintf(stderr, "parse_basic %zu/%zu gave %d (%zu, %zu)\n", cu, cp, (int)s, ul,
                        pl);
            } else {
                passed++;
            }
        }
    }
    /* RFC 7617 2.1's UTF-8 password; an empty password. */
    v = "Basic dGVzdDoxMjPCow==";
    CHECK_STATUS(authcore_authorization_parse_basic(v, strlen(v), user, sizeof user, &ul, pw,
                                                    sizeof pw, &pl),
                 AUTHCORE_OK);
    CHECK_STR(pw, "123\xC2\xA3");
    v = "basic dXNlcjo="; /* "user:" */
    CHECK_STATUS(authcore_authorization_parse_basic(v, strlen(v), user, sizeof user, &ul, pw,
                                                    sizeof pw, &pl),
                 AUTHCORE_OK);
    CHECK(ul == 4 && pl == 0 && pw[0] == 0);
    /* Not Basic; no ':' ("foo"); a control character inside ("a\nb:c"); not canonical;
     * not UTF-8 inside (0xff ':' 'x'); longer than AUTHCORE_MAX_BASIC_CREDENTIALS. */
    {
        static const char *const bad[] = {"Bearer abc", "Basic Zm9v", "Basic YQpiOmM=",
                                          "Basic QWxhZGRpbjpvcGVuIHNlc2FtZR==", "Basic /zp4"};
        static const authcore_status want[] = {
            AUTHCORE_MALFORMED_AUTHORIZATION, AUTHCORE_MALFORMED_AUTHORIZATION,
            AUTHCORE_CONTROL_CHARACTER, AUTHCORE_MALFORMED_AUTHORIZATION,
            AUTHCORE_MALFORMED_AUTHORIZATION};
        static char big[1200];
        size_t i;
        for (i = 0; i < 5; i++) {
            memset(user, 0x33, sizeof user);
            ul = pl = 99;
            CHECK_STATUS(authcore_authorization_parse_basic(bad[i], strlen(bad[i]), user,
                                                            sizeof user, &ul, pw, sizeof pw,
                                                            &pl),
                         want[i]);
            CHECK(user[0] == 0x33 && ul == 99 && pl == 99);
        }
        memcpy(big, "Basic ", 6);
        memset(big + 6, 'Q', 688); /* 688 base64 characters: 516 bytes decoded */
        big[694] = 0;
        CHECK_STATUS(authcore_authorization_parse_basic(big, strlen(big), user, sizeof user,
                                                        &ul, pw, sizeof pw, &pl),
                     AUTHCORE_TOKEN_TOO_LARGE);
    }
    v = "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==";
    CHECK_STATUS(authcore_authorization_parse_basic(NULL, 3, user, sizeof user, &ul, pw,
                                                    sizeof pw, &pl),
                 AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_authorization_parse_basic(v, strlen(v), NULL, sizeof user, &ul, pw,
                                                    sizeof pw, &pl),
                 AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_authorization_parse_basic(v, strlen(v), user, sizeof user, NULL, pw,
                                                    sizeof pw, &pl),
                 AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_authorization_parse_basic(v, strlen(v), user, sizeof user, &ul,
                                                    NULL, sizeof pw, &pl),
                 AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_authorization_parse_basic(v, strlen(v), user, sizeof user, &ul, pw,
                                                    sizeof pw, NULL),
                 AUTHCORE_NULL_ARGUMENT);
}

/* ---------------------------------------------------------------------------------------
 * Login and refresh bodies.
 */
static authcore_credentials creds(const char *user, const char *password, const char *source) {
    authcore_credentials c;
    c.username = user;
    c.username_len = strlen(user);
    c.password = password;
    c.password_len = strlen(password);
    c.auth_source = source;
    c.auth_source_len = source ? strlen(source) : 0;
    return c;
}

static authcore_status w_json(char *o, size_t c, size_t *l) {
    authcore_credentials cr = creds("a\"d\\min", "pa\nss\x01\xE2\x80\xA8", NULL);
    return authcore_login_body_json(&cr, o, c, l);
}
static authcore_status w_json_source(char *o, size_t c, size_t *l) {
    authcore_credentials cr = creds("admin", "VMware1!", "vIDMAuthSource");
    return authcore_login_body_json(&cr, o, c, l);
}
static authcore_status w_form(char *o, size_t c, size_t *l) {
    authcore_credentials cr = creds("jdoe@lab.org", "pa ss&=\xC3\xA4", NULL);
    return authcore_login_body_form(&cr, o, c, l);
}
static authcore_status w_password_grant(char *o, size_t c, size_t *l) {
    /* RFC 6749 4.3.2's example, with a scope and a client id. */
    authcore_credentials cr = creds("johndoe", "A3ddj3w", "ignored");
    return authcore_oauth_password_grant(&cr, "read write", 10, "device-42", 9, o, c, l);
}
static authcore_status w_refresh_grant(char *o, size_t c, size_t *l) {
    /* RFC 6749 6's example. */
    return authcore_oauth_refresh_grant("tGzv3JOkF0XG5Qx2TlKWIA", 22, NULL, 0, NULL, 0, o, c, l);
}

static void test_bodies(void) {
    char out[256];
    size_t len = 0;
    authcore_credentials c = creds("u", "p", NULL);

    check_sizes("JSON login", w_json,
                "{\"username\":\"a\\\"d\\\\min\",\"password\":\"pa\\nss\\u0001\\u2028\"}");
    check_sizes("JSON login with authSource", w_json_source,
                "{\"username\":\"admin\",\"password\":\"VMware1!\",\"authSource\":"
                "\"vIDMAuthSource\"}");
    check_sizes("form login", w_form, "username=jdoe%40lab.org&password=pa+ss%26%3D%C3%A4");
    check_sizes("password grant", w_password_grant,
                "grant_type=password&username=johndoe&password=A3ddj3w&scope=read+write&"
                "client_id=device-42");
    check_sizes("refresh grant", w_refresh_grant,
                "grant_type=refresh_token&refresh_token=tGzv3JOkF0XG5Qx2TlKWIA");
    CHECK_STATUS(authcore_oauth_password_grant(&c, NULL, 0, NULL, 0, out, sizeof out, &len),
                 AUTHCORE_OK);
    CHECK_STR(out, "grant_type=password&username=u&password=p");

    /* NULL and non-UTF-8 in every pointer. */
    CHECK_STATUS(authcore_login_body_json(NULL, out, sizeof out, &len), AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_login_body_form(NULL, out, sizeof out, &len), AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_oauth_password_grant(NULL, NULL, 0, NULL, 0, out, sizeof out, &len),
                 AUTHCORE_NULL_ARGUMENT);
    c.username = NULL;
    CHECK_STATUS(authcore_login_body_json(&c, out, sizeof out, &len), AUTHCORE_NULL_ARGUMENT);
    c = creds("u", "p", NULL);
    c.password = NULL;
    CHECK_STATUS(authcore_login_body_form(&c, out, sizeof out, &len), AUTHCORE_NULL_ARGUMENT);
    c = creds("u", "\xff", NULL);
    CHECK_STATUS(authcore_login_body_json(&c, out, sizeof out, &len), AUTHCORE_INVALID_UTF8);
    c = creds("u", "p", "\xfe");
    CHECK_STATUS(authcore_login_body_json(&c, out, sizeof out, &len), AUTHCORE_INVALID_UTF8);
    c = creds("u", "p", NULL);
    CHECK_STATUS(authcore_oauth_password_grant(&c, "\xff", 1, NULL, 0, out, sizeof out, &len),
                 AUTHCORE_INVALID_UTF8);
    CHECK_STATUS(authcore_oauth_refresh_grant(NULL, 3, NULL, 0, NULL, 0, out, sizeof out, &len),
                 AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_oauth_refresh_grant("abc", 3, NULL, 0, "\xff", 1, out, sizeof out, &len),
                 AUTHCORE_INVALID_UTF8);
    CHECK_STATUS(authcore_oauth_refresh_grant("abc", 3, NULL, 0, NULL, 0, out, sizeof out, NULL),
                 AUTHCORE_NULL_ARGUMENT);

    /* An optional string is absent when its pointer is NULL; a length without a string is
     * a mix-up, refused, and nothing is written. */
    memset(out, 'x', sizeof out);
    len = 7;
    CHECK_STATUS(authcore_oauth_password_grant(&c, NULL, 4, NULL, 0, out, sizeof out, &len),
                 AUTHCORE_INVALID_ARGUMENT);
    CHECK_STATUS(authcore_oauth_password_grant(&c, "read", 4, NULL, 9, out, sizeof out, &len),
                 AUTHCORE_INVALID_ARGUMENT);
    CHECK_STATUS(authcore_oauth_refresh_grant("abc", 3, NULL, 1, NULL, 0, out, sizeof out, &len),
                 AUTHCORE_INVALID_ARGUMENT);
    CHECK_STATUS(authcore_oauth_refresh_grant("abc", 3, NULL, 0, NULL, 2, out, sizeof out, &len),
                 AUTHCORE_INVALID_ARGUMENT);
    c.auth_source_len = 5;
    CHECK_STATUS(authcore_login_body_json(&c, out, sizeof out, &len), AUTHCORE_INVALID_ARGUMENT);
    CHECK(out[0] == 'x' && len == 7);
    /* Present but empty is a value: written as one. */
    c = creds("u", "p", NULL);
    CHECK_STATUS(authcore_oauth_password_grant(&c, "", 0, "c", 1, out, sizeof out, &len),
                 AUTHCORE_OK);
    CHECK_STR(out, "grant_type=password&username=u&password=p&scope=&client_id=c");
    /* Strings are read by their lengths, never up to a NUL. */
    CHECK_STATUS(authcore_oauth_refresh_grant("abcdef", 3, "read write", 4, "device-42", 6, out,
                                              sizeof out, &len),
                 AUTHCORE_OK);
    CHECK_STR(out, "grant_type=refresh_token&refresh_token=abc&scope=read&client_id=device");
    CHECK(len == strlen(out));
}

/* ---------------------------------------------------------------------------------------
 * The expiry tracker.
 */
static authcore_refresh_policy default_policy(void) {
    authcore_refresh_policy p;
    CHECK_STATUS(authcore_refresh_policy_default(&p), AUTHCORE_OK);
    return p;
}

/* "fresh 123", "soon 45", "expired 0": the status at `now`, as text. */
static const char *tstatus(const authcore_tracker *t, int64_t now) {
    static char text[64];
    authcore_token_status s;
    authcore_status st = authcore_tracker_status(t, now, &s);
    if (st != AUTHCORE_OK) {
        snprintf(text, sizeof text, "error %s", authcore_status_str(st));
    } else {
        snprintf(text, sizeof text, "%s %lld",
                 s.state == AUTHCORE_TOKEN_FRESH         ? "fresh"
                 : s.state == AUTHCORE_TOKEN_REFRESH_SOON ? "soon"
                 : s.state == AUTHCORE_TOKEN_EXPIRED      ? "expired"
                                                          : "?",
                 (long long)s.remaining);
    }
    return text;
}

static void test_tracker(void) {
    authcore_refresh_policy p = default_policy(), immport;
    authcore_tracker t, ref;
    int64_t end = 0;
    bool pinned = true;
    char huge[40];

    CHECK(p.margin_secs == 60 && p.margin_permille == 100 && p.leeway == 5 &&
          p.max_skew == 300);
    CHECK(sizeof(authcore_tracker) == AUTHCORE_TRACKER_SIZE);

    /* expires_in 3600: 10 % margin = 360 s, 5 s leeway. */
    CHECK_STATUS(authcore_tracker_after(&t, &p, T0, 3600), AUTHCORE_OK);
    CHECK_STR(tstatus(&t, T0), "fresh 3595");
    CHECK_STR(tstatus(&t, T0 + 3234), "fresh 361");
    CHECK_STR(tstatus(&t, T0 + 3235), "soon 360");
    CHECK_STR(tstatus(&t, T0 + 3594), "soon 1");
    CHECK_STR(tstatus(&t, T0 + 3595), "expired 0");
    CHECK_STATUS(authcore_tracker_expires_at(&t, &end), AUTHCORE_OK);
    CHECK(end == T0 + 3600);
    CHECK_STATUS(authcore_tracker_touch(&t, T0 + 10), AUTHCORE_OK);
    CHECK_STR(tstatus(&t, T0 + 10), "fresh 3585"); /* a fixed window does not slide */
    CHECK_STATUS(authcore_tracker_touch(&t, T0 + 3595), AUTHCORE_EXPIRED);

    /* Unknown expiry. */
    CHECK_STATUS(authcore_tracker_unbounded(&t, &p, T0), AUTHCORE_OK);
    CHECK_STR(tstatus(&t, T0 + 1000000000), "fresh 9223372036854775807");
    end = 42;
    CHECK_STATUS(authcore_tracker_expires_at(&t, &end), AUTHCORE_NOT_FOUND);
    CHECK(end == 42);

    /* Absolute: Unix seconds, epoch milliseconds, RFC 3339. */
    CHECK_STATUS(authcore_tracker_at(&t, &p, T0, T0 + 600), AUTHCORE_OK);
    CHECK_STR(tstatus(&t, T0 + 534), "fresh 61");
    CHECK_STR(tstatus(&t, T0 + 535), "soon 60");
    CHECK_STATUS(authcore_tracker_at_unix_millis(&t, &p, T0, (T0 + 21600) * 1000 + 999),
                 AUTHCORE_OK);
    CHECK_STATUS(authcore_tracker_expires_at(&t, &end), AUTHCORE_OK);
    CHECK(end == T0 + 21600); /* floored */
    CHECK_STATUS(authcore_tracker_at_rfc3339(&t, &p, 1674337248 - 86400,
                                             "2023-01-21T21:40:48Z", 20),
                 AUTHCORE_OK);
    CHECK_STATUS(authcore_tracker_expires_at(&t, &end), AUTHCORE_OK);
    CHECK(end == 1674337248);
    CHECK_STR(tstatus(&t, 1674337248 - 86400), "fresh 86395");
    CHECK_STATUS(authcore_tracker_at_rfc3339(&t, &p, T0, "2023-01-21T23:40:48+02:00", 25),
                 AUTHCORE_OK);
    CHECK_STATUS(authcore_tracker_expires_at(&t, &end), AUTHCORE_OK);
    CHECK(end == 1674337248);

    /* JWT exp/iat: the wall clock agrees with iat; disagrees by a year (anchored); the
     * monotonic clock (anchored, iat required); the lifetime alone. */
    CHECK_STATUS(authcore_tracker_jwt(&t, &p, 1670441226, UNIX, 1670441825, true, 1670441225),
                 AUTHCORE_OK);
    CHECK_STR(tstatus(&t, 1670441226), "fresh 594");
    CHECK_STATUS(authcore_tracker_jwt(&t, &p, 1670441225 - 31536000, UNIX, 1670441825, true,
                                      1670441225),
                 AUTHCORE_OK);
    CHECK_STR(tstatus(&t, 1670441225 - 31536000), "fresh 595");
    CHECK_STATUS(authcore_tracker_jwt(&t, &p, 1670441225 - 31536000, UNIX, 1670441825, false,
                                      0),
                 AUTHCORE_OK);
    CHECK_STR(tstatus(&t, 1670441225 - 31536000), "fresh 31536595");
    CHECK_STATUS(authcore_tracker_jwt(&t, &p, 30, MONO, 1670441825, true, 1670441225),
                 AUTHCORE_OK);
    CHECK_STR(tstatus(&t, 30), "fresh 595");
    CHECK_STR(tstatus(&t, 625), "expired 0");
    CHECK_STATUS(authcore_tracker_jwt_lifetime(&t, &p, 7, 1670441825, 1670441225), AUTHCORE_OK);
    CHECK_STR(tstatus(&t, 7), "fresh 595");

    /* Bad and absurd expiries: status, and the tracker untouched. */
    memset(&t, 0x5A, sizeof t);
    memcpy(&ref, &t, sizeof t);
    CHECK_STATUS(authcore_tracker_jwt(&t, &p, 30, MONO, 1670441825, false, 0),
                 AUTHCORE_MISSING_CLAIM);
    CHECK_STATUS(authcore_tracker_jwt(&t, &p, 30, (authcore_time_base)0, 1670441825, true,
                                      1670441225),
                 AUTHCORE_INVALID_ARGUMENT);
    CHECK_STATUS(authcore_tracker_jwt(&t, &p, 30, (authcore_time_base)3, 1670441825, true,
                                      1670441225),
                 AUTHCORE_INVALID_ARGUMENT);
    CHECK_STATUS(authcore_tracker_jwt_lifetime(&t, &p, 7, 1670441225, 1670441825),
                 AUTHCORE_EXPIRY_OUT_OF_RANGE);
    CHECK_STATUS(authcore_tracker_jwt_lifetime(&t, &p, 7, INT64_MAX, 0),
                 AUTHCORE_EXPIRY_OUT_OF_RANGE);
    CHECK_STATUS(authcore_tracker_after(&t, &p, T0, -1), AUTHCORE_EXPIRY_OUT_OF_RANGE);
    CHECK_STATUS(authcore_tracker_after(&t, &p, T0, INT64_MAX), AUTHCORE_EXPIRY_OUT_OF_RANGE);
    CHECK_STATUS(authcore_tracker_after(&t, &p, INT64_MAX - 5, 10),
                 AUTHCORE_EXPIRY_OUT_OF_RANGE);
    CHECK_STATUS(authcore_tracker_at(&t, &p, T0, INT64_MAX), AUTHCORE_EXPIRY_OUT_OF_RANGE);
    CHECK_STATUS(authcore_tracker_at(&t, &p, T0, INT64_MIN), AUTHCORE_EXPIRY_OUT_OF_RANGE);
    CHECK_STATUS(authcore_tracker_at(&t, &p, T0, 253402300800), AUTHCORE_EXPIRY_OUT_OF_RANGE);
    CHECK_STATUS(authcore_tracker_at_unix_millis(&t, &p, T0, INT64_MAX),
                 AUTHCORE_EXPIRY_OUT_OF_RANGE);
    CHECK_STATUS(authcore_tracker_at_rfc3339(&t, &p, T0, "2023-02-29T21:40:48Z", 20),
                 AUTHCORE_DATE_TIME);
    CHECK_STATUS(authcore_tracker_at_rfc3339(&t, &p, T0, "2023-01-21T21:40:48Z\n", 21),
                 AUTHCORE_DATE_TIME);
    CHECK_STATUS(authcore_tracker_at_rfc3339(&t, &p, T0, "tomorrow", 8), AUTHCORE_DATE_TIME);
    CHECK_STATUS(authcore_tracker_at_rfc3339(&t, &p, T0, "", 0), AUTHCORE_DATE_TIME);
    snprintf(huge, sizeof huge, "99999999999-01-01T00:00:00Z");
    CHECK_STATUS(authcore_tracker_at_rfc3339(&t, &p, T0, huge, strlen(huge)),
                 AUTHCORE_DATE_TIME);
    CHECK_STATUS(authcore_tracker_at_rfc3339(&t, &p, T0, "2023-01-21T21:40:48\xff", 20),
                 AUTHCORE_INVALID_UTF8);
    CHECK(memcmp(&t, &ref, sizeof t) == 0);
    /* Not a tracker: every reader and writer refuses it. */
    CHECK_STATUS(authcore_tracker_status(&t, T0, NULL), AUTHCORE_NULL_ARGUMENT);
    {
        authcore_token_status s;
        CHECK_STATUS(authcore_tracker_status(&t, T0, &s), AUTHCORE_UNINITIALIZED);
    }
    CHECK_STATUS(authcore_tracker_touch(&t, T0), AUTHCORE_UNINITIALIZED);
    CHECK_STATUS(authcore_tracker_pin(&t, T0), AUTHCORE_UNINITIALIZED);
    CHECK_STATUS(authcore_tracker_unpin(&t), AUTHCORE_UNINITIALIZED);
    CHECK_STATUS(authcore_tracker_make_sliding(&t, 10), AUTHCORE_UNINITIALIZED);
    CHECK_STATUS(authcore_tracker_is_pinned(&t, &pinned), AUTHCORE_UNINITIALIZED);
    CHECK_STATUS(authcore_tracker_expires_at(&t, &end), AUTHCORE_UNINITIALIZED);
    CHECK(memcmp(&t, &ref, sizeof t) == 0);

    /* Sliding (Aria Operations): 6 h from the last call. */
    CHECK_STATUS(authcore_tracker_unbounded(&t, &p, T0), AUTHCORE_OK);
    CHECK_STATUS(authcore_tracker_make_sliding(&t, 21600), AUTHCORE_OK);
    CHECK_STATUS(authcore_tracker_expires_at(&t, &end), AUTHCORE_OK);
    CHECK(end == T0 + 21600);
    CHECK_STR(tstatus(&t, T0 + 18000), "fresh 3595");
    CHECK_STATUS(authcore_tracker_touch(&t, T0 + 18000), AUTHCORE_OK);
    CHECK_STR(tstatus(&t, T0 + 36000), "fresh 3595");
    CHECK_STR(tstatus(&t, T0 + 38000), "soon 1595");
    CHECK_STATUS(authcore_tracker_touch(&t, T0 + 39595), AUTHCORE_EXPIRED);
    CHECK_STATUS(authcore_tracker_expires_at(&t, &end), AUTHCORE_OK);
    CHECK(end == T0 + 39600); /* not revived */

    /* Pinning (ImmPort): 60 s window, 15 s margin. */
    immport = p;
    immport.margin_secs = 15;
    immport.margin_permille = 0;
    CHECK_STATUS(authcore_tracker_after(&t, &immport, T0, 60), AUTHCORE_OK);
    CHECK_STATUS(authcore_tracker_is_pinned(&t, &pinned), AUTHCORE_OK);
    CHECK(!pinned);
    CHECK_STR(tstatus(&t, T0 + 39), "fresh 16");
    CHECK_STR(tstatus(&t, T0 + 40), "soon 15");
    CHECK_STATUS(authcore_tracker_pin(&t, T0 + 50), AUTHCORE_OK);
    CHECK_STATUS(authcore_tracker_is_pinned(&t, &pinned), AUTHCORE_OK);
    CHECK(pinned);
    CHECK_STR(tstatus(&t, T0 + 600), "soon 5");
    /* A refused re-pin keeps the pin it had. */
    CHECK_STATUS(authcore_tracker_pin(&t, T0 + 600), AUTHCORE_EXPIRED);
    CHECK_STATUS(authcore_tracker_is_pinned(&t, &pinned), AUTHCORE_OK);
    CHECK(pinned);
    CHECK_STR(tstatus(&t, T0 + 600), "soon 5");
    CHECK_STATUS(authcore_tracker_unpin(&t), AUTHCORE_OK);
    CHECK_STR(tstatus(&t, T0 + 600), "expired 0");

    /* NULL for every pointer. */
    CHECK_STATUS(authcore_refresh_policy_default(NULL), AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_tracker_after(NULL, &p, T0, 1), AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_tracker_after(&t, NULL, T0, 1), AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_tracker_unbounded(NULL, &p, T0), AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_tracker_unbounded(&t, NULL, T0), AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_tracker_at(NULL, &p, T0, T0), AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_tracker_at(&t, NULL, T0, T0), AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_tracker_at_unix_millis(NULL, &p, T0, 0), AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_tracker_at_unix_millis(&t, NULL, T0, 0), AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_tracker_at_rfc3339(NULL, &p, T0, "2023-01-21T21:40:48Z", 20),
                 AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_tracker_at_rfc3339(&t, NULL, T0, "2023-01-21T21:40:48Z", 20),
                 AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_tracker_at_rfc3339(&t, &p, T0, NULL, 20), AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_tracker_jwt(NULL, &p, T0, UNIX, T0, false, 0), AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_tracker_jwt(&t, NULL, T0, UNIX, T0, false, 0), AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_tracker_jwt_lifetime(NULL, &p, T0, T0, T0), AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_tracker_jwt_lifetime(&t, NULL, T0, T0, T0), AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_tracker_make_sliding(NULL, 1), AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_tracker_status(NULL, T0, NULL), AUTHCORE_NULL_ARGUMENT);
    {
        authcore_token_status ts;
        CHECK_STATUS(authcore_tracker_status(NULL, T0, &ts), AUTHCORE_NULL_ARGUMENT);
    }
    CHECK_STATUS(authcore_tracker_expires_at(NULL, &end), AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_tracker_expires_at(&t, NULL), AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_tracker_touch(NULL, T0), AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_tracker_pin(NULL, T0), AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_tracker_unpin(NULL), AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_tracker_is_pinned(NULL, &pinned), AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_tracker_is_pinned(&t, NULL), AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_tracker_clear(NULL), AUTHCORE_NULL_ARGUMENT);
    /* Clearing makes it a non-tracker. */
    CHECK_STATUS(authcore_tracker_clear(&t), AUTHCORE_OK);
    CHECK_STR(tstatus(&t, T0), "error object storage was not initialized");
}

/* ---------------------------------------------------------------------------------------
 * Sessions.
 */
static authcore_session S; /* 5 KiB: kept off the stack */

/* What `next` says at `now`, as text: "send <header> (<remaining>)", "refresh
 * [<authorization>|<body>|<content type>] (<remaining or none>)", "log in (<...>)". */
static const char *step(const authcore_session *s, int64_t now, authcore_time_base base) {
    static char buf[4096], text[5000];
    char rem[32];
    size_t len = 0;
    authcore_next n;
    authcore_status st = authcore_session_next(s, now, base, buf, sizeof buf, &len, &n);
    if (st != AUTHCORE_OK) {
        snprintf(text, sizeof text, "error %s", authcore_status_str(st));
        return text;
    }
    if (n.usable) {
        snprintf(rem, sizeof rem, "%lld", (long long)n.remaining);
    } else {
        snprintf(rem, sizeof rem, "none%s", n.remaining == 0 ? "" : "?");
    }
    switch (n.action) {
    case AUTHCORE_ACTION_SEND:
        snprintf(text, sizeof text, "send %s (%s)%s", n.request.authorization, rem,
                 n.request.body || n.request.content_type ? " !" : "");
        break;
    case AUTHCORE_ACTION_REFRESH:
        snprintf(text, sizeof text, "refresh [%s|%s|%s] (%s)",
                 n.request.authorization ? n.request.authorization : "-",
                 n.request.body ? n.request.body : "-",
                 n.request.content_type ? n.request.content_type : "-", rem);
        break;
    case AUTHCORE_ACTION_LOG_IN:
        /* While the token works, the header to send meanwhile; nothing else, ever. */
        if (n.request.authorization) {
            snprintf(text, sizeof text, "log in, meanwhile %s (%s)%s", n.request.authorization,
                     rem, n.usable && !n.request.body && !n.request.content_type ? "" : " !");
        } else {
            snprintf(text, sizeof text, "log in (%s)%s", rem,
                     n.usable || n.request.body || n.request.content_type || len ? " !" : "");
        }
        break;
    default:
        snprintf(text, sizeof text, "unknown action %d", (int)n.action);
    }
    return text;
}

/* The login request as "[<authorization>|<body>|<content type>]". */
static const char *login(const authcore_session *s, const authcore_credentials *c) {
    static char buf[1024], text[1100];
    size_t len = 0;
    authcore_request r;
    authcore_status st = authcore_session_login_request(s, c, buf, sizeof buf, &len, &r);
    if (st != AUTHCORE_OK) {
        snprintf(text, sizeof text, "error %s", authcore_status_str(st));
        return text;
    }
    snprintf(text, sizeof text, "[%s|%s|%s]", r.authorization ? r.authorization : "-",
             r.body ? r.body : "-", r.content_type ? r.content_type : "-");
    return text;
}

static authcore_status accept_login(const char *json, int64_t now, authcore_time_base base) {
    return authcore_session_accept_login(&S, json, strlen(json), now, base);
}

static authcore_key KEY;

/* An HS256 JWT with these claims. */
static const char *jwt(const char *claims, char *out) {
    size_t len = 0;
    CHECK_STATUS(authcore_sign_hmac(&KEY, claims, strlen(claims), NULL, 0, out,
                                    1024, &len),
                 AUTHCORE_OK);
    return out;
}

static char want[5000], response[5000];

/* A datarhei Core access token as its documentation shows it (HS256, exi 600). */
static const char DATARHEI_ACCESS[] =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleGkiOjYwMCwiZXhwIjoxNjcwNDQxODI1LCJpYXQiOjE2NzA0"
    "NDEyMjUsImlzcyI6ImRhdGFyaGVpLWNvcmUiLCJqdGkiOiJhZWU4OTZhNS05ZThhLTRlMGQtYjk4Zi01NTA3NTUw"
    "NzA2YzUiLCJzdWIiOiJhZG1pbiIsInVzZWZvciI6ImFjY2VzcyJ9.xrnIfNZU9Z0nrUxYddpPQOMO7ypHA2vuqrYu"
    "Ar95elg";
static const int64_t IAT = 1670441225;

static void test_datarhei(void) {
    char refresh[1024], access2[1024];
    authcore_credentials c = creds("admin", "datarhei", NULL);
    authcore_token_status ts;

    jwt("{\"exi\":86400,\"exp\":1670527625,\"iat\":1670441225,\"iss\":\"datarhei-core\","
        "\"sub\":\"admin\",\"usefor\":\"refresh\"}",
        refresh);
    CHECK_STATUS(authcore_session_init(&S, AUTHCORE_API_DATARHEI, NULL, 0, NULL, 0), AUTHCORE_OK);
    CHECK_STR(step(&S, IAT, UNIX), "log in (none)");
    CHECK_STR(login(&S, &c), "[-|{\"username\":\"admin\",\"password\":\"datarhei\"}|"
                             "application/json]");
    snprintf(response, sizeof response, "{\"access_token\":\"%s\",\"refresh_token\":\"%s\"}",
             DATARHEI_ACCESS, refresh);
    CHECK_STATUS(accept_login(response, IAT + 1, UNIX), AUTHCORE_OK);
    /* Just after login: exp - 5 s leeway - now. */
    snprintf(want, sizeof want, "send Bearer %s (594)", DATARHEI_ACCESS);
    CHECK_STR(step(&S, IAT + 1, UNIX), want);
    snprintf(want, sizeof want, "send Bearer %s (61)", DATARHEI_ACCESS);
    CHECK_STR(step(&S, IAT + 534, UNIX), want);
    /* Inside the refresh margin (60 s): refresh with the refresh token as Bearer. */
    snprintf(want, sizeof want, "refresh [Bearer %s|-|-] (60)", refresh);
    CHECK_STR(step(&S, IAT + 535, UNIX), want);
    /* The refresh answer carries only a new access token; the refresh token stays. */
    jwt("{\"exi\":600,\"exp\":1670442360,\"iat\":1670441760,\"usefor\":\"access\"}", access2);
    snprintf(response, sizeof response, "{\"access_token\":\"%s\"}", access2);
    CHECK_STATUS(authcore_session_accept_refresh(&S, response, strlen(response), IAT + 535,
                                                 UNIX),
                 AUTHCORE_OK);
    snprintf(want, sizeof want, "send Bearer %s (595)", access2);
    CHECK_STR(step(&S, IAT + 535, UNIX), want);
    /* Expired access token, good refresh token. */
    snprintf(want, sizeof want, "refresh [Bearer %s|-|-] (none)", refresh);
    CHECK_STR(step(&S, IAT + 2000, UNIX), want);
    CHECK_STATUS(authcore_session_refresh_status(&S, IAT + 2000, UNIX, &ts), AUTHCORE_OK);
    CHECK(ts.state == AUTHCORE_TOKEN_FRESH && ts.remaining == 86395 - 2000);
    /* Refresh token expired too: log in again. */
    CHECK_STR(step(&S, IAT + 86395, UNIX), "log in (none)");
    CHECK_STATUS(authcore_session_refresh_status(&S, IAT + 86395, UNIX, &ts), AUTHCORE_OK);
    CHECK(ts.state == AUTHCORE_TOKEN_EXPIRED && ts.remaining == 0);
    /* Log in again: a new pair. */
    jwt("{\"exi\":600,\"exp\":1670528220,\"iat\":1670527620,\"usefor\":\"access\"}", access2);
    jwt("{\"exi\":86400,\"exp\":1670614020,\"iat\":1670527620,\"usefor\":\"refresh\"}",
        refresh);
    snprintf(response, sizeof response, "{\"access_token\":\"%s\",\"refresh_token\":\"%s\"}",
             access2, refresh);
    CHECK_STATUS(accept_login(response, IAT + 86395, UNIX), AUTHCORE_OK);
    snprintf(want, sizeof want, "send Bearer %s (595)", access2);
    CHECK_STR(step(&S, IAT + 86395, UNIX), want);
    /* Logout: both tokens go. */
    CHECK_STATUS(authcore_session_forget(&S), AUTHCORE_OK);
    CHECK_STR(step(&S, IAT + 86395, UNIX), "log in (none)");
    CHECK_STATUS(authcore_session_refresh_status(&S, IAT + 86395, UNIX, &ts),
                 AUTHCORE_NO_REFRESH_TOKEN);

    /* No RTC: seconds since boot, the lifetime anchored at receipt. */
    CHECK_STATUS(authcore_session_init(&S, AUTHCORE_API_DATARHEI, NULL, 0, NULL, 0), AUTHCORE_OK);
    snprintf(response, sizeof response, "{\"access_token\":\"%s\",\"refresh_token\":\"%s\"}",
             DATARHEI_ACCESS, refresh);
    CHECK_STATUS(accept_login(response, 30, MONO), AUTHCORE_OK);
    CHECK_STATUS(authcore_session_status(&S, 30, MONO, &ts), AUTHCORE_OK);
    CHECK(ts.state == AUTHCORE_TOKEN_FRESH && ts.remaining == 595);
    CHECK_STATUS(authcore_session_refresh_status(&S, 30, MONO, &ts), AUTHCORE_OK);
    CHECK(ts.remaining == 86395);
    /* Mixing clocks is refused. */
    CHECK_STR(step(&S, IAT, UNIX), "error clock time base mismatch");
    CHECK_STATUS(authcore_session_status(&S, IAT, UNIX, &ts), AUTHCORE_CLOCK_MISMATCH);
    CHECK_STATUS(accept_login(response, IAT, UNIX), AUTHCORE_CLOCK_MISMATCH);
    /* Forgetting both tokens frees the time base. */
    CHECK_STATUS(authcore_session_forget(&S), AUTHCORE_OK);
    CHECK_STR(step(&S, IAT, UNIX), "log in (none)");
    CHECK_STATUS(authcore_session_status(&S, IAT, UNIX, &ts), AUTHCORE_NO_TOKEN);
    CHECK_STATUS(accept_login(response, IAT + 1, UNIX), AUTHCORE_OK);
    /* A JWT without iat on a monotonic clock: refused, nothing stored. */
    CHECK_STATUS(authcore_session_forget(&S), AUTHCORE_OK);
    jwt("{\"exp\":1670441825}", access2);
    snprintf(response, sizeof response, "{\"access_token\":\"%s\"}", access2);
    CHECK_STATUS(accept_login(response, 30, MONO), AUTHCORE_MISSING_CLAIM);
    CHECK_STR(step(&S, 30, MONO), "log in (none)");
    /* Broken JWTs. */
    CHECK_STATUS(accept_login("{\"access_token\":\"abc\"}", 30, MONO), AUTHCORE_SEGMENT_COUNT);
    CHECK_STATUS(accept_login("{\"access_token\":\"e30.a.c\"}", 30, MONO), AUTHCORE_BASE64);
    CHECK_STATUS(accept_login("{\"access_token\":\"e30.eyJleHAiOiJzb29uIn0.c2ln\"}", 30, MONO),
                 AUTHCORE_INVALID_CLAIM);
}

static const char ROTATED[] =
    "{\"access_token\":\"n3w\",\"token_type\":\"Bearer\",\"expires_in\":60,"
    "\"refresh_token\":\"r2\"}";

static void test_oauth2(void) {
    authcore_credentials c = creds("johndoe", "A3ddj3w", NULL);
    CHECK_STATUS(authcore_session_init(&S, AUTHCORE_API_OAUTH2, "read write", 10, "device-42", 9),
                 AUTHCORE_OK);
    CHECK_STR(login(&S, &c), "[-|grant_type=password&username=johndoe&password=A3ddj3w&"
                             "scope=read+write&client_id=device-42|"
                             "application/x-www-form-urlencoded]");
    CHECK_STATUS(accept_login("{\"access_token\":\"2YotnFZFEjr1zCsicMWpAA\",\"token_type\":"
                              "\"bearer\",\"expires_in\":3600,\"refresh_token\":"
                              "\"tGzv3JOkF0XG5Qx2TlKWIA\",\"refresh_expires_in\":7200}",
                              T0, UNIX),
                 AUTHCORE_OK);
    CHECK_STR(step(&S, T0, UNIX), "send Bearer 2YotnFZFEjr1zCsicMWpAA (3595)");
    CHECK_STR(step(&S, T0 + 3234, UNIX), "send Bearer 2YotnFZFEjr1zCsicMWpAA (361)");
    CHECK_STR(step(&S, T0 + 3235, UNIX),
              "refresh [-|grant_type=refresh_token&refresh_token=tGzv3JOkF0XG5Qx2TlKWIA&"
              "scope=read+write&client_id=device-42|application/x-www-form-urlencoded] (360)");
    CHECK_STR(step(&S, T0 + 3600, UNIX),
              "refresh [-|grant_type=refresh_token&refresh_token=tGzv3JOkF0XG5Qx2TlKWIA&"
              "scope=read+write&client_id=device-42|application/x-www-form-urlencoded] (none)");
    /* The refresh token is used up after refresh_expires_in (minus leeway). */
    CHECK_STR(step(&S, T0 + 7195, UNIX), "log in (none)");
    /* The server refused the refresh token: forget it. */
    CHECK_STATUS(authcore_session_forget_refresh_token(&S), AUTHCORE_OK);
    CHECK_STR(step(&S, T0 + 3300, UNIX), "log in, meanwhile Bearer 2YotnFZFEjr1zCsicMWpAA (295)");
    /* Rotation: a refresh answer with a new refresh token replaces it. */
    CHECK_STATUS(authcore_session_accept_refresh(
                     &S,
                     ROTATED, strlen(ROTATED), T0 + 3300, UNIX),
                 AUTHCORE_OK);
    CHECK_STR(step(&S, T0 + 3300, UNIX), "send Bearer n3w (55)");
    CHECK_STR(step(&S, T0 + 3326, UNIX),
              "refresh [-|grant_type=refresh_token&refresh_token=r2&scope=read+write&"
              "client_id=device-42|application/x-www-form-urlencoded] (29)");
    /* Expired; r2 has no known expiry, so refresh, until the server refuses it. */
    CHECK_STR(step(&S, T0 + 3500, UNIX),
              "refresh [-|grant_type=refresh_token&refresh_token=r2&scope=read+write&"
              "client_id=device-42|application/x-www-form-urlencoded] (none)");
    CHECK_STATUS(authcore_session_forget_refresh_token(&S), AUTHCORE_OK);
    CHECK_STR(step(&S, T0 + 3500, UNIX), "log in (none)");
    /* Log in again with RFC 6749's sample answer. */
    CHECK_STATUS(accept_login("{\"access_token\":\"2YotnFZFEjr1zCsicMWpAA\",\"token_type\":"
                              "\"bearer\",\"expires_in\":3600,\"refresh_token\":"
                              "\"tGzv3JOkF0XG5Qx2TlKWIA\"}",
                              T0 + 3500, UNIX),
                 AUTHCORE_OK);
    CHECK_STR(step(&S, T0 + 3500, UNIX), "send Bearer 2YotnFZFEjr1zCsicMWpAA (3595)");
    /* Logout: both tokens go. */
    CHECK_STATUS(authcore_session_forget(&S), AUTHCORE_OK);
    CHECK_STR(step(&S, T0 + 3500, UNIX), "log in (none)");
    /* No expires_in: no known expiry. Not a Bearer token: refused. */
    CHECK_STATUS(accept_login("{\"access_token\":\"abc\",\"token_type\":\"Bearer\"}", T0, UNIX),
                 AUTHCORE_OK);
    CHECK_STR(step(&S, T0 + 100000000, UNIX), "send Bearer abc (9223372036854775807)");
    CHECK_STATUS(accept_login("{\"access_token\":\"abc\",\"token_type\":\"DPoP\"}", T0, UNIX),
                 AUTHCORE_UNSUPPORTED_TOKEN_TYPE);
}

static void test_immport(void) {
    char token[1024];
    authcore_credentials c = creds("jdoe@lab.org", "pa ss&", NULL);
    authcore_token_status ts;

    jwt("{\"sub\":\"jdoe\",\"iat\":1700000000,\"exp\":1700003600}", token);
    CHECK_STATUS(authcore_session_init(&S, AUTHCORE_API_IMMPORT, NULL, 0, NULL, 0), AUTHCORE_OK);
    CHECK_STR(login(&S, &c),
              "[-|username=jdoe%40lab.org&password=pa+ss%26|application/x-www-form-urlencoded]");
    snprintf(response, sizeof response, "{\"status\":200,\"token\":\"%s\"}", token);
    CHECK_STATUS(accept_login(response, T0, UNIX), AUTHCORE_OK);
    /* 60 s window, 5 s leeway, 15 s margin; no refresh call. */
    snprintf(want, sizeof want, "send bearer %s (55)", token);
    CHECK_STR(step(&S, T0, UNIX), want);
    snprintf(want, sizeof want, "send bearer %s (16)", token);
    CHECK_STR(step(&S, T0 + 39, UNIX), want);
    /* Due: log in, and meanwhile the token still works. */
    snprintf(want, sizeof want, "log in, meanwhile bearer %s (15)", token);
    CHECK_STR(step(&S, T0 + 40, UNIX), want);
    /* A long download starts at +50 and runs to +600: pinned, it stays valid. */
    CHECK_STATUS(authcore_session_pin(&S, T0 + 50, UNIX), AUTHCORE_OK);
    CHECK_STATUS(authcore_session_status(&S, T0 + 600, UNIX, &ts), AUTHCORE_OK);
    CHECK(ts.state == AUTHCORE_TOKEN_REFRESH_SOON && ts.remaining == 5);
    snprintf(want, sizeof want, "log in, meanwhile bearer %s (5)", token);
    CHECK_STR(step(&S, T0 + 600, UNIX), want);
    CHECK_STATUS(authcore_session_unpin(&S), AUTHCORE_OK);
    CHECK_STATUS(authcore_session_status(&S, T0 + 600, UNIX, &ts), AUTHCORE_OK);
    CHECK(ts.state == AUTHCORE_TOKEN_EXPIRED);
    CHECK_STR(step(&S, T0 + 600, UNIX), "log in (none)");
    CHECK_STATUS(authcore_session_pin(&S, T0 + 600, UNIX), AUTHCORE_EXPIRED);
    /* Log in again: a new token, a new 60 s window. */
    jwt("{\"sub\":\"jdoe\",\"iat\":1700000600,\"exp\":1700004200}", token);
    snprintf(response, sizeof response, "{\"status\":200,\"token\":\"%s\"}", token);
    CHECK_STATUS(accept_login(response, T0 + 600, UNIX), AUTHCORE_OK);
    snprintf(want, sizeof want, "send bearer %s (55)", token);
    CHECK_STR(step(&S, T0 + 600, UNIX), want);
    /* Logout. */
    CHECK_STATUS(authcore_session_forget(&S), AUTHCORE_OK);
    CHECK_STR(step(&S, T0 + 600, UNIX), "log in (none)");
    /* The access_token spelling, on a monotonic clock. */
    CHECK_STATUS(authcore_session_forget(&S), AUTHCORE_OK);
    snprintf(response, sizeof response, "{\"status\":200,\"access_token\":\"%s\"}", token);
    CHECK_STATUS(accept_login(response, 12, MONO), AUTHCORE_OK);
    snprintf(want, sizeof want, "send bearer %s (55)", token);
    CHECK_STR(step(&S, 12, MONO), want);
    CHECK_STR(step(&S, 67, MONO), "log in (none)");
    CHECK_STATUS(authcore_session_refresh_request(&S, want, sizeof want, NULL, NULL),
                 AUTHCORE_NULL_ARGUMENT);
}

static void test_infoworks(void) {
    char access[1024], access2[1024];
    /* The refresh token from the user's settings: opaque, not a JWT, expiry unknown. */
    const char *refresh =
        "zThziQ7MoJJPYAha+U/+PBSTZG944F+SHBDs+m/z2qn8+m/ax8Prpzla1MHzQ5EBLzB2Bw8a+Qs9r6En5BvN5DwYhQ==";
    authcore_credentials c = creds("admin@infoworks.io", "admin123", NULL);
    authcore_credentials colon = creds("ad:min", "x", NULL);

    /* The API's default: access tokens live 15 minutes. */
    jwt("{\"iat\":1700000000,\"exp\":1700000900,\"sub\":\"admin\"}", access);
    CHECK_STATUS(authcore_session_init(&S, AUTHCORE_API_INFOWORKS, NULL, 0, NULL, 0), AUTHCORE_OK);
    CHECK_STR(login(&S, &c), "[Basic YWRtaW5AaW5mb3dvcmtzLmlvOmFkbWluMTIz|-|-]");
    CHECK_STR(login(&S, &colon), "error ':' in a Basic user id");
    snprintf(response, sizeof response,
             "{\"message\":\"Authentication successful\",\"result\":{\"authentication_token\":"
             "\"%s\",\"is_authenticated\":true}}",
             access);
    CHECK_STATUS(accept_login(response, T0, UNIX), AUTHCORE_OK);
    snprintf(want, sizeof want, "send Bearer %s (895)", access);
    CHECK_STR(step(&S, T0, UNIX), want);
    /* No refresh token yet: inside the margin the answer is to log in, with the header
       that still works meanwhile. */
    snprintf(want, sizeof want, "log in, meanwhile Bearer %s (45)", access);
    CHECK_STR(step(&S, T0 + 850, UNIX), want);
    /* The refresh call sends it as `Basic <refresh_token>`. */
    CHECK_STATUS(authcore_session_set_refresh_token(&S, refresh, strlen(refresh), T0 + 850,
                                                    UNIX),
                 AUTHCORE_OK);
    snprintf(want, sizeof want, "refresh [Basic %s|-|-] (45)", refresh);
    CHECK_STR(step(&S, T0 + 850, UNIX), want);
    jwt("{\"iat\":1700000860,\"exp\":1700001760}", access2);
    snprintf(response, sizeof response, "{\"result\":{\"authentication_token\":\"%s\"}}",
             access2);
    CHECK_STATUS(authcore_session_accept_refresh(&S, response, strlen(response), T0 + 860,
                                                 UNIX),
                 AUTHCORE_OK);
    snprintf(want, sizeof want, "send Bearer %s (895)", access2);
    CHECK_STR(step(&S, T0 + 860, UNIX), want);
    /* Access expired: refresh, however late (no known expiry for the refresh token). */
    snprintf(want, sizeof want, "refresh [Basic %s|-|-] (none)", refresh);
    CHECK_STR(step(&S, T0 + 1760, UNIX), want);
    CHECK_STR(step(&S, T0 + 90 * 86400, UNIX), want);
    /* Logout blacklists the access token only: the refresh token stays. */
    CHECK_STATUS(authcore_session_forget_access_token(&S), AUTHCORE_OK);
    CHECK_STR(step(&S, T0 + 900, UNIX), want);
    CHECK_STATUS(authcore_session_forget_access_token(NULL), AUTHCORE_NULL_ARGUMENT);
    /* Bad refresh tokens change nothing. */
    CHECK_STATUS(authcore_session_set_refresh_token(&S, "a b", 3, T0, UNIX),
                 AUTHCORE_INVALID_TOKEN_SYNTAX);
    CHECK_STATUS(authcore_session_set_refresh_token(&S, "a\nb", 3, T0, UNIX),
                 AUTHCORE_CONTROL_CHARACTER);
    CHECK_STATUS(authcore_session_set_refresh_token(&S, "a\xff", 2, T0, UNIX),
                 AUTHCORE_INVALID_UTF8);
    CHECK_STATUS(authcore_session_set_refresh_token(&S, "abc", 3, T0, MONO),
                 AUTHCORE_CLOCK_MISMATCH);
    CHECK_STATUS(authcore_session_set_refresh_token(&S, "abc", 3, T0, (authcore_time_base)9),
                 AUTHCORE_INVALID_ARGUMENT);
    CHECK_STATUS(authcore_session_set_refresh_token(&S, NULL, 3, T0, UNIX),
                 AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_session_set_refresh_token(NULL, "abc", 3, T0, UNIX),
                 AUTHCORE_NULL_ARGUMENT);
    CHECK_STR(step(&S, T0 + 900, UNIX), want);
    /* The server refused the refresh token: log in again. */
    CHECK_STATUS(authcore_session_forget_refresh_token(&S), AUTHCORE_OK);
    CHECK_STR(step(&S, T0 + 900, UNIX), "log in (none)");
    /* Log in again, the refresh token copied from the settings once more. */
    jwt("{\"iat\":1700000900,\"exp\":1700001800,\"sub\":\"admin\"}", access2);
    snprintf(response, sizeof response,
             "{\"message\":\"Authentication successful\",\"result\":{\"authentication_token\":"
             "\"%s\",\"is_authenticated\":true}}",
             access2);
    CHECK_STATUS(accept_login(response, T0 + 900, UNIX), AUTHCORE_OK);
    CHECK_STATUS(authcore_session_set_refresh_token(&S, refresh, strlen(refresh), T0 + 900,
                                                    UNIX),
                 AUTHCORE_OK);
    snprintf(want, sizeof want, "send Bearer %s (895)", access2);
    CHECK_STR(step(&S, T0 + 900, UNIX), want);
    /* Logout (DELETE /v3/security/token/access): the refresh token stays. */
    CHECK_STATUS(authcore_session_forget_access_token(&S), AUTHCORE_OK);
    snprintf(want, sizeof want, "refresh [Basic %s|-|-] (none)", refresh);
    CHECK_STR(step(&S, T0 + 900, UNIX), want);
    CHECK_STATUS(authcore_session_forget(&S), AUTHCORE_OK);
    CHECK_STR(step(&S, T0 + 900, UNIX), "log in (none)");
}

static void test_aria(void) {
    authcore_credentials c = creds("admin", "VMware1!", "vIDMAuthSource");
    CHECK_STATUS(authcore_session_init(&S, AUTHCORE_API_ARIA, NULL, 0, NULL, 0), AUTHCORE_OK);
    CHECK_STR(login(&S, &c), "[-|{\"username\":\"admin\",\"password\":\"VMware1!\","
                             "\"authSource\":\"vIDMAuthSource\"}|application/json]");
    snprintf(response, sizeof response,
             "{\"token\":\"%s\",\"validity\":%lld,\"expiresAt\":\"Wednesday, November 15, "
             "2023 4:13:20 AM UTC\",\"roles\":[]}",
             ARIA_TOKEN, (long long)((T0 + 21600) * 1000 + 250));
    CHECK_STATUS(accept_login(response, T0, UNIX), AUTHCORE_OK);
    snprintf(want, sizeof want, "send OpsToken %s (21595)", ARIA_TOKEN);
    CHECK_STR(step(&S, T0, UNIX), want);
    /* 5 h idle: still fresh (margin 10 % of 6 h). A call then slides the end to +11 h. */
    snprintf(want, sizeof want, "send OpsToken %s (3595)", ARIA_TOKEN);
    CHECK_STR(step(&S, T0 + 18000, UNIX), want);
    CHECK_STATUS(authcore_session_touch(&S, T0 + 18000, UNIX), AUTHCORE_OK);
    CHECK_STR(step(&S, T0 + 36000, UNIX), want);
    /* Idle into the margin: a call now slides the window, so the answer is still send. */
    snprintf(want, sizeof want, "send OpsToken %s (1595)", ARIA_TOKEN);
    CHECK_STR(step(&S, T0 + 38000, UNIX), want);
    CHECK_STR(step(&S, T0 + 39595, UNIX), "log in (none)");
    CHECK_STATUS(authcore_session_touch(&S, T0 + 39595, UNIX), AUTHCORE_EXPIRED);
    CHECK_STATUS(authcore_session_touch(&S, T0 + 39595, MONO), AUTHCORE_CLOCK_MISMATCH);
    /* Log in again: a new 6 h window. */
    snprintf(response, sizeof response, "{\"token\":\"%s\",\"validity\":%lld,\"roles\":[]}",
             ARIA_TOKEN, (long long)((T0 + 39595 + 21600) * 1000));
    CHECK_STATUS(accept_login(response, T0 + 39595, UNIX), AUTHCORE_OK);
    snprintf(want, sizeof want, "send OpsToken %s (21595)", ARIA_TOKEN);
    CHECK_STR(step(&S, T0 + 39595, UNIX), want);
    /* Release (POST .../auth/token/release) is a send with the current header; then forget. */
    snprintf(want, sizeof want, "send OpsToken %s (21190)", ARIA_TOKEN);
    CHECK_STR(step(&S, T0 + 40000, UNIX), want);
    CHECK_STATUS(authcore_session_forget(&S), AUTHCORE_OK);
    CHECK_STR(step(&S, T0 + 40000, UNIX), "log in (none)");

    /* Older releases, on a monotonic clock: the window from receipt. */
    CHECK_STATUS(authcore_session_init(&S, AUTHCORE_API_VREALIZE, NULL, 0, NULL, 0), AUTHCORE_OK);
    CHECK_STATUS(accept_login(response, 100, MONO), AUTHCORE_OK);
    snprintf(want, sizeof want, "send vRealizeOpsToken %s (21595)", ARIA_TOKEN);
    CHECK_STR(step(&S, 100, MONO), want);
    CHECK_STR(step(&S, 21695, MONO), "log in (none)");
}

static void test_bluecat(void) {
    const int64_t expiry = 1674337248; /* 2023-01-21T21:40:48Z */
    authcore_credentials c = creds("admin", "admin", NULL);
    static const char resp[] =
        "{\"id\":4,\"type\":\"UserSession\",\"apiToken\":\"yAb\\/uu1TNjVO9Ip7SNH6cn9Zqu\\/"
        "I+B9Kkfup4eVQ\",\"apiTokenExpirationDateTime\":\"2023-01-21T21:40:48Z\","
        "\"basicAuthenticationCredentials\":\"YWRtaW46eUFiL3V1MVROalZPOUlwN1NOSDZjbjlacXUvSStC"
        "OUtrZnVwNGVWUQ==\",\"state\":\"LOGGED_IN\",\"remoteAddress\":\"192.168.1.10\","
        "\"readOnly\":false,\"loginDateTime\":\"2023-01-20T21:40:48Z\",\"logoutDateTime\":"
        "null,\"response\":null,\"user\":{\"id\":3,\"type\":\"User\",\"name\":\"admin\"},"
        "\"_links\":{\"self\":{\"href\":\"\\/api\\/v2\\/sessions\\/4\"}}}";
    char mine[128];
    size_t len = 0;

    CHECK_STATUS(authcore_session_init(&S, AUTHCORE_API_BLUECAT, NULL, 0, NULL, 0), AUTHCORE_OK);
    CHECK_STR(login(&S, &c),
              "[-|{\"username\":\"admin\",\"password\":\"admin\"}|application/json]");
    /* An absolute date cannot be tracked without a wall clock. */
    CHECK_STATUS(accept_login(resp, 5, MONO), AUTHCORE_NEEDS_WALL_CLOCK);
    CHECK_STATUS(accept_login(resp, expiry - 86400, UNIX), AUTHCORE_OK);
    snprintf(want, sizeof want, "send Basic %s (86395)", BLUECAT_BASIC);
    CHECK_STR(step(&S, expiry - 86400, UNIX), want);
    /* It is base64("admin:" + apiToken), as BlueCat documents. */
    CHECK_STATUS(authcore_authorization_basic("admin", 5,
                                              "yAb/uu1TNjVO9Ip7SNH6cn9Zqu/I+B9Kkfup4eVQ", 40,
                                              mine, sizeof mine, &len),
                 AUTHCORE_OK);
    snprintf(want, sizeof want, "Basic %s", BLUECAT_BASIC);
    CHECK_STR(mine, want);
    /* Margin: 10 % of 24 h. */
    snprintf(want, sizeof want, "send Basic %s (8641)", BLUECAT_BASIC);
    CHECK_STR(step(&S, expiry - 8646, UNIX), want);
    snprintf(want, sizeof want, "log in, meanwhile Basic %s (8640)", BLUECAT_BASIC);
    CHECK_STR(step(&S, expiry - 8645, UNIX), want);
    CHECK_STR(step(&S, expiry - 5, UNIX), "log in (none)");
    /* Log in again: the same answer with a new expiry (a day on). */
    snprintf(response, sizeof response, "%s", resp);
    memcpy(strstr(response, "2023-01-21T21:40:48Z"), "2023-01-22T21:40:43Z", 20);
    CHECK_STATUS(accept_login(response, expiry - 5, UNIX), AUTHCORE_OK);
    snprintf(want, sizeof want, "send Basic %s (86395)", BLUECAT_BASIC);
    CHECK_STR(step(&S, expiry - 5, UNIX), want);
    /* Logout. */
    CHECK_STATUS(authcore_session_forget(&S), AUTHCORE_OK);
    CHECK_STR(step(&S, expiry - 5, UNIX), "log in (none)");
    CHECK_STATUS(accept_login("{\"apiToken\":\"abc\",\"apiTokenExpirationDateTime\":"
                              "\"2023-01-21T21:40:48Z\"}",
                              expiry - 86400, UNIX),
                 AUTHCORE_MISSING_FIELD);
    CHECK_STATUS(accept_login("{\"apiToken\":\"abc\",\"basicAuthenticationCredentials\":\"YQ==\","
                              "\"apiTokenExpirationDateTime\":\"2023-02-29T21:40:48Z\"}",
                              expiry - 86400, UNIX),
                 AUTHCORE_DATE_TIME);
    CHECK_STR(step(&S, expiry - 5, UNIX), "log in (none)");
}

/* Hostile responses change nothing; NULL for every pointer; every buffer size. */
static authcore_status w_session_auth(char *o, size_t c, size_t *l) {
    return authcore_session_authorization(&S, o, c, l);
}
static authcore_status w_session_send(char *o, size_t c, size_t *l) {
    authcore_next n;
    authcore_status s = authcore_session_next(&S, IAT + 1, UNIX, o, c, l, &n);
    if (s == AUTHCORE_OK && (n.action != AUTHCORE_ACTION_SEND || n.request.authorization != o)) {
        return AUTHCORE_OTHER_ERROR;
    }
    return s;
}
static authcore_status w_session_refresh_step(char *o, size_t c, size_t *l) {
    authcore_next n;
    authcore_status s = authcore_session_next(&S, IAT + 2000, UNIX, o, c, l, &n);
    if (s == AUTHCORE_OK && (n.action != AUTHCORE_ACTION_REFRESH || n.usable)) {
        return AUTHCORE_OTHER_ERROR;
    }
    return s;
}
static authcore_status w_session_refresh(char *o, size_t c, size_t *l) {
    authcore_request r;
    return authcore_session_refresh_request(&S, o, c, l, &r);
}
static authcore_status w_session_login(char *o, size_t c, size_t *l) {
    authcore_credentials cr = creds("admin", "p\xC3\xA4ssword", NULL);
    authcore_request r;
    return authcore_session_login_request(&S, &cr, o, c, l, &r);
}

static void test_session_edges(void) {
    static char long_token[AUTHCORE_SESSION_TOKEN_MAX + 2], big[AUTHCORE_SESSION_TOKEN_MAX + 100];
    char refresh[1024], before[5000], buf[256];
    authcore_credentials c = creds("admin", "pw", NULL);
    authcore_next n, nref;
    authcore_request r, rref;
    authcore_token_status ts;
    size_t len = 0, i;
    unsigned char *bytes = (unsigned char *)&S;
    static const char *const hostile[] = {
        "{",
        "",
        "[1,2]",
        "{\"access_token\":\"x\"",
        "{\"access_token\":\"a\",\"access_token\":\"b\"}",
        "{\"expires_in\":5}",
        "{\"access_token\":5}",
        "{\"access_token\":null}",
        "{\"error\":\"invalid_grant\"}",
        "{\"access_token\":\"x\",\"expires_in\":-1}",
        "{\"access_token\":\"x\",\"expires_in\":1e30}",
        "{\"access_token\":\"x\",\"expires_in\":\"soon\"}",
        "{\"access_token\":\"x\",\"expires_in\":99999999999999999999}",
        "{\"access_token\":\"x\\r\\nX-Evil: 1\",\"expires_in\":60}",
        "{\"access_token\":\"x y\"}",
        "{\"access_token\":\"\"}",
        "{\"access_token\":\"ok\",\"refresh_token\":\"a\\u0000\"}",
        "{\"access_token\":\"ok\",\"token_type\":7}",
    };
    static const authcore_status hostile_want[] = {
        AUTHCORE_RESPONSE_JSON,       AUTHCORE_RESPONSE_JSON,
        AUTHCORE_RESPONSE_JSON,       AUTHCORE_RESPONSE_JSON,
        AUTHCORE_RESPONSE_JSON,       AUTHCORE_MISSING_FIELD,
        AUTHCORE_WRONG_FIELD_TYPE,    AUTHCORE_WRONG_FIELD_TYPE,
        AUTHCORE_ERROR_RESPONSE,      AUTHCORE_EXPIRY_OUT_OF_RANGE,
        AUTHCORE_EXPIRY_OUT_OF_RANGE, AUTHCORE_WRONG_FIELD_TYPE,
        AUTHCORE_EXPIRY_OUT_OF_RANGE, AUTHCORE_CONTROL_CHARACTER,
        AUTHCORE_INVALID_TOKEN_SYNTAX, AUTHCORE_INVALID_TOKEN_SYNTAX,
        AUTHCORE_CONTROL_CHARACTER,   AUTHCORE_WRONG_FIELD_TYPE,
    };

    CHECK(sizeof(authcore_session) == AUTHCORE_SESSION_SIZE);
    CHECK(sizeof hostile / sizeof *hostile == sizeof hostile_want / sizeof *hostile_want);

    /* A session with tokens; then every hostile response leaves it as it was. */
    jwt("{\"exi\":86400,\"exp\":1670527625,\"iat\":1670441225,\"usefor\":\"refresh\"}",
        refresh);
    CHECK_STATUS(authcore_session_init(&S, AUTHCORE_API_OAUTH2, NULL, 0, NULL, 0), AUTHCORE_OK);
    CHECK_STATUS(accept_login("{\"access_token\":\"good\",\"expires_in\":600,"
                              "\"refresh_token\":\"r1\"}",
                              T0, UNIX),
                 AUTHCORE_OK);
    snprintf(before, sizeof before, "%s", step(&S, T0, UNIX));
    CHECK_STR(before, "send Bearer good (595)");
    for (i = 0; i < sizeof hostile / sizeof *hostile; i++) {
        authcore_status got = accept_login(hostile[i], T0, UNIX);
        if (got != hostile_want[i]) {
            failed++;
            fprintf(stderr, "hostile response %s gave %d (%s), want %d\n", hostile[i], (int)got,
                    authcore_status_str(got), (int)hostile_want[i]);
        } else {
            passed++;
        }
        CHECK_STR(step(&S, T0, UNIX), before);
    }
    CHECK_STATUS(authcore_session_accept_login(&S, "{\"access_token\":\"a\xff\"}", 20, T0,
                                               UNIX),
                 AUTHCORE_RESPONSE_JSON);
    CHECK_STATUS(authcore_session_accept_login(&S, "{\"access_token\":\"a\0b\"}", 21, T0, UNIX),
                 AUTHCORE_RESPONSE_JSON);
    /* Tokens longer than the session holds. */
    memset(long_token, 'a', AUTHCORE_SESSION_TOKEN_MAX + 1);
    long_token[AUTHCORE_SESSION_TOKEN_MAX + 1] = 0;
    snprintf(big, sizeof big, "{\"access_token\":\"%s\"}", long_token);
    CHECK_STATUS(accept_login(big, T0, UNIX), AUTHCORE_TOKEN_TOO_LARGE);
    snprintf(big, sizeof big, "{\"access_token\":\"ok\",\"refresh_token\":\"%s\"}", long_token);
    CHECK_STATUS(accept_login(big, T0, UNIX), AUTHCORE_TOKEN_TOO_LARGE);
    CHECK_STATUS(authcore_session_set_refresh_token(&S, long_token, strlen(long_token), T0, UNIX),
                 AUTHCORE_TOKEN_TOO_LARGE);
    CHECK_STR(step(&S, T0, UNIX), before);
    /* Exactly the maximum fits. */
    long_token[AUTHCORE_SESSION_TOKEN_MAX] = 0;
    snprintf(big, sizeof big, "{\"access_token\":\"%s\"}", long_token);
    CHECK_STATUS(accept_login(big, T0, UNIX), AUTHCORE_OK);
    CHECK_STATUS(authcore_session_authorization(&S, NULL, 0, &len), AUTHCORE_BUFFER_TOO_SMALL);
    CHECK(len == AUTHCORE_SESSION_TOKEN_MAX + 8);
    /* Absurd times. */
    CHECK_STATUS(authcore_session_forget(&S), AUTHCORE_OK);
    CHECK_STATUS(accept_login("{\"access_token\":\"x\",\"expires_in\":60}", INT64_MAX, UNIX),
                 AUTHCORE_EXPIRY_OUT_OF_RANGE);
    CHECK_STATUS(accept_login("{\"access_token\":\"x\",\"expires_in\":60}", T0,
                              (authcore_time_base)0),
                 AUTHCORE_INVALID_ARGUMENT);
    CHECK_STATUS(accept_login("{\"access_token\":\"x\",\"expires_in\":60}", INT64_MIN, MONO),
                 AUTHCORE_OK);
    CHECK_STR(step(&S, INT64_MIN, MONO), "send Bearer x (55)");
    CHECK_STR(step(&S, INT64_MAX, MONO), "log in (none)");

    /* Every buffer size for every string output of a session. */
    CHECK_STATUS(authcore_session_init(&S, AUTHCORE_API_DATARHEI, NULL, 0, NULL, 0), AUTHCORE_OK);
    snprintf(response, sizeof response, "{\"access_token\":\"%s\",\"refresh_token\":\"%s\"}",
             DATARHEI_ACCESS, refresh);
    CHECK_STATUS(accept_login(response, IAT + 1, UNIX), AUTHCORE_OK);
    snprintf(want, sizeof want, "Bearer %s", DATARHEI_ACCESS);
    check_sizes("session authorization", w_session_auth, want);
    check_sizes("session next (send)", w_session_send, want);
    snprintf(want, sizeof want, "Bearer %s", refresh);
    check_sizes("session next (refresh)", w_session_refresh_step, want);
    check_sizes("session refresh request", w_session_refresh, want);
    check_sizes("session login request", w_session_login,
                "{\"username\":\"admin\",\"password\":\"p\xC3\xA4ssword\"}");
    /* The decision and the request are untouched when the buffer is too small. */
    memset(&n, 0x5A, sizeof n);
    memcpy(&nref, &n, sizeof n);
    CHECK_STATUS(authcore_session_next(&S, IAT + 1, UNIX, buf, 10, &len, &n),
                 AUTHCORE_BUFFER_TOO_SMALL);
    CHECK(memcmp(&n, &nref, sizeof n) == 0);
    memset(&r, 0x5A, sizeof r);
    memcpy(&rref, &r, sizeof r);
    CHECK_STATUS(authcore_session_refresh_request(&S, buf, 10, &len, &r),
                 AUTHCORE_BUFFER_TOO_SMALL);
    CHECK_STATUS(authcore_session_login_request(&S, &c, buf, 10, &len, &r),
                 AUTHCORE_BUFFER_TOO_SMALL);
    CHECK(memcmp(&r, &rref, sizeof r) == 0);
    /* LOG_IN has no string: the buffer may be empty, *buf_len is 0. */
    len = 99;
    CHECK_STATUS(authcore_session_next(&S, IAT + 86395, UNIX, NULL, 0, &len, &n), AUTHCORE_OK);
    CHECK(n.action == AUTHCORE_ACTION_LOG_IN && !n.usable && n.remaining == 0 && len == 0);
    CHECK(n.request.authorization == NULL && n.request.body == NULL &&
          n.request.content_type == NULL);

    /* NULL for every pointer. */
    CHECK_STATUS(authcore_session_init(NULL, AUTHCORE_API_OAUTH2, NULL, 0, NULL, 0),
                 AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_session_clear(NULL), AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_session_login_request(NULL, &c, buf, sizeof buf, &len, &r),
                 AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_session_login_request(&S, NULL, buf, sizeof buf, &len, &r),
                 AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_session_login_request(&S, &c, NULL, sizeof buf, &len, &r),
                 AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_session_login_request(&S, &c, buf, sizeof buf, NULL, &r),
                 AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_session_login_request(&S, &c, buf, sizeof buf, &len, NULL),
                 AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_session_refresh_request(NULL, buf, sizeof buf, &len, &r),
                 AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_session_refresh_request(&S, NULL, sizeof buf, &len, &r),
                 AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_session_refresh_request(&S, buf, sizeof buf, NULL, &r),
                 AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_session_refresh_request(&S, buf, sizeof buf, &len, NULL),
                 AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_session_authorization(NULL, buf, sizeof buf, &len),
                 AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_session_accept_login(NULL, "{}", 2, T0, UNIX), AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_session_accept_login(&S, NULL, 2, T0, UNIX), AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_session_accept_refresh(NULL, "{}", 2, T0, UNIX),
                 AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_session_accept_refresh(&S, NULL, 2, T0, UNIX),
                 AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_session_next(NULL, T0, UNIX, buf, sizeof buf, &len, &n),
                 AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_session_next(&S, T0, UNIX, NULL, sizeof buf, &len, &n),
                 AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_session_next(&S, T0, UNIX, buf, sizeof buf, NULL, &n),
                 AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_session_next(&S, T0, UNIX, buf, sizeof buf, &len, NULL),
                 AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_session_status(NULL, T0, UNIX, &ts), AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_session_status(&S, T0, UNIX, NULL), AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_session_refresh_status(NULL, T0, UNIX, &ts), AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_session_refresh_status(&S, T0, UNIX, NULL), AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_session_touch(NULL, T0, UNIX), AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_session_pin(NULL, T0, UNIX), AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_session_unpin(NULL), AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_session_forget_refresh_token(NULL), AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_session_forget(NULL), AUTHCORE_NULL_ARGUMENT);
    /* Unknown values and bad strings at init: storage untouched. */
    CHECK_STATUS(authcore_session_init(&S, (authcore_api)0, NULL, 0, NULL, 0),
                 AUTHCORE_INVALID_ARGUMENT);
    CHECK_STATUS(authcore_session_init(&S, (authcore_api)8, NULL, 0, NULL, 0),
                 AUTHCORE_INVALID_ARGUMENT);
    CHECK_STATUS(authcore_session_init(&S, AUTHCORE_API_OAUTH2, "\xff", 1, NULL, 0),
                 AUTHCORE_INVALID_UTF8);
    CHECK_STATUS(authcore_session_init(&S, AUTHCORE_API_OAUTH2, NULL, 0, "\xff", 1),
                 AUTHCORE_INVALID_UTF8);
    CHECK_STATUS(authcore_session_init(&S, AUTHCORE_API_OAUTH2, NULL, 1, NULL, 0),
                 AUTHCORE_INVALID_ARGUMENT);
    CHECK_STATUS(authcore_session_init(&S, AUTHCORE_API_OAUTH2, NULL, 0, NULL, 1),
                 AUTHCORE_INVALID_ARGUMENT);
    CHECK_STATUS(authcore_session_next(&S, T0, (authcore_time_base)0, buf, sizeof buf, &len, &n),
                 AUTHCORE_INVALID_ARGUMENT);
    CHECK_STATUS(authcore_session_status(&S, T0, (authcore_time_base)3, &ts),
                 AUTHCORE_INVALID_ARGUMENT);
    snprintf(want, sizeof want, "send Bearer %s (594)", DATARHEI_ACCESS);
    CHECK_STR(step(&S, IAT + 1, UNIX), want);
    /* No token yet. */
    CHECK_STATUS(authcore_session_init(&S, AUTHCORE_API_DATARHEI, NULL, 0, NULL, 0), AUTHCORE_OK);
    CHECK_STATUS(authcore_session_authorization(&S, buf, sizeof buf, &len), AUTHCORE_NO_TOKEN);
    CHECK_STATUS(authcore_session_refresh_request(&S, buf, sizeof buf, &len, &r),
                 AUTHCORE_NO_REFRESH_TOKEN);
    CHECK_STATUS(authcore_session_status(&S, T0, UNIX, &ts), AUTHCORE_NO_TOKEN);
    CHECK_STATUS(authcore_session_refresh_status(&S, T0, UNIX, &ts), AUTHCORE_NO_REFRESH_TOKEN);
    CHECK_STATUS(authcore_session_touch(&S, T0, UNIX), AUTHCORE_NO_TOKEN);
    CHECK_STATUS(authcore_session_pin(&S, T0, UNIX), AUTHCORE_NO_TOKEN);
    CHECK_STATUS(authcore_session_unpin(&S), AUTHCORE_OK);
    CHECK_STATUS(authcore_session_forget_refresh_token(&S), AUTHCORE_OK);
    /* An API without a refresh call. */
    CHECK_STATUS(authcore_session_init(&S, AUTHCORE_API_ARIA, NULL, 0, NULL, 0), AUTHCORE_OK);
    CHECK_STATUS(authcore_session_set_refresh_token(&S, "abc", 3, T0, UNIX), AUTHCORE_OK);
    CHECK_STATUS(authcore_session_refresh_request(&S, buf, sizeof buf, &len, &r),
                 AUTHCORE_NO_REFRESH_TOKEN);

    /* Clearing zeroizes the whole storage; a cleared or zeroed session is refused. */
    CHECK_STATUS(authcore_session_init(&S, AUTHCORE_API_DATARHEI, NULL, 0, NULL, 0), AUTHCORE_OK);
    CHECK_STATUS(accept_login(response, IAT + 1, UNIX), AUTHCORE_OK);
    CHECK_STATUS(authcore_session_clear(&S), AUTHCORE_OK);
    for (i = 0; i < sizeof S && bytes[i] == 0; i++) {
    }
    CHECK(i == sizeof S);
    CHECK_STR(step(&S, IAT + 1, UNIX), "error object storage was not initialized");
    CHECK_STATUS(authcore_session_authorization(&S, buf, sizeof buf, &len),
                 AUTHCORE_UNINITIALIZED);
    CHECK_STATUS(accept_login(response, IAT + 1, UNIX), AUTHCORE_UNINITIALIZED);
    CHECK_STATUS(authcore_session_login_request(&S, &c, buf, sizeof buf, &len, &r),
                 AUTHCORE_UNINITIALIZED);
    CHECK_STATUS(authcore_session_touch(&S, T0, UNIX), AUTHCORE_UNINITIALIZED);
    CHECK_STATUS(authcore_session_forget(&S), AUTHCORE_UNINITIALIZED);
    CHECK_STATUS(authcore_session_clear(&S), AUTHCORE_OK);
    /* Re-making a session wipes the old one's tokens. */
    CHECK_STATUS(authcore_session_init(&S, AUTHCORE_API_DATARHEI, NULL, 0, NULL, 0), AUTHCORE_OK);
    CHECK_STATUS(accept_login(response, IAT + 1, UNIX), AUTHCORE_OK);
    CHECK_STATUS(authcore_session_init(&S, AUTHCORE_API_DATARHEI, NULL, 0, NULL, 0), AUTHCORE_OK);
    CHECK_STR(step(&S, IAT + 1, UNIX), "log in (none)");
    CHECK_STATUS(authcore_session_clear(&S), AUTHCORE_OK);
}

/* Refused responses: the field's path, the server's status, code and description. */
static const char OAUTH_ERROR[] =
    "{\"error\":\"invalid_grant\",\"error_description\":\"Bad \\\"user\\\" \\u00e9\"}";
static authcore_status w_error_description(char *o, size_t c, size_t *l) {
    return authcore_response_error_description(OAUTH_ERROR, strlen(OAUTH_ERROR), o, c, l);
}

static authcore_status accept_detail(const char *json, const char *user, int64_t now,
                                     authcore_response_detail *d) {
    return authcore_session_accept_detail(&S, json, strlen(json), user,
                                          user ? strlen(user) : 0, now, UNIX, d);
}

static const char *field_of(const authcore_response_detail *d) {
    static char text[128];
    if (d->field == NULL) {
        return "(null)";
    }
    snprintf(text, sizeof text, "%.*s", (int)d->field_len, d->field);
    return text;
}

static void test_responses(void) {
    authcore_response_detail d;
    bool valid = false;
    size_t len = 0;
    char out[64];
    static const char bluecat[] =
        "{\"id\":4,\"type\":\"UserSession\",\"apiToken\":\"yAb\\/uu1TNjVO9Ip7SNH6cn9Zqu\\/"
        "I+B9Kkfup4eVQ\",\"apiTokenExpirationDateTime\":\"2023-01-21T21:40:48Z\","
        "\"state\":\"LOGGED_IN\"}";
    const int64_t expiry = 1674337248;

    /* Infoworks: a missing or mistyped field is named by its path. */
    CHECK_STATUS(authcore_session_init(&S, AUTHCORE_API_INFOWORKS, NULL, 0, NULL, 0), AUTHCORE_OK);
    CHECK_STATUS(accept_detail("{\"result\":{\"is_authenticated\":false}}", NULL, T0, &d),
                 AUTHCORE_MISSING_FIELD);
    CHECK_STR(field_of(&d), "result.authentication_token");
    CHECK(d.status == 0 && d.error[0] == 0);
    CHECK_STATUS(accept_detail("{\"result\":\"x\"}", NULL, T0, &d), AUTHCORE_WRONG_FIELD_TYPE);
    CHECK_STR(field_of(&d), "result");
    CHECK_STATUS(accept_detail("{\"result\":{\"authentication_token\":1}}", NULL, T0, &d),
                 AUTHCORE_WRONG_FIELD_TYPE);
    CHECK_STR(field_of(&d), "result.authentication_token");
    /* Another error empties the detail. */
    CHECK_STATUS(accept_detail("{", NULL, T0, &d), AUTHCORE_RESPONSE_JSON);
    CHECK_STR(field_of(&d), "(null)");
    CHECK_STR(step(&S, T0, UNIX), "log in (none)");

    /* ImmPort: {"status":401} is a refusal carrying its status; nothing changes. */
    CHECK_STATUS(authcore_session_init(&S, AUTHCORE_API_IMMPORT, NULL, 0, NULL, 0), AUTHCORE_OK);
    CHECK_STATUS(accept_detail("{\"status\":200,\"token\":\"abc\"}", NULL, T0, &d), AUTHCORE_OK);
    CHECK_STR(field_of(&d), "(null)");
    CHECK_STATUS(accept_detail("{\"status\":401}", NULL, T0, &d), AUTHCORE_ERROR_RESPONSE);
    CHECK(d.status == 401 && d.error[0] == 0 && d.field == NULL);
    CHECK_STR(step(&S, T0, UNIX), "send bearer abc (55)");
    CHECK_STATUS(accept_login("{\"status\":401}", T0, UNIX), AUTHCORE_ERROR_RESPONSE);
    CHECK_STATUS(accept_detail("{\"status\":\"ok\",\"token\":\"x\"}", NULL, T0, &d),
                 AUTHCORE_WRONG_FIELD_TYPE);
    CHECK_STR(field_of(&d), "status");
    CHECK_STR(step(&S, T0, UNIX), "send bearer abc (55)");

    /* OAuth 2.0: the error code in the detail, the description on request. */
    CHECK_STATUS(authcore_session_init(&S, AUTHCORE_API_OAUTH2, NULL, 0, NULL, 0), AUTHCORE_OK);
    /* A user's length without the user: refused before the response is read. */
    CHECK_STATUS(authcore_session_accept_detail(&S, OAUTH_ERROR, strlen(OAUTH_ERROR), NULL, 4, T0,
                                                UNIX, &d),
                 AUTHCORE_INVALID_ARGUMENT);
    CHECK(d.status == 0 && d.error[0] == '\0');
    CHECK_STATUS(accept_detail(OAUTH_ERROR, NULL, T0, &d), AUTHCORE_ERROR_RESPONSE);
    CHECK(d.status == 0);
    CHECK_STR(d.error, "invalid_grant");
    CHECK_STATUS(accept_detail(OAUTH_ERROR, NULL, T0, NULL), AUTHCORE_ERROR_RESPONSE);
    check_sizes("error_description", w_error_description, "Bad \"user\" \xC3\xA9");
    CHECK_STATUS(authcore_response_error_description("{\"status\":401}", 14, out, sizeof out,
                                                     &len),
                 AUTHCORE_MISSING_FIELD);
    CHECK_STATUS(authcore_response_error_description("[]", 2, out, sizeof out, &len),
                 AUTHCORE_RESPONSE_JSON);
    CHECK_STATUS(authcore_response_error_description(NULL, 0, out, sizeof out, &len),
                 AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_response_error_description(OAUTH_ERROR, strlen(OAUTH_ERROR), out,
                                                     sizeof out, NULL),
                 AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(accept_detail("{}", NULL, T0, &d), AUTHCORE_MISSING_FIELD);
    CHECK_STR(field_of(&d), "access_token");
    CHECK_STR(step(&S, T0, UNIX), "log in (none)");

    /* BlueCat: Basic base64(username:apiToken) built from the login user. */
    CHECK_STATUS(authcore_session_init(&S, AUTHCORE_API_BLUECAT, NULL, 0, NULL, 0), AUTHCORE_OK);
    CHECK_STATUS(accept_detail(bluecat, NULL, expiry - 86400, &d), AUTHCORE_MISSING_FIELD);
    CHECK_STR(field_of(&d), "basicAuthenticationCredentials");
    CHECK_STATUS(accept_detail(bluecat, "ad:min", expiry - 86400, &d),
                 AUTHCORE_COLON_IN_USER_ID);
    CHECK_STATUS(authcore_session_accept_detail(&S, bluecat, strlen(bluecat), "\xff", 1,
                                                expiry - 86400, UNIX, &d),
                 AUTHCORE_INVALID_UTF8);
    CHECK_STR(step(&S, expiry - 86400, UNIX), "log in (none)");
    CHECK_STATUS(accept_detail(bluecat, "admin", expiry - 86400, &d), AUTHCORE_OK);
    snprintf(want, sizeof want, "send Basic %s (86395)", BLUECAT_BASIC);
    CHECK_STR(step(&S, expiry - 86400, UNIX), want);
    CHECK_STATUS(authcore_session_accept_detail(NULL, bluecat, 1, NULL, 0, T0, UNIX, &d),
                 AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_session_accept_detail(&S, NULL, 1, NULL, 0, T0, UNIX, &d),
                 AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_session_clear(&S), AUTHCORE_OK);

    /* Aria Operations: expiresAt is not read; without validity the 6 h window bounds the
     * token. Release: POST .../auth/token/release with the header, then forget. */
    CHECK_STATUS(authcore_session_init(&S, AUTHCORE_API_ARIA, NULL, 0, NULL, 0), AUTHCORE_OK);
    CHECK_STATUS(accept_detail("{\"token\":\"t-1\",\"expiresAt\":\"Wednesday, November 15, "
                               "2023 4:13:20 AM UTC\",\"roles\":[]}",
                               NULL, T0, &d),
                 AUTHCORE_OK);
    CHECK_STR(step(&S, T0, UNIX), "send OpsToken t-1 (21595)");
    CHECK_STR(step(&S, T0 + 21600, UNIX), "log in (none)");
    CHECK_STATUS(authcore_session_forget(&S), AUTHCORE_OK);
    CHECK_STR(step(&S, T0, UNIX), "log in (none)");

    /* Infoworks' validate answer. */
    CHECK_STATUS(authcore_infoworks_token_valid("{\"result\":{\"is_valid\":true}}", 28, &valid,
                                                &d),
                 AUTHCORE_OK);
    CHECK(valid);
    CHECK_STATUS(authcore_infoworks_token_valid("{\"result\":{\"is_valid\":false}}", 29, &valid,
                                                NULL),
                 AUTHCORE_OK);
    CHECK(!valid);
    valid = true;
    CHECK_STATUS(authcore_infoworks_token_valid("{\"result\":{}}", 13, &valid, &d),
                 AUTHCORE_MISSING_FIELD);
    CHECK_STR(field_of(&d), "result.is_valid");
    CHECK(valid); /* untouched */
    CHECK_STATUS(authcore_infoworks_token_valid("{\"result\":{\"is_valid\":1}}", 25, &valid,
                                                &d),
                 AUTHCORE_WRONG_FIELD_TYPE);
    CHECK_STR(field_of(&d), "result.is_valid");
    CHECK_STATUS(authcore_infoworks_token_valid("{\"error\":\"invalid_token\"}", 25, &valid,
                                                &d),
                 AUTHCORE_ERROR_RESPONSE);
    CHECK_STR(d.error, "invalid_token");
    CHECK_STATUS(authcore_infoworks_token_valid(NULL, 0, &valid, &d), AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_infoworks_token_valid("{}", 2, NULL, &d), AUTHCORE_NULL_ARGUMENT);
}


/* ---------------------------------------------------------------------------------------
 * The state machine by property: random event sequences (a printed xorshift seed), and
 * after each event `next` agrees with `status`. While the token is usable (fresh or
 * refresh soon) the answer lets the caller send: SEND with a header, LOG_IN with the
 * header to send meanwhile, or REFRESH with `usable`; once not usable, never SEND, no
 * header with LOG_IN, `usable` false. A sliding window never asks to log in or refresh
 * while usable.
 */
static uint64_t rng_state;

static uint32_t rng(void) {
    uint64_t x = rng_state;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    rng_state = x;
    return (uint32_t)(x >> 32);
}

struct prop_profile {
    const char *name;
    authcore_api api;
    int64_t lifetime; /* seconds a login grants (ImmPort: its 60 s use window) */
    bool sliding;
};

/* A login answer for `p` issued at `now`. */
static void prop_login_response(const struct prop_profile *p, int64_t now, char *out,
                                size_t cap) {
    char token[1024], claims[128];
    int64_t life = p->lifetime / 2 + (int64_t)(rng() % (uint32_t)p->lifetime);
    switch (p->api) {
    case AUTHCORE_API_OAUTH2:
        if (rng() % 2) {
            snprintf(out, cap,
                     "{\"access_token\":\"a%u\",\"token_type\":\"Bearer\",\"expires_in\":%lld,"
                     "\"refresh_token\":\"r%u\",\"refresh_expires_in\":%lld}",
                     rng() % 1000, (long long)life, rng() % 1000, (long long)(life * 2));
        } else {
            snprintf(out, cap, "{\"access_token\":\"a%u\",\"token_type\":\"Bearer\","
                               "\"expires_in\":%lld}",
                     rng() % 1000, (long long)life);
        }
        break;
    case AUTHCORE_API_ARIA:
        snprintf(out, cap, "{\"token\":\"t-%u\",\"validity\":%lld,\"roles\":[]}", rng() % 1000,
                 (long long)((now + 21600) * 1000));
        break;
    default: /* ImmPort, Infoworks: a JWT */
        snprintf(claims, sizeof claims, "{\"iat\":%lld,\"exp\":%lld}", (long long)now,
                 (long long)(now + (p->api == AUTHCORE_API_IMMPORT ? 3600 : life)));
        jwt(claims, token);
        if (p->api == AUTHCORE_API_IMMPORT) {
            snprintf(out, cap, "{\"status\":200,\"token\":\"%s\"}", token);
        } else {
            snprintf(out, cap, "{\"result\":{\"authentication_token\":\"%s\"}}", token);
        }
    }
}

static void prop_run(const struct prop_profile *p, uint64_t seed, int events) {
    static char buf[4096], resp[2048];
    int64_t now = T0;
    int i, bad = 0, seen[2][4] = {{0}};
    bool had_token = false;
    rng_state = seed;
    printf("property %s: seed 0x%016llx, %d events\n", p->name, (unsigned long long)seed,
           events);
    CHECK_STATUS(authcore_session_init(&S, p->api, NULL, 0, NULL, 0), AUTHCORE_OK);
    for (i = 0; i < events && bad < 5; i++) {
        uint32_t e = rng() % 128;
        authcore_token_status ts;
        authcore_next n;
        authcore_status st;
        size_t len = 0;
        bool usable;
        const char *what = "advance";
        /* Mostly small steps (a margin is about a tenth of a lifetime), touches and pins;
         * rarely what ends a token (a long idle, a new login, a forget), so that most tokens
         * live through their margin. Without a usable token, a login comes soon. */
        if (!had_token && rng() % 6 == 0) {
            e = 0;
        }
        if (e < 2) {
            what = "login";
            prop_login_response(p, now, resp, sizeof resp);
            CHECK_STATUS(accept_login(resp, now, UNIX), AUTHCORE_OK);
            if (p->api == AUTHCORE_API_INFOWORKS && rng() % 2) {
                CHECK_STATUS(authcore_session_set_refresh_token(&S, "opaque+refresh/token==", 22,
                                                                now, UNIX),
                             AUTHCORE_OK);
            }
        } else if (e < 3) {
            what = "long idle";
            now += (int64_t)(rng() % (uint32_t)(p->lifetime * 3));
        } else if (e < 4) {
            what = "forget_access_token";
            CHECK_STATUS(authcore_session_forget_access_token(&S), AUTHCORE_OK);
        } else if (e < 6) {
            what = "forget_refresh_token";
            CHECK_STATUS(authcore_session_forget_refresh_token(&S), AUTHCORE_OK);
        } else if (e < 7) {
            what = "forget";
            CHECK_STATUS(authcore_session_forget(&S), AUTHCORE_OK);
        } else if (e < 19) {
            what = "touch";
            (void)authcore_session_touch(&S, now, UNIX);
        } else if (e < 25) {
            what = "pin";
            (void)authcore_session_pin(&S, now, UNIX);
        } else if (e < 37) {
            what = "unpin";
            CHECK_STATUS(authcore_session_unpin(&S), AUTHCORE_OK);
        } else {
            now += (int64_t)(rng() % (uint32_t)(p->lifetime / 8 + 1));
        }
        st = authcore_session_status(&S, now, UNIX, &ts);
        CHECK(st == AUTHCORE_OK || st == AUTHCORE_NO_TOKEN);
        usable = st == AUTHCORE_OK &&
                 (ts.state == AUTHCORE_TOKEN_FRESH || ts.state == AUTHCORE_TOKEN_REFRESH_SOON);
        CHECK_STATUS(authcore_session_next(&S, now, UNIX, buf, sizeof buf, &len, &n),
                     AUTHCORE_OK);
        {
            bool ok = n.usable == usable;
            if (usable) {
                ok = ok && n.remaining == ts.remaining;
                switch (n.action) {
                case AUTHCORE_ACTION_SEND:
                case AUTHCORE_ACTION_LOG_IN:
                    ok = ok && n.request.authorization != NULL;
                    break;
                case AUTHCORE_ACTION_REFRESH:
                    ok = ok && !p->sliding;
                    break;
                default:
                    ok = false;
                }
                if (p->sliding) {
                    ok = ok && n.action == AUTHCORE_ACTION_SEND;
                }
            } else {
                ok = ok && n.remaining == 0 && n.action != AUTHCORE_ACTION_SEND;
                if (n.action == AUTHCORE_ACTION_LOG_IN) {
                    ok = ok && n.request.authorization == NULL;
                }
            }
            if (!ok) {
                bad++;
                printf("  event %d (%s) at T0+%lld: status %d/%lld, next action %d usable %d "
                       "remaining %lld\n",
                       i, what, (long long)(now - T0), st == AUTHCORE_OK ? (int)ts.state : 0,
                       st == AUTHCORE_OK ? (long long)ts.remaining : -1LL, (int)n.action,
                       (int)n.usable, (long long)n.remaining);
            }
            CHECK(ok);
            seen[usable][n.action & 3]++;
            had_token = usable;
        }
    }
    /* The sequence reaches every answer the profile can give. */
    printf("  usable: send %d, refresh %d, log in %d; not usable: refresh %d, log in %d\n",
           seen[1][AUTHCORE_ACTION_SEND], seen[1][AUTHCORE_ACTION_REFRESH],
           seen[1][AUTHCORE_ACTION_LOG_IN], seen[0][AUTHCORE_ACTION_REFRESH],
           seen[0][AUTHCORE_ACTION_LOG_IN]);
    CHECK(seen[1][AUTHCORE_ACTION_SEND] > 0 && seen[0][AUTHCORE_ACTION_LOG_IN] > 0);
    CHECK(p->sliding || seen[1][AUTHCORE_ACTION_REFRESH] + seen[1][AUTHCORE_ACTION_LOG_IN] > 0);
    CHECK_STATUS(authcore_session_clear(&S), AUTHCORE_OK);
}

static void test_state_machine_property(void) {
    static const struct prop_profile profiles[] = {
        {"OAuth 2.0", AUTHCORE_API_OAUTH2, 3600, false},
        {"ImmPort", AUTHCORE_API_IMMPORT, 60, false},
        {"Aria Operations", AUTHCORE_API_ARIA, 21600, true},
        {"Infoworks", AUTHCORE_API_INFOWORKS, 900, false},
    };
    size_t i;
    for (i = 0; i < sizeof profiles / sizeof *profiles; i++) {
        prop_run(&profiles[i], 0x9E3779B97F4A7C15ULL ^ (uint64_t)(i + 1) * 0x2545F4914F6CDD1DULL,
                 500);
    }
}

int main(void) {
    CHECK_STATUS(authcore_key_hmac(&KEY, AUTHCORE_HS256,
                                   (const uint8_t *)"0123456789abcdef0123456789abcdef", 32),
                 AUTHCORE_OK);
    test_authorization_format();
    test_authorization_parse();
    test_bodies();
    test_tracker();
    test_datarhei();
    test_oauth2();
    test_immport();
    test_infoworks();
    test_aria();
    test_bluecat();
    test_session_edges();
    test_responses();
    test_state_machine_property();
    CHECK_STATUS(authcore_key_clear(&KEY), AUTHCORE_OK);
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
