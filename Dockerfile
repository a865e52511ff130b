FROM python:3.11-slim
ENV PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 MENTORSAG_MODE=production
WORKDIR /app
# xmlsec1 signs and verifies SAML messages (pysaml2); pango, harfbuzz's subsetter and a
# fallback font let WeasyPrint lay out the agreement PDF.
RUN apt-get update && apt-get install -y --no-install-recommends xmlsec1 \
    libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*
COPY pyproject.toml ./
COPY . .
RUN pip install . && python -c "import django"
RUN SECRET_KEY=build DATABASE_URL=postgres://build@localhost/build python manage.py collectstatic --noinput
EXPOSE 8000
CMD ["gunicorn", "mentorsag.wsgi:application", "-c", "python:mentorsag.gunicorn_conf", "--bind", "0.0.0.0:8000", "--workers", "3"]
