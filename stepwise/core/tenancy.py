"""The one mechanism that scopes tenant data to the active organisation.

Every tenant model inherits ``TenantModel``. Its default manager filters by the organisation
made active for the current request (by ``OrganisationMiddleware``) or job (by
``tenant_context``), and refuses to run at all when none is active, so a forgotten filter is
an error rather than a leak. Code that must see every tenant (the scheduler, migrations,
benchmarks) says so by using ``Model.unscoped``.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING

from django.db import models

if TYPE_CHECKING:
    from stepwise.organisations.models import Organisation

_active_organisation: ContextVar["Organisation | None"] = ContextVar(
    "stepwise_active_organisation", default=None
)


class NoActiveOrganisation(RuntimeError):
    pass


def active_organisation() -> "Organisation":
    organisation = _active_organisation.get()
    if organisation is None:
        raise NoActiveOrganisation(
            "Tenant data was queried with no active organisation; use tenant_context(org) "
            "or Model.unscoped where crossing tenants is intended."
        )
    return organisation


def active_organisation_or_none() -> "Organisation | None":
    return _active_organisation.get()


@contextmanager
def tenant_context(organisation: "Organisation | None") -> Iterator[None]:
    token = _active_organisation.set(organisation)
    try:
        yield
    finally:
        _active_organisation.reset(token)


class TenantManager(models.Manager):
    def get_queryset(self) -> models.QuerySet:
        return super().get_queryset().filter(organisation_id=active_organisation().pk)


class TenantModel(models.Model):
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+", editable=False
    )

    objects = TenantManager()
    unscoped = models.Manager()  # noqa: DJ012 - ruff reads a Manager as a field

    class Meta:
        abstract = True
