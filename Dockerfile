# wellscan's image: the release binary on a minimal runtime, run as a non-root user, with no
# shell. `docker build -t wellscan .`, then for example
#   docker run --rm -e AWS_REGION=eu-west-1 wellscan scan --s3 s3://BUCKET/reports --no-history
# (credentials from the task role on ECS, or the usual AWS_* variables).

# The toolchain the workspace names (rust-version in Cargo.toml).
FROM rust:1.95-slim-bookworm AS build
WORKDIR /src
COPY . .
# --locked: exactly the dependency versions of Cargo.lock. /work is the folder reports are
# written to before their upload, owned by the runtime user below (a task with a read-only root
# file system mounts a volume over it).
RUN cargo build --release --locked --package wellscan && mkdir /work

# glibc, CA certificates and a non-root user (65532), and nothing else: no shell, no package
# manager.
FROM gcr.io/distroless/cc-debian12:nonroot
COPY --from=build /src/target/release/wellscan /usr/local/bin/wellscan
COPY --from=build --chown=65532:65532 /work /work
USER 65532:65532
WORKDIR /work
ENTRYPOINT ["/usr/local/bin/wellscan"]
CMD ["--help"]
