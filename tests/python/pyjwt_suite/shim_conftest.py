"""Runs PyJWT's own tests against authcore: copied by scripts/pyjwt-suite.sh (as conftest.py) into the
`tests/` folder of PyJWT's unpacked source distribution, where pytest loads it before any
test module, so that every `import jwt` in PyJWT's tests gets authcore.

The modules authcore stands in for: `jwt` (authcore itself), `jwt.api_jwt` (decode,
encode, decode_complete, PyJWT), `jwt.api_jwk`, `jwt.jwks_client` and `jwt.jwk_set_cache`
(PyJWK, PyJWKSet, PyJWKClient, JWKSetCache) and `jwt.exceptions`. PyJWT's own helper
modules, which the tests use to build and inspect tokens but which are no part of the
drop-in API (`jwt.utils`, `jwt.types`, `jwt.warnings`, `jwt.algorithms`), stay PyJWT's: they are loaded from
the source distribution before the switch, and everything else of PyJWT is unloaded.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import jwt as _pyjwt  # noqa: E402  the source distribution's, for its helpers

HELPERS = ("jwt.utils", "jwt.types", "jwt.warnings", "jwt.algorithms")
for _name in HELPERS:
    __import__(_name)
assert Path(_pyjwt.__file__).resolve().parent.parent == Path(__file__).resolve().parent.parent, (
    f"PyJWT's helpers were loaded from {_pyjwt.__file__}, not from the source distribution"
)
for _name in [n for n in sys.modules if n == "jwt" or n.startswith("jwt.")]:
    if _name not in HELPERS:
        del sys.modules[_name]

import authcore  # noqa: E402
import authcore.compat  # noqa: E402
import authcore.exceptions  # noqa: E402
import authcore.jwks  # noqa: E402

sys.modules["jwt"] = authcore
sys.modules["jwt.api_jwt"] = authcore.compat
sys.modules["jwt.api_jwk"] = authcore.jwks
sys.modules["jwt.jwks_client"] = authcore.jwks
sys.modules["jwt.jwk_set_cache"] = authcore.jwks
sys.modules["jwt.exceptions"] = authcore.exceptions
for _name in HELPERS:
    setattr(authcore, _name.split(".", 1)[1], sys.modules[_name])
