"""The audit trail is append-only and tamper-evident: verify_audit names what was changed."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction

from tipdata.audit.models import AppendOnlyError, AuditEntry, ChainHead
from tipdata.audit.services import record_event, record_export
from tipdata.audit.verify import verify_chain

pytestmark = pytest.mark.django_db


@pytest.fixture
def trail(db):
    return [
        record_event(actor=None, action="create", object_repr=f"record {i}", changes={"n": i})
        for i in range(5)
    ]


def raw(sql, params=()):
    """Write behind the application's back, as an attacker with database access would.

    On PostgreSQL the append-only trigger is switched off first (only a superuser can):
    the point is that even then the chain shows it.
    """
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = replica")
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = DEFAULT")


def test_intact_chain_verifies(trail, capsys):
    call_command("verify_audit")
    assert "5 entries verified" in capsys.readouterr().out
    assert trail[3].prev_hash == trail[2].hash


def test_altered_entry_is_named(trail):
    raw("UPDATE audit_auditentry SET object_repr = %s WHERE id = %s", ["forged", trail[2].pk])
    with pytest.raises(CommandError, match=f"Entry #{trail[2].pk} was altered"):
        call_command("verify_audit")


def test_altered_and_rehashed_entry_breaks_the_next_link(trail):
    entry = AuditEntry.objects.get(pk=trail[1].pk)
    entry.reason = "forged"
    forged_hash = entry.compute_hash()
    raw(
        "UPDATE audit_auditentry SET reason = %s, hash = %s WHERE id = %s",
        ["forged", forged_hash, entry.pk],
    )
    result = verify_chain()
    assert trail[2].pk == trail[1].pk + 1  # nothing missing in between: the forgery is named
    assert result.entry_id == trail[1].pk
    assert result.problem.startswith(f"Entry #{trail[1].pk} was altered and its hash recomputed")


def test_removed_entry_is_named(trail):
    raw("DELETE FROM audit_auditentry WHERE id = %s", [trail[2].pk])
    with pytest.raises(
        CommandError,
        match=f"Entry #{trail[3].pk} does not follow .* after entry #{trail[1].pk} were "
        f"removed \\(the first missing number is #{trail[2].pk}\\)",
    ):
        call_command("verify_audit")


def test_removed_newest_entries_are_detected(trail):
    raw("DELETE FROM audit_auditentry WHERE id >= %s", [trail[3].pk])
    result = verify_chain()
    assert not result.ok and "newest entries were removed" in result.problem
    assert result.entry_id == trail[2].pk


def test_removed_first_entry_is_detected(trail):
    raw("DELETE FROM audit_auditentry WHERE id = %s", [trail[0].pk])
    result = verify_chain()
    assert result.entry_id == trail[1].pk and "start of the trail" in result.problem


def test_model_and_queryset_refuse_changes(trail):
    entry = AuditEntry.objects.get(pk=trail[0].pk)
    entry.reason = "changed"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(pk=entry.pk).update(reason="changed")
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()
    assert verify_chain().ok


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's")
def test_postgresql_trigger_refuses_update_and_delete(trail):
    from django.db import DatabaseError

    for sql in (
        "UPDATE audit_auditentry SET reason = 'x' WHERE id = %s",
        "DELETE FROM audit_auditentry WHERE id = %s",
    ):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql, [trail[0].pk])
    assert verify_chain().ok


def test_deleting_a_user_keeps_their_entries(trail):
    from tipdata.testing.factories import UserFactory

    user = UserFactory(username="leaver")
    entry = record_event(actor=user, action="update", object_repr="x")
    user.delete()
    entry = AuditEntry.objects.get(pk=entry.pk)
    assert entry.actor is None and entry.actor_label == "leaver"
    assert verify_chain().ok


def test_export_is_audited_without_free_text(db):
    from django.http import QueryDict

    from tipdata.victims.models import Victim

    entry = record_export(
        actor=None,
        what=Victim.objects.all(),
        fmt="csv",
        rows=12,
        filters=QueryDict("q=Aigerim&sex=female&page=2"),
    )
    assert entry.action == "export"
    assert entry.changes == {
        "what": "victims.victim",
        "format": "csv",
        "rows": 12,
        "filters": {"q": "<text>", "sex": "female"},
    }
    assert ChainHead.objects.get(pk=1).last_hash == entry.hash
