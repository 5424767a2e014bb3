/**
 * Runs LiteLLM's own DATABASE_URL construction (`construct_database_url_from_env_vars`, what the
 * CLI calls when `--config` is given and DATABASE_URL is not set) in the pinned release's Python,
 * then connects with the URL it built using psycopg, from the same venv. Several cases run in one
 * Python process because importing LiteLLM takes seconds.
 */
import { execFileSync } from "node:child_process";

import { VENV_PYTHON } from "./e2e-prerequisites";

export interface DatabaseEnvCase {
  /** Exactly the variables the ECS task would get. */
  readonly env: Readonly<Record<string, string>>;
  /** A URL built some other way, to compare with LiteLLM's. */
  readonly otherUrl?: string;
}

export interface ConnectionAttempt {
  readonly ok: boolean;
  /** `current_user` on success. */
  readonly user?: string;
  /** Exception type and first line of its message on failure. */
  readonly error?: string;
}

export interface DatabaseEnvResult {
  /** False when LiteLLM built no URL (a required variable missing). */
  readonly built: boolean;
  /** Host and port of LiteLLM's URL, as a driver would read them (the password is not returned). */
  readonly host?: string;
  readonly port?: number | null;
  readonly litellm?: ConnectionAttempt;
  readonly other?: ConnectionAttempt;
}

const PROBE = String.raw`
import json, os, sys
from urllib.parse import urlsplit
from litellm.proxy.utils import construct_database_url_from_env_vars
import psycopg

def attempt(url):
    try:
        with psycopg.connect(url, connect_timeout=5) as conn:
            return {"ok": True, "user": conn.execute("select current_user").fetchone()[0]}
    except Exception as error:
        first_line = (str(error).strip().splitlines() or [""])[0]
        return {"ok": False, "error": f"{type(error).__name__}: {first_line}"}

results = []
for case in json.load(sys.stdin):
    for name in [n for n in os.environ if n.startswith("DATABASE_")]:
        del os.environ[name]
    os.environ.update(case["env"])
    url = construct_database_url_from_env_vars()
    result = {"built": url is not None}
    if url is not None:
        parts = urlsplit(url)
        result["host"] = parts.hostname
        try:
            result["port"] = parts.port
        except ValueError:
            result["port"] = None
        result["litellm"] = attempt(url)
    if case.get("otherUrl"):
        result["other"] = attempt(case["otherUrl"])
    results.append(result)
print(json.dumps(results))
`;

/** Only what Python needs to run, so the cases see the variables they set and nothing else. */
const PROBE_ENV = { PATH: process.env.PATH ?? "/usr/bin:/bin", LITELLM_LOCAL_MODEL_COST_MAP: "True", LITELLM_LOG: "ERROR" };

export function probeDatabaseEnv(cases: readonly DatabaseEnvCase[]): DatabaseEnvResult[] {
  const stdout = execFileSync(VENV_PYTHON, ["-c", PROBE], { input: JSON.stringify(cases), env: PROBE_ENV }).toString("utf8");
  const lastLine = stdout.trim().split("\n").at(-1) ?? "[]";
  return JSON.parse(lastLine) as DatabaseEnvResult[];
}
