# Append-only audit trail: new actions, and on PostgreSQL a trigger refusing UPDATE/DELETE.

from django.db import migrations, models

TRIGGER_SQL = """
CREATE OR REPLACE FUNCTION audit_auditentry_append_only() RETURNS trigger AS $$
BEGIN
    -- Deleting a user sets actor_id to NULL (the entry keeps actor_label, which is hashed).
    IF TG_OP = 'UPDATE' AND NEW.actor_id IS NULL AND OLD.actor_id IS NOT NULL
       AND (to_jsonb(NEW) - 'actor_id') = (to_jsonb(OLD) - 'actor_id') THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit entries are append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS audit_auditentry_append_only ON audit_auditentry;
CREATE TRIGGER audit_auditentry_append_only
    BEFORE UPDATE OR DELETE ON audit_auditentry
    FOR EACH ROW EXECUTE FUNCTION audit_auditentry_append_only();
"""

DROP_SQL = """
DROP TRIGGER IF EXISTS audit_auditentry_append_only ON audit_auditentry;
DROP FUNCTION IF EXISTS audit_auditentry_append_only();
"""


def add_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(TRIGGER_SQL, params=None)  # "%" is PL/pgSQL, not a placeholder


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_SQL)


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="auditentry",
            name="action",
            field=models.CharField(
                choices=[
                    ("create", "Created"),
                    ("update", "Updated"),
                    ("delete", "Deleted"),
                    ("transition", "Status changed"),
                    ("link", "Linked"),
                    ("unlink", "Unlinked"),
                    ("merge", "Merged"),
                    ("view_personal", "Viewed personal data"),
                    ("export", "Exported"),
                    ("import", "Imported"),
                    ("sign_in", "Signed in"),
                    ("sign_in_failed", "Failed sign-in"),
                    ("sign_out", "Signed out"),
                    ("break_glass", "Emergency access"),
                    ("erase", "Personal data erased"),
                    ("report", "Report produced"),
                    ("lookup", "Searched personal data"),
                    ("locked_out", "Locked out"),
                    ("two_factor", "Two-factor set-up changed"),
                    ("rotate_keys", "Encryption keys rotated"),
                    ("review", "Reviewed"),
                ],
                db_index=True,
                max_length=20,
                verbose_name="action",
            ),
        ),
        migrations.RunPython(add_trigger, drop_trigger, elidable=False),
    ]
