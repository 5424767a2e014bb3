/**
 * The LiteLLM container's filesystem: a read-only root (Security Hub ECS.5) with one writable,
 * empty, task-local volume per path below. The ECS task definition (volumes + mountPoints) and the
 * end-to-end test that starts LiteLLM inside a read-only root (test/e2e/read-only-root.test.ts)
 * both read WRITABLE_PATHS, so what is proven is what is deployed.
 *
 * What the pinned release writes at start and while serving, read in its source (litellm 1.108.7):
 * - /tmp: `litellm/llms/base_llm/auth/shared_token_store.py` (default_shared_token_store) opens
 *   `tempfile.gettempdir()/litellm-token-exchange-<uid>` at import time, and Python's tempfile
 *   raises "No usable temporary directory found" when no temp directory is writable: LiteLLM
 *   does not start at all (the end-to-end test shows it). The database migrations write their
 *   diff files with tempfile.mkdtemp (litellm_proxy_extras/utils.py), and proxy_cli.py puts the
 *   Prometheus multiprocess directory there when several workers export metrics.
 * - Nothing else: the admin UI ships pre-restructured in the wheel (`<route>/index.html`, so
 *   proxy_server.py skips rewriting it when the directory is not writable), the logo assets are
 *   read from the package, the config comes from S3 into memory, and Python simply skips writing
 *   bytecode caches it cannot write.
 *
 * Deliberately NOT writable: the home directory. The image's build step (`prisma generate`, as
 * root) leaves the Prisma engines under the home directory's cache, and an empty volume mounted
 * there would hide them from the migrations that run at every start.
 *
 * The user: the pinned image's Dockerfile runs as root ("USER root" in its runtime stage, no later
 * USER; its entrypoint docker/prod_entrypoint.sh execs `litellm` as that user), its files are
 * root-owned, and on Fargate (platform 1.4.0 and later) an empty bind-mount volume is writable by
 * root only (aws/containers-roadmap#938, "ECS mounts it as writable only by root, so a container
 * running as a non-root user is unable to write any temporary files"; the image has no VOLUME
 * directive whose permissions ECS would copy, ECS developer guide "Use bind mounts with Amazon
 * ECS"), so another uid could not write /tmp. The container keeps
 * the image's user; LiteLLM's non-root image (docker/Dockerfile.non_root: `USER nobody`,
 * LITELLM_NON_ROOT=true, HOME=/app, the writable paths chowned to nobody) is the way to drop
 * root, once its tag is verified like LITELLM_IMAGE.
 */

/** One writable path of the container. */
export interface WritablePath {
  /** The task definition volume's name: letters, digits, `_` and `-`, at most 255 (RegisterTaskDefinition, Volume). */
  readonly volumeName: string;
  /** Where the container sees it. */
  readonly containerPath: string;
}

/** Every path LiteLLM writes; nothing else of the container's filesystem is writable. */
export const WRITABLE_PATHS: readonly WritablePath[] = [{ volumeName: "tmp", containerPath: "/tmp" }];

/**
 * The task definition's `volumes`: a volume with neither `host` nor an EFS/FSx/Docker
 * configuration is, on Fargate, an empty bind mount on the task's ephemeral storage that lives as
 * long as the task (ECS developer guide, "Use bind mounts with Amazon ECS": "To provide an empty
 * data volume for one or more containers, omit the host and sourcePath parameters").
 */
export function writableVolumes(paths: readonly WritablePath[] = WRITABLE_PATHS): { name: string }[] {
  return paths.map((path) => ({ name: path.volumeName }));
}

/** The container definition's `mountPoints` for the same volumes. */
export function writableMountPoints(
  paths: readonly WritablePath[] = WRITABLE_PATHS,
): { sourceVolume: string; containerPath: string; readOnly: false }[] {
  return paths.map((path) => ({ sourceVolume: path.volumeName, containerPath: path.containerPath, readOnly: false }));
}
