from django.db import migrations

# A copy of the search backends' schema, not an import: a migration keeps its meaning.
# SQLite: an external-content FTS5 index, kept in step by triggers. Its columns are named as
# the note's columns, so FTS5 reads highlight text (and 'rebuild' reads everything) straight
# from learning_note; team_id, organisation_id and visibility are one-token columns used to
# narrow a match to the notes one person may see before anything is ranked.
# A later migration that makes Django rebuild learning_note on SQLite drops these triggers:
# test_search_index_is_kept_in_step fails, and that migration must create them again.
COLUMNS = ("what_happened, what_expected, why_difference, next_time, shared_what_happened, "
           "shared_what_expected, shared_why_difference, shared_next_time, team_id, "
           "organisation_id, visibility")
NEW = ", ".join(f"new.{c.strip()}" for c in COLUMNS.split(","))
OLD = ", ".join(f"old.{c.strip()}" for c in COLUMNS.split(","))
CHANGED = " OR ".join(f"old.{c.strip()} IS NOT new.{c.strip()}" for c in COLUMNS.split(","))
SQLITE = [
    f"CREATE VIRTUAL TABLE learning_note_fts USING fts5({COLUMNS}, content='learning_note', "
    "content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')",
    "CREATE TRIGGER learning_note_fts_insert AFTER INSERT ON learning_note BEGIN "
    f"INSERT INTO learning_note_fts(rowid, {COLUMNS}) VALUES (new.id, {NEW}); END",
    "CREATE TRIGGER learning_note_fts_delete AFTER DELETE ON learning_note BEGIN "
    f"INSERT INTO learning_note_fts(learning_note_fts, rowid, {COLUMNS}) "
    f"VALUES ('delete', old.id, {OLD}); END",
    # Autosaves and counters rewrite rows often; re-index only when indexed text changed.
    f"CREATE TRIGGER learning_note_fts_update AFTER UPDATE ON learning_note WHEN {CHANGED} "
    f"BEGIN INSERT INTO learning_note_fts(learning_note_fts, rowid, {COLUMNS}) "
    f"VALUES ('delete', old.id, {OLD}); "
    f"INSERT INTO learning_note_fts(rowid, {COLUMNS}) VALUES (new.id, {NEW}); END",
    "INSERT INTO learning_note_fts(learning_note_fts) VALUES ('rebuild')",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS learning_note_fts_insert",
    "DROP TRIGGER IF EXISTS learning_note_fts_delete",
    "DROP TRIGGER IF EXISTS learning_note_fts_update",
    "DROP TABLE IF EXISTS learning_note_fts",
]


def _vector(columns):
    first, *rest = columns
    rest_text = " || ' ' || ".join(rest)
    return (f"setweight(to_tsvector('english'::regconfig, {first}), 'A') || "
            f"setweight(to_tsvector('english'::regconfig, {rest_text}), 'B')")


OWN = ("what_happened", "what_expected", "why_difference", "next_time")
SHARED = tuple(f"shared_{c}" for c in OWN)
POSTGRES = [
    f"ALTER TABLE learning_note ADD COLUMN search_own tsvector "
    f"GENERATED ALWAYS AS ({_vector(OWN)}) STORED",
    f"ALTER TABLE learning_note ADD COLUMN search_shared tsvector "
    f"GENERATED ALWAYS AS ({_vector(SHARED)}) STORED",
    "CREATE INDEX learning_note_search_own ON learning_note USING gin (search_own)",
    "CREATE INDEX learning_note_search_shared ON learning_note USING gin (search_shared)",
]
POSTGRES_DROP = [
    "ALTER TABLE learning_note DROP COLUMN IF EXISTS search_own",
    "ALTER TABLE learning_note DROP COLUMN IF EXISTS search_shared",
]


def add_search(apps, schema_editor):
    statements = {"sqlite": SQLITE, "postgresql": POSTGRES}.get(schema_editor.connection.vendor)
    for statement in statements or []:
        schema_editor.execute(statement, params=None)


def drop_search(apps, schema_editor):
    statements = {"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}.get(
        schema_editor.connection.vendor)
    for statement in statements or []:
        schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [("learning", "0002_seed_default_practice_areas")]

    operations = [migrations.RunPython(add_search, drop_search)]
