"""Edit history: one entry for each save an archivist makes, its relations included.

A save in the admin writes the row, then its many-to-many fields, inlines
and the countries found in the text. django-simple-history would make an
entry for the row and one more for each many-to-many change, most of them
showing no change of their own. ``gather`` holds them back; ``record_gathered``
then makes the one entry, with every relation as it stands after the save.
"""

from simple_history.models import HistoricalRecords


class EditHistory(HistoricalRecords):
    """Historical records whose entries for one instance can be gathered into one.

    A many-to-many field through a model of the archive's own (statement
    relations), which keeps a history of its own, is recorded under a name of
    the owner's ("HistoricalStatementStatementRelation"), not the through model's.
    """

    def get_history_model_name(self, model):
        if model is self.cls or model._meta.auto_created:
            return super().get_history_model_name(model)
        return f"Historical{self.cls._meta.object_name}{model._meta.object_name}"

    def post_save(self, instance, created, using=None, **kwargs):
        if kwargs.get("raw", False):
            # A fixture's row makes no entry (as in simple-history), nor do the
            # relations loaddata sets on it next.
            instance._history_raw = True
        pending = getattr(instance, "_history_pending", None)
        if pending is None:
            return super().post_save(instance, created, using=using, **kwargs)
        if not kwargs.get("raw", False):
            pending.setdefault(self, "+" if created else "~")

    def m2m_changed(self, instance, action, attr, pk_set, reverse, **kwargs):
        if getattr(instance, "_history_raw", False):
            return None
        pending = getattr(instance, "_history_pending", None)
        if pending is None:
            return super().m2m_changed(instance, action, attr, pk_set, reverse, **kwargs)
        if action in ("post_add", "post_remove", "post_clear"):
            pending.setdefault(self, "~")


def gather(instance) -> None:
    """Hold back the history entries of ``instance``'s saves and relation changes."""
    instance._history_pending = {}


def record_gathered(instance) -> None:
    """Make one entry for what was gathered (an addition if the row was created)."""
    pending = instance.__dict__.pop("_history_pending", None) or {}
    for records, history_type in pending.items():
        records.create_historical_record(instance, history_type)
