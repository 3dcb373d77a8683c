"""The one place measures tell a person something.

The notifications app is being built separately; at merge this is wired to
``notifications.notification_send``. Until then the message is logged.
"""

import logging

logger = logging.getLogger(__name__)


def sustain_check_opened(*, check) -> None:
    watch = check.watch
    logger.info("sustain check %s opened for user %s on measure %s (%s)",
                check.pk, watch.owner_id, watch.measure_id, check.reason)
