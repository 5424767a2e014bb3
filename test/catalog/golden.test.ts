/**
 * The dev and prod config.yaml, byte for byte, as each committed stack deploys it (prod with its
 * Redis settings). A change to the catalog or the renderer shows up
 * here as a diff to review. To accept it (a model added to config/catalog.ts, say), regenerate the
 * golden files and review their diff:
 *
 *   npm run accept-golden
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { catalog } from "../../config/catalog";
import { renderLitellmConfig } from "../../config/render/render-litellm-config";
import { readStackFileSettings, renderOptionsForStack } from "../../config/render/stack-render-options";

const GOLDEN_DIRECTORY = path.join(__dirname, "golden");
const REPO_ROOT = path.join(__dirname, "..", "..");
const UPDATE = process.env.UPDATE_GOLDEN === "1";
/** The package.json script that sets UPDATE_GOLDEN=1 and runs this file. */
const ACCEPT_COMMAND = "npm run accept-golden";

describe.each(["dev", "prod"])("the %s config.yaml", (stack) => {
  it("matches its golden file byte for byte", () => {
    const file = path.join(GOLDEN_DIRECTORY, `${stack}.yaml`);
    const settings = readStackFileSettings(path.join(REPO_ROOT, `Pulumi.${stack}.yaml`));
    if (settings === undefined) {
      throw new Error(`Pulumi.${stack}.yaml is missing`);
    }
    const { yaml } = renderLitellmConfig(catalog, renderOptionsForStack(stack, settings));
    if (UPDATE) {
      writeFileSync(file, yaml);
    }
    const golden = path.relative(REPO_ROOT, file);
    expect(existsSync(file), `${golden} is missing: run \`${ACCEPT_COMMAND}\` to write it`).toBe(true);
    expect(
      yaml,
      `the ${stack} config.yaml differs from ${golden}: if the change is intended (a model added to config/catalog.ts, say), run \`${ACCEPT_COMMAND}\` and review the diff`,
    ).toBe(readFileSync(file, "utf8"));
  });
});
