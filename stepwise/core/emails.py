from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string


def send_templated_email(*, to: str, subject: str, template: str, context: dict) -> None:
    """Send ``<template>.txt`` and ``<template>.html`` once the transaction commits.

    E-mails carry links, never note text: templates get ids and URLs, not content.
    """
    context = {"site_url": settings.SITE_URL, **context}

    def send() -> None:
        message = EmailMultiAlternatives(
            subject=subject,
            body=render_to_string(f"{template}.txt", context),
            to=[to],
        )
        message.attach_alternative(render_to_string(f"{template}.html", context), "text/html")
        message.send()

    transaction.on_commit(send)
