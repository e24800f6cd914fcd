"""The deployment on one machine: ``deploy/nginx/sdplan.conf`` rendered for loopback ports and run by Debian's
nginx in a temporary prefix, in front of gunicorn masters started the way ``deploy/systemd/sdplan@.service``
starts them (``gunicorn app:server`` in the repository, bound by ``SDPLAN_BIND``), sharing one database.

The one way to do it for ``tests/test_deployment.py`` and ``bench/bench_load.py --through-nginx``.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "deploy" / "nginx" / "sdplan.conf"
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
UPSTREAM = re.compile(r"(^upstream sdplan \{\n)(.*?)(^\})", re.S | re.M)
UPSTREAM_SERVER = re.compile(r"^\s*server \S+;.*\n", re.M)
LISTEN = re.compile(r"^(\s*)listen [^;]+;", re.M)


def find_nginx() -> str | None:
    """Debian's nginx (``SDPLAN_NGINX`` overrides; /usr/sbin is not on every PATH), or None."""
    for candidate in (os.environ.get("SDPLAN_NGINX"), shutil.which("nginx"), "/usr/sbin/nginx"):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def render_site(upstreams: list[str], listen: str, text: str | None = None) -> str:
    """The committed site file with its upstream's servers and its listen address replaced, nothing else.

    Raises
    ------
    ValueError
        When the file no longer has one ``upstream sdplan`` block with servers and one ``listen`` line:
        the rendering follows the file or stops, it never quietly tests something else.
    """
    text = SITE.read_text(encoding="utf-8") if text is None else text
    blocks = UPSTREAM.findall(text)
    if len(blocks) != 1 or not UPSTREAM_SERVER.search(blocks[0][1]) or len(LISTEN.findall(text)) != 1:
        raise ValueError(f"{SITE} changed shape: expected one `upstream sdplan` with servers and one `listen`")

    def servers(match: re.Match) -> str:
        body = UPSTREAM_SERVER.sub("", match.group(2))
        return match.group(1) + "".join(f"    server {address};\n" for address in upstreams) + body + match.group(3)

    return LISTEN.sub(lambda m: f"{m.group(1)}listen {listen};", UPSTREAM.sub(servers, text))


def nginx_config(prefix: Path, site: Path) -> str:
    """A main configuration in ``prefix`` (what Debian's /etc/nginx/nginx.conf is) that includes ``site``.

    Every path nginx writes is under ``prefix``, so it runs as any user; started as root, its workers
    run as ``nobody`` and write their temporary files there (nginx creates those folders and gives them to it).
    """
    temp = "".join(f"    {kind}_temp_path {prefix / 'temp' / kind};\n"
                   for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    return ("worker_processes 1;\n"
            "events { worker_connections 1024; }\n"
            "http {\n"
            "    default_type application/octet-stream;\n"
            "    log_format upstream '$request_method $uri $status $upstream_addr';\n"
            f"    access_log {prefix / 'access.log'} upstream;\n"
            f"{temp}"
            f"    include {site};\n"
            "}\n")


def wait_for_http(port: int, process: subprocess.Popen, what: str, path: str = "/", timeout: float = 120) -> None:
    """Until ``GET path`` on ``port`` answers (any status); raises if ``process`` ends or time runs out."""
    import http.client

    deadline = time.monotonic() + timeout
    while True:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
            conn.request("GET", path)
            conn.getresponse().read()
            conn.close()
            return
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{what} did not start (exit {process.poll()})") from None
            time.sleep(0.1)


def stop(processes: list[subprocess.Popen], sig: int = signal.SIGTERM, timeout: float = 20) -> None:
    """Signal every process, then wait for each (killed when it takes longer than ``timeout``)."""
    for process in processes:
        if process.poll() is None:
            process.send_signal(sig)
    for process in processes:
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def nginx(upstreams: list[str], port: int) -> Iterator[Path]:
    """nginx on 127.0.0.1:``port`` with the rendered site, in front of ``upstreams``; yields its prefix."""
    binary = find_nginx()
    if binary is None:
        raise RuntimeError("nginx not found: apt-get install nginx (deploy/install-nginx)")
    prefix = Path(tempfile.mkdtemp(prefix="sdplan-nginx-"))
    try:
        prefix.chmod(0o755)  # nobody (the workers, when started as root) enters it to write temporary files
        (prefix / "temp").mkdir(mode=0o755)
        site = prefix / "sdplan.conf"
        site.write_text(render_site(upstreams, f"127.0.0.1:{port}"), encoding="utf-8")
        conf = prefix / "nginx.conf"
        conf.write_text(nginx_config(prefix, site), encoding="utf-8")
        log = prefix / "error.log"
        process = subprocess.Popen([binary, "-p", str(prefix), "-c", str(conf), "-e", str(log),
                                    "-g", f"daemon off; pid {prefix / 'nginx.pid'}; error_log {log} warn;"],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            try:
                wait_for_http(port, process, "nginx", timeout=20)
            except RuntimeError as exc:
                raise RuntimeError(f"{exc}: {log.read_text(errors='replace')[-2000:] if log.exists() else ''}") from None
            yield prefix
        finally:
            stop([process], signal.SIGQUIT)  # graceful: finishes the requests it has
    finally:
        shutil.rmtree(prefix, ignore_errors=True)


def server_env(database_url: str, secret_key: str, **extra: str) -> dict[str, str]:
    """What /etc/sdplan/sdplan.env gives every app server (deploy/systemd/sdplan.env.example)."""
    return {**os.environ, "DATABASE_URL": database_url, "SDPLAN_SECRET_KEY": secret_key,
            "SDPLAN_TRUSTED_PROXIES": "1", "SDPLAN_RATELIMIT_STORAGE": "memory://", **extra}


@contextmanager
def app_servers(ports: list[int], env: dict[str, str], app: str = "app:server",
                options: tuple[str, ...] = ()) -> Iterator[list[subprocess.Popen]]:
    """One gunicorn master per port, each with its own workers, started together; stopped on leaving.

    By default each reads gunicorn.conf.py as the systemd unit does (workers and threads from
    ``SDPLAN_WORKERS``/``SDPLAN_THREADS`` in ``env``); ``options`` are passed to gunicorn before ``app``.
    """
    with ExitStack() as stack:
        logs = [stack.enter_context(tempfile.TemporaryFile()) for _ in ports]
        # each master's own control socket folder (gunicorn >= 25 makes one; as RuntimeDirectory= in the unit)
        runtimes = [stack.enter_context(tempfile.TemporaryDirectory(prefix="sdplan-run-")) for _ in ports]
        masters: list[subprocess.Popen] = []
        stack.callback(stop, masters)  # first on leaving: SIGTERM as systemd sends it, all at once
        for port, log, runtime in zip(ports, logs, runtimes):
            masters.append(subprocess.Popen(
                [GUNICORN, *options, app], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=log,
                env={**env, "SDPLAN_BIND": f"127.0.0.1:{port}", "XDG_RUNTIME_DIR": runtime}))
        for port, master, log in zip(ports, masters, logs):
            try:
                wait_for_http(port, master, f"gunicorn on port {port}", "/_dash-dependencies")
            except RuntimeError as exc:
                log.seek(0)
                raise RuntimeError(f"{exc}: {log.read()[-3000:].decode(errors='replace')}") from None
        yield masters


@contextmanager
def fresh_schema(url: str, purpose: str = "deploy") -> Iterator[str]:
    """A new, empty PostgreSQL schema in ``url``'s database (its owner may create one; no other test's
    tables are touched); yields the URL that puts it first on the search path. Dropped on leaving."""
    from sqlalchemy import create_engine, make_url, text

    schema = f"sdplan_{purpose}_{secrets.token_hex(4)}"
    admin = create_engine(url)
    try:
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        yield make_url(url).update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(
            hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()
