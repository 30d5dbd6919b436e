"""Logging to the QGIS message log and, for what the user must see, to the message bar.

Pure modules (core/, store/) log through the standard ``logging`` module under the ``herzlich_digital`` logger;
:class:`QgisLogHandler` forwards those records into the QGIS log while the plugin is loaded.
"""
import logging

from qgis.core import Qgis, QgsApplication, QgsMessageLog

LOG_TAG = "Herzlich Digital"
LOGGER_NAME = "herzlich_digital"

_LEVELS = {
    logging.DEBUG: Qgis.MessageLevel.Info,
    logging.INFO: Qgis.MessageLevel.Info,
    logging.WARNING: Qgis.MessageLevel.Warning,
    logging.ERROR: Qgis.MessageLevel.Critical,
    logging.CRITICAL: Qgis.MessageLevel.Critical,
}


def qgis_level(python_level: int):
    for threshold in sorted(_LEVELS, reverse=True):
        if python_level >= threshold:
            return _LEVELS[threshold]
    return Qgis.MessageLevel.Info


class QgisLogHandler(logging.Handler):
    """Forwards Python log records to QgsMessageLog (thread-safe: QgsMessageLog queues across threads)."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            QgsMessageLog.logMessage(self.format(record), LOG_TAG, qgis_level(record.levelno))
        except Exception:  # a log handler must never raise into the caller
            self.handleError(record)


def install_log_handler(debug: bool = False) -> QgisLogHandler:
    handler = QgisLogHandler()
    handler.setFormatter(logging.Formatter("%(name)s: %(message)s"))
    logger = logging.getLogger(LOGGER_NAME)
    logger.setLevel(logging.DEBUG if debug else logging.INFO)
    logger.addHandler(handler)
    return handler


def remove_log_handler(handler: QgisLogHandler) -> None:
    if handler is not None:
        logging.getLogger(LOGGER_NAME).removeHandler(handler)


class PlgLogger:
    """Log a message, and push it to the message bar when the user must see it."""

    def __init__(self, iface=None):  # noqa: QGS105 - the plugin hands its iface down once
        self._iface = iface

    def log(self, message: str, level=Qgis.MessageLevel.Info, push: bool = False, duration: int = None) -> None:
        QgsMessageLog.logMessage(message, LOG_TAG, level)
        if push and self._iface is not None:
            if duration is None:
                duration = 0 if level == Qgis.MessageLevel.Critical else 6
            self._iface.messageBar().pushMessage(LOG_TAG, message, level, duration)

    def info(self, message: str, push: bool = False) -> None:
        self.log(message, Qgis.MessageLevel.Info, push)

    def success(self, message: str, push: bool = True) -> None:
        self.log(message, Qgis.MessageLevel.Success, push)

    def warning(self, message: str, push: bool = True) -> None:
        self.log(message, Qgis.MessageLevel.Warning, push)

    def error(self, message: str, push: bool = True) -> None:
        self.log(message, Qgis.MessageLevel.Critical, push)


def message_log():
    return QgsApplication.messageLog()
