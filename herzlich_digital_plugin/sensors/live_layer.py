"""A live SensorThings layer: a memory point layer (EPSG:25832) kept current by a background refresh.

One feature per datastream at its Thing's location. Each refresh runs ``fetch_latest`` in a QgsTask; back on
the GUI thread only what changed is written (``LayerWriter``: attribute values, geometries, added and vanished
datastreams, matched by ``SensorRow.key``) as ordinary layer edits, so QGIS's layer signals, open attribute
tables and the map follow them and nothing is reloaded. A failed refresh keeps the last values, marks them stale,
shows ONE message for the whole outage and backs off (the interval doubles up to a cap, and resets on
success). With an MQTT broker (advertised by the service or configured) and paho-mqtt, observations also
arrive between refreshes.
"""
from collections import deque
from datetime import datetime, timedelta, timezone
from typing import Callable, Dict, List, Optional, Set, Tuple

from qgis.core import (Qgis, QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsMessageLog, QgsProject,
                       QgsVectorLayer)
from qgis.PyQt.QtCore import QDateTime, QObject, QTimer, pyqtSignal

from ..core.sensorthings.messages import StaError
from ..core.sensorthings.observations import component_observation
from ..core.sensorthings.snapshot import (DATASTREAM, MULTI_DATASTREAM, NO_DATA, RowKey, SensorRow,
                                          SensorSnapshot, aged, marked_stale, newer_of,
                                          with_observation)
from ..toolbelt.i18n import tr, user_locale
from ..toolbelt.log import LOG_TAG
from .alarm_book import AlarmBook
from .alerts import AlertEvent, AlertTracker
from .connections import SensorConnection, attach_connection
from .layer_fields import AGE_FIELD, FIELD_NAMES, create_layer, key_text, parse_key_text
from .layer_style import format_value
from .layer_writer import LayerWriter, WriteResult
from .messages import message, short_message
from .refresh_task import FetchLatestTask, TaskTracker
from .client import qgis_sta_client

MAX_BACKOFF_S = 600
MQTT_BATCH_MS = 250  # observations arriving together are written in one edit
Notify = Callable[[str, object], None]  # (text, Qgis.MessageLevel)
ApplyResult = WriteResult
__all__ = ["LiveSensorLayer", "ApplyResult", "AGE_FIELD", "FIELD_NAMES", "create_layer", "key_text",
           "parse_key_text", "row_label", "mqtt_credentials", "expected_bbox"]


def row_label(row: SensorRow, locale=None) -> str:
    if row.value is not None:
        return format_value(row.value, row.unit, locale)
    if row.result and row.status != NO_DATA:
        return row.result[:24]
    return "–"


def _ms(when: Optional[datetime]) -> Optional[int]:
    return None if when is None else int(round(when.timestamp() * 1000))


class LiveSensorLayer(QObject):
    """Keeps one layer current. ``start()`` refreshes now and then on the interval; ``stop()`` ends all."""

    refreshed = pyqtSignal(object)  # SensorSnapshot, after its changes were written
    refreshFailed = pyqtSignal(object)  # StaError (or an unexpected exception)
    rowsChanged = pyqtSignal(object)  # ApplyResult of any write (refresh, failure, MQTT)
    alertRaised = pyqtSignal(object)  # AlertEvent (started or cleared)
    mqttStateChanged = pyqtSignal(bool)
    outageChanged = pyqtSignal(str)  # the outage message while the service is down (updated each retry), "" after
    pausedChanged = pyqtSignal(bool)
    _observationArrived = pyqtSignal(str, str, object)  # from paho's thread, delivered queued

    def __init__(self, layer: QgsVectorLayer, connection: SensorConnection, notify: Optional[Notify] = None,
                 timeout_s: float = 20.0, thresholds=None, max_backoff_s: float = MAX_BACKOFF_S,
                 client_factory=None, alarm_book=None, notify_outage: bool = True, parent=None):
        super().__init__(parent)
        self.layer = layer
        self.connection = connection
        self.timeout_s = timeout_s
        self.max_backoff_s = max(float(max_backoff_s), float(connection.interval_s))
        self._notify = notify or (lambda text, level: None)
        self._client_factory = client_factory
        self.client = None
        self.rows: Dict[RowKey, SensorRow] = {}
        self.writer = LayerWriter(layer, self)
        self._deferred = deque()  # writes asked for while a large one is still under way
        if thresholds is None:
            from .alert_settings import load_thresholds
            thresholds = load_thresholds()
        self.alerts = AlertTracker(thresholds)
        self.book = alarm_book if alarm_book is not None else AlarmBook(self)  # shared by the manager's layers
        self._first_load = True  # the first refresh's alarms come as one summary
        self._tasks = TaskTracker()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.refresh)
        self.delay_s = float(connection.interval_s)  # until the next refresh; doubles during an outage
        self.outage: Optional[BaseException] = None
        self.outage_text = ""  # what the outage message says now (the manager shows it until the service is back)
        self.outage_since: Optional[datetime] = None
        self.next_retry_at: Optional[datetime] = None
        self._notify_outage = notify_outage  # False: someone shows outageChanged instead (a sticky message)
        self.paused = False  # no refresh on the interval and no MQTT values; "refresh now" still works
        self.last_error: Optional[BaseException] = None
        self.last_snapshot: Optional[SensorSnapshot] = None
        self.refreshes = self.failures = 0
        self.running = False  # refreshing on the interval (start); refresh() also works without
        self._stopped = False  # stop() ends everything, MQTT included
        self._shown_notices: Set[str] = set()
        self._mqtt = None
        self._mqtt_tried = False
        self._mqtt_pending: Dict[Tuple[str, str], object] = {}
        self._mqtt_timer = QTimer(self)
        self._mqtt_timer.setSingleShot(True)
        self._mqtt_timer.timeout.connect(self._apply_mqtt)
        self._observationArrived.connect(self._queue_observation)
        layer.willBeDeleted.connect(self.stop)

    # ------------------------------------------------------------------ lifecycle
    def start(self) -> None:
        self.running = True
        self._stopped = False
        self.refresh()

    def stop(self) -> None:
        """No refresh, no timer, no MQTT any more; a task still running is cancelled and never reports."""
        self.running = False
        self._stopped = True
        self._timer.stop()
        self._mqtt_timer.stop()
        self._tasks.cancel_all()
        self.writer.stop()
        self._deferred.clear()
        if self._mqtt is not None:
            subscriber, self._mqtt = self._mqtt, None
            try:
                subscriber.stop()
            except Exception as error:  # a broker gone away must not break unload
                self._log(tr("MQTT: {error}").format(error=error), Qgis.MessageLevel.Warning)

    @property
    def busy(self) -> bool:
        """A refresh is being read, or a large write is still going on."""
        return self._tasks.busy or self.writer.busy

    @property
    def timer_active(self) -> bool:
        return self._timer.isActive() or self._mqtt_timer.isActive()

    def set_connection(self, connection: SensorConnection) -> None:
        """Point the layer at another address/filter/interval; stopped until ``start()``."""
        self.stop()
        self.connection = connection
        attach_connection(self.layer, connection)
        self.client = None
        self._mqtt_tried = False
        self._shown_notices.clear()
        self.delay_s = float(connection.interval_s)
        self.max_backoff_s = max(self.max_backoff_s, float(connection.interval_s))

    # ------------------------------------------------------------------ refresh
    def _make_client(self):
        if self._client_factory is not None:
            return self._client_factory(self.connection)
        return qgis_sta_client(self.connection.url, self.connection.authcfg, self.timeout_s,
                               log=lambda text: self._log(text, Qgis.MessageLevel.Info))

    def refresh(self) -> bool:
        """Start a refresh in the background unless one runs already; False when none was started."""
        if self._tasks.busy or self._stopped:
            return False
        self._timer.stop()
        try:
            if self.client is None:
                self.client = self._make_client()
        except StaError as error:
            self._failed(error)
            return False
        task = FetchLatestTask(self.client, self.connection.observed_property, self.connection.stale_after_s,
                               expected_bbox(), on_done=self._refresh_done,
                               description=tr("Refreshing sensor layer {name}").format(name=self.layer.name()))
        self._tasks.start(task)
        return True

    def _refresh_done(self, task) -> None:
        if task.cancelled:
            return
        if task.error is not None:
            self._failed(task.error)
        else:
            self._succeeded(task.result)
        self._schedule()

    def _schedule(self) -> None:
        if self.running and not self.paused:
            self._timer.start(int(self.delay_s * 1000))

    def pause(self) -> None:
        """Stop refreshing (and applying MQTT values) until ``resume()``; the layer keeps its values."""
        if self.paused:
            return
        self.paused = True
        self._timer.stop()
        self._mqtt_timer.stop()
        self._mqtt_pending.clear()
        self.pausedChanged.emit(True)

    def resume(self) -> None:
        if not self.paused:
            return
        self.paused = False
        self.pausedChanged.emit(False)
        if self.running and not self.refresh():
            self._schedule()

    def _succeeded(self, snapshot: SensorSnapshot) -> None:
        self.refreshes += 1
        self.last_snapshot = snapshot
        self.last_error = None
        self.delay_s = float(self.connection.interval_s)
        if self.outage is not None:
            self.outage = None
            self.outage_since = self.next_retry_at = None
            self.outage_text = ""
            self.outageChanged.emit("")
            self._notify(tr("The sensor layer {name} is live again.").format(name=self.layer.name()),
                         Qgis.MessageLevel.Success)
        for notice in snapshot.notices:
            if notice.code in self._shown_notices:
                continue
            self._shown_notices.add(notice.code)
            level = Qgis.MessageLevel.Info if notice.level == "info" else Qgis.MessageLevel.Warning
            self._log(message(notice), level)
            if level == Qgis.MessageLevel.Warning:
                self._notify(message(notice), level)
        stale_after_s = self.connection.stale_after_s
        rows = [newer_of(self.rows.get(row.key), row, snapshot.fetched_at, stale_after_s) for row in snapshot.rows]
        self.apply_rows(rows, complete=snapshot.complete, then=lambda result: self._refreshed(snapshot))

    def _refreshed(self, snapshot: SensorSnapshot) -> None:
        self._first_load = False
        self._start_mqtt(snapshot)
        self.refreshed.emit(snapshot)

    def _failed(self, error: BaseException) -> None:
        self.failures += 1
        self.last_error = error
        self._log(message(error) if isinstance(error, StaError) else str(error), Qgis.MessageLevel.Warning)
        text = short_message(error)
        first = self.outage is None
        now = datetime.now(timezone.utc)
        if first:
            self.outage = error
            self.outage_since = now
            self.delay_s = min(self.max_backoff_s, 2.0 * float(self.connection.interval_s))
        else:
            self.delay_s = min(self.max_backoff_s, 2.0 * self.delay_s)
        self.next_retry_at = now + timedelta(seconds=self.delay_s)
        retry = tr("tries again at {time} (in {seconds} s)").format(
            time=user_locale().toString(QDateTime.fromMSecsSinceEpoch(_ms(self.next_retry_at)).toLocalTime(),
                                        "HH:mm:ss"), seconds=int(self.delay_s))
        if not self.running or self.paused:
            retry = tr("refreshes only when asked")
        self.outage_text = tr("{error} The layer {name} keeps its last values, shown as stale, and {retry}.").format(
            error=text, name=self.layer.name(), retry=retry)
        if first and self._notify_outage:
            self._notify(self.outage_text, Qgis.MessageLevel.Warning)
        self.outageChanged.emit(self.outage_text)
        self.apply_rows([marked_stale(row) for row in self.rows.values()], complete=False,
                        then=lambda result: self.refreshFailed.emit(error))

    # ------------------------------------------------------------------ writing
    def _values(self, row: SensorRow, locale):
        """The values written for a row (FIELD_NAMES order; time as epoch ms) and its position."""
        alert = 1 if self.alerts.is_active(row.key) else 0
        values = (row.thing, row.datastream, row.observed_property, row.value, row.unit, _ms(row.time),
                  row.status, alert, row_label(row, locale), key_text(row.key), str(row.datastream_id), row.collection,
                  row.component, row.result, row.location_flag or "")
        position = (round(row.x, 3), round(row.y, 3)) if row.x is not None and row.y is not None else None
        return values, position

    def apply_rows(self, rows: List[SensorRow], complete: bool = True,
                   then: Optional[Callable[[WriteResult], None]] = None, chunked: bool = True) -> Optional[WriteResult]:
        """Write what differs between ``rows`` and the layer. ``complete``: the rows are every datastream (the
        others vanished); otherwise only these rows are judged. ``then(result)`` runs once it is written.
        Returns the planned changes, or None when the write waits for a large one still under way."""
        if self.writer.busy:
            self._deferred.append((list(rows), complete, then, chunked))
            return None
        events = self.alerts.update(rows, complete)
        new = {row.key: row for row in rows}
        if complete:
            for key in [k for k in self.rows if k not in new]:
                del self.rows[key]
        self.rows.update(new)
        locale = user_locale()  # once per write: thousands of labels
        entries = {key: self._values(row, locale) for key, row in new.items()}
        return self.writer.write(entries, complete, lambda result: self._written(result, events, then, new),
                                 chunked)

    def _written(self, result: WriteResult, events, then, rows=None) -> None:
        result.events = events
        if self.book.active and rows:
            self.book.update_values(self.connection.url, rows.values())
        if not result.empty:
            self.rowsChanged.emit(result)
        self._announce(events)
        if then is not None:
            then(result)
        if self._deferred and not self.writer.busy:
            rows, complete, later, chunked = self._deferred.popleft()
            self.apply_rows(rows, complete, later, chunked)

    def feature_id(self, key: RowKey) -> Optional[int]:
        return self.writer.fids.get(key)

    def row_for_feature(self, fid: int) -> Optional[SensorRow]:
        key = self.writer.key_of(fid)
        return self.rows.get(key) if key is not None else None

    def aged(self, now: Optional[datetime] = None) -> ApplyResult:
        """Recompute status (fresh → stale) without a request."""
        now = now or datetime.now(timezone.utc)
        return self.apply_rows([aged(row, now, self.connection.stale_after_s) for row in self.rows.values()],
                               complete=False)

    # ------------------------------------------------------------------ alerts and messages
    def _announce(self, events: List[AlertEvent]) -> None:
        if not events:
            return
        messages = self.book.report(self.layer.id(), self.connection.url, events, self._first_load, self.layer.name())
        for text, level in messages:
            self._notify(text, level)
            self._log(text, Qgis.MessageLevel.Info)
        for event in events:
            self.alertRaised.emit(event)

    def set_thresholds(self, thresholds) -> None:
        self.alerts.set_thresholds(thresholds)
        self.apply_rows(list(self.rows.values()), complete=False)

    def _log(self, text: str, level) -> None:
        QgsMessageLog.logMessage(f"{self.layer.name()}: {text}", LOG_TAG, level)

    # ------------------------------------------------------------------ MQTT
    def mqtt_endpoint(self, snapshot: Optional[SensorSnapshot]) -> str:
        if self.connection.mqtt.strip():
            return self.connection.mqtt.strip()
        service = snapshot.service if snapshot is not None else None
        endpoints = service.mqtt_endpoints if service is not None else []
        return endpoints[0] if endpoints else ""

    @property
    def mqtt(self):
        return self._mqtt

    def _start_mqtt(self, snapshot: SensorSnapshot) -> None:
        if self._mqtt is None and not self._mqtt_tried and not self._stopped:
            self._mqtt_tried = True
            endpoint = self.mqtt_endpoint(snapshot)
            from .mqtt import endpoint_host_port, mqtt_available
            if not endpoint:
                return
            if not mqtt_available():
                self._log(tr("MQTT broker {endpoint} not used: paho-mqtt is not installed; polling instead.").format(
                    endpoint=endpoint), Qgis.MessageLevel.Info)
                return
            from .mqtt import MqttSubscriber
            host, port = endpoint_host_port(endpoint)
            version = snapshot.service.version if snapshot.service is not None else "v1.1"
            self._mqtt = MqttSubscriber(host, port, on_observation=self._from_paho, version=version,
                                        credentials=mqtt_credentials(self.connection.authcfg),
                                        on_connection=self.mqttStateChanged.emit).start()
            self._log(tr("Live updates over MQTT from {host}:{port}.").format(host=host, port=port),
                      Qgis.MessageLevel.Info)
        if self._mqtt is not None:
            by_collection: Dict[str, set] = {DATASTREAM: set(), MULTI_DATASTREAM: set()}
            for row in self.rows.values():
                by_collection.setdefault(row.collection, set()).add(row.datastream_id)
            for collection, ids in by_collection.items():
                self._mqtt.set_datastreams(sorted(ids, key=str), collection)

    def _from_paho(self, collection, datastream_id, observation) -> None:
        """paho's network thread: only hand over (a queued signal), never touch the layer here."""
        self._observationArrived.emit(collection, str(datastream_id), observation)

    def _queue_observation(self, collection: str, datastream_id: str, observation) -> None:
        if self._stopped or self.paused:
            return
        previous = self._mqtt_pending.get((collection, datastream_id))
        if previous is None or (observation.time is not None and previous.time is not None
                                and observation.time >= previous.time):
            self._mqtt_pending[(collection, datastream_id)] = observation
        if not self._mqtt_timer.isActive():
            self._mqtt_timer.start(MQTT_BATCH_MS)

    def _apply_mqtt(self) -> None:
        pending, self._mqtt_pending = self._mqtt_pending, {}
        if not pending or self._stopped:
            return
        now = datetime.now(timezone.utc)
        updated = []
        for row in self.rows.values():
            observation = pending.get((row.collection, str(row.datastream_id)))
            if observation is None:
                continue
            if row.component is not None:
                observation = component_observation(observation, row.component)
                if observation is None:
                    continue
            new = with_observation(row, observation, now, self.connection.stale_after_s)
            if new is not row:
                updated.append(new)
        if updated:
            self.apply_rows(updated, complete=False)


def mqtt_credentials(authcfg: str):
    """(user, password) of a Basic authcfg for the broker, read from the QGIS auth database; None otherwise."""
    if not authcfg:
        return None
    from qgis.core import QgsApplication, QgsAuthMethodConfig
    config = QgsAuthMethodConfig()
    if not QgsApplication.authManager().loadAuthenticationConfig(authcfg, config, True):
        return None
    if config.method() != "Basic" or not config.config("username"):
        return None
    return config.config("username"), config.config("password")


def expected_bbox(project: QgsProject = None, margin: float = 0.5):
    """The project's default view in lon/lat, widened by ``margin`` degrees: where locations belong, so a
    latitude/longitude swap can be recognised and corrected. None without a default view."""
    project = project or QgsProject.instance()
    extent = project.viewSettings().defaultViewExtent()
    if extent.isEmpty():
        return None
    try:
        transform = QgsCoordinateTransform(extent.crs(), QgsCoordinateReferenceSystem("EPSG:4326"), project)
        box = transform.transformBoundingBox(extent)
    except Exception:  # noqa: BLE001 - an odd CRS only loses the swap check
        return None
    return (box.xMinimum() - margin, box.yMinimum() - margin, box.xMaximum() + margin, box.yMaximum() + margin)
