import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterAll, describe, expect, it } from "vitest";

const ROOT = path.join(__dirname, "..", "..");
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");
const GOLDEN = path.join(__dirname, "..", "catalog", "golden");
const FIXTURES = path.join(__dirname, "..", "catalog", "fixtures");
const workDirectory = mkdtempSync(path.join(tmpdir(), "render-cli-"));

afterAll(() => rmSync(workDirectory, { recursive: true, force: true }));

/** Runs `npm run render -- ...` the way the package script does: `tsx scripts/render.ts`. */
function render(...args: string[]) {
  const result = spawnSync(TSX, ["scripts/render.ts", ...args], { cwd: ROOT, encoding: "utf8" });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("npm run render", () => {
  it("prints the stack's config.yaml", () => {
    const result = render("--stack", "dev");
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(readFileSync(path.join(GOLDEN, "dev.yaml"), "utf8"));
  });

  it("--out writes the golden content", () => {
    const out = path.join(workDirectory, "prod.yaml");
    const result = render("--stack", "prod", "--out", out);
    expect(result.code).toBe(0);
    expect(readFileSync(out, "utf8")).toBe(readFileSync(path.join(GOLDEN, "prod.yaml"), "utf8"));
  });

  it("--catalog renders another catalog module", () => {
    const result = render("--stack", "dev", "--catalog", path.join(FIXTURES, "team-catalog.ts"));
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("model_name: local-llama");
    expect(result.stdout).toContain("model: openai/meta-llama/Llama-3.1-8B-Instruct");
  });

  it("a bad catalog prints every problem on stderr, exits non-zero and writes nothing", () => {
    const directory = mkdtempSync(path.join(workDirectory, "bad-"));
    const out = path.join(directory, "config.yaml");
    const result = render("--stack", "dev", "--catalog", path.join(FIXTURES, "invalid-catalog.ts"), "--out", out);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("The model catalog has 2 problems; nothing was written.");
    expect(result.stderr).toMatch(/aliases\.chat\.deployments\[0\]\.apiKeyEnv: .* Fix: /);
    expect(result.stderr).toMatch(/aliases\.chat\.fallbacks\[0\]: no alias named "missing-alias" exists\. Fix: /);
    expect(readdirSync(directory)).toEqual([]);
  });

  it("a bad catalog leaves an existing output file as it was", () => {
    const out = path.join(workDirectory, "existing.yaml");
    writeFileSync(out, "previous: config\n");
    const result = render("--stack", "dev", "--catalog", path.join(FIXTURES, "invalid-catalog.ts"), "--out", out);
    expect(result.code).toBe(1);
    expect(readFileSync(out, "utf8")).toBe("previous: config\n");
  });

  it("a catalog rejected by defineCatalog as it loads is reported the same way", () => {
    const result = render("--stack", "dev", "--catalog", path.join(FIXTURES, "rejected-at-definition.ts"));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/aliases\.chat\.deployments\[0\]\.apiKeyEnv: this looks like an AWS access key id/);
  });

  it("an unknown stack is refused with the known stacks, exit 2, nothing printed or written", () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), "render-unknown-")), "config.yaml");
    const result = render("--stack", "prdo", "--out", out);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain('No stack "prdo"');
    expect(result.stderr).toContain("Available stacks: dev, prod");
    expect(existsSync(out)).toBe(false);
  });

  it("--out creates the folder it names when it does not exist yet", () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), "render-nested-")), "out", "dev", "config.yaml");
    const result = render("--stack", "dev", "--out", out);
    expect(result.code).toBe(0);
    expect(readFileSync(out, "utf8")).toContain("model_list:");
  });

  it("--help prints the usage and exits 0", () => {
    const result = render("--help");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Usage: npm run render -- --stack <name>");
  });

  it("a missing --stack is a usage error", () => {
    const result = render();
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--stack is required");
  });
});
