def test_home_renders(client, db):
    assert client.get("/").status_code == 200


def test_coordinator_fixture_scopes(zezhou_coordinator, zezhou, gaoping):
    from grassroots.models import Organisation

    visible = Organisation.objects.for_user(zezhou_coordinator)
    assert zezhou in visible and gaoping not in visible
