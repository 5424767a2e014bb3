/**
 * The dev and prod config.yaml, byte for byte, as each committed stack deploys it (prod with its
 * Redis settings). A change to the catalog or the renderer shows up
 * here as a diff to review. To accept it, regenerate the golden files:
 *
 *   UPDATE_GOLDEN=1 npx vitest run test/catalog/golden.test.ts
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
    expect(existsSync(file), `${file} is missing; run UPDATE_GOLDEN=1 npx vitest run test/catalog/golden.test.ts`).toBe(true);
    expect(yaml).toBe(readFileSync(file, "utf8"));
  });
});
