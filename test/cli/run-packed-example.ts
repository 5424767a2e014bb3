/**
 * Runs a program that consumes the packed package (a temporary project with the tarball installed)
 * under the mock cloud, as `pulumi up` would run it there, and prints what registered as one JSON
 * line. Run with the project as the working directory, so tsx reads the project's tsconfig (not
 * this repository's, whose `paths` would map `litellm-gateway` back to lib.ts).
 *
 * Usage: tsx test/cli/run-packed-example.ts <project dir> <stack>
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

import { parse } from "yaml";

import { runStack } from "../../offline/run-stack-offline";

const [projectArgument, stack] = process.argv.slice(2);
const projectDir = path.resolve(projectArgument);
const project = (parse(readFileSync(path.join(projectDir, "Pulumi.yaml"), "utf8")) as { name: string }).name;
const entry = path.join(projectDir, "index.ts");

runStack(stack, {}, {
  project,
  stackFile: path.join(projectDir, `Pulumi.${stack}.yaml`),
  loadProgram: async () => (await import(entry)) as Record<string, unknown>,
}).then(
  (run) => {
    const summary = {
      // Where the program's `litellm-gateway` resolves, and every loaded copy of the component:
      // the installed package's compiled files, never this repository's source.
      library: createRequire(entry).resolve("litellm-gateway"),
      gatewayModules: Object.keys(require.cache).filter((file) => /[\\/]components[\\/]litellm-gateway\.[jt]s$/.test(file)),
      types: [...new Set(run.resources.map((resource) => resource.type))].sort(),
      resources: run.resources.map((resource) => ({ type: resource.type, name: resource.name, inputs: resource.inputs })),
      outputs: run.outputs,
    };
    process.stdout.write(`${JSON.stringify(summary)}\n`);
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
