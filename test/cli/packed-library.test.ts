/**
 * The package as another team's Pulumi program uses it: `npm pack` (which builds dist/ first), the
 * tarball installed into a temporary project holding examples/existing-vpc, the project
 * type-checked against the installed declarations, then run under the mock cloud. No network:
 * the install is offline, the shared dependencies linked from this repository's node_modules.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { REPO_ROOT } from "../../offline/run-stack-offline";
import { runCommand, runTsx } from "../tsx-child";

const EXAMPLE_DIR = path.join(REPO_ROOT, "examples", "existing-vpc");
const EXAMPLE_FILES = ["index.ts", "Pulumi.yaml", "Pulumi.example.yaml", "tsconfig.json", "package.json"];
const PACKAGE_NAME = "litellm-gateway";
const TSC = path.join(REPO_ROOT, "node_modules", "typescript", "bin", "tsc");
/** Pack builds dist/ (prepack), then the program runs once under the mocks. */
const SETUP_TIMEOUT_MS = 180_000;

interface RunSummary {
  readonly library: string;
  readonly gatewayModules: readonly string[];
  readonly types: readonly string[];
  readonly resources: readonly { type: string; name: string; inputs: Record<string, unknown> }[];
  readonly outputs: Record<string, unknown>;
}

/** The names under `dependencies` (and, with `withDev`, `devDependencies`) of a package.json. */
function dependencyNames(packageFile: string, withDev: boolean): string[] {
  const manifest = JSON.parse(readFileSync(packageFile, "utf8")) as { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
  return [...Object.keys(manifest.dependencies ?? {}), ...(withDev ? Object.keys(manifest.devDependencies ?? {}) : [])];
}

let workDir: string;
let projectDir: string;
let tarball: string;
let tarballFiles: string[];
let stackFileConfig: string;

beforeAll(async () => {
  workDir = mkdtempSync(path.join(tmpdir(), "litellm-gateway-pack-"));
  const pack = await runCommand("npm", ["pack", "--pack-destination", workDir, "--json"]);
  expect(pack.code, pack.stderr).toBe(0);
  const [packed] = JSON.parse(pack.stdout.slice(pack.stdout.indexOf("["))) as { filename: string; files: { path: string }[] }[];
  tarball = path.join(workDir, packed.filename);
  tarballFiles = packed.files.map((file) => file.path);

  projectDir = path.join(workDir, "project");
  mkdirSync(projectDir);
  for (const file of EXAMPLE_FILES) {
    copyFileSync(path.join(EXAMPLE_DIR, file), path.join(projectDir, file));
  }
  // The example depends on the tarball next to the repository; here it is the one just packed.
  const manifestFile = path.join(projectDir, "package.json");
  const manifest = JSON.parse(readFileSync(manifestFile, "utf8")) as { dependencies: Record<string, string> };
  manifest.dependencies[PACKAGE_NAME] = `file:${tarball}`;
  writeFileSync(manifestFile, JSON.stringify(manifest, null, 2));
  // Everything but the package itself comes from this repository's node_modules, so npm has
  // nothing to download: the package's dependencies and the example's own.
  const shared = new Set([...dependencyNames(path.join(REPO_ROOT, "package.json"), false), ...dependencyNames(manifestFile, true)]);
  shared.delete(PACKAGE_NAME);
  for (const name of shared) {
    const link = path.join(projectDir, "node_modules", name);
    mkdirSync(path.dirname(link), { recursive: true });
    symlinkSync(realpathSync(path.join(REPO_ROOT, "node_modules", name)), link);
  }
  const install = await runCommand("npm", ["install", "--offline", "--ignore-scripts", "--no-audit", "--no-fund"], { cwd: projectDir });
  expect(install.code, install.stderr).toBe(0);
  stackFileConfig = readFileSync(path.join(projectDir, "Pulumi.example.yaml"), "utf8");
}, SETUP_TIMEOUT_MS);

afterAll(() => {
  if (workDir !== undefined) {
    rmSync(workDir, { recursive: true, force: true });
  }
});

describe("the packed package", () => {
  it("holds the compiled library, its declarations and the README, not the sources or tests", () => {
    expect(tarballFiles).toEqual(expect.arrayContaining(["package.json", "README.md", "dist/lib.js", "dist/lib.d.ts", "dist/components/litellm-gateway.js"]));
    expect(tarballFiles.filter((file) => !file.startsWith("dist/") && !["package.json", "README.md"].includes(file))).toEqual([]);
    expect(tarballFiles.filter((file) => file.endsWith(".ts") && !file.endsWith(".d.ts"))).toEqual([]);
    expect(tarballFiles.some((file) => /(^|\/)(index|test|offline|scripts)[./]/.test(file.replace(/^dist\//, "")))).toBe(false);
  });

  it(
    "type-checks the example against the installed declarations",
    async () => {
      const check = await runCommand(process.execPath, [TSC, "-p", projectDir, "--noEmit", "--listFiles"], { cwd: projectDir });
      expect(check.code, check.stdout + check.stderr).toBe(0);
      expect(check.stdout).toContain(path.join(projectDir, "node_modules", PACKAGE_NAME, "dist", "lib.d.ts"));
    },
    SETUP_TIMEOUT_MS,
  );
});

describe("examples/existing-vpc, installed from the tarball, under the mock cloud", () => {
  let run: RunSummary;

  beforeAll(async () => {
    const child = await runTsx(path.join(REPO_ROOT, "test", "cli", "run-packed-example.ts"), [projectDir, "example"], { cwd: projectDir });
    expect(child.code, child.stderr).toBe(0);
    run = JSON.parse(child.stdout.trim().split("\n").at(-1) ?? "{}") as RunSummary;
  }, SETUP_TIMEOUT_MS);

  it("imports the installed package's compiled entry, not this repository's source", () => {
    const installed = path.join(realpathSync(projectDir), "node_modules", PACKAGE_NAME);
    expect(realpathSync(run.library)).toBe(path.join(installed, "dist", "lib.js"));
    expect(run.gatewayModules.map((file) => realpathSync(file))).toEqual([path.join(installed, "dist", "components", "litellm-gateway.js")]);
  });

  it("registers the gateway with its own catalog and serves it", () => {
    expect(run.types).toEqual(expect.arrayContaining(["litellm-gateway:index:LitellmGateway", "aws:ecs/service:Service", "aws:lb/loadBalancer:LoadBalancer"]));
    expect(run.outputs.models).toEqual(["team-fast", "team-smart"]);
    expect(run.outputs.url).toBe("https://llm.internal.example.com");
  });

  it("creates no VPC and places everything in the existing one's subnets", () => {
    expect(run.types.filter((type) => /ec2:Vpc|ec2\/vpc:Vpc|ec2\/subnet:Subnet|natGateway/.test(type))).toEqual([]);
    const privateSubnets = ["subnet-0a1b2c3d4e5f67891", "subnet-0a1b2c3d4e5f67892"];
    const publicSubnets = ["subnet-0a1b2c3d4e5f67893", "subnet-0a1b2c3d4e5f67894"];
    // The ids the assertions use are the stack file's, so the test fails if either side changes.
    for (const id of [...privateSubnets, ...publicSubnets]) {
      expect(stackFileConfig).toContain(id);
    }
    const [service] = run.resources.filter((resource) => resource.type === "aws:ecs/service:Service");
    expect(service.inputs.networkConfiguration).toMatchObject({ subnets: privateSubnets, assignPublicIp: false });
    const [balancer] = run.resources.filter((resource) => resource.type === "aws:lb/loadBalancer:LoadBalancer");
    expect(balancer.inputs.subnets).toEqual(publicSubnets);
  });
});
