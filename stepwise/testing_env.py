"""Test-run environment, loaded with -p before pytest-django reads the settings."""

import os

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
