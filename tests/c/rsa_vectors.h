/* RSA test vectors for test_rsa.c, generated once from tests/vectors/jwks.json (the
 * public keys of the test-only keys in core/tests/vectors/). */
#ifndef AUTHCORE_RSA_VECTORS_H
#define AUTHCORE_RSA_VECTORS_H

static const char JWK_2048[] =
    "{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"rsa2048-2026\",\"n\":\"vm8fG_"
    "jpT-PoqJKhzx-RLKJeRPoyMRwcqgmwQqBO7J4pT7ROJN4orhuX5HsSAb09F5wWLp12so_pKnRA1LMAsqacmcVrifte"
    "7S08_eZq96d7ji8j5NEykz8ooFeaW-7CHzmUEbVBL4mBYktN8NPQKx0wluqmLyALoghtGP2tdMTdMNneEW8uMMTF_4"
    "YUeAeWovEWKRktMGWcU7vVtZB5vAakLuZmhXJLMWDynuOKzmH_uObFpuJNKAzxnKhxBVyF35kIyYdFKi79xAlYTdiT"
    "aIwzSilSoATEWV003jZkYoR4KhFh7hdtQmWfbTnlXNo407OY4lTFg4Ds50pQleBfAQ\",\"e\":\"AQAB\"}";

static const char JWK_EVEN_MODULUS[] =
    "{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"rsa2048-2026\",\"n\":\"vm8fG_"
    "jpT-PoqJKhzx-RLKJeRPoyMRwcqgmwQqBO7J4pT7ROJN4orhuX5HsSAb09F5wWLp12so_pKnRA1LMAsqacmcVrifte"
    "7S08_eZq96d7ji8j5NEykz8ooFeaW-7CHzmUEbVBL4mBYktN8NPQKx0wluqmLyALoghtGP2tdMTdMNneEW8uMMTF_4"
    "YUeAeWovEWKRktMGWcU7vVtZB5vAakLuZmhXJLMWDynuOKzmH_uObFpuJNKAzxnKhxBVyF35kIyYdFKi79xAlYTdiT"
    "aIwzSilSoATEWV003jZkYoR4KhFh7hdtQmWfbTnlXNo407OY4lTFg4Ds50pQleBfAA\",\"e\":\"AQAB\"}";

static const char JWK_EXPONENT_1[] =
    "{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"rsa2048-2026\",\"n\":\"vm8fG_"
    "jpT-PoqJKhzx-RLKJeRPoyMRwcqgmwQqBO7J4pT7ROJN4orhuX5HsSAb09F5wWLp12so_pKnRA1LMAsqacmcVrifte"
    "7S08_eZq96d7ji8j5NEykz8ooFeaW-7CHzmUEbVBL4mBYktN8NPQKx0wluqmLyALoghtGP2tdMTdMNneEW8uMMTF_4"
    "YUeAeWovEWKRktMGWcU7vVtZB5vAakLuZmhXJLMWDynuOKzmH_uObFpuJNKAzxnKhxBVyF35kIyYdFKi79xAlYTdiT"
    "aIwzSilSoATEWV003jZkYoR4KhFh7hdtQmWfbTnlXNo407OY4lTFg4Ds50pQleBfAQ\",\"e\":\"AQ\"}";

static const char JWK_USE_ENC[] =
    "{\"kty\":\"RSA\",\"use\":\"enc\",\"alg\":\"RS256\",\"kid\":\"rsa2048-2026\",\"n\":\"vm8fG_"
    "jpT-PoqJKhzx-RLKJeRPoyMRwcqgmwQqBO7J4pT7ROJN4orhuX5HsSAb09F5wWLp12so_pKnRA1LMAsqacmcVrifte"
    "7S08_eZq96d7ji8j5NEykz8ooFeaW-7CHzmUEbVBL4mBYktN8NPQKx0wluqmLyALoghtGP2tdMTdMNneEW8uMMTF_4"
    "YUeAeWovEWKRktMGWcU7vVtZB5vAakLuZmhXJLMWDynuOKzmH_uObFpuJNKAzxnKhxBVyF35kIyYdFKi79xAlYTdiT"
    "aIwzSilSoATEWV003jZkYoR4KhFh7hdtQmWfbTnlXNo407OY4lTFg4Ds50pQleBfAQ\",\"e\":\"AQAB\"}";

static const char JWK_ALG_RS384[] =
    "{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS384\",\"kid\":\"rsa2048-2026\",\"n\":\"vm8fG_"
    "jpT-PoqJKhzx-RLKJeRPoyMRwcqgmwQqBO7J4pT7ROJN4orhuX5HsSAb09F5wWLp12so_pKnRA1LMAsqacmcVrifte"
    "7S08_eZq96d7ji8j5NEykz8ooFeaW-7CHzmUEbVBL4mBYktN8NPQKx0wluqmLyALoghtGP2tdMTdMNneEW8uMMTF_4"
    "YUeAeWovEWKRktMGWcU7vVtZB5vAakLuZmhXJLMWDynuOKzmH_uObFpuJNKAzxnKhxBVyF35kIyYdFKi79xAlYTdiT"
    "aIwzSilSoATEWV003jZkYoR4KhFh7hdtQmWfbTnlXNo407OY4lTFg4Ds50pQleBfAQ\",\"e\":\"AQAB\"}";

static const char JWK_BAD_BASE64[] =
    "{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"rsa2048-2026\",\"n\":\"vm8fG_"
    "jpT-+oqJKhzx-RLKJeRPoyMRwcqgmwQqBO7J4pT7ROJN4orhuX5HsSAb09F5wWLp12so_pKnRA1LMAsqacmcVrifte"
    "7S08_eZq96d7ji8j5NEykz8ooFeaW-7CHzmUEbVBL4mBYktN8NPQKx0wluqmLyALoghtGP2tdMTdMNneEW8uMMTF_4"
    "YUeAeWovEWKRktMGWcU7vVtZB5vAakLuZmhXJLMWDynuOKzmH_uObFpuJNKAzxnKhxBVyF35kIyYdFKi79xAlYTdiT"
    "aIwzSilSoATEWV003jZkYoR4KhFh7hdtQmWfbTnlXNo407OY4lTFg4Ds50pQleBfAQ\",\"e\":\"AQAB\"}";

static const char JWK_NO_N[] =
    "{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"rsa2048-2026\",\"e\":\"AQAB\""
    "}";

static const char JWK_EC[] =
    "{\"kty\":\"EC\",\"use\":\"sig\",\"crv\":\"P-256\",\"kid\":\"ec-1\",\"x\":\"f83OJ3D2xF1Bg8v"
    "ub9tLe1gHMzV76e8Tus9uPHvRVEU\",\"y\":\"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0\"}";

static const char JWKS[] =
    "{\"keys\":[{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"rsa2048-2026\",\"n"
    "\":\"vm8fG_jpT-PoqJKhzx-RLKJeRPoyMRwcqgmwQqBO7J4pT7ROJN4orhuX5HsSAb09F5wWLp12so_pKnRA1LMAs"
    "qacmcVrifte7S08_eZq96d7ji8j5NEykz8ooFeaW-7CHzmUEbVBL4mBYktN8NPQKx0wluqmLyALoghtGP2tdMTdMNn"
    "eEW8uMMTF_4YUeAeWovEWKRktMGWcU7vVtZB5vAakLuZmhXJLMWDynuOKzmH_uObFpuJNKAzxnKhxBVyF35kIyYdFK"
    "i79xAlYTdiTaIwzSilSoATEWV003jZkYoR4KhFh7hdtQmWfbTnlXNo407OY4lTFg4Ds50pQleBfAQ\",\"e\":\"AQ"
    "AB\"},{\"kty\":\"EC\",\"use\":\"sig\",\"crv\":\"P-256\",\"kid\":\"ec-1\",\"x\":\"f83OJ3D2x"
    "F1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU\",\"y\":\"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0\""
    "},{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"rsa4096-2026\",\"n\":\"lFmb"
    "xGqXdjU27KuA-Ssp3r_XtjV7YElOOYzs7QSC_K5qol9JpWcAZDRmhIuM2oGqPetFikEFzKRrVpQJ_Q5sn3PsIVoVjX"
    "z7nYWsGTVvKQsKmYBY0DyFKxG0Vx5fmq4WKZEtPELYOEQd3ZvJBFYykyiEE2Cmhd3wbvVm5BVxoFVL3CQvqLhh7GBE"
    "ltjAhGegkz2KT04RMjrf7z0XEsPnhRz5mve1soZsUykUNEBHetzTMll00660GVFXBiz86Xe1XLu6KKcEg476tkiB69"
    "HiIn-W4MLiQRZRw0w4YGfMGZ1H2y9Q4AAYmbCXFYj6PD8XxijTZz7c-bl1Z1J8YsRkVO7DyZ2Dtt-kevp527Nrjq9c"
    "LFFHmj3LU0-zXCjyPekjyYDL3Bv-Soiz3XiHe87qZ7y_ZmPk0qnetoQpc_yNdHyoVYC0pgJSel5SltAozZdZR0sjW1"
    "HUIL2Z-kQ51394xde48dCUhcJBT6-HP3C0QGtNP9x1HGblrIgElcU5ocpZI38iaPD6Yui0-AD7ugOJcMieUuGoFd8N"
    "IjebJw3rOkPCRioBPFVdKvKDsug2rmhXZPUcKI8OP4FF-tWVOLJ4WHq3PBnIVtstaMper8u9t856BJ-fM02VgwzAVm"
    "LzLqFlKsUVyU0D2vT9-w3LywntCRN-5ofW_BzpiE2LkbekWFc\",\"e\":\"AQAB\"}]}";

static const char JWKS_DUPLICATE[] =
    "{\"keys\":[{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"rsa2048-2026\",\"n"
    "\":\"vm8fG_jpT-PoqJKhzx-RLKJeRPoyMRwcqgmwQqBO7J4pT7ROJN4orhuX5HsSAb09F5wWLp12so_pKnRA1LMAs"
    "qacmcVrifte7S08_eZq96d7ji8j5NEykz8ooFeaW-7CHzmUEbVBL4mBYktN8NPQKx0wluqmLyALoghtGP2tdMTdMNn"
    "eEW8uMMTF_4YUeAeWovEWKRktMGWcU7vVtZB5vAakLuZmhXJLMWDynuOKzmH_uObFpuJNKAzxnKhxBVyF35kIyYdFK"
    "i79xAlYTdiTaIwzSilSoATEWV003jZkYoR4KhFh7hdtQmWfbTnlXNo407OY4lTFg4Ds50pQleBfAQ\",\"e\":\"AQ"
    "AB\"},{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"rsa2048-2026\",\"n\":\""
    "lFmbxGqXdjU27KuA-Ssp3r_XtjV7YElOOYzs7QSC_K5qol9JpWcAZDRmhIuM2oGqPetFikEFzKRrVpQJ_Q5sn3PsIV"
    "oVjXz7nYWsGTVvKQsKmYBY0DyFKxG0Vx5fmq4WKZEtPELYOEQd3ZvJBFYykyiEE2Cmhd3wbvVm5BVxoFVL3CQvqLhh"
    "7GBEltjAhGegkz2KT04RMjrf7z0XEsPnhRz5mve1soZsUykUNEBHetzTMll00660GVFXBiz86Xe1XLu6KKcEg476tk"
    "iB69HiIn-W4MLiQRZRw0w4YGfMGZ1H2y9Q4AAYmbCXFYj6PD8XxijTZz7c-bl1Z1J8YsRkVO7DyZ2Dtt-kevp527Nr"
    "jq9cLFFHmj3LU0-zXCjyPekjyYDL3Bv-Soiz3XiHe87qZ7y_ZmPk0qnetoQpc_yNdHyoVYC0pgJSel5SltAozZdZR0"
    "sjW1HUIL2Z-kQ51394xde48dCUhcJBT6-HP3C0QGtNP9x1HGblrIgElcU5ocpZI38iaPD6Yui0-AD7ugOJcMieUuGo"
    "Fd8NIjebJw3rOkPCRioBPFVdKvKDsug2rmhXZPUcKI8OP4FF-tWVOLJ4WHq3PBnIVtstaMper8u9t856BJ-fM02Vgw"
    "zAVmLzLqFlKsUVyU0D2vT9-w3LywntCRN-5ofW_BzpiE2LkbekWFc\",\"e\":\"AQAB\"}]}";

#endif
