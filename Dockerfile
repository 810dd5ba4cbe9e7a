# syntax=docker/dockerfile:1
# The Ferrodesk API (`ferrodesk` binary). The SPA is a separate static bundle
# (`cargo xtask build-spa`), served by the `spa` service of docker-compose.yml.

FROM rust:1.95-bookworm AS build
WORKDIR /src
# The whole workspace: cargo needs every member's manifest and Cargo.lock, and the
# migrations are embedded into the binary at compile time (sqlx::migrate!).
COPY . .
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    --mount=type=cache,target=/usr/local/cargo/git \
    --mount=type=cache,target=/src/target \
    cargo build --locked --release -p api --bin ferrodesk \
    && install -m 0755 target/release/ferrodesk /usr/local/bin/ferrodesk

FROM debian:bookworm-slim AS runtime
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --user-group --no-create-home ferrodesk
COPY --from=build /usr/local/bin/ferrodesk /usr/local/bin/ferrodesk
COPY --chmod=0755 deploy/api-entrypoint.sh /usr/local/bin/ferrodesk-entrypoint
USER ferrodesk
ENV FERRODESK_ENV=production \
    FERRODESK_BIND=0.0.0.0:8080 \
    RUST_LOG=info
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/ferrodesk-entrypoint"]
CMD ["serve"]
