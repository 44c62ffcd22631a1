from django.apps import AppConfig, apps


class ArchiveConfig(AppConfig):
    name = "archive"
    verbose_name = "Archive"

    def ready(self):
        from archive import permalinks, signal_relay

        signal_relay.connect(apps.get_models(include_auto_created=True))
        permalinks.connect(self.get_models())
