from django.db import migrations

# Search ranks only the notes a person may see, found through the visibility selector's own
# query. These indexes hold every column that query (and the search filters) reads, so it is
# answered from the index alone instead of a read of each note's row: on SQLite with a
# million notes, 3,000 organisation-wide notes take about 1 ms instead of 30. They are kept
# out of the model's Meta because they exist for search alone; like the FTS triggers, a
# migration that rebuilds learning_note on SQLite must create them again (the search tests
# check that they exist).
INDEXES = {
    "learning_note_search_team": "team_id, status, hidden_at, organisation_id, visibility, "
                                 "shared_approved_at, kind, practice_area_id, submitted_at",
    "learning_note_search_org": "organisation_id, visibility, status, hidden_at, "
                                "shared_approved_at, team_id, kind, practice_area_id, "
                                "submitted_at",
}


def add_indexes(apps, schema_editor):
    # SQLite keeps the rowid in every index; PostgreSQL needs the id included to answer from
    # the index alone (an index-only scan).
    include = " INCLUDE (id)" if schema_editor.connection.vendor == "postgresql" else ""
    for name, columns in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON learning_note ({columns}){include}",
            params=None)


def drop_indexes(apps, schema_editor):
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}", params=None)


class Migration(migrations.Migration):
    dependencies = [("learning", "0003_note_full_text_search")]

    operations = [migrations.RunPython(add_indexes, drop_indexes)]
