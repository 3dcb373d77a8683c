import pytest

from stepwise.core.tenancy import NoActiveOrganisation, tenant_context
from stepwise.organisations.models import Team


def test_tenant_queries_refuse_to_run_without_an_organisation(tenant_a):
    with pytest.raises(NoActiveOrganisation):
        list(Team.objects.all())


def test_tenant_queries_see_only_the_active_organisation(tenant_a, tenant_b):
    with tenant_context(tenant_a.organisation):
        assert set(Team.objects.all()) == set(tenant_a.teams)
        assert not Team.objects.filter(pk=tenant_b.teams[0].pk).exists()
    with tenant_context(tenant_b.organisation):
        assert set(Team.objects.all()) == set(tenant_b.teams)


def test_unscoped_is_the_explicit_way_across_tenants(tenant_a, tenant_b):
    assert Team.unscoped.count() == 4


def test_contexts_nest_and_restore(tenant_a, tenant_b):
    with tenant_context(tenant_a.organisation):
        with tenant_context(tenant_b.organisation):
            assert set(Team.objects.all()) == set(tenant_b.teams)
        assert set(Team.objects.all()) == set(tenant_a.teams)
