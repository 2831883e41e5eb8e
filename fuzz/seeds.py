#!/usr/bin/env python3
"""Writes the seed files (`seed-*`) of fuzz/corpus/<target>/ from the project's test vectors,
RFC examples and API responses: `python3 fuzz/seeds.py`. Campaigns add their own inputs
beside them (scripts/fuzz-campaign.sh)."""
import base64, hashlib, hmac, json, os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "fuzz", "corpus")
SECRET = b"a test secret that is long enough for HS512!!!!!"
HASH = {0: hashlib.sha256, 1: hashlib.sha384, 2: hashlib.sha512}
ALG = {0: "HS256", 1: "HS384", 2: "HS512"}

def b64u(b):
    return base64.urlsafe_b64encode(b).rstrip(b"=").decode()

def put(target, name, data):
    d = os.path.join(CORPUS, target)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    with open(os.path.join(d, "seed-" + name), "wb") as f:
        f.write(data)

def hs_token(alg_i, header, claims, secret=SECRET):
    h = header if isinstance(header, bytes) else header.encode()
    c = claims if isinstance(claims, bytes) else claims.encode()
    inp = b64u(h) + "." + b64u(c)
    mac = hmac.new(secret, inp.encode(), HASH[alg_i]).digest()
    return inp + "." + b64u(mac)

# --- token_hs: selector, token ---
claims = {
    "good": '{"sub":"alice","exp":2000000000}',
    "full": '{"iss":"https://idp.example.com/","sub":"alice","aud":["telemetry","x"],"exp":1700000900,"nbf":1699999990,"iat":1699999990,"jti":"j-1"}',
    "expired": '{"exp":1600000000}',
    "escaped": '{"i\\u0073s":"a\\/b","sub":"\\ud83d\\ude00","exp":2e9,"aud":"telemetry"}',
    "fraction": '{"exp":1.9e9,"nbf":-1.5,"iat":0}',
    "nested": '{"exp":2000000000,"a":{"b":[1,2,{"c":null}]},"t":true,"f":false}',
    "dup": '{"exp":1,"exp":2}',
    "badtype": '{"exp":"1","aud":["a",1]}',
    "notobj": '[1]',
}
headers = {
    "plain": '{"alg":"%s","typ":"JWT"}',
    "kid": '{"alg":"%s","typ":"JWT","kid":"k1"}',
    "notyp": '{"alg":"%s"}',
    "typ-at": '{"alg":"%s","typ":"at+jwt"}',
    "crit": '{"alg":"%s","crit":["b64"],"b64":false}',
    "cty": '{"alg":"%s","cty":"JWT"}',
    "none": '{"alg":"none"}',
    "nOnE": '{"alg":"nOnE"}',
    "rs": '{"alg":"RS256"}',
    "esc-alg": '{"alg":"H\\u0053%s"}',
}
n = 0
for hname, h in headers.items():
    for cname, c in claims.items():
        for alg_i in (0, 1, 2):
            if (n := n + 1) % 3 != alg_i and cname not in ("good", "full"):
                continue
            hdr = h % ALG[alg_i] if "%s" in h else h
            if hname == "esc-alg":
                hdr = h % ALG[alg_i][2:]
            sel = alg_i | (8 if n % 2 else 0)
            put("token_hs", f"{hname}-{cname}-{alg_i}", bytes([sel]) + hs_token(alg_i, hdr, c).encode())
# RFC 7515 A.1 (another key: verifies only with the signature recomputed, selector bit 3)
rfc = ("eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")
put("token_hs", "rfc7515-a1", b"\x00" + rfc.encode())
put("token_hs", "rfc7515-a1-resigned", b"\x08" + rfc.encode())
for name, tok in {"two-dots": "a.b", "four": "a.b.c.d", "len1mod4": "AAAAA.e30.AAAA", "empty": "..", "noncanon": "e30.e31.AA"}.items():
    put("token_hs", "shape-" + name, b"\x08" + tok.encode())
put("token_hs", "short-secret", b"\x04" + hs_token(0, '{"alg":"HS256"}', claims["good"], b"k").encode())

# --- sign_hs: selector, claims [0xFF kid] ---
for i, (cname, c) in enumerate(claims.items()):
    put("sign_hs", cname, bytes([i % 3]) + c.encode())
put("sign_hs", "kid", b"\x04" + claims["good"].encode() + b"\xffrsa2048-2026")
put("sign_hs", "kid-quote", b"\x05" + claims["good"].encode() + b'\xffa"b')
put("sign_hs", "kid-long", b"\x06" + b"{}" + b"\xff" + b"k" * 300)
put("sign_hs", "empty-obj", b"\x00{}")
put("sign_hs", "ws", b"\x01 { \"a\" : [ ] , \"b\" : { } } ")

# --- token_rs: selector, token | message 0xFF signature ---
v = os.path.join(ROOT, "tests", "vectors")
t2048 = open(os.path.join(v, "rs256-2048.jwt")).read().strip()
t4096 = open(os.path.join(v, "rs256-4096.jwt")).read().strip()
put("token_rs", "rs256-2048", b"\x00" + t2048.encode())
put("token_rs", "rs256-4096", b"\x01" + t4096.encode())
put("token_rs", "rs256-2048-as-rs384", b"\x02" + t2048.encode())
put("token_rs", "rs256-4096-under-2048", b"\x00" + t4096.encode())
inp, sig = t2048.rsplit(".", 1)
put("token_rs", "raw-2048", b"\x08" + inp.encode() + b"\xff" + base64.urlsafe_b64decode(sig + "=" * (-len(sig) % 4)))
put("token_rs", "raw-zero", b"\x09" + b"msg\xff" + b"\x00" * 512)
h, p, s = t2048.split(".")
put("token_rs", "hs-header", b"\x00" + (b64u(b'{"alg":"HS256","typ":"JWT"}') + "." + p + "." + s).encode())

# --- key_load: selector (bits 0-2 format, 4-5 algorithm), input ---
kv = os.path.join(ROOT, "core", "tests", "vectors")
def pem_der(path):
    lines = open(path).read().strip().splitlines()
    return base64.b64decode("".join(l for l in lines if not l.startswith("-----")))
for f in sorted(os.listdir(kv)):
    data = open(os.path.join(kv, f), "rb").read()
    base = f[:-4]
    put("key_load", f"pem-{base}", b"\x00" + data)
    if "public" in f and "ec" not in f:
        put("key_load", f"spki-pem-{base}", b"\x11" + data)
        put("key_load", f"spki-der-{base}", b"\x03" + pem_der(os.path.join(kv, f)))
    if "pkcs1" in f:
        put("key_load", f"pkcs1-pem-{base}", b"\x22" + data)
        put("key_load", f"pkcs1-der-{base}", b"\x04" + pem_der(os.path.join(kv, f)))
put("key_load", "der-file", b"\x03" + open(os.path.join(v, "rsa2048-public.der"), "rb").read())
put("key_load", "hs256-pem", b"\x30" + open(os.path.join(kv, "rsa2048-public.pem"), "rb").read())
jwks = open(os.path.join(v, "jwks.json"), "rb").read()
put("key_load", "jwks-2048", b"\x06" + jwks + b"\xffrsa2048-2026")
put("key_load", "jwks-4096", b"\x16" + jwks + b"\xffrsa4096-2026")
put("key_load", "jwks-ec", b"\x06" + jwks + b"\xffec-1")
put("key_load", "jwks-dup", b"\x06" + b'{"keys":[' + json.dumps(json.loads(jwks)["keys"][0]).encode() + b"," + json.dumps(json.loads(jwks)["keys"][0]).encode() + b']}\xffrsa2048-2026')
for k in json.loads(jwks)["keys"]:
    put("key_load", f"jwk-{k['kid']}", b"\x05" + json.dumps(k).encode())
    if k["kty"] == "RSA":
        nn = base64.urlsafe_b64decode(k["n"] + "==")
        ee = base64.urlsafe_b64decode(k["e"] + "==")
        put("key_load", f"components-{k['kid']}", b"\x07" + nn + b"\xff" + ee)
        put("key_load", f"components-zeros-{k['kid']}", b"\x07" + b"\x00\x00" + nn + b"\xff\x00" + ee)
        k2 = dict(k, use="enc")
        put("key_load", f"jwk-enc-{k['kid']}", b"\x05" + json.dumps(k2).encode())
        k3 = dict(k, alg="RS512")
        put("key_load", f"jwk-alg-{k['kid']}", b"\x05" + json.dumps(k3).encode())

# --- token_jws: selector (bits 0-1 ES256, EdDSA, PS256; bit 2 raw message 0xFF signature) ---
for i, f in enumerate(["es256.jwt", "eddsa.jwt", "ps256-2048.jwt"]):
    t = open(os.path.join(v, f)).read().strip()
    inp, sig = t.rsplit(".", 1)
    raw = base64.urlsafe_b64decode(sig + "=" * (-len(sig) % 4))
    put("token_jws", f"good-{f[:-4]}", bytes([i]) + t.encode())
    put("token_jws", f"raw-{f[:-4]}", bytes([i | 4]) + inp.encode() + b"\xff" + raw)
    put("token_jws", f"raw-flipped-{f[:-4]}", bytes([i | 4]) + inp.encode() + b"\xff" + raw[:-1] + bytes([raw[-1] ^ 1]))
    put("token_jws", f"other-key-{f[:-4]}", bytes([(i + 1) % 3]) + t.encode())
    put("token_jws", f"short-sig-{f[:-4]}", bytes([i]) + (inp + "." + sig[:-4]).encode())
    if i == 0:
        # ECDSA's malleable twin (r, n - s): verifies, with the vector's signing input.
        n = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551
        s_ = int.from_bytes(raw[32:], "big")
        twin = raw[:32] + (n - s_).to_bytes(32, "big")
        put("token_jws", "es256-twin", b"\x00" + (inp + "." + b64u(twin)).encode())
        put("token_jws", "es256-s-is-n", b"\x04" + inp.encode() + b"\xff" + raw[:32] + n.to_bytes(32, "big"))

# --- key_load_jws: selector (bits 0-1 format, 2 Ed25519 instead of EC, 3 ES384), input ---
for name, sel_alg in [("es256", 0), ("es384", 8), ("ec-p256", 0)]:
    path = os.path.join(kv, f"{name}-public.pem")
    data = open(path, "rb").read()
    der = pem_der(path)
    put("key_load_jws", f"pem-{name}", bytes([sel_alg]) + data)
    put("key_load_jws", f"der-{name}", bytes([1 | sel_alg]) + der)
    put("key_load_jws", f"pem-{name}-other-curve", bytes([sel_alg ^ 8]) + data)
    # The SPKI's last 65 or 97 bytes are the uncompressed point.
    field = 48 if sel_alg else 32
    point = der[-(1 + 2 * field):]
    put("key_load_jws", f"sec1-{name}", bytes([3 | sel_alg]) + point)
    put("key_load_jws", f"jwk-{name}", bytes([2 | sel_alg]) + json.dumps({
        "kty": "EC", "crv": "P-384" if sel_alg else "P-256",
        "x": b64u(point[1:1 + field]), "y": b64u(point[1 + field:])}).encode())
    put("key_load_jws", f"jwk-off-curve-{name}", bytes([2 | sel_alg]) + json.dumps({
        "kty": "EC", "crv": "P-384" if sel_alg else "P-256",
        "x": b64u(point[1:1 + field]), "y": b64u(point[1 + field:-1] + bytes([point[-1] ^ 1]))}).encode())
ed = os.path.join(kv, "ed25519-public.pem")
ed_der = pem_der(ed)
put("key_load_jws", "pem-ed25519", b"\x04" + open(ed, "rb").read())
put("key_load_jws", "der-ed25519", b"\x05" + ed_der)
put("key_load_jws", "jwk-ed25519", b"\x06" + json.dumps({"kty": "OKP", "crv": "Ed25519", "x": b64u(ed_der[-32:])}).encode())
put("key_load_jws", "jwk-x25519", b"\x06" + json.dumps({"kty": "OKP", "crv": "X25519", "x": b64u(ed_der[-32:])}).encode())
put("key_load_jws", "raw-ed25519", b"\x07" + ed_der[-32:])
put("key_load_jws", "pem-rsa-as-ed25519", b"\x04" + open(os.path.join(kv, "rsa2048-public.pem"), "rb").read())
put("key_load_jws", "pem-ec-as-ed25519", b"\x04" + open(os.path.join(kv, "es256-public.pem"), "rb").read())

# --- claims ---
for name, c in claims.items():
    put("claims", name, c)
for name, c in {
    "rfc7519": '{"iss":"joe",\r\n "exp":1300819380,\r\n "http://example.com/is_root":true}',
    "numbers": '{"exp":-0,"nbf":1E+2,"iat":9223372036854775807,"x":[1e400,-1.0e-400,0.5]}',
    "big": '{"exp":9223372036854775808}',
    "deep": '{"a":' + "[" * 60 + "1" + "]" * 60 + "}",
    "unicode": '{"sub":"ünïcödé \\u00fc \\ud83d\\ude00","aud":[]}',
    "ws": ' \t\n{ "sub" : "x" } \n',
}.items():
    put("claims", name, c)

# --- rfc3339 ---
for i, s in enumerate([
    "2023-01-21T21:40:48Z", "1985-04-12T23:20:50.52Z", "1996-12-19T16:39:57-08:00",
    "1990-12-31T23:59:60Z", "1990-12-31T15:59:60-08:00", "1937-01-01T12:00:27.87+00:20",
    "2024-02-29T23:59:59.5+05:30", "2023-02-29T00:00:00Z", "0000-01-01T00:00:00Z",
    "9999-12-31T23:59:59.999999999999Z", "2023-01-21t21:40:48z", "2023-01-21 21:40:48Z",
    "2023-13-01T00:00:00Z", "2023-01-01T24:00:00Z", "2023-01-01T00:00:00+24:00", "2023-01-01T00:00:00-00:00",
]):
    put("rfc3339", f"{i:02}", s)

# --- token_response ---
responses = [
    '{"status":200,"token":"eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjE3MDAwMDM2MDB9.c2ln"}',
    '{"status":200,"access_token":"abc"}',
    '{"message":"Authentication successful","result":{"authentication_token":"eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjE3MDAwMDM2MDB9.c2ln","is_authenticated":true,"user_id":"a1b2"}}',
    '{"token":"8f868cca-27cc-43d6-a838-c5467e73ec45::77cea9b2-1e87-490e-b626-e878beeaa23b","validity":1700021600999,"expiresAt":"Wednesday, November 15, 2023 4:13:20 AM UTC","roles":[]}',
    '{"access_token":"' + t2048 + '","refresh_token":"' + t4096 + '"}',
    open(os.path.join(ROOT, "core/tests/api_styles.rs")).read().split('let response = br#"', 1)[1].split('"#;', 1)[0],
    '{"access_token":"2YotnFZFEjr1zCsicMWpAA","token_type":"bearer","expires_in":3600,"refresh_token":"tGzv3JOkF0XG5Qx2TlKWIA","refresh_expires_in":7200,"scope":"openid email"}',
    '{"access_token":"a","expires_in":"3599","refresh_expires_in":1800,"scope":"openid email","refresh_token":null}',
    '{"access_token":"a","expires_in":59.9}',
    '{"token":null,"access_token":"b"}',
    '{"error":"invalid_grant","error_description":"bad"}',
    '{"access_token":"x\\r\\nX-Evil: 1"}',
    '{"access_token":"a\\/b\\u002Bc="}',
    '{"apiToken":"abc","basicAuthenticationCredentials":"YQ==","apiTokenExpirationDateTime":"2023-02-29T21:40:48Z"}',
    '{"result":{"authentication_token":"a","authentication_token":"b"}}',
    '{"token":"t","validity":99999999999999999999}',
]
for i, r in enumerate(responses):
    put("token_response", f"{i:02}", r)

# --- authz_parse ---
for i, h in enumerate([
    "Bearer mF_9.B5f-4.1JqM", "bearer abc==", "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==", "BASIC YQ==",
    "Basic YTpi", "OpsToken 8f868cca-27cc::77cea9b2", "vRealizeOpsToken a:b/c", "token",
    "  Bearer   x  ", "Bearer", "Bearer a b", "Basic ###", "Bearer a\r\nX: y", "Digest username=\"x\", realm=\"y\"",
    "Basic w7w6w7w=", "Basic YTpiOmM=",
]):
    put("authz_parse", f"{i:02}", h)

# --- format: selector, a 0xFF b 0xFF c 0xFF d 0xFF e ---
for i, fs in enumerate([
    ["Aladdin", "open sesame", "ldap", "openid email", "client-1"],
    ["mF_9.B5f-4.1JqM", "p\u00e4ssword", "a b", "c&d=e", "tGzv3JOkF0XG5Qx2TlKWIA"],
    ["user:name", "pass", "", "", ""],
    ["OpsToken", "8f868cca::77cea9b2", "\u2028", "\"\\\x01\x7f", "\u00e9\ud7ff"],
    ["Bearer", "abc==", "x", "y", "z"],
    ["a\r\nb", "\t", "\u0085", "%", "+"],
    ["", "", "", "", ""],
]):
    put("format", f"{i:02}", bytes([i * 9 % 256]) + b"\xff".join(f.encode() for f in fs))
print("seeds written")

# --- key_set: selector (bits 0-1: default algorithm none/RS256/HS256/ES256), JWKS ---
put("key_set", "jwks", b"\x00" + jwks)
jk = json.loads(jwks)["keys"]
noalg = [{m: x for m, x in k.items() if m != "alg"} for k in jk]
put("key_set", "jwks-no-alg-rs256", b"\x01" + json.dumps({"keys": noalg}).encode())
put("key_set", "jwks-no-alg-none", b"\x00" + json.dumps({"keys": noalg}).encode())
put("key_set", "duplicate-kid", b"\x00" + json.dumps({"keys": [jk[0], jk[0]]}).encode())
put("key_set", "too-many", b"\x00" + json.dumps({"keys": [dict(jk[0], kid=str(i)) for i in range(5)]}).encode())
put("key_set", "long-kid", b"\x00" + json.dumps({"keys": [dict(jk[0], kid="k" * 65)]}).encode())
put("key_set", "oct", b"\x02" + b'{"keys":[{"kty":"oct","kid":"h","k":"' + b64u(SECRET).encode() + b'"},{"kty":"oct","k":"","alg":"HS256"}]}')
put("key_set", "enc-only", b"\x01" + json.dumps({"keys": [dict(jk[0], use="enc")]}).encode())
put("key_set", "malformed", b"\x00" + jwks[:-3])
put("key_set", "not-keys", b'\x00{"keys":{"kty":"RSA"}}')
