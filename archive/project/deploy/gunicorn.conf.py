"""gunicorn behind nginx (archive/project/deploy/nginx-site.conf): docs/operations/deploying.md.

    gunicorn -c archive/project/deploy/gunicorn.conf.py

The master also starts the node's search indexer and keeps it running
(``indexer_supervisor.py``): this command is all a node needs.

nginx hands over whole requests, so sync workers never wait on a slow
client. A search stops its own work after SEARCH_TIME_BUDGET (2 s); a worker
stuck for longer than ``timeout`` is killed and replaced.
"""

wsgi_app = "archive.project.wsgi:application"  # a module given on the command line wins
bind = "127.0.0.1:8000"
workers = 2
worker_class = "sync"
timeout = 30
# No gunicornc control socket: it lives in one place per user, shared by every node.
control_socket_disable = True
graceful_timeout = 30
keepalive = 5
# Requests nginx would not pass on anyway.
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190

# The node's search indexer (archive/project/deploy/indexer_supervisor.py): started by the master,
# restarted if it dies, stopped with it. SEARCH_INDEXER=off to run it as a service instead.
_indexer = None


def when_ready(server):
    global _indexer
    from archive.project.deploy import indexer_supervisor

    if indexer_supervisor.wanted():
        _indexer = indexer_supervisor.Supervisor()
        _indexer.start()


def on_exit(server):
    if _indexer is not None:
        _indexer.stop()
