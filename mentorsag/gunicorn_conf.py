"""gunicorn's settings for every deployment: `gunicorn -c python:mentorsag.gunicorn_conf`.

Each worker warms up (core/opvarmning.py) before it takes requests.
"""


def post_worker_init(worker):
    from core.opvarmning import varm_op

    varm_op()
