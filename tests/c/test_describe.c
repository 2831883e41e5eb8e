/*
 * API descriptions: every preset as a description behaves as the preset; an eighth API
 * described from scratch through login, send, refresh and expiry; wrong descriptions
 * refused at creation, each with its own status.
 */
#include "check.h"

#include <stdint.h>

static const int64_t T0 = 1700000000;
static const authcore_time_base UNIX = AUTHCORE_TIME_UNIX;

static authcore_session S, S2; /* 5 KiB each: kept off the stack */

/* Sets a description's string: its pointer and its length (`field` and `field_len`). */
#define SET(field, text) ((field) = (text), field##_len = strlen(text))

/* Checks a description's string against `want`: NULL means absent. */
#define CHECK_SPAN(field, want)                                                        \
    do {                                                                               \
        const char *w_ = (want);                                                       \
        if (w_ == NULL ? (field) == NULL && field##_len == 0                           \
                       : (field) != NULL && field##_len == strlen(w_) &&               \
                             memcmp((field), w_, field##_len) == 0) {                  \
            passed++;                                                                  \
        } else {                                                                       \
            failed++;                                                                  \
            fprintf(stderr, "%s:%d: %s is \"%.*s\", want \"%s\"\n", __FILE__, __LINE__, \
                    #field, (field) ? (int)field##_len : 6, (field) ? (field) : "(null)", \
                    w_ ? w_ : "(null)");                                               \
        }                                                                              \
    } while (0)

static const char *step(const authcore_session *s, int64_t now) {
    static char buf[4096], text[5000];
    size_t len = 0;
    authcore_next n;
    authcore_status st = authcore_session_next(s, now, UNIX, buf, sizeof buf, &len, &n);
    if (st != AUTHCORE_OK) {
        snprintf(text, sizeof text, "error %s", authcore_status_str(st));
        return text;
    }
    snprintf(text, sizeof text, "%d [%s|%s|%s] (%lld)", (int)n.action,
             n.request.authorization ? n.request.authorization : "-",
             n.request.body ? n.request.body : "-",
             n.request.content_type ? n.request.content_type : "-",
             n.usable ? (long long)n.remaining : -1LL);
    return text;
}

static const char *request(const authcore_session *s, int login) {
    static char buf[1024], text[1100];
    size_t len = 0;
    authcore_request r;
    authcore_credentials c;
    authcore_status st;
    memset(&c, 0, sizeof c);
    c.username = "jdoe";
    c.username_len = 4;
    c.password = "pa ss";
    c.password_len = 5;
    st = login ? authcore_session_login_request(s, &c, buf, sizeof buf, &len, &r)
               : authcore_session_refresh_request(s, buf, sizeof buf, &len, &r);
    if (st != AUTHCORE_OK) {
        snprintf(text, sizeof text, "error %s", authcore_status_str(st));
        return text;
    }
    snprintf(text, sizeof text, "[%s|%s|%s]", r.authorization ? r.authorization : "-",
             r.body ? r.body : "-", r.content_type ? r.content_type : "-");
    return text;
}

static authcore_status accept(authcore_session *s, const char *json, int64_t now) {
    return authcore_session_accept_login(s, json, strlen(json), now, UNIX);
}

/* An unsigned-looking JWT (the session reads its times, not its signature). */
static const char JWT[] = "eyJhbGciOiJIUzI1NiJ9."
                          "eyJpYXQiOjE3MDAwMDAwMDAsImV4cCI6MTcwMDAwMzYwMCwiZXhpIjozNjAwfQ."
                          "c2lnbmF0dXJl";

/* One response every preset can read: each one's fields, one hour from T0. */
static char EVERYTHING[2048];

static void same(const char *a, const char *b, int line) {
    if (strcmp(a, b) == 0) {
        passed++;
    } else {
        failed++;
        fprintf(stderr, "line %d: preset and description differ:\n  %s\n  %s\n", line, a, b);
    }
}

static void test_presets_as_descriptions(void) {
    static char a[5000];
    uint32_t api;
    snprintf(EVERYTHING, sizeof EVERYTHING,
             "{\"access_token\":\"%s\",\"refresh_token\":\"%s\",\"token_type\":\"Bearer\","
             "\"expires_in\":3600,\"token\":\"%s\",\"validity\":%lld,"
             "\"result\":{\"authentication_token\":\"%s\"},\"apiToken\":\"%s\","
             "\"apiTokenExpirationDateTime\":\"2023-11-14T23:13:20Z\","
             "\"basicAuthenticationCredentials\":\"dXNlcjpwYXNz\",\"status\":200}",
             JWT, JWT, JWT, (long long)(T0 + 3600) * 1000, JWT, JWT);
    for (api = AUTHCORE_API_OAUTH2; api <= AUTHCORE_API_BLUECAT; api++) {
        authcore_api_description d;
        int64_t at[] = {T0, T0 + 3000, T0 + 3300, T0 + 3590, T0 + 4000};
        size_t i;
        CHECK_STATUS(authcore_api_description_preset((authcore_api)api, &d), AUTHCORE_OK);
        CHECK_STATUS(authcore_api_description_check(&d), AUTHCORE_OK);
        CHECK_STATUS(authcore_session_init(&S, (authcore_api)api, NULL, 0, NULL, 0), AUTHCORE_OK);
        CHECK_STATUS(authcore_session_init_custom(&S2, &d), AUTHCORE_OK);
        /* The description is the session's own copy: wiping it changes nothing. */
        memset(&d, 0xA5, sizeof d);
        strcpy(a, request(&S, 1));
        same(a, request(&S2, 1), __LINE__);
        CHECK_STATUS(accept(&S, EVERYTHING, T0), AUTHCORE_OK);
        CHECK_STATUS(accept(&S2, EVERYTHING, T0), AUTHCORE_OK);
        CHECK_STATUS(authcore_session_touch(&S, T0 + 10, UNIX), AUTHCORE_OK);
        CHECK_STATUS(authcore_session_touch(&S2, T0 + 10, UNIX), AUTHCORE_OK);
        for (i = 0; i < sizeof at / sizeof at[0]; i++) {
            strcpy(a, step(&S, at[i]));
            same(a, step(&S2, at[i]), __LINE__);
        }
        strcpy(a, request(&S, 0));
        same(a, request(&S2, 0), __LINE__);
        CHECK_STATUS(authcore_session_clear(&S), AUTHCORE_OK);
        CHECK_STATUS(authcore_session_clear(&S2), AUTHCORE_OK);
    }
}

static void test_preset_read_back(void) {
    authcore_api_description d;
    CHECK_STATUS(authcore_api_description_preset(AUTHCORE_API_ARIA, &d), AUTHCORE_OK);
    CHECK_SPAN(d.name, "Aria Operations");
    CHECK(d.login == AUTHCORE_LOGIN_JSON_BODY);
    CHECK(d.paths_len == 2);
    CHECK(d.paths[0].field == AUTHCORE_FIELD_ACCESS_TOKEN);
    CHECK_SPAN(d.paths[0].path, "token");
    CHECK(d.paths[1].field == AUTHCORE_FIELD_EXPIRES_AT_MILLIS);
    CHECK_SPAN(d.paths[1].path, "validity");
    CHECK(d.header.style == AUTHCORE_HEADER_CUSTOM);
    CHECK_SPAN(d.header.scheme, "OpsToken");
    CHECK(d.refresh == AUTHCORE_REFRESH_NONE);
    CHECK(d.expiry.kind == AUTHCORE_EXPIRY_EXPIRES_AT);
    CHECK_SPAN(d.expiry.claim, NULL);
    CHECK(d.has_sliding_window && d.sliding_window == 6 * 3600);
    CHECK(!d.has_default_lifetime);
    CHECK(d.margin_secs == 60 && d.margin_permille == 100 && d.leeway == 5);
    CHECK(d.max_skew == 300);
    CHECK_SPAN(d.token_type, NULL);
    CHECK_SPAN(d.scope, NULL);
    CHECK_SPAN(d.client_id, NULL);
    CHECK_STATUS(authcore_api_description_preset(AUTHCORE_API_IMMPORT, &d), AUTHCORE_OK);
    CHECK(d.expiry.kind == AUTHCORE_EXPIRY_FIXED_WINDOW && d.expiry.seconds == 60);
    CHECK(d.margin_secs == 15 && d.margin_permille == 0);
    CHECK_STATUS(authcore_api_description_preset(AUTHCORE_API_INFOWORKS, &d), AUTHCORE_OK);
    CHECK(d.refresh == AUTHCORE_REFRESH_HEADER && d.refresh_header.style == AUTHCORE_HEADER_CUSTOM);
    CHECK_SPAN(d.refresh_header.scheme, "Basic");
    CHECK(d.has_default_lifetime && d.default_lifetime == 900);
    CHECK_STATUS(authcore_api_description_preset((authcore_api)0, &d), AUTHCORE_INVALID_ARGUMENT);
    CHECK_STATUS(authcore_api_description_preset(AUTHCORE_API_ARIA, NULL), AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_api_description_preset(AUTHCORE_API_OAUTH2, &d), AUTHCORE_OK);
    CHECK_SPAN(d.token_type, "Bearer");
}

/* A preset with its margin and leeway changed. */
static void test_preset_modified(void) {
    authcore_api_description d;
    char want[3000];
    CHECK_STATUS(authcore_api_description_preset(AUTHCORE_API_INFOWORKS, &d), AUTHCORE_OK);
    d.margin_secs = 300;
    d.margin_permille = 0;
    d.leeway = 30;
    CHECK_STATUS(authcore_session_init_custom(&S, &d), AUTHCORE_OK);
    snprintf(EVERYTHING, sizeof EVERYTHING, "{\"result\":{\"authentication_token\":\"%s\"}}", JWT);
    CHECK_STATUS(accept(&S, EVERYTHING, T0), AUTHCORE_OK);
    /* One hour, less 30 s of leeway; due 300 s before that. */
    snprintf(want, sizeof want, "1 [Bearer %s|-|-] (3570)", JWT);
    CHECK_STR(step(&S, T0), want);
    snprintf(want, sizeof want, "1 [Bearer %s|-|-] (301)", JWT);
    CHECK_STR(step(&S, T0 + 3269), want);
    snprintf(want, sizeof want, "3 [Bearer %s|-|-] (300)", JWT);
    CHECK_STR(step(&S, T0 + 3270), want);
    CHECK_STATUS(authcore_session_clear(&S), AUTHCORE_OK);
}

/* The gateway's strings live here, not in literals, so that a test can overwrite them after
 * the session was made. */
static char GATEWAY_TEXT[256];
static size_t gateway_used;

/* A copy of `text` in GATEWAY_TEXT. */
static const char *keep(const char *text) {
    char *at = GATEWAY_TEXT + gateway_used;
    size_t n = strlen(text);
    memcpy(at, text, n);
    gateway_used += n;
    return at;
}

/* Sets a description's string to a copy of `text` in GATEWAY_TEXT. */
#define KEEP(field, text) ((field) = keep(text), field##_len = strlen(text))

/* An eighth API: form login, `{"data":{"jwt":…,"ttl":…,"renew":…,"renew_ttl":…}}`,
 * `Token <jwt>`, refresh with `Renew <token>`. */
static void describe_gateway(authcore_api_description *d) {
    memset(d, 0, sizeof *d);
    gateway_used = 0;
    KEEP(d->name, "gateway");
    d->login = AUTHCORE_LOGIN_FORM_BODY;
    d->paths_len = 4;
    d->paths[0].field = AUTHCORE_FIELD_ACCESS_TOKEN;
    KEEP(d->paths[0].path, "data.jwt");
    d->paths[1].field = AUTHCORE_FIELD_EXPIRES_IN;
    KEEP(d->paths[1].path, "data.ttl");
    d->paths[2].field = AUTHCORE_FIELD_REFRESH_TOKEN;
    KEEP(d->paths[2].path, "/data/renew.token");
    d->paths[3].field = AUTHCORE_FIELD_REFRESH_EXPIRES_IN;
    KEEP(d->paths[3].path, "data.renew_ttl");
    d->header.style = AUTHCORE_HEADER_CUSTOM;
    KEEP(d->header.scheme, "Token");
    d->refresh = AUTHCORE_REFRESH_HEADER;
    d->refresh_header.style = AUTHCORE_HEADER_CUSTOM;
    KEEP(d->refresh_header.scheme, "Renew");
    d->expiry.kind = AUTHCORE_EXPIRY_EXPIRES_IN;
    d->refresh_expiry.kind = AUTHCORE_EXPIRY_EXPIRES_IN;
    d->margin_secs = 30;
    d->leeway = 2;
    d->max_skew = 300;
}

static void test_eighth_api(void) {
    authcore_api_description d;
    describe_gateway(&d);
    CHECK_STATUS(authcore_session_init_custom(&S, &d), AUTHCORE_OK);
    /* The session keeps copies: the description and its strings may go. */
    memset(&d, 0, sizeof d);
    memset(GATEWAY_TEXT, '#', sizeof GATEWAY_TEXT);
    CHECK_STR(step(&S, T0), "3 [-|-|-] (-1)");
    CHECK_STR(request(&S, 1),
              "[-|username=jdoe&password=pa+ss|application/x-www-form-urlencoded]");
    CHECK_STATUS(accept(&S, "{\"data\":{\"jwt\":\"a1\",\"ttl\":900,\"renew.token\":\"r1\","
                            "\"renew_ttl\":1000}}",
                        T0),
                 AUTHCORE_OK);
    CHECK_STR(step(&S, T0), "1 [Token a1|-|-] (898)");
    CHECK_STR(step(&S, T0 + 867), "1 [Token a1|-|-] (31)");
    CHECK_STR(step(&S, T0 + 868), "2 [Renew r1|-|-] (30)");
    CHECK_STR(request(&S, 0), "[Renew r1|-|-]");
    CHECK_STATUS(authcore_session_accept_refresh(&S, "{\"data\":{\"jwt\":\"a2\",\"ttl\":900}}",
                                                 31, T0 + 870, UNIX),
                 AUTHCORE_OK);
    CHECK_STR(step(&S, T0 + 870), "1 [Token a2|-|-] (898)");
    /* The refresh token (1000 s from T0) is gone by the next margin: log in. */
    CHECK_STR(step(&S, T0 + 1740), "3 [Token a2|-|-] (28)");
    CHECK_STR(step(&S, T0 + 1768), "3 [-|-|-] (-1)");
    CHECK_STATUS(accept(&S, "{\"data\":{\"jwt\":\"a3\",\"ttl\":\"60\"}}", T0 + 1800),
                 AUTHCORE_OK);
    CHECK_STR(step(&S, T0 + 1800), "1 [Token a3|-|-] (58)");
    CHECK_STATUS(accept(&S, "{\"data\":{\"jwt\":\"a4\"}}", T0 + 1800), AUTHCORE_OK);
    CHECK_STATUS(authcore_session_clear(&S), AUTHCORE_OK);
}

/* Longer than every string of a description may be together. */
static char LONG_NAME[AUTHCORE_API_TEXT_TOTAL + 1];

static void test_wrong_descriptions(void) {
    authcore_api_description d;
    memset(LONG_NAME, 'n', sizeof LONG_NAME);
#define REFUSED(change, status)                                                  \
    do {                                                                         \
        describe_gateway(&d);                                                    \
        change;                                                                  \
        CHECK_STATUS(authcore_api_description_check(&d), status);                \
        CHECK_STATUS(authcore_session_init_custom(&S, &d), status);              \
        CHECK_STATUS(authcore_session_touch(&S, T0, UNIX), AUTHCORE_UNINITIALIZED); \
    } while (0)
    REFUSED(d.paths[0].path_len = 0, AUTHCORE_DESCRIPTION_EMPTY_PATH);
    REFUSED((d.paths[0].path = NULL, d.paths[0].path_len = 0), AUTHCORE_DESCRIPTION_EMPTY_PATH);
    REFUSED(SET(d.paths[0].path, "/"), AUTHCORE_DESCRIPTION_EMPTY_PATH);
    REFUSED(SET(d.paths[1].path, "data..ttl"), AUTHCORE_DESCRIPTION_PATH_SEGMENT);
    REFUSED(SET(d.paths[1].path, "data."), AUTHCORE_DESCRIPTION_PATH_SEGMENT);
    REFUSED(SET(d.paths[2].path, "/data//renew"), AUTHCORE_DESCRIPTION_PATH_SEGMENT);
    REFUSED(d.paths[0].field = AUTHCORE_FIELD_SCOPE, AUTHCORE_DESCRIPTION_NO_ACCESS_TOKEN);
    REFUSED(d.paths[0].field = (authcore_field)42, AUTHCORE_DESCRIPTION_UNKNOWN_VALUE);
    REFUSED(d.paths[0].field = (authcore_field)0, AUTHCORE_DESCRIPTION_UNKNOWN_VALUE);
    REFUSED(d.login = (authcore_login_style)9, AUTHCORE_DESCRIPTION_UNKNOWN_VALUE);
    REFUSED(d.expiry.kind = (authcore_expiry_kind)0, AUTHCORE_DESCRIPTION_UNKNOWN_VALUE);
    REFUSED(d.header.style = AUTHCORE_HEADER_BEARER, AUTHCORE_DESCRIPTION_UNKNOWN_VALUE);
    REFUSED(SET(d.header.scheme, "Ops Token"), AUTHCORE_DESCRIPTION_SCHEME);
    REFUSED(d.header.scheme_len = 0, AUTHCORE_DESCRIPTION_SCHEME);
    REFUSED(SET(d.refresh_header.scheme, "Re:new"), AUTHCORE_DESCRIPTION_SCHEME);
    REFUSED((d.has_sliding_window = 1, d.sliding_window = 0), AUTHCORE_DESCRIPTION_ZERO_WINDOW);
    REFUSED(d.has_default_lifetime = 1, AUTHCORE_DESCRIPTION_ZERO_WINDOW);
    REFUSED(d.expiry.kind = AUTHCORE_EXPIRY_FIXED_WINDOW, AUTHCORE_DESCRIPTION_ZERO_WINDOW);
    REFUSED(d.margin_permille = 1001, AUTHCORE_DESCRIPTION_MARGIN);
    REFUSED(d.paths_len = 1, AUTHCORE_DESCRIPTION_FIELD_NEEDED);
    REFUSED(d.expiry.kind = AUTHCORE_EXPIRY_EXPIRES_AT, AUTHCORE_DESCRIPTION_FIELD_NEEDED);
    REFUSED(d.header.style = AUTHCORE_HEADER_BASIC_READY_MADE; d.header.scheme = NULL;
            d.header.scheme_len = 0, AUTHCORE_DESCRIPTION_FIELD_NEEDED);
    REFUSED(d.expiry.kind = AUTHCORE_EXPIRY_JWT_SECONDS, AUTHCORE_DESCRIPTION_CLAIM);
    REFUSED((d.name = LONG_NAME, d.name_len = sizeof LONG_NAME),
            AUTHCORE_DESCRIPTION_TOO_LONG);
    REFUSED(d.paths_len = AUTHCORE_API_PATHS_MAX + 1, AUTHCORE_DESCRIPTION_TOO_LONG);
    REFUSED(SET(d.name, "\xff"), AUTHCORE_INVALID_UTF8);
    /* A length without its string is a mix-up, not an empty string. */
    REFUSED((d.scope = NULL, d.scope_len = 1), AUTHCORE_INVALID_ARGUMENT);
    REFUSED((d.paths[0].path = NULL, d.paths[0].path_len = 8), AUTHCORE_INVALID_ARGUMENT);
#undef REFUSED
    /* A wrong description leaves the storage as it was: here, a live session. */
    describe_gateway(&d);
    CHECK_STATUS(authcore_session_init_custom(&S, &d), AUTHCORE_OK);
    d.margin_permille = 5000;
    CHECK_STATUS(authcore_session_init_custom(&S, &d), AUTHCORE_DESCRIPTION_MARGIN);
    CHECK_STR(step(&S, T0), "3 [-|-|-] (-1)");
    CHECK_STATUS(authcore_session_init_custom(NULL, &d), AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_session_init_custom(&S, NULL), AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_api_description_check(NULL), AUTHCORE_NULL_ARGUMENT);
    CHECK_STATUS(authcore_session_clear(&S), AUTHCORE_OK);
}

int main(void) {
    test_presets_as_descriptions();
    test_preset_read_back();
    test_preset_modified();
    test_eighth_api();
    test_wrong_descriptions();
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
