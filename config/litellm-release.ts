/**
 * The one LiteLLM release this project runs. The ECS image tag and the end-to-end tests' PyPI
 * install both read this constant, so what is tested is what is deployed.
 *
 * 1.108.x is LiteLLM's long-term-support line. Releases 1.82.7 and 1.82.8 were a supply-chain
 * compromise on PyPI and must never be pinned (a unit test guards it).
 */
export const LITELLM_VERSION = "1.108.5";

/**
 * The `prisma` Python client the image runs with LITELLM_VERSION. The wheel's metadata only gives a
 * range (`prisma>=0.11.0,<1.0` under `extra-proxy`); the release's own pyproject.toml (in its sdist)
 * pins `prisma==0.11.0` in the `proxy-dev` group the image and LiteLLM's CI install. LiteLLM's
 * `litellm/proxy/db/prisma_client.py` reads and replaces the client's private `_Prisma__engine`,
 * which only the 0.11 client has: with 0.15 every start logs "'Prisma' object has no attribute
 * '_Prisma__engine'" and retries. scripts/setup-e2e.sh installs exactly this version and
 * test/e2e/prisma-client-pin.test.ts checks it against the installed release; re-read the pin when
 * LITELLM_VERSION moves.
 */
export const LITELLM_PRISMA_CLIENT_VERSION = "0.11.0";

/** Releases that must never be deployed or installed. */
export const COMPROMISED_LITELLM_VERSIONS: readonly string[] = ["1.82.7", "1.82.8"];

/** The official image; its entrypoint ends in `exec litellm "$@"`, so the ECS command holds flags only. */
export const LITELLM_IMAGE_REPOSITORY = "ghcr.io/berriai/litellm";

/** An immutable version tag, never a rolling one such as `main-latest` or `main-stable`. */
export const LITELLM_IMAGE = `${LITELLM_IMAGE_REPOSITORY}:v${LITELLM_VERSION}`;
