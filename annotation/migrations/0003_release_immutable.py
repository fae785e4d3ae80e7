"""A published release never changes: the database refuses it, whatever the code does.

PostgreSQL and SQLite each get triggers that abort any UPDATE or DELETE of a published
release, and any INSERT, UPDATE or DELETE of the items of a published release.
"""

from django.db import migrations

MESSAGE = "release is published and cannot change"

POSTGRES = f"""
CREATE OR REPLACE FUNCTION annotation_release_frozen() RETURNS trigger AS $$
BEGIN
  IF OLD.status = 'published' THEN
    RAISE EXCEPTION '{MESSAGE} (release %)', OLD.id USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION annotation_releaseitem_frozen() RETURNS trigger AS $$
DECLARE
  rid bigint;
BEGIN
  IF TG_OP = 'INSERT' THEN rid := NEW.release_id; ELSE rid := OLD.release_id; END IF;
  IF EXISTS (SELECT 1 FROM annotation_release WHERE id = rid AND status = 'published')
     OR (TG_OP = 'UPDATE' AND EXISTS (
         SELECT 1 FROM annotation_release WHERE id = NEW.release_id AND status = 'published')) THEN
    RAISE EXCEPTION '{MESSAGE} (release %)', rid USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER annotation_release_frozen BEFORE UPDATE OR DELETE ON annotation_release
  FOR EACH ROW EXECUTE FUNCTION annotation_release_frozen();
CREATE TRIGGER annotation_releaseitem_frozen BEFORE INSERT OR UPDATE OR DELETE
  ON annotation_releaseitem FOR EACH ROW EXECUTE FUNCTION annotation_releaseitem_frozen();
CREATE TRIGGER annotation_release_campaigns_frozen BEFORE INSERT OR UPDATE OR DELETE
  ON annotation_release_campaigns FOR EACH ROW EXECUTE FUNCTION annotation_releaseitem_frozen();
"""

POSTGRES_REVERSE = """
DROP TRIGGER IF EXISTS annotation_release_campaigns_frozen ON annotation_release_campaigns;
DROP TRIGGER IF EXISTS annotation_releaseitem_frozen ON annotation_releaseitem;
DROP TRIGGER IF EXISTS annotation_release_frozen ON annotation_release;
DROP FUNCTION IF EXISTS annotation_releaseitem_frozen();
DROP FUNCTION IF EXISTS annotation_release_frozen();
"""

_PUBLISHED = "(SELECT status FROM annotation_release WHERE id = {ref}.release_id) = 'published'"
SQLITE_CHILDREN = ("annotation_releaseitem", "annotation_release_campaigns")
SQLITE = [
    f"""CREATE TRIGGER annotation_release_frozen_update BEFORE UPDATE ON annotation_release
        WHEN OLD.status = 'published' BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;""",
    f"""CREATE TRIGGER annotation_release_frozen_delete BEFORE DELETE ON annotation_release
        WHEN OLD.status = 'published' BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;""",
    *[
        statement
        for table in SQLITE_CHILDREN
        for statement in (
            f"""CREATE TRIGGER {table}_frozen_insert BEFORE INSERT ON {table}
                WHEN {_PUBLISHED.format(ref="NEW")}
                BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;""",
            f"""CREATE TRIGGER {table}_frozen_update BEFORE UPDATE ON {table}
                WHEN {_PUBLISHED.format(ref="OLD")} OR {_PUBLISHED.format(ref="NEW")}
                BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;""",
            f"""CREATE TRIGGER {table}_frozen_delete BEFORE DELETE ON {table}
                WHEN {_PUBLISHED.format(ref="OLD")}
                BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;""",
        )
    ],
]
SQLITE_REVERSE = [
    f"DROP TRIGGER IF EXISTS {name};"
    for name in (
        "annotation_release_frozen_update",
        "annotation_release_frozen_delete",
        *[f"{t}_frozen_{op}" for t in SQLITE_CHILDREN for op in ("insert", "update", "delete")],
    )
]


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES, params=None)
    elif vendor == "sqlite":
        for statement in SQLITE:
            schema_editor.execute(statement)
    else:  # pragma: no cover - the project supports PostgreSQL and SQLite
        raise RuntimeError(f"no release-immutability triggers for {vendor}")


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_REVERSE, params=None)
    elif vendor == "sqlite":
        for statement in SQLITE_REVERSE:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("annotation", "0002_adjudication_and_releases")]
    operations = [migrations.RunPython(forwards, backwards)]
