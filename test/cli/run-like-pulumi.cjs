/**
 * Runs index.ts the way `pulumi up` does, not the way vitest does: registers ts-node with exactly
 * the options of @pulumi/pulumi's language host (node_modules/@pulumi/pulumi/cmd/run/run.js, the
 * CommonJS branch; this project is not `"type": "module"`), then runs the program under mocks with
 * the committed stack file and prints what registered as one JSON line.
 *
 * Usage: node test/stack/run-like-pulumi.cjs <stack>
 */
/* global require, process, __dirname */
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS on purpose: it must register ts-node before any TypeScript loads, as Pulumi's host does */
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const repoRoot = path.resolve(__dirname, "..", "..");
process.chdir(repoRoot);
const stack = process.argv[2];

// --- mirrored from run.js ---
// The program: the CLI passes Pulumi.yaml's `main` (or "."); with ".", run.js takes package.json's
// `exports["."]`, else its `main`. This package's exports are the library (dist/lib.js), so only
// Pulumi.yaml's `main: index.ts` keeps `pulumi up` on the stack program.
const { parse } = require("yaml");
const projectMain = parse(fs.readFileSync(path.join(repoRoot, "Pulumi.yaml"), "utf8")).main;
function packageEntrypoint(packageObject) {
  const { exports: entry, main } = packageObject;
  if (typeof entry === "string") return entry;
  if (typeof entry === "object" && entry !== null) {
    const mainExport = entry["."];
    return typeof mainExport === "string" ? mainExport : mainExport && (mainExport.default || mainExport.require || mainExport.import);
  }
  return main;
}
const tsutils = require("@pulumi/pulumi/tsutils");
const semver = require(require.resolve("semver", { paths: [path.dirname(require.resolve("@pulumi/pulumi"))] }));
const packageObject = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8"));
const program = path.join(repoRoot, projectMain ?? packageEntrypoint(packageObject) ?? ".");
if (packageObject.type === "module") {
  throw new Error("package.json is an ES module: Pulumi would take its ESM branch, which this script does not mirror");
}
const tsConfigPath = process.env.PULUMI_NODEJS_TSCONFIG_PATH ?? "tsconfig.json";
const skipProject = !fs.existsSync(tsConfigPath);
const compilerOptions = tsutils.loadTypeScriptCompilerOptions(tsConfigPath);
let transpileOnly = undefined;
const transpileOnlyEnv = process.env.PULUMI_NODEJS_TRANSPILE_ONLY;
if (transpileOnlyEnv) {
  transpileOnly = transpileOnlyEnv === "true";
} else {
  transpileOnly = compilerOptions.noCheck;
}
const { tsnodeRequire, typescriptRequire } = tsutils.typeScriptRequireStrings();
const options = {
  compiler: typescriptRequire,
  transpileOnly,
  project: tsConfigPath,
  skipProject: skipProject,
  compilerOptions: {},
};
const ts = require(typescriptRequire);
const tsVersion = semver.parse(ts.version);
const useNodeNext = tsVersion && tsVersion.compare(new semver.SemVer("4.7.0")) >= 0;
options.compilerOptions = {
  target: "ES2020",
  module: useNodeNext ? "nodenext" : "commonjs",
  moduleResolution: useNodeNext ? "nodenext" : "node",
  sourceMap: "true",
  ...compilerOptions,
};
require(tsnodeRequire).register(options);
// --- end of mirror ---

// In this process, as pulumi up runs the program: the mock cloud itself, not the test harness.
const { runStack } = require("../../offline/run-stack-offline.ts");

runStack(stack, {}, { loadProgram: () => Promise.resolve(require(program)) }).then(
  (run) => {
    const summary = {
      typescript: ts.version,
      tsNode: require(tsnodeRequire).VERSION,
      typeChecked: transpileOnly !== true,
      program: path.relative(repoRoot, program),
      types: [...new Set(run.resources.map((resource) => resource.type))].sort(),
      outputs: run.outputs,
    };
    process.stdout.write(`${JSON.stringify(summary)}\n`);
    process.exit(0);
  },
  (error) => {
    process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
    process.exit(1);
  },
);
