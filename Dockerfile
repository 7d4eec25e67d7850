# IP Aid dashboard: one Streamlit replica per container (compose.yaml puts K of them behind nginx;
# deploy/k8s/ runs them on Kubernetes). Build: docker build -t ipaid .
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    IPAID_STORE_DIR=/var/lib/ipaid/store
WORKDIR /app

# System libraries WeasyPrint (the PDF brief on main) loads: Pango and HarfBuzz's subsetter.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
    && rm -rf /var/lib/apt/lists/*

# The README's install command (requirements first, so code changes reuse this layer).
COPY requirements.txt constraints.txt ./
RUN python -m pip install -r requirements.txt

COPY . .
RUN useradd --system --uid 10001 --home-dir /app ipaid \
    && mkdir -p /var/lib/ipaid/store \
    && chown -R ipaid /app /var/lib/ipaid
USER ipaid
# Font slices, boundary cache and served map files built into the image: a replica starts in seconds.
RUN python deploy/prepare.py

# The version store: a SQLite file on this volume (one host), or PostgreSQL via IPAID_DATABASE_URL.
VOLUME ["/var/lib/ipaid/store"]
EXPOSE 8501
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4).read() != b'ok')"]
CMD ["python", "-m", "streamlit", "run", "app.py", "--server.headless", "true", "--server.address", "0.0.0.0", "--server.port", "8501"]
