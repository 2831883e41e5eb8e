/*
 * A key cleared while other threads verify with it must never accept a token.
 *
 * `authcore_key_clear` wipes an HMAC key's keyed hash states to zero, and the all-zero state
 * is a public one: anyone can compute the MAC it gives. This test forges such a token (its
 * MAC computed from zero states, no secret involved), then, round after round, makes a key,
 * lets threads verify the forgery with it and clears the key at a random moment. The large
 * header widens the window between a verification's first look at the key and its reading
 * of the states. The verdict must be a refusal every time: the forgery while the key is
 * live, AUTHCORE_UNINITIALIZED once it is cleared, never AUTHCORE_OK.
 *
 * Usage: test_clear_race [SECONDS]   (default 3)
 */
#define _POSIX_C_SOURCE 200809L
#include "check.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <time.h>

/* ---- SHA-256 with a settable starting state: enough to forge the zero-state MAC ---- */

static const uint32_t K256[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
    0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
    0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
    0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
    0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
    0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
    0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
    0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
    0xc67178f2};

static const uint32_t IV256[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                  0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};

#define ROR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))

static void compress(uint32_t h[8], const unsigned char *block) {
    uint32_t w[64], a, b, c, d, e, f, g, k, t1, t2;
    int i;
    for (i = 0; i < 16; i++)
        w[i] = (uint32_t)block[4 * i] << 24 | (uint32_t)block[4 * i + 1] << 16 |
               (uint32_t)block[4 * i + 2] << 8 | block[4 * i + 3];
    for (i = 16; i < 64; i++) {
        uint32_t s0 = ROR(w[i - 15], 7) ^ ROR(w[i - 15], 18) ^ (w[i - 15] >> 3);
        uint32_t s1 = ROR(w[i - 2], 17) ^ ROR(w[i - 2], 19) ^ (w[i - 2] >> 10);
        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], k = h[7];
    for (i = 0; i < 64; i++) {
        t1 = k + (ROR(e, 6) ^ ROR(e, 11) ^ ROR(e, 25)) + ((e & f) ^ (~e & g)) + K256[i] + w[i];
        t2 = (ROR(a, 2) ^ ROR(a, 13) ^ ROR(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
        k = g, g = f, f = e, e = d + t1, d = c, c = b, b = a, a = t1 + t2;
    }
    h[0] += a, h[1] += b, h[2] += c, h[3] += d, h[4] += e, h[5] += f, h[6] += g, h[7] += k;
}

/* Hashes `msg` into `h`, which has absorbed `prefix` bytes already, pads, writes the digest. */
static void finish(uint32_t h[8], size_t prefix, const unsigned char *msg, size_t len,
                   unsigned char out[32]) {
    unsigned char block[64];
    size_t i, rest = len % 64;
    uint64_t bits = (uint64_t)(prefix + len) * 8;
    for (i = 0; i + 64 <= len; i += 64) compress(h, msg + i);
    memset(block, 0, sizeof block);
    memcpy(block, msg + len - rest, rest);
    block[rest] = 0x80;
    if (rest + 9 > 64) {
        compress(h, block);
        memset(block, 0, sizeof block);
    }
    for (i = 0; i < 8; i++) block[63 - i] = (unsigned char)(bits >> (8 * i));
    compress(h, block);
    for (i = 0; i < 32; i++) out[i] = (unsigned char)(h[i / 4] >> (24 - 8 * (i % 4)));
}

/* HMAC-SHA-256 whose two keyed states are `inner` and `outer` (after one block each). */
static void mac_from_states(const uint32_t inner[8], const uint32_t outer[8],
                            const unsigned char *msg, size_t len, unsigned char out[32]) {
    uint32_t h[8];
    unsigned char digest[32];
    memcpy(h, inner, sizeof h);
    finish(h, 64, msg, len, digest);
    memcpy(h, outer, sizeof h);
    finish(h, 64, digest, 32, out);
}

static void hmac_sha256(const unsigned char *key, size_t key_len, const unsigned char *msg,
                        size_t len, unsigned char out[32]) {
    unsigned char pad[64];
    uint32_t inner[8], outer[8];
    size_t i;
    memcpy(inner, IV256, sizeof inner);
    memcpy(outer, IV256, sizeof outer);
    for (i = 0; i < 64; i++) pad[i] = (unsigned char)((i < key_len ? key[i] : 0) ^ 0x36);
    compress(inner, pad);
    for (i = 0; i < 64; i++) pad[i] = (unsigned char)((i < key_len ? key[i] : 0) ^ 0x5c);
    compress(outer, pad);
    mac_from_states(inner, outer, msg, len, out);
}

static size_t b64url(const unsigned char *in, size_t len, char *out) {
    static const char A[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    size_t i, o = 0;
    for (i = 0; i + 2 < len; i += 3) {
        uint32_t v = (uint32_t)in[i] << 16 | (uint32_t)in[i + 1] << 8 | in[i + 2];
        out[o++] = A[v >> 18], out[o++] = A[(v >> 12) & 63], out[o++] = A[(v >> 6) & 63],
        out[o++] = A[v & 63];
    }
    if (len - i == 1) {
        uint32_t v = (uint32_t)in[i] << 16;
        out[o++] = A[v >> 18], out[o++] = A[(v >> 12) & 63];
    } else if (len - i == 2) {
        uint32_t v = (uint32_t)in[i] << 16 | (uint32_t)in[i + 1] << 8;
        out[o++] = A[v >> 18], out[o++] = A[(v >> 12) & 63], out[o++] = A[(v >> 6) & 63];
    }
    out[o] = '\0';
    return o;
}

/* ---- the race ---- */

static const char SECRET[] = "a secret of at least thirty-two bytes, never used in forgeries";
static char forged[8192];
static size_t forged_len;
static authcore_key key;
static authcore_policy policy;
static volatile int round_live;     /* a verifier may start on this round's key */
static volatile int stop;
static volatile long accepted, refused_live, refused_cleared, verifications;
static pthread_mutex_t counts = PTHREAD_MUTEX_INITIALIZER;

static void *verifier(void *arg) {
    static unsigned char work[8192];
    unsigned char *buf = (unsigned char *)malloc(sizeof work);
    (void)arg;
    while (!stop) {
        authcore_claims claims;
        authcore_status s;
        if (!round_live) continue;
        s = authcore_verify(&key, &policy, forged, forged_len, 1700000000, buf, sizeof work,
                            &claims, NULL);
        pthread_mutex_lock(&counts);
        verifications++;
        if (s == AUTHCORE_OK) accepted++;
        else if (s == AUTHCORE_UNINITIALIZED) refused_cleared++;
        else refused_live++;
        pthread_mutex_unlock(&counts);
    }
    free(buf);
    return NULL;
}

static void forge(void) {
    static const char claims[] = "{\"sub\":\"forged\",\"exp\":4000000000}";
    char header_json[3200], header[4400], payload[128], input[4600], sig[64];
    unsigned char mac[32];
    uint32_t zero[8] = {0};
    size_t n;
    n = (size_t)snprintf(header_json, sizeof header_json, "{\"alg\":\"HS256\",\"pad\":\"");
    memset(header_json + n, 'x', 3000);
    memcpy(header_json + n + 3000, "\"}", 3);
    b64url((const unsigned char *)header_json, strlen(header_json), header);
    b64url((const unsigned char *)claims, strlen(claims), payload);
    n = (size_t)snprintf(input, sizeof input, "%s.%s", header, payload);
    mac_from_states(zero, zero, (const unsigned char *)input, n, mac);
    b64url(mac, 32, sig);
    forged_len = (size_t)snprintf(forged, sizeof forged, "%s.%s", input, sig);
}

/* The SHA-256 here agrees with the library: a token it signs carries our HMAC. */
static void sha_agrees_with_library(void) {
    static const char claims[] = "{\"sub\":\"x\"}";
    authcore_key k;
    char token[512], sig[64];
    unsigned char mac[32];
    size_t len = 0;
    const char *dot;
    CHECK_STATUS(authcore_key_hmac(&k, AUTHCORE_HS256, (const uint8_t *)SECRET,
                                   strlen(SECRET)), AUTHCORE_OK);
    CHECK_STATUS(authcore_sign_hmac(&k, claims, strlen(claims), NULL, 0, token,
                                    sizeof token, &len), AUTHCORE_OK);
    dot = strrchr(token, '.');
    CHECK(dot != NULL);
    if (dot == NULL) return;
    hmac_sha256((const unsigned char *)SECRET, strlen(SECRET), (const unsigned char *)token,
                (size_t)(dot - token), mac);
    b64url(mac, 32, sig);
    CHECK_STR(dot + 1, sig);
    authcore_key_clear(&k);
}

int main(int argc, char **argv) {
    double seconds = argc > 1 ? atof(argv[1]) : 3.0;
    pthread_t threads[3];
    authcore_validation settings;
    struct timespec start, now;
    long rounds = 0;
    int i;

    sha_agrees_with_library();
    forge();

    CHECK_STATUS(authcore_validation_init(&settings, AUTHCORE_HS256), AUTHCORE_OK);
    CHECK_STATUS(authcore_policy_init(&policy, &settings), AUTHCORE_OK);

    /* A live key refuses the forgery. */
    CHECK_STATUS(authcore_key_hmac(&key, AUTHCORE_HS256, (const uint8_t *)SECRET,
                                   strlen(SECRET)), AUTHCORE_OK);
    {
        static unsigned char buf[8192];
        authcore_claims claims;
        CHECK_STATUS(authcore_verify(&key, &policy, forged, forged_len, 1700000000, buf,
                                     sizeof buf, &claims, NULL),
                     AUTHCORE_INVALID_SIGNATURE);
    }
    CHECK_STATUS(authcore_key_clear(&key), AUTHCORE_OK);

    srand(12345);
    for (i = 0; i < 3; i++) pthread_create(&threads[i], NULL, verifier, NULL);
    clock_gettime(CLOCK_MONOTONIC, &start);
    do {
        volatile long spin;
        long delay = rand() % 20000;
        authcore_key_hmac(&key, AUTHCORE_HS256, (const uint8_t *)SECRET, strlen(SECRET));
        round_live = 1;
        for (spin = 0; spin < delay; spin++) {
        }
        authcore_key_clear(&key);
        round_live = 0;
        rounds++;
        clock_gettime(CLOCK_MONOTONIC, &now);
    } while ((double)(now.tv_sec - start.tv_sec) + (double)(now.tv_nsec - start.tv_nsec) / 1e9 <
             seconds);
    stop = 1;
    for (i = 0; i < 3; i++) pthread_join(threads[i], NULL);

    printf("clear while verifying: %ld rounds, %ld verifications: %ld refused (live key), "
           "%ld refused (cleared), %ld accepted\n",
           rounds, verifications, refused_live, refused_cleared, accepted);
    CHECK(accepted == 0);
    CHECK(rounds > 100);
    CHECK(refused_cleared > 0);
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
