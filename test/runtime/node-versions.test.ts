/**
 * The Node.js versions the package supports, said once in package.json `engines.node` and kept
 * true: .nvmrc (the version the deploy workflows and a contributor's nvm/fnm use: the current
 * LTS) lies inside it, and so does the Node.js running these tests.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

import { describe, expect, it } from "vitest";
import { parse } from "yaml";

import { REPO_ROOT } from "../../offline/run-stack-offline";

/** semver as Pulumi's own host uses it to read versions (test/cli/run-like-pulumi.cjs does the same). */
const semver = createRequire(require.resolve("@pulumi/pulumi"))("semver") as {
  satisfies(version: string, range: string): boolean;
  validRange(range: string): string | null;
  coerce(version: string): { version: string } | null;
};

const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { engines?: { node?: string } };
const engines = manifest.engines?.node ?? "";
const nvmrc = readFileSync(path.join(REPO_ROOT, ".nvmrc"), "utf8").trim();
/** The majors looked at for "every major engines.node allows". */
const FIRST_MAJOR_CONSIDERED = 14;
const LAST_MAJOR_CONSIDERED = 40;
/** A minor late in a major's life, so `>=20.9` still counts 20. */
const LATE_MINOR = 99;

describe("supported Node.js versions", () => {
  it("are a bounded range: a major nobody has run the tests on is not claimed", () => {
    expect(semver.validRange(engines)).not.toBeNull();
    expect(engines).toMatch(/<\d+/);
  });

  it(".nvmrc names one major, inside engines.node", () => {
    expect(nvmrc).toMatch(/^\d+$/);
    expect(semver.satisfies(`${nvmrc}.0.0`, engines) || semver.satisfies(`${nvmrc}.99.0`, engines)).toBe(true);
  });

  it("are each tested in CI: checks.yml's matrix and .nvmrc together are every LTS (even) major engines.node allows", () => {
    const checks = parse(readFileSync(path.join(REPO_ROOT, ".github", "workflows", "checks.yml"), "utf8")) as {
      jobs: Record<string, { strategy?: { matrix?: { node?: number[] } } }>;
    };
    const tested = [...(checks.jobs["node-versions"]?.strategy?.matrix?.node ?? []), Number(nvmrc)].sort((a, b) => a - b);
    const supported = Array.from({ length: LAST_MAJOR_CONSIDERED - FIRST_MAJOR_CONSIDERED + 1 }, (_, index) => FIRST_MAJOR_CONSIDERED + index).filter(
      (major) => major % 2 === 0 && (semver.satisfies(`${major}.${LATE_MINOR}.0`, engines) || semver.satisfies(`${major}.0.0`, engines)),
    );
    expect(tested).toEqual(supported);
  });

  it("include the Node.js running these tests", () => {
    expect(semver.satisfies(process.versions.node, engines), `node ${process.versions.node} outside engines.node ${engines}`).toBe(true);
  });
});
