"""Settings for the test suite: production's, with a fast password hasher.

PBKDF2 at full strength made the suite spend most of its time hashing factory passwords
(54 minutes on a loaded machine against 69 s with this hasher). Production keeps Django's default.
"""

from .settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
