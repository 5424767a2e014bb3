/**
 * Where the end-to-end tests find the pinned LiteLLM release and PostgreSQL, and the message they
 * fail with when either is missing. They never skip silently: a missing install is a failure that
 * says how to fix it.
 */
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";

export const REPO_ROOT = path.resolve(__dirname, "../..");
export const VENV_DIR = path.join(REPO_ROOT, ".venv");
export const VENV_PYTHON = path.join(VENV_DIR, "bin", "python");
export const LITELLM_EXECUTABLE = path.join(VENV_DIR, "bin", "litellm");

const POSTGRES_ROOT = "/usr/lib/postgresql";
const SETUP_HINT = "Run `bash scripts/setup-e2e.sh` (npm test runs it as its pretest step).";

export function requireLitellm(): string {
  if (!existsSync(LITELLM_EXECUTABLE)) {
    throw new Error(`The end-to-end tests need the pinned LiteLLM release in ${VENV_DIR}, which is missing. ${SETUP_HINT}`);
  }
  return LITELLM_EXECUTABLE;
}

/** The newest installed PostgreSQL's bin directory, e.g. `/usr/lib/postgresql/15/bin`. */
export function requirePostgresBinDir(): string {
  const versions = existsSync(POSTGRES_ROOT)
    ? readdirSync(POSTGRES_ROOT)
        .filter((version) => existsSync(path.join(POSTGRES_ROOT, version, "bin", "initdb")))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0) {
    throw new Error(`The database tests need PostgreSQL's server (no ${POSTGRES_ROOT}/*/bin/initdb). ${SETUP_HINT}`);
  }
  return path.join(POSTGRES_ROOT, versions[0], "bin");
}
