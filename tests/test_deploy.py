"""The deployment the README gives an operator holds up: nginx and gunicorn against slow clients.

The test runs archive/deploy/nginx-site.conf and archive/deploy/gunicorn.conf.py
as shipped, changing only their ports, on a scratch database.
"""

import os
import shutil
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.process_support import free_port

DEPLOY = Path(__file__).resolve().parent.parent / "archive" / "deploy"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
SLOW_CLIENTS = 8


def start_gunicorn(scratch, port):
    command = [str(Path(sys.executable).parent / "gunicorn"), "archive.wsgi"]
    command += ["-c", str(DEPLOY / "gunicorn.conf.py"), "-b", f"127.0.0.1:{port}"]
    return subprocess.Popen(
        command,
        cwd=DEPLOY.parent.parent,
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
