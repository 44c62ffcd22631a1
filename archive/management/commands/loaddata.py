"""Django's ``loaddata``, with an entry in the history of every archive record it loads.

Django saves a fixture's rows raw, and django-simple-history makes no entry
for a raw save: a record would enter the archive untraced. The rows are
gathered as they are saved, and recorded once their relations are set too,
in loaddata's own transaction ("Loaded from fixture …").
"""

from collections import defaultdict

from django.core.management.commands import loaddata
from django.db.models.signals import post_save

from archive import history


class Command(loaddata.Command):
    def loaddata(self, fixture_labels):
        loaded: dict[type, dict[int, bool]] = defaultdict(dict)

        def gather(sender, instance, raw=False, created=False, **kwargs):
            if raw and sender._meta.app_label == "archive":
                rows = loaded[sender._meta.concrete_model]
                rows[instance.pk] = rows.get(instance.pk, False) or created

        post_save.connect(gather, weak=False, dispatch_uid="archive-loaddata-history")
        try:
            super().loaddata(fixture_labels)
        finally:
            post_save.disconnect(dispatch_uid="archive-loaddata-history")
        with history.reason(f"Loaded from fixture {', '.join(fixture_labels)}"[:100]):
            for model, rows in loaded.items():
                for history_type, created in (("+", True), ("~", False)):
                    pks = [pk for pk, was_created in rows.items() if was_created is created]
                    history.record_bulk(model, pks, history_type, using=self.using)
