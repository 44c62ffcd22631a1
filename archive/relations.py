"""Relations between statements: "responds to", "rebuts"…, typed and read from both ends."""

from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from archive.choices import INVERSE_RELATION_LABELS, RelationKind


class StatementRelationManager(models.Manager):
    def get_by_natural_key(self, source_slug, kind, target_slug):
        return self.get(source__slug=source_slug, kind=kind, target__slug=target_slug)


class StatementRelation(models.Model):
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
    history = HistoricalRecords()

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
