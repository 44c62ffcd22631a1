"""gunicorn behind nginx (archive/deploy/nginx-site.conf): README "Deploying".

    gunicorn archive.wsgi -c archive/deploy/gunicorn.conf.py

nginx hands over whole requests, so sync workers never wait on a slow
client. A search stops its own work after SEARCH_TIME_BUDGET (2 s); a worker
stuck for longer than ``timeout`` is killed and replaced.
"""

bind = "127.0.0.1:8000"
workers = 2
worker_class = "sync"
timeout = 30
graceful_timeout = 30
keepalive = 5
# Requests nginx would not pass on anyway.
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190
