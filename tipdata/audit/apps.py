from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "tipdata.audit"
    label = "audit"
    verbose_name = "Audit trail"

    def ready(self) -> None:
        from tipdata.audit import signals

        signals.connect()
