"""The demo's sensor services in one process (``make demo`` starts it in the background).

Starts mosquitto (if installed) and the SensorThings server (django-ogc-sensorthings on SQLite) on 127.0.0.1,
seeds or tops up the demo city's sensors (the last 8 weeks of 15-minute values), writes the addresses to
``--info`` (JSON: url, mqtt_host, mqtt_port) and then feeds a new observation for every datastream every few
seconds. SIGTERM/SIGINT, or the end of ``--parent-pid`` (QGIS), stops everything it started.

    python demo/sta_server/run.py --data-dir build/sta [--port 8765] [--mqtt-port 1883] [--days 56]
                                  [--interval 5] [--info build/sta/services.json] [--parent-pid PID]
"""
import argparse
import json
import os
import signal
import socket
import sys
import threading
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from demo.sta_server.feeder import Feeder  # noqa: E402
from demo.sta_server.processes import MosquittoProcess, StaServerProcess, free_port  # noqa: E402
from demo.sta_server.seed import seed  # noqa: E402


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _port_or_free(port: int) -> int:
    """``port`` when nothing listens there (an old demo may still run), else any free one."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return free_port()
    return port


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", default=str(ROOT / "build" / "sta"))
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--mqtt-port", type=int, default=1883)
    parser.add_argument("--days", type=float, default=56.0)
    parser.add_argument("--interval", type=float, default=5.0)
    parser.add_argument("--info", default="")
    parser.add_argument("--parent-pid", type=int, default=0)
    args = parser.parse_args(argv)

    data_dir = Path(args.data_dir)
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())

    broker = None
    if MosquittoProcess.binary():
        broker = MosquittoProcess(data_dir / "mosquitto", _port_or_free(args.mqtt_port)).start()
    server = StaServerProcess(data_dir, _port_or_free(args.port))
    feeder = None
    try:
        server.start()
        ids = seed(server.url, days=args.days)
        feeder = Feeder(server.url, ids, mqtt_port=broker.port if broker else None)
        info = {"url": server.url, "mqtt_host": "127.0.0.1" if broker else "",
                "mqtt_port": broker.port if broker else 0, "datastreams": len(ids), "pid": os.getpid()}
        if args.info:
            Path(args.info).parent.mkdir(parents=True, exist_ok=True)
            Path(args.info).write_text(json.dumps(info, indent=2), encoding="utf-8")
        print(json.dumps(info), flush=True)

        def finished():
            return stop.is_set() or (args.parent_pid and not _alive(args.parent_pid))

        feeder.run(args.interval, stop=finished, sleep=stop.wait)
    finally:
        if feeder is not None:
            feeder.close()
        server.stop()
        if broker is not None:
            broker.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
