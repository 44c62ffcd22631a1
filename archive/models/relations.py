"""Relations between statements: "responds to", "rebuts"…, typed and read from both ends."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from archive import history
from archive.choices import INVERSE_RELATION_LABELS, RelationKind
from archive.history import EditHistory
from archive.records import ArchiveRecord, RecordQuerySet, links_written
from archive.signals import records_changed


class StatementRelationManager(models.Manager.from_queryset(RecordQuerySet)):
    def get_by_natural_key(self, source_slug, kind, target_slug):
        return self.get(source__slug=source_slug, kind=kind, target__slug=target_slug)


class StatementRelation(ArchiveRecord):
    """A typed link from one statement to another, read from both ends.

    Imported by ``archive.models`` before ``Statement`` is defined: the
    statement's history records these links with it (``through=``).
    """

    source = models.ForeignKey(
        "Statement", on_delete=models.CASCADE, related_name="outgoing_relations"
    )
    kind = models.CharField(max_length=20, choices=RelationKind.choices)
    target = models.ForeignKey(
        "Statement",
        on_delete=models.CASCADE,
        related_name="incoming_relations",
        verbose_name="related statement",
    )
    note = models.CharField(max_length=255, blank=True)

    objects = StatementRelationManager()
    history = EditHistory()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["source", "kind", "target"], name="unique_statement_relation"
            ),
            models.CheckConstraint(
                condition=~models.Q(source=models.F("target")), name="relation_not_to_itself"
            ),
        ]

    def __str__(self):
        return f"{self.source} {self.get_kind_display()} {self.target}"

    def natural_key(self):
        return (self.source.slug, self.kind, self.target.slug)

    natural_key.dependencies = ["archive.statement"]

    @property
    def inverse_label(self) -> str:
        return INVERSE_RELATION_LABELS[self.kind]

    def clean(self):
        if self.source_id and self.target_id and self.source_id == self.target_id:
            raise ValidationError({"target": "A statement cannot relate to itself."})


@receiver(post_save, sender=StatementRelation)
@receiver(post_delete, sender=StatementRelation)
def relation_written(sender, instance, raw=False, origin=None, **kwargs):
    """The source statement's relations changed: its history records them as they now stand.

    Not while the source itself is being deleted (its deletion is recorded),
    nor during an admin save of it (its one entry shows them).
    """
    if raw:
        return
    source = sender._meta.get_field("source").related_model
    if isinstance(origin, source) and origin.pk == instance.source_id:
        return
    deleting_sources = (
        isinstance(origin, models.QuerySet) and origin.model._meta.concrete_model is source
    )
    if deleting_sources and origin.filter(pk=instance.source_id).exists():
        return
    with history.reason("Relations changed"):
        links_written(source, [instance.source_id])


@receiver(records_changed, sender=StatementRelation)
def relations_written(sender, pks, **kwargs):
    """Relations written in bulk: their source statements' history records them."""
    source = sender._meta.get_field("source").related_model
    sources = sender._base_manager.filter(pk__in=pks).values_list("source_id", flat=True)
    with history.reason("Relations changed"):
        links_written(source, set(sources))
