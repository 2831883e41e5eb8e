/*
 * Whole sessions, from login to logout, with the calls a session needs besides `next`:
 *
 *   Infoworks         log in with Basic credentials; the refresh token, copied by the user
 *                     from My Profile > Settings (opaque, no known expiry), handed over
 *                     with authcore_session_set_refresh_token; a long upload holds the
 *                     token with authcore_session_pin / authcore_session_unpin; refresh
 *                     sends "Basic <refresh token>"; logout (DELETE
 *                     /v3/security/token/access) blacklists the access token only, so it
 *                     is authcore_session_forget_access_token, and the refresh token stays.
 *   Aria Operations   a 6 h window that slides from the last call: each call is reported
 *                     with authcore_session_touch, so inside the margin the answer is still
 *                     "send"; release (POST .../auth/token/release) is a send with the
 *                     current header, then authcore_session_forget.
 *
 * A small fake server issues the tokens and the clock is a number the example advances. At
 * each instant it asks the session what to do and compares the answer with the expected
 * one. Exits 0 only if every answer matched.
 *
 * Build: cc -std=c99 -Iinclude examples/c/session_flows.c target/debug/libauthcore.a \
 *        -lpthread -ldl -lm   (tests/c/Makefile builds and runs it: `make examples`)
 */
#include "authcore.h"

#include <stdio.h>
#include <string.h>

static const int64_t T0 = 1700000000; /* the simulated wall clock starts here */
#define UNIX AUTHCORE_TIME_UNIX

static authcore_session session; /* AUTHCORE_SESSION_SIZE bytes; no malloc anywhere */
static authcore_key server_key;
static char buf[4096], response[2048];
static size_t checks, mismatches;

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

/* Asks the session what to do at T0 + `at`, prints it and checks it. */
static authcore_next expect(const char *why, int64_t at, authcore_action action, bool usable,
                            int64_t remaining) {
    authcore_next next;
    size_t len = 0;
    authcore_status s =
        authcore_session_next(&session, T0 + at, UNIX, buf, sizeof buf, &len, &next);
    bool ok = s == AUTHCORE_OK && next.action == action && next.usable == usable &&
              next.remaining == remaining;
    checks++;
    mismatches += !ok;
    if (s != AUTHCORE_OK) {
        printf("t=+%-6lld error %s   <-- NOT AS EXPECTED\n", (long long)at,
               authcore_status_str(s));
        memset(&next, 0, sizeof next);
        return next;
    }
    printf("t=+%-6lld %-8s", (long long)at, action_name(next.action));
    if (next.usable) {
        printf("(token good for %lld s)", (long long)next.remaining);
    } else {
        printf("(no usable token)");
    }
    printf("  %s%s\n", why, ok ? "" : "   <-- NOT AS EXPECTED");
    if (next.request.authorization) {
        size_t n = strlen(next.request.authorization);
        printf("      Authorization: %.9s...%s\n", next.request.authorization,
               n > 21 ? next.request.authorization + n - 12 : "");
    }
    return next;
}

static void check(const char *what, authcore_status got, authcore_status want) {
    checks++;
    if (got != want) {
        mismatches++;
        printf("  %s: %s, expected %s   <-- NOT AS EXPECTED\n", what,
               authcore_status_str(got), authcore_status_str(want));
    }
}

/* An HS256 JWT valid from `now` for `lifetime` seconds, as Infoworks' access token. */
static void issue(int64_t now, int64_t lifetime, char *out, size_t cap) {
    char claims[128];
    size_t len;
    snprintf(claims, sizeof claims, "{\"iat\":%lld,\"exp\":%lld,\"sub\":\"admin\"}",
             (long long)now, (long long)(now + lifetime));
    check("sign", authcore_sign_hmac(&server_key, claims, strlen(claims), NULL, 0,
                                     out, cap, &len),
          AUTHCORE_OK);
}

static void infoworks(void) {
    /* The refresh token the user copied from My Profile > Settings. */
    static const char refresh[] =
        "zThziQ7MoJJPYAha+U/+PBSTZG944F+SHBDs+m/z2qn8+m/ax8Prpzla1MHzQ5EBLzB2Bw8a+Qs9r6En5BvN5D"
        "wYhQ==";
    const authcore_credentials creds = {"admin@infoworks.io", 18, "admin123", 8, NULL, 0};
    char access[512];
    authcore_request req;
    authcore_next next;
    size_t len;

    printf("== Infoworks\n");
    check("init", authcore_session_init(&session, AUTHCORE_API_INFOWORKS, NULL, 0, NULL, 0),
          AUTHCORE_OK);
    expect("no token yet", 0, AUTHCORE_ACTION_LOG_IN, false, 0);
    check("login request",
          authcore_session_login_request(&session, &creds, buf, sizeof buf, &len, &req),
          AUTHCORE_OK);
    printf("    POST /v3/security/token/access  Authorization: %s\n", req.authorization);
    /* Access tokens live 15 minutes (the API's default). */
    issue(T0, 900, access, sizeof access);
    snprintf(response, sizeof response,
             "{\"message\":\"Authentication successful\",\"result\":{\"authentication_token\":"
             "\"%s\",\"is_authenticated\":true}}",
             access);
    check("accept login",
          authcore_session_accept_login(&session, response, strlen(response), T0, UNIX),
          AUTHCORE_OK);
    check("set refresh token",
          authcore_session_set_refresh_token(&session, refresh, strlen(refresh), T0, UNIX),
          AUTHCORE_OK);
    expect("logged in (exp - 5 s leeway)", 0, AUTHCORE_ACTION_SEND, true, 895);

    /* A long upload from +100 to +1000 must keep its token: pin it for the duration. */
    check("pin", authcore_session_pin(&session, T0 + 100, UNIX), AUTHCORE_OK);
    expect("upload running, token pinned", 1000, AUTHCORE_ACTION_SEND, true, 795);
    check("unpin", authcore_session_unpin(&session), AUTHCORE_OK);
    next = expect("upload done: expired, refresh token good", 1000, AUTHCORE_ACTION_REFRESH,
                  false, 0);
    if (next.request.authorization) {
        printf("    POST /v3/security/token/refresh\n");
    }
    issue(T0 + 1000, 900, access, sizeof access);
    snprintf(response, sizeof response, "{\"result\":{\"authentication_token\":\"%s\"}}", access);
    check("accept refresh",
          authcore_session_accept_refresh(&session, response, strlen(response), T0 + 1000, UNIX),
          AUTHCORE_OK);
    expect("refreshed", 1000, AUTHCORE_ACTION_SEND, true, 895);

    /* Inside the margin (10 % of 900 s): refresh while the token still works. */
    expect("inside the margin", 1850, AUTHCORE_ACTION_REFRESH, true, 45);
    issue(T0 + 1850, 900, access, sizeof access);
    snprintf(response, sizeof response, "{\"result\":{\"authentication_token\":\"%s\"}}", access);
    check("accept refresh",
          authcore_session_accept_refresh(&session, response, strlen(response), T0 + 1850, UNIX),
          AUTHCORE_OK);
    expect("refreshed", 1850, AUTHCORE_ACTION_SEND, true, 895);

    /* Logout: DELETE /v3/security/token/access blacklists the access token; the refresh
     * token stays valid, and the session keeps it. */
    printf("    DELETE /v3/security/token/access\n");
    check("logout", authcore_session_forget_access_token(&session), AUTHCORE_OK);
    expect("logged out, refresh token kept", 1900, AUTHCORE_ACTION_REFRESH, false, 0);
    /* Done with the API for good: drop the refresh token too. */
    check("forget", authcore_session_forget(&session), AUTHCORE_OK);
    expect("nothing left", 1900, AUTHCORE_ACTION_LOG_IN, false, 0);
}

static void aria(void) {
    static const char token[] =
        "8f868cca-27cc-43d6-a838-c5467e73ec45::77cea9b2-1e87-490e-b626-e878beeaa23b";
    const authcore_credentials creds = {"admin", 5, "VMware1!", 8, "vIDMAuthSource", 14};
    authcore_request req;
    size_t len;

    printf("== Aria Operations\n");
    check("init", authcore_session_init(&session, AUTHCORE_API_ARIA, NULL, 0, NULL, 0),
          AUTHCORE_OK);
    expect("no token yet", 0, AUTHCORE_ACTION_LOG_IN, false, 0);
    check("login request",
          authcore_session_login_request(&session, &creds, buf, sizeof buf, &len, &req),
          AUTHCORE_OK);
    printf("    POST /suite-api/api/auth/token/acquire  Content-Type: %s\n      %s\n",
           req.content_type, req.body);
    snprintf(response, sizeof response,
             "{\"token\":\"%s\",\"validity\":%lld,\"expiresAt\":\"Wednesday, November 15, "
             "2023 4:13:20 AM UTC\",\"roles\":[]}",
             token, (long long)((T0 + 21600) * 1000));
    check("accept login",
          authcore_session_accept_login(&session, response, strlen(response), T0, UNIX),
          AUTHCORE_OK);
    expect("logged in: 6 h window", 0, AUTHCORE_ACTION_SEND, true, 21595);
    /* 5 h idle, then a call: it slides the window to 6 h from now. */
    expect("5 h idle", 18000, AUTHCORE_ACTION_SEND, true, 3595);
    check("touch", authcore_session_touch(&session, T0 + 18000, UNIX), AUTHCORE_OK);
    expect("the call slid the window", 18000, AUTHCORE_ACTION_SEND, true, 21595);
    /* Idle into the margin: a call now slides the window again, so the answer is send. */
    expect("inside the margin, still send", 38000, AUTHCORE_ACTION_SEND, true, 1595);
    check("touch", authcore_session_touch(&session, T0 + 38000, UNIX), AUTHCORE_OK);
    expect("slid again", 38000, AUTHCORE_ACTION_SEND, true, 21595);
    /* Release: POST .../auth/token/release with the current header, then forget. */
    expect("release with the current header", 40000, AUTHCORE_ACTION_SEND, true, 19595);
    printf("    POST /suite-api/api/auth/token/release\n");
    check("forget", authcore_session_forget(&session), AUTHCORE_OK);
    expect("released", 40000, AUTHCORE_ACTION_LOG_IN, false, 0);
    check("clear", authcore_session_clear(&session), AUTHCORE_OK);
}

int main(void) {
    if (authcore_key_hmac(&server_key, AUTHCORE_HS256,
                          (const uint8_t *)"infoworks-demo-jwt-secret-012345", 32) !=
        AUTHCORE_OK) {
        fprintf(stderr, "setup failed\n");
        return 1;
    }
    infoworks();
    aria();
    authcore_session_clear(&session);
    authcore_key_clear(&server_key);
    printf("%zu checks, %zu not as expected\n", checks, mismatches);
    return mismatches == 0 ? 0 : 1;
}
