"""The deployment the docs give an operator holds up: nginx and gunicorn against slow clients.

The test runs archive/project/deploy/nginx-site.conf and archive/project/deploy/gunicorn.conf.py
as shipped, changing only their ports, on a scratch database.
"""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.process_support import children, free_port

# Real processes, servers and signals: left out of `make test-fast`.
pytestmark = pytest.mark.slow

DEPLOY = Path(__file__).resolve().parent.parent / "archive" / "project" / "deploy"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
SLOW_CLIENTS = 8


def start_gunicorn(scratch, port):
    command = [str(Path(sys.executable).parent / "gunicorn"), "archive.project.wsgi"]
    command += ["-c", str(DEPLOY / "gunicorn.conf.py"), "-b", f"127.0.0.1:{port}"]
    return subprocess.Popen(
        command,
        cwd=DEPLOY.parents[2],
        env=scratch.with_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def start_nginx(tmp_path, port, app_port):
    site = (DEPLOY / "nginx-site.conf").read_text()
    site = site.replace("listen 80;", f"listen 127.0.0.1:{port};")
    site = site.replace("server 127.0.0.1:8000;", f"server 127.0.0.1:{app_port};")
    (tmp_path / "site.conf").write_text(site)
    temp = " ".join(
        f"{kind}_temp_path {tmp_path / kind};" for kind in ("client_body", "proxy", "fastcgi")
    )
    temp += f" uwsgi_temp_path {tmp_path / 'uwsgi'}; scgi_temp_path {tmp_path / 'scgi'};"
    (tmp_path / "nginx.conf").write_text(
        ("user root;\n" if os.geteuid() == 0 else "")
        + f"worker_processes 1;\npid {tmp_path / 'nginx.pid'};\n"
        + f"error_log {tmp_path / 'error.log'};\n"
        + "events { worker_connections 256; }\n"
        + f"http {{ access_log off; {temp} include {tmp_path / 'site.conf'}; }}\n"
    )
    return subprocess.Popen(
        [NGINX, "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf"), "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def search(port, timeout):
    url = f"http://127.0.0.1:{port}/api/search/?q=peace"
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.status


def answers(port):
    try:
        return search(port, 2) == 200
    except OSError:
        return False


def hold_slow_clients(port, count):
    """Connections that send half a request and then nothing (slowloris)."""
    held = []
    for _ in range(count):
        sock = socket.create_connection(("127.0.0.1", port))
        sock.sendall(b"GET /search/?q=peace HTTP/1.1\r\nHost: archive\r\nX-Slow: ")
        held.append(sock)
    return held


def test_behind_the_shipped_nginx_slow_clients_cannot_stall_search(scratch, tmp_path):
    if not Path(NGINX).exists():
        pytest.fail("nginx is missing: `make test` installs it (apt-get install nginx-light).")
    app_port, proxy_port = free_port(), free_port()
    processes = [start_gunicorn(scratch, app_port)]
    held = []
    try:
        scratch.wait_for(lambda: answers(app_port), timeout=60, what="gunicorn")
        processes.append(start_nginx(tmp_path, proxy_port, app_port))
        scratch.wait_for(lambda: answers(proxy_port), timeout=30, what="nginx")

        # Control: the same slow clients straight at gunicorn's two workers stall search.
        held = hold_slow_clients(app_port, 2)
        with pytest.raises((TimeoutError, urllib.error.URLError)):
            search(app_port, timeout=3)
        for sock in held:
            sock.close()

        held = hold_slow_clients(proxy_port, SLOW_CLIENTS)
        for _ in range(5):
            assert search(proxy_port, timeout=5) == 200

        big = urllib.request.Request(
            f"http://127.0.0.1:{proxy_port}/admin/login/", data=b"x" * (9 * 1024 * 1024)
        )
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(big, timeout=10)
        assert refused.value.code == 413
    finally:
        for sock in held:
            sock.close()
        for process in reversed(processes):
            process.terminate()
            process.communicate(timeout=30)


def test_public_urls_refuse_bodies_before_parsing_them(client, db, settings):
    body = b"--b\r\nContent-Disposition: form-data; name=q\r\n\r\n" + b"x" * 1024 + b"\r\n--b--\r\n"
    response = client.generic(
        "POST", "/search/", body, content_type="multipart/form-data; boundary=b"
    )
    assert response.status_code == 405
    settings.REQUEST_BODY_LIMIT = 1000
    too_big = client.generic("POST", "/admin/login/", b"x" * 2000, content_type="text/plain")
    assert too_big.status_code == 413


def indexers_of(gunicorn_pid):
    """The indexer processes the gunicorn master started (a child may exit as we look)."""
    return [pid for pid in children(gunicorn_pid) if "sync_search_index" in command_of(pid)]


def command_of(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_text(errors="replace")
    except (FileNotFoundError, ProcessLookupError):  # the process is gone
        return ""


def test_the_shipped_gunicorn_starts_restarts_and_stops_the_nodes_indexer(scratch):
    port = free_port()
    server = start_gunicorn(scratch, port)
    try:
        scratch.wait_for(lambda: answers(port), timeout=60, what="gunicorn")
        scratch.wait_for(lambda: len(indexers_of(server.pid)) == 1, what="the indexer")
        (first,) = indexers_of(server.pid)
        scratch.wait_for(
            lambda: get_health(port)["status"] == "ok", timeout=30, what="a healthy node"
        )
        os.kill(first, signal.SIGKILL)
        scratch.wait_for(
            lambda: indexers_of(server.pid) not in ([], [first]),
            timeout=30,
            what="the indexer to be restarted",
        )
    finally:
        server.terminate()
        server.communicate(timeout=60)
    # Stopped with the master, not left behind as an orphan.
    assert not indexers_of_index(scratch.env["SEARCH_INDEX_DIR"])


def indexers_of_index(index_dir):
    """Every indexer process on this machine that serves ``index_dir``."""
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if b"sync_search_index" not in cmdline.read_bytes():
                continue
            environ = (cmdline.parent / "environ").read_bytes().split(b"\0")
        except OSError:
            continue
        if f"SEARCH_INDEX_DIR={index_dir}".encode() in environ:
            found.append(int(cmdline.parent.name))
    return found


def get_health(port):
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/health/", timeout=5) as response:
            return json.load(response)
    except urllib.error.HTTPError as error:
        return json.load(error)
