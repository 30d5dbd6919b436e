"""After an import: the store layers it changed are refreshed in the project, or offered for loading.

A layer this plugin added for that store (addstorelayers, the demo project, an earlier import) is reloaded in
place. Otherwise a styled layer goes to the context's layers-to-load-on-completion: the toolbox dialog adds it
to the project (as QGIS does for any algorithm output), a script's processing.run() does not.
"""
from qgis.core import QgsProcessingContext

from ..store import StoreError, open_store
from ..styles.store_layers import find_store_layers, refresh_layer, store_layer
from ..toolbelt.i18n import tr


def show_store_layers(context, feedback, store_uri: str, authcfg: str, keys) -> int:
    """Refresh or queue the layers ``keys`` (styles.store_layers.LAYER_KEYS) of a store; never raises.

    Returns how many layers were queued for loading. Runs on the main thread (postProcessAlgorithm).
    """
    project = context.project()
    if project is None or not keys:
        return 0
    queued = 0
    try:
        store = open_store(store_uri, create=False)
    except StoreError as error:
        feedback.reportError(tr("The imported layer could not be shown: {error}").format(error=error), False)
        return 0
    try:
        for key in keys:
            existing = find_store_layers(project, store, key)
            for layer in existing:
                refresh_layer(store, key, layer)
                feedback.pushInfo(tr("The layer '{name}' shows the imported data now.").format(name=layer.name()))
            if existing:
                continue
            layer = store_layer(store, key, authcfg)
            context.temporaryLayerStore().addMapLayer(layer)
            context.addLayerToLoadOnCompletion(layer.id(), QgsProcessingContext.LayerDetails(layer.name(), project, key))
            queued += 1
    except (ValueError, StoreError) as error:
        feedback.reportError(tr("The imported layer could not be shown: {error}").format(error=error), False)
    finally:
        store.close()
    return queued
