# syntax=docker/dockerfile:1
# The Vaultscope image: `vaultscope-report` as its entrypoint (and `vaultscope` beside it), run as an unprivileged
# user. From the repository root:
#
#   docker build -t registry.example.com/vaultscope:0.1.0 .      # the name docs/examples/vaultscope-pack-cronjob.yaml runs
#   docker run --rm registry.example.com/vaultscope:0.1.0 posture --source demo
#
# The build stage installs the packages the way a user does — `npm pack` of every publishable workspace, then
# `npm install -g` of the tarballs (what apps/reporter/src/globalInstall.test.ts checks on every `npm test`) — so the
# runtime stage holds the published files and their runtime dependencies only: no sources, no dev tools, no test kit.

FROM node:20-bookworm AS build
WORKDIR /src
# python3, make and g++ are in this image: better-sqlite3 compiles here when no prebuilt binary can be fetched.
COPY . .
RUN npm ci --no-audit --no-fund \
 && npm run build \
 && node scripts/packPackages.mjs /tmp/packs \
 && npm install --global --prefix /opt/vaultscope --no-audit --no-fund --allow-scripts=better-sqlite3 /tmp/packs/*.tgz

FROM node:20-bookworm-slim
# uid/gid 10001: the Kubernetes example's runAsUser and fsGroup; numeric, so runAsNonRoot can verify it.
RUN groupadd --system --gid 10001 vaultscope \
 && useradd --system --uid 10001 --gid vaultscope --home-dir /data --shell /usr/sbin/nologin vaultscope \
 && mkdir -p /data && chown vaultscope:vaultscope /data
COPY --from=build /opt/vaultscope /opt/vaultscope
ENV PATH=/opt/vaultscope/bin:$PATH \
    NODE_ENV=production \
    VAULTSCOPE_DATA_DIR=/data \
    VAULTSCOPE_CONFIG_DIR=/data/config
USER 10001:10001
WORKDIR /data
VOLUME ["/data"]
ENTRYPOINT ["vaultscope-report"]
CMD ["--help"]
