/**
 * The one LiteLLM release this project runs. The ECS image tag and the end-to-end tests' PyPI
 * install both read this constant, so what is tested is what is deployed.
 *
 * 1.108.x is LiteLLM's long-term-support line. Releases 1.82.7 and 1.82.8 were a supply-chain
 * compromise on PyPI and must never be pinned (a unit test guards it).
 *
 * 1.108.7 is the newest 1.108.x patch whose `litellm[proxy]` installs from PyPI, so the newest the
 * end-to-end tests can prove: 1.108.8-1.108.14 pin litellm-enterprise 0.1.79.post2/.post3 or
 * litellm-proxy-extras 0.4.110.post1, which PyPI did not serve on 2026-12-02 (later patches were
 * not on PyPI at all). It ships the same proxy extras as 1.108.5 (0.4.110: the same migrations),
 * the same proxy CLI, server and database code, and refuses `os.environ/` and `oidc/` secret
 * references and Azure Entra credentials in client request bodies (proxy/auth/auth_utils.py).
 */
export const LITELLM_VERSION = "1.108.7";

/**
 * The `prisma` Python client the image runs with LITELLM_VERSION. The wheel's metadata only gives a
 * range (`prisma>=0.11.0,<1.0` under `extra-proxy`); the release's own pyproject.toml (in its sdist)
 * pins `prisma==0.11.0` in the `proxy-dev` group the image and LiteLLM's CI install. LiteLLM's
 * `litellm/proxy/db/prisma_client.py` reads and replaces the client's private `_Prisma__engine`,
 * which only the 0.11 client has: with 0.15 every start logs "'Prisma' object has no attribute
 * '_Prisma__engine'" and retries. scripts/setup-e2e.sh installs exactly this version, and
 * test/e2e/prisma-client-pin.test.ts fails if the installed client lacks the private attribute the
 * installed release reads. The exact pin lives only in the release's sdist, not in the wheel's
 * metadata: re-read it there when LITELLM_VERSION moves.
 */
export const LITELLM_PRISMA_CLIENT_VERSION = "0.11.0";

/**
 * The OpenTelemetry SDK and OTLP exporter the `otel` callback imports (config/litellm/otel-environment.ts):
 * the pins of the release's `proxy-runtime` extra (wheel metadata: opentelemetry-api, -sdk and
 * -exporter-otlp ==1.45.1), which `litellm[proxy]` alone does not install. scripts/setup-e2e.sh
 * installs opentelemetry-sdk and opentelemetry-exporter-otlp-proto-http at this version (the HTTP
 * half of -exporter-otlp; no gRPC). Re-read it in the wheel's METADATA when LITELLM_VERSION moves.
 */
export const LITELLM_OPENTELEMETRY_VERSION = "1.45.1";

/** Releases that must never be deployed or installed. */
export const COMPROMISED_LITELLM_VERSIONS: readonly string[] = ["1.82.7", "1.82.8"];

/**
 * The official image; its entrypoint ends in `exec litellm "$@"`, so the ECS command holds flags only.
 *
 * Pinned by version tag, not by digest (deploy review, finding 9): a digest can only be taken and
 * verified (cosign, with the key the release notes give) against the registry, which this
 * project's machines cannot reach, and a digest nobody verified is no better than the tag. Where
 * the registry is reachable, pin `${LITELLM_IMAGE_REPOSITORY}@sha256:<digest>` after verifying it.
 * Every task start pulls from ghcr.io through NAT; serving the image from ECR (a pull-through
 * cache with the execution role's pull permissions) is the image-source override of issue 15.
 */
export const LITELLM_IMAGE_REPOSITORY = "ghcr.io/berriai/litellm";

/** An immutable version tag, never a rolling one such as `main-latest` or `main-stable`. */
export const LITELLM_IMAGE = `${LITELLM_IMAGE_REPOSITORY}:v${LITELLM_VERSION}`;
