/*
 * A login/refresh loop for datarhei Core against an injected clock.
 *
 * datarhei Core answers a JSON login with {"access_token","refresh_token"}: two HS256 JWTs
 * whose exp says when they end (the access token lives 10 minutes, the refresh token a day).
 * The access token is sent as "Authorization: Bearer <jwt>"; it is renewed by sending the
 * refresh token as Bearer. Here a small fake server issues the tokens (signed with
 * authcore_sign_hmac) so that the loop runs without a network, and the clock is a number the
 * loop advances: on a device it would be the RTC (AUTHCORE_TIME_UNIX) or seconds since boot
 * (AUTHCORE_TIME_MONOTONIC; the lifetime is then anchored at receipt with exp - iat).
 *
 * At each instant it asks the session what to do, prints the decision and the header it
 * would send, does it, and compares the decision with the expected one. Exits 0 only if
 * every decision matched.
 *
 * Build: cc -std=c99 -Iinclude examples/c/login_refresh.c target/debug/libauthcore.a \
 *        -lpthread -ldl -lm   (tests/c/Makefile builds and runs it: `make examples`)
 */
#include "authcore.h"

#include <stdio.h>
#include <string.h>

static const int64_t T0 = 1700000000; /* the simulated wall clock starts here */

/* ---- the fake server ---------------------------------------------------------------- */

static authcore_key server_key;

/* Writes an HS256 JWT valid from `now` for `lifetime` seconds into `out`. */
static int issue(const char *usefor, int64_t now, int64_t lifetime, char *out, size_t cap) {
    char claims[256];
    size_t len;
    snprintf(claims, sizeof claims,
             "{\"exi\":%lld,\"exp\":%lld,\"iat\":%lld,\"iss\":\"datarhei-core\","
             "\"sub\":\"admin\",\"usefor\":\"%s\"}",
             (long long)lifetime, (long long)(now + lifetime), (long long)now, usefor);
    return authcore_sign_hmac(&server_key, claims, strlen(claims), NULL, 0, out,
                              cap, &len) == AUTHCORE_OK;
}

/* POST /api/login: both tokens. */
static int server_login(int64_t now, char *response, size_t cap) {
    char access[512], refresh[512];
    if (!issue("access", now, 600, access, sizeof access) ||
        !issue("refresh", now, 86400, refresh, sizeof refresh)) {
        return 0;
    }
    snprintf(response, cap, "{\"access_token\":\"%s\",\"refresh_token\":\"%s\"}", access,
             refresh);
    return 1;
}

/* GET /api/login/refresh: a new access token only. */
static int server_refresh(int64_t now, char *response, size_t cap) {
    char access[512];
    if (!issue("access", now, 600, access, sizeof access)) {
        return 0;
    }
    snprintf(response, cap, "{\"access_token\":\"%s\"}", access);
    return 1;
}

/* ---- the client ----------------------------------------------------------------------- */

/* What the session should say at each instant (seconds after T0). */
struct expected {
    int64_t at;
    authcore_action action;
    bool usable;
    int64_t remaining;
};

static const struct expected SCHEDULE[] = {
    {0, AUTHCORE_ACTION_LOG_IN, false, 0},      /* no token yet */
    {0, AUTHCORE_ACTION_SEND, true, 595},       /* just logged in: exp - 5 s leeway */
    {300, AUTHCORE_ACTION_SEND, true, 295},     /* half way */
    {540, AUTHCORE_ACTION_REFRESH, true, 55},   /* inside the 60 s refresh margin */
    {540, AUTHCORE_ACTION_SEND, true, 595},     /* refreshed */
    {2000, AUTHCORE_ACTION_REFRESH, false, 0},  /* idle: access expired, refresh token good */
    {2000, AUTHCORE_ACTION_SEND, true, 595},    /* refreshed */
    {86400, AUTHCORE_ACTION_LOG_IN, false, 0},  /* the refresh token has expired too */
    {86400, AUTHCORE_ACTION_SEND, true, 595},   /* logged in again */
};

static const char *action_name(authcore_action a) {
    switch (a) {
    case AUTHCORE_ACTION_SEND:
        return "send";
    case AUTHCORE_ACTION_REFRESH:
        return "refresh";
    case AUTHCORE_ACTION_LOG_IN:
        return "log in";
    }
    return "?";
}

/* Prints a header value shortened, as a log would: its scheme and the token's last bytes
 * (the signature, which tells the tokens apart). */
static void print_header(const char *value) {
    size_t n = strlen(value);
    printf("      Authorization: %.7s...%s\n", value, n > 19 ? value + n - 12 : value);
}

int main(void) {
    static authcore_session session; /* AUTHCORE_SESSION_SIZE bytes; no malloc anywhere */
    static char buf[4096], response[2048];
    const authcore_credentials creds = {"admin", 5, "datarhei", 8, NULL, 0};
    size_t i, len, mismatches = 0;
    authcore_status s;

    if (authcore_key_hmac(&server_key, AUTHCORE_HS256,
                          (const uint8_t *)"datarhei-core-jwt-secret-0123456", 32) != AUTHCORE_OK ||
        authcore_session_init(&session, AUTHCORE_API_DATARHEI, NULL, 0, NULL, 0) != AUTHCORE_OK) {
        fprintf(stderr, "setup failed\n");
        return 1;
    }

    for (i = 0; i < sizeof SCHEDULE / sizeof *SCHEDULE; i++) {
        const struct expected *e = &SCHEDULE[i];
        int64_t now = T0 + e->at;
        authcore_next next;
        authcore_request req;
        int ok;

        s = authcore_session_next(&session, now, AUTHCORE_TIME_UNIX, buf, sizeof buf, &len,
                                  &next);
        if (s != AUTHCORE_OK) {
            fprintf(stderr, "next: %s\n", authcore_status_str(s));
            return 1;
        }
        ok = next.action == e->action && next.usable == e->usable &&
             next.remaining == e->remaining;
        mismatches += !ok;
        printf("t=+%-6lld %-8s", (long long)e->at, action_name(next.action));
        if (next.usable) {
            printf("(token good for %lld s)", (long long)next.remaining);
        } else {
            printf("(no usable token)");
        }
        printf("%s\n", ok ? "" : "   <-- NOT AS EXPECTED");

        switch (next.action) {
        case AUTHCORE_ACTION_SEND:
            printf("    GET /api/v3/process\n");
            print_header(next.request.authorization);
            break;
        case AUTHCORE_ACTION_REFRESH:
            printf("    GET /api/login/refresh\n");
            print_header(next.request.authorization);
            s = server_refresh(now, response, sizeof response)
                    ? authcore_session_accept_refresh(&session, response, strlen(response), now,
                                                      AUTHCORE_TIME_UNIX)
                    : AUTHCORE_OTHER_ERROR;
            break;
        case AUTHCORE_ACTION_LOG_IN:
            s = authcore_session_login_request(&session, &creds, buf, sizeof buf, &len, &req);
            if (s != AUTHCORE_OK) {
                break;
            }
            printf("    POST /api/login  Content-Type: %s\n      %s\n", req.content_type,
                   req.body);
            s = server_login(now, response, sizeof response)
                    ? authcore_session_accept_login(&session, response, strlen(response), now,
                                                    AUTHCORE_TIME_UNIX)
                    : AUTHCORE_OTHER_ERROR;
            break;
        }
        if (s != AUTHCORE_OK) {
            fprintf(stderr, "step %zu: %s\n", i, authcore_status_str(s));
            return 1;
        }
    }

    /* Log out: both tokens are zeroized with the storage. */
    authcore_session_clear(&session);
    authcore_key_clear(&server_key);
    printf("%zu decisions, %zu not as expected\n", sizeof SCHEDULE / sizeof *SCHEDULE,
           mismatches);
    return mismatches == 0 ? 0 : 1;
}
