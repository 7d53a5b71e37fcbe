"""回收站: deleted records that staff can bring back, built on django-simple-history.

An app lists the models whose deletion should be recoverable in its AppConfig.ready():

    from common.recycle_bin import recycle_bin
    recycle_bin.register(Entry)

A record is "in the bin" when the latest row of its history is a delete ('-'). Restoring it saves
the last version before the delete under the original primary key, together with the rows that
were cascade-deleted with it (children with history whose foreign key points at it). The generic
code lives here; the apps only register (dependencies still run one way).
"""

from django.db.models import Model


class RecycleBin:
    def __init__(self):
        self._models: dict[str, type[Model]] = {}

    def register(self, model: type[Model]) -> None:
        if not hasattr(model._meta, "simple_history_manager_attribute"):
            raise TypeError(f"{model._meta.label} has no history (HistoricalRecords) to restore from")
        self._models[model._meta.label_lower] = model

    def models(self) -> dict[str, type[Model]]:
        return dict(self._models)

    def get(self, label: str) -> type[Model] | None:
        return self._models.get(label)


recycle_bin = RecycleBin()
