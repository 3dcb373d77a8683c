from django.urls import reverse

from stepwise.core.policy import Role
from stepwise.core.tests.smtp import smtp_server  # noqa: F401 - fixture
from stepwise.organisations.services import InvitationRequest, invitation_create


def test_invitation_goes_out_over_smtp_with_text_and_html(
    tenant_a, smtp_server, django_capture_on_commit_callbacks  # noqa: F811
):
    with tenant_a.context(), django_capture_on_commit_callbacks(execute=True):
        invitation_create(actor=tenant_a.org_admin, request=InvitationRequest(
            email="temi.adewale@example.org", full_name="Temi Adewale",
            role=Role.PRACTITIONER, team=tenant_a.teams[0]))
    assert len(smtp_server.messages) == 1
    message = smtp_server.messages[0]
    assert message["To"] == "temi.adewale@example.org"
    assert tenant_a.organisation.name in message["Subject"]
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert "/invitations/" in text and 'href="http' in html


def test_members_page_query_count_does_not_grow_with_members(
    client, login, tenant_a, django_assert_max_num_queries
):
    from stepwise.organisations.tests.factories import MembershipFactory

    url = reverse("organisations:members", kwargs={"org_slug": tenant_a.organisation.slug})
    login(client, tenant_a.org_admin.user)
    client.get(url)
    for _ in range(30):
        MembershipFactory(organisation=tenant_a.organisation, team=tenant_a.teams[1])
    with django_assert_max_num_queries(14):
        response = client.get(url)
    assert response.status_code == 200
