/**
 * The `prisma` Python client in .venv is the one the pinned LiteLLM release runs with in its image
 * (LITELLM_PRISMA_CLIENT_VERSION), not merely one inside the release's wide `extra-proxy` range.
 * LiteLLM's database layer swaps the client's private engine attribute `_Prisma__engine`; a client
 * without it (0.15.0) makes every start log an AttributeError and retry.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";

import { describe, expect, it } from "vitest";

import { LITELLM_PRISMA_CLIENT_VERSION, LITELLM_VERSION } from "../../config/litellm-release";
import { requireLitellm, VENV_PYTHON } from "./e2e-prerequisites";

const run = promisify(execFile);

interface InstalledClient {
  readonly litellm: string;
  readonly prisma: string;
  /** The release's own requirement on prisma, e.g. `prisma<1.0,>=0.11.0; extra == "extra-proxy"`. */
  readonly requirement: string | null;
  readonly pinWithinRequirement: boolean;
  /** The client class's attributes, read from the installed client's code generator template. */
  readonly clientClassDeclaresEngine: boolean;
  /** LiteLLM's own database layer writes `_Prisma__engine`. */
  readonly litellmWritesEngine: boolean;
}

// Reads package metadata and source text only: importing litellm or a generated client is not needed.
const PROBE = String.raw`
import importlib.metadata as metadata, json, pathlib, re, sys
from packaging.requirements import Requirement
pin = sys.argv[1]
requirement = next((r for r in metadata.requires("litellm") or [] if Requirement(r).name == "prisma"), None)
site = pathlib.Path(metadata.distribution("prisma").locate_file("prisma"))
template = (site / "generator" / "templates" / "client.py.jinja").read_text()
litellm_db = pathlib.Path(metadata.distribution("litellm").locate_file("litellm/proxy/db/prisma_client.py")).read_text()
print(json.dumps({
    "litellm": metadata.version("litellm"),
    "prisma": metadata.version("prisma"),
    "requirement": requirement,
    "pinWithinRequirement": requirement is not None and Requirement(requirement).specifier.contains(pin),
    "clientClassDeclaresEngine": re.search(r"^class Prisma\b", template, re.M) is not None and "self.__engine" in template,
    "litellmWritesEngine": "._Prisma__engine = " in litellm_db,
}))
`;

async function installedClient(): Promise<InstalledClient> {
  requireLitellm();
  const { stdout } = await run(VENV_PYTHON, ["-c", PROBE, LITELLM_PRISMA_CLIENT_VERSION]);
  return JSON.parse(stdout) as InstalledClient;
}

describe("the prisma client next to the pinned LiteLLM", () => {
  it("is exactly the pinned client, inside the release's own requirement", async () => {
    const installed = await installedClient();
    expect(installed.litellm).toBe(LITELLM_VERSION);
    expect(installed.prisma).toBe(LITELLM_PRISMA_CLIENT_VERSION);
    expect(installed.requirement).not.toBeNull();
    expect(installed.pinWithinRequirement).toBe(true);
  });

  it("has the private engine attribute LiteLLM's database layer replaces", async () => {
    const installed = await installedClient();
    expect(installed.litellmWritesEngine).toBe(true);
    // `self.__engine` inside `class Prisma` is name-mangled to `_Prisma__engine`.
    expect(installed.clientClassDeclaresEngine).toBe(true);
  });
});
