"""Signals of proxy models and subclasses, delivered as their concrete archive model's too.

Django sends a save or a delete through a proxy with the proxy as sender
(Django ticket #9318), and a subclass's with the subclass: a receiver
connected for ``Statement`` never hears a publish from the review queue,
whose model is the proxy ``StatementForReview``. The change log, the edit
history and the guard against deleting records in use are all connected by
concrete model; this relay sends each model signal of a proxy or subclass of
an archive model once more, with every concrete model it stands for as the
sender. A proxy or subclass added later needs nothing of its own.
"""

from __future__ import annotations

from django.db.models import Model
from django.db.models import signals as model_signals
from django.dispatch import Signal

RELAYED = (
    model_signals.pre_save,
    model_signals.post_save,
    model_signals.pre_delete,
    model_signals.post_delete,
)


def stands_for(sender: type[Model]) -> list[type[Model]]:
    """The archive models other than ``sender`` whose rows a write through ``sender`` writes."""
    meta = getattr(sender, "_meta", None)
    if meta is None:
        return []
    concrete = meta.concrete_model
    models = [concrete, *concrete._meta.get_parent_list()]
    return [model for model in models if model is not sender and model._meta.app_label == "archive"]


def _relay(signal: Signal):
    def receiver(sender, **kwargs):
        kwargs.pop("signal", None)
        for model in stands_for(sender):
            signal.send(sender=model, **kwargs)

    return receiver


_RECEIVERS = [_relay(signal) for signal in RELAYED]


def watch(model: type[Model]) -> None:
    """Relay ``model``'s signals if it is a proxy or subclass of an archive model.

    Connected per model, never for every sender: a receiver for all senders
    would count as a delete listener of every model, and turn Django's fast
    deletes (the change log's pruning) into a row-by-row walk.
    """
    if not stands_for(model):
        return
    for signal, receiver in zip(RELAYED, _RECEIVERS, strict=True):
        signal.connect(receiver, sender=model, weak=False, dispatch_uid="archive-relay")


def _class_prepared(sender, **kwargs) -> None:
    watch(sender)


def connect(models) -> None:
    """Relay the signals of these models, and of every model defined from now on."""
    for model in models:
        watch(model)
    model_signals.class_prepared.connect(_class_prepared, weak=False, dispatch_uid="archive-relay")
