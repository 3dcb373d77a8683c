"""Test-run environment, loaded with -p before pytest-django reads the settings."""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-any-real-deployment-0123456789")
# The test client speaks plain HTTP; production settings redirect it to HTTPS.
os.environ.setdefault("STEPWISE_INSECURE_HTTP", "1")
os.environ.setdefault("STEPWISE_PLAIN_STATIC", "1")
# Playwright's sync API runs an event loop in the test thread; Django's ORM calls made by the
# test itself around it are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# In CI, property tests replay the same examples every run, so a green build stays green;
# locally they keep exploring new examples.
if os.environ.get("CI"):
    from hypothesis import settings as hypothesis_settings

    hypothesis_settings.register_profile("ci", derandomize=True, deadline=None)
    hypothesis_settings.load_profile("ci")

# Tests run on a SQLite file rather than in memory: the live server used by the browser tests
# then gives each of its threads its own connection, in WAL mode with a busy timeout, as in
# production. (An in-memory database is one connection shared by every thread, and two
# requests at once break each other's transactions.)
os.environ.setdefault(
    "TEST_SQLITE_NAME", os.path.join(tempfile.gettempdir(), f"stepwise-test-{os.getpid()}.sqlite3")
)
