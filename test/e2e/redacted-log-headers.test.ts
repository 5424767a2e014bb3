/**
 * The WAF logs redact every request header the pinned LiteLLM reads a key from: the headers are
 * the APIKeyHeader dependencies of LiteLLM's auth module (litellm/proxy/auth/user_api_key_auth.py),
 * read from the installed release itself, so a release that accepts a key in a new header fails
 * here until REDACTED_LOG_HEADERS lists it.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";

import { describe, expect, it } from "vitest";

import { REDACTED_LOG_HEADERS } from "../../config/access/log-delivery";
import { requireLitellm, VENV_PYTHON } from "./e2e-prerequisites";

const run = promisify(execFile);

// Imports the auth module (LiteLLM's own objects, not its source text): every APIKeyHeader it declares.
const PROBE = String.raw`
import json
from fastapi.security.api_key import APIKeyHeader
import litellm.proxy.auth.user_api_key_auth as auth
print(json.dumps(sorted({value.model.name for value in vars(auth).values() if isinstance(value, APIKeyHeader)})))
`;

/** Importing LiteLLM loads the whole proxy; it reads its bundled model cost map instead of fetching one. */
const PROBE_TIMEOUT_MS = 120_000;

describe("WAF log redaction against the pinned LiteLLM", () => {
  it("redacts every header LiteLLM takes a key from, the authorization header first", async () => {
    requireLitellm();
    const { stdout } = await run(VENV_PYTHON, ["-c", PROBE], {
      env: { ...process.env, LITELLM_LOCAL_MODEL_COST_MAP: "True" },
      timeout: PROBE_TIMEOUT_MS,
    });
    const keyHeaders = JSON.parse(stdout.trim().split("\n").at(-1) ?? "[]") as string[];
    // The six of LiteLLM 1.108.7 (SpecialHeaders): a probe that found none would prove nothing.
    expect(keyHeaders.length).toBeGreaterThanOrEqual(6);
    expect(keyHeaders).toContain("Authorization");
    const redacted: readonly string[] = REDACTED_LOG_HEADERS;
    for (const header of keyHeaders) {
      // WAF matches header names case-insensitively; the list holds them in lower case.
      expect(redacted, header).toContain(header.toLowerCase());
    }
    expect(redacted[0]).toBe("authorization");
  }, PROBE_TIMEOUT_MS + 10_000);
});
