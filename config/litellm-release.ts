/**
 * The one LiteLLM release this project runs. The ECS image tag and the end-to-end tests' PyPI
 * install both read this constant, so what is tested is what is deployed.
 *
 * 1.108.x is LiteLLM's long-term-support line. Releases 1.82.7 and 1.82.8 were a supply-chain
 * compromise on PyPI and must never be pinned (a unit test guards it).
 */
export const LITELLM_VERSION = "1.108.5";

/** Releases that must never be deployed or installed. */
export const COMPROMISED_LITELLM_VERSIONS: readonly string[] = ["1.82.7", "1.82.8"];

/** The official image; its entrypoint ends in `exec litellm "$@"`, so the ECS command holds flags only. */
export const LITELLM_IMAGE_REPOSITORY = "ghcr.io/berriai/litellm";

/** An immutable version tag, never a rolling one such as `main-latest` or `main-stable`. */
export const LITELLM_IMAGE = `${LITELLM_IMAGE_REPOSITORY}:v${LITELLM_VERSION}`;
