# The Newsflow worker image: `docker build -t newsflow .` (docker-compose.yml builds it too).
# Dependencies come from requirements.lock (exact pins, all binary wheels: slim has no compiler), then the
# package itself with --no-deps, so the image holds exactly what CI tests.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

# Dependencies first: this layer is rebuilt only when the lock changes.
COPY requirements.lock ./
RUN pip install --only-binary=:all: -r requirements.lock

COPY pyproject.toml README.md ./
COPY worker/ worker/
RUN pip install --no-deps . && rm -rf build worker.egg-info newsflow.egg-info

# Sample articles, for `docker compose --profile demo up producer`.
COPY seeds/ seeds/

# A user of its own, and the only directory it can write: faust keeps its data dir under the working directory.
RUN useradd --system --uid 10001 --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin newsflow \
 && mkdir /var/lib/newsflow && chown newsflow /var/lib/newsflow
USER 10001
WORKDIR /var/lib/newsflow

# Inside a container the web server must listen on every interface to be reachable through a published port;
# outside one the default stays 127.0.0.1. The user has no home: the start-up cache (README "Start-up") goes in
# the writable directory, where a restarted container finds it.
ENV NEWSFLOW_WEB_HOST=0.0.0.0 \
    NEWSFLOW_WEB_PORT=6066 \
    NEWSFLOW_LOG_FORMAT=json \
    NEWSFLOW_CACHE_DIR=/var/lib/newsflow/cache
EXPOSE 6066

# Liveness: the process serves. Readiness (partitions assigned, broker answers) is /ready; compose waits on that.
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
  CMD ["python", "-c", "import urllib.request as u; u.urlopen('http://127.0.0.1:6066/health', timeout=4)"]

CMD ["newsflow", "worker"]
