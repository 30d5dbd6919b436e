"""A throw-away PostgreSQL + PostGIS cluster for tests and benchmarks.

initdb refuses to run as root, so as root the cluster belongs to the ``postgres`` OS
user (``runuser``); otherwise to ourselves. It listens on 127.0.0.1 on a free port with
trust authentication, keeps its socket in the temp dir and is deleted on ``stop()``.
"""
import atexit
import glob
import os
import secrets
import shutil
import socket
import subprocess
import tempfile
import uuid

SUPERUSER = "hd_test"
# A fresh password per run: the throw-away cluster never outlives the tests.
PASSWORD = secrets.token_urlsafe(16)


class PostgresUnavailable(RuntimeError):
    pass


def find_bindir():
    """Newest /usr/lib/postgresql/<version>/bin holding initdb, or None."""
    dirs = [d for d in glob.glob("/usr/lib/postgresql/*/bin") if os.path.exists(os.path.join(d, "initdb"))]
    dirs.sort(key=lambda d: int(d.split("/")[-2]) if d.split("/")[-2].isdigit() else 0)
    return dirs[-1] if dirs else None


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PostgresServer:
    """``with PostgresServer() as pg: pg.create_database("x", postgis=True)``."""

    def __init__(self):
        self.bindir = find_bindir()
        if self.bindir is None:
            raise PostgresUnavailable(
                "No PostgreSQL server binaries in /usr/lib/postgresql/*/bin: the PostGIS store tests "
                "need them. Install the Debian packages postgresql and postgis (`make deps`).")
        self.port = None
        self.tmpdir = None
        self._as_postgres = os.geteuid() == 0

    # ------------------------------------------------------------------ process control

    def _run(self, *args):
        cmd = [os.path.join(self.bindir, args[0]), *args[1:]]
        if self._as_postgres:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if proc.returncode != 0:
            raise PostgresUnavailable(f"{' '.join(cmd)} failed:\n{proc.stdout}\n{self._log_tail()}")
        return proc.stdout

    def _log_tail(self):
        log = os.path.join(self.tmpdir or "", "server.log")
        if self.tmpdir and os.path.exists(log):
            with open(log, errors="replace") as f:
                return f.read()[-2000:]
        return ""

    def start(self):
        try:
            return self._start()
        except BaseException:
            self.stop()
            raise

    def _start(self):
        self.tmpdir = tempfile.mkdtemp(prefix="hd_pg_")
        if self._as_postgres:
            shutil.chown(self.tmpdir, "postgres", "postgres")
        data = os.path.join(self.tmpdir, "data")
        self._run("initdb", "-D", data, "-U", SUPERUSER, "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync")
        self.port = _free_port()
        opts = (f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.tmpdir} -c fsync=off "
                "-c synchronous_commit=off -c full_page_writes=off -c max_connections=60")
        self._run("pg_ctl", "-D", data, "-l", os.path.join(self.tmpdir, "server.log"), "-w", "-t", "60",
                  "-o", opts, "start")
        atexit.register(self.stop)
        conn = self.connect()
        try:
            with conn.cursor() as cur:
                cur.execute("ALTER ROLE " + SUPERUSER + " PASSWORD %s", (PASSWORD,))
        finally:
            conn.close()
        return self

    def stop(self):
        if self.tmpdir is None:
            return
        tmpdir, self.tmpdir = self.tmpdir, None
        data = os.path.join(tmpdir, "data")
        cmd = [os.path.join(self.bindir, "pg_ctl"), "-D", data, "-m", "immediate", "-w", "stop"]
        if self._as_postgres:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shutil.rmtree(tmpdir, ignore_errors=True)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    # ------------------------------------------------------------------ databases

    def conninfo(self, dbname="postgres", user=SUPERUSER, password=PASSWORD):
        return f"host=127.0.0.1 port={self.port} dbname={dbname} user={user} password={password}"

    def connect(self, dbname="postgres"):
        """An autocommit psycopg2 connection as the superuser."""
        import psycopg2
        conn = psycopg2.connect(self.conninfo(dbname))
        conn.autocommit = True
        return conn

    def create_database(self, name=None, template=None, postgis=False):
        """Create a database (optionally copied from a template); returns its name."""
        from psycopg2 import sql
        name = name or "hd_" + uuid.uuid4().hex[:12]
        stmt = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
        if template:
            stmt += sql.SQL(" TEMPLATE {}").format(sql.Identifier(template))
        conn = self.connect()
        try:
            with conn.cursor() as cur:
                cur.execute(stmt)
        finally:
            conn.close()
        if postgis:
            conn = self.connect(name)
            try:
                with conn.cursor() as cur:
                    cur.execute("CREATE EXTENSION IF NOT EXISTS postgis")
            finally:
                conn.close()
        return name

    def drop_database(self, name):
        from psycopg2 import sql
        conn = self.connect()
        try:
            with conn.cursor() as cur:
                cur.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        finally:
            conn.close()
