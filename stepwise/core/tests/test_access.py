import pytest
from django.http import Http404

from stepwise.organisations.access import access_team_by_id


@pytest.mark.parametrize("team_id", [987654, 2**70, "seven", None])
def test_missing_malformed_and_huge_ids_are_all_not_found(tenant_a, team_id):
    with tenant_a.context(), pytest.raises(Http404):
        access_team_by_id(team_id)


def test_another_organisations_object_is_not_found(tenant_a, tenant_b):
    with tenant_a.context():
        assert access_team_by_id(tenant_a.teams[0].pk) == tenant_a.teams[0]
        with pytest.raises(Http404):
            access_team_by_id(tenant_b.teams[0].pk)
