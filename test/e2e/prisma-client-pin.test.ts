/**
 * The pinned `prisma` Python client (LITELLM_PRISMA_CLIENT_VERSION) has what the pinned LiteLLM
 * release's database layer needs: LiteLLM swaps the client's private engine attribute
 * `_Prisma__engine`, and a client without it (0.15.0) makes every start log an AttributeError and
 * retry. Both read from .venv, which scripts/setup-e2e.sh fills from config/litellm/litellm-release.ts.
 *
 * Not checked here: that the constant equals the release's own pin. That pin (`prisma==0.11.0` in
 * the `proxy-dev` group of the release's pyproject.toml) is only in the release's sdist; the
 * installed wheel's metadata carries the wide range `prisma>=0.11.0,<1.0`, which 0.15.0 satisfies
 * too, so comparing with it (or with the version setup-e2e.sh installed from this same constant)
 * could not fail for a wrong pin.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";

import { describe, expect, it } from "vitest";

import { LITELLM_PRISMA_CLIENT_VERSION, LITELLM_VERSION } from "../../config/litellm/litellm-release";
import { requireLitellm, VENV_PYTHON } from "./e2e-prerequisites";

const run = promisify(execFile);

interface InstalledClient {
  readonly litellm: string;
  readonly prisma: string;
  /** The client class's attributes, read from the installed client's code generator template. */
  readonly clientClassDeclaresEngine: boolean;
  /** LiteLLM's own database layer writes `_Prisma__engine`. */
  readonly litellmWritesEngine: boolean;
}

// Reads package metadata and source text only: importing litellm or a generated client is not needed.
const PROBE = String.raw`
import importlib.metadata as metadata, json, pathlib, re
site = pathlib.Path(metadata.distribution("prisma").locate_file("prisma"))
template = (site / "generator" / "templates" / "client.py.jinja").read_text()
litellm_db = pathlib.Path(metadata.distribution("litellm").locate_file("litellm/proxy/db/prisma_client.py")).read_text()
print(json.dumps({
    "litellm": metadata.version("litellm"),
    "prisma": metadata.version("prisma"),
    "clientClassDeclaresEngine": re.search(r"^class Prisma\b", template, re.M) is not None and "self.__engine" in template,
    "litellmWritesEngine": "._Prisma__engine = " in litellm_db,
}))
`;

async function installedClient(): Promise<InstalledClient> {
  requireLitellm();
  const { stdout } = await run(VENV_PYTHON, ["-c", PROBE]);
  return JSON.parse(stdout) as InstalledClient;
}

describe("the prisma client next to the pinned LiteLLM", () => {
  it("has the private engine attribute LiteLLM's database layer replaces", async () => {
    const installed = await installedClient();
    // Preconditions, not the claim: the code read below is the pinned release's and the pinned client's.
    expect(installed.litellm).toBe(LITELLM_VERSION);
    expect(installed.prisma).toBe(LITELLM_PRISMA_CLIENT_VERSION);
    expect(installed.litellmWritesEngine).toBe(true);
    // `self.__engine` inside `class Prisma` is name-mangled to `_Prisma__engine`.
    expect(installed.clientClassDeclaresEngine).toBe(true);
  });
});
