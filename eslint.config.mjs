// Lint enforces the user's conventions: kebab-case file names, named exports only, imports ordered
// (node built-ins, packages, then local) with `import type` for type-only imports, and named
// constants instead of magic numbers; and imports run only downward between the folders (below).
import path from "node:path";
import { fileURLToPath } from "node:url";

import js from "@eslint/js";
import importX, { createNodeResolver } from "eslint-plugin-import-x";
import unicorn from "eslint-plugin-unicorn";
import tseslint from "typescript-eslint";

const REPO_ROOT = path.dirname(fileURLToPath(import.meta.url));

/**
 * The folders of config/ from the bottom up, each with the config/ folders it may import. No
 * folder imports one listed after it, so there is no cycle.
 */
const CONFIG_FOLDER_IMPORTS = {
  litellm: [],
  "aws-rules": [],
  access: [],
  catalog: ["litellm"],
  settings: ["litellm", "aws-rules", "access", "catalog"],
  alarms: ["litellm", "aws-rules", "access", "settings"],
  render: ["litellm", "catalog", "settings"],
  cost: ["litellm", "access", "catalog", "settings", "alarms"],
};

export default tseslint.config(
  { ignores: ["node_modules/", "bin/", "dist/", ".venv/", ".cache/", "out/", "coverage/", "examples/*/node_modules/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts", "**/*.mjs", "**/*.mts"],
    plugins: { "import-x": importX, unicorn },
    rules: {
      "unicorn/filename-case": ["error", { case: "kebabCase" }],
      "unicorn/prefer-node-protocol": "error",
      "import-x/no-default-export": "error",
      "import-x/no-duplicates": "error",
      "import-x/first": "error",
      "import-x/newline-after-import": "error",
      "import-x/consistent-type-specifier-style": ["error", "prefer-top-level"],
      "import-x/order": [
        "error",
        {
          groups: ["builtin", "external", ["internal", "parent", "sibling", "index"]],
          "newlines-between": "always",
          alphabetize: { order: "asc", caseInsensitive: true },
        },
      ],
      "@typescript-eslint/consistent-type-imports": [
        "error",
        { prefer: "type-imports", fixStyle: "separate-type-imports" },
      ],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Source code names its numbers; tests compare against literal expected values on purpose.
    files: ["index.ts", "lib.ts", "components/**/*.ts", "config/**/*.ts", "scripts/**/*.ts", "offline/**/*.ts", "examples/**/*.ts", "policy/**/*.ts"],
    rules: {
      "@typescript-eslint/no-magic-numbers": [
        "error",
        {
          ignore: [-1, 0, 1, 2],
          ignoreEnums: true,
          ignoreNumericLiteralTypes: true,
          ignoreReadonlyClassProperties: true,
          ignoreTypeIndexes: true,
          ignoreArrayIndexes: true,
          ignoreDefaultValues: false,
        },
      ],
    },
  },
  {
    // Imports run only downward: index.ts -> components/ -> config/; scripts/ and test/ sit on top,
    // beside offline/ (the mock cloud both use). Inside config/, each folder imports only the
    // folders listed for it (each folder's README.md says why); config/catalog.ts, the file
    // operators edit, imports only config/catalog/ and nothing in config/ imports it.
    files: ["**/*.ts", "**/*.mts"],
    // The rule skips an import it cannot resolve, and the default resolver knows no TypeScript.
    settings: { "import-x/resolver-next": [createNodeResolver({ extensions: [".ts", ".mts", ".js", ".mjs", ".json"] })] },
    rules: {
      "import-x/no-restricted-paths": ["error", { basePath: REPO_ROOT, zones: importZones() }],
    },
  },
  {
    // Tool configuration files must default-export by the tools' contract.
    files: ["eslint.config.mjs", "vitest.config.mts"],
    rules: { "import-x/no-default-export": "off" },
  },
);

/**
 * The zones import-x/no-restricted-paths enforces: each zone forbids `target` to import `from`.
 */
function importZones() {
  const topLevel = [
    { target: "config", from: ["index.ts", "lib.ts", "components", "scripts", "offline", "test", "bench", "examples", "policy"], message: "config/ holds pure rules and values: it never imports the program, components/, scripts/, offline/, policy/ or test/." },
    { target: "policy", from: ["index.ts", "lib.ts", "components", "scripts", "offline", "test", "bench", "examples"], message: "policy/ (the policy pack) runs without the program: it imports config/ only." },
    { target: "components", from: ["index.ts", "lib.ts", "scripts", "offline", "test", "bench", "examples"], message: "components/ may import config/ only: never the program, scripts/, offline/ or test/." },
    { target: "index.ts", from: ["scripts", "offline", "test", "bench", "examples"], message: "The program imports components/ and config/ only." },
    { target: "lib.ts", from: ["index.ts", "config/catalog.ts", "scripts", "offline", "test", "bench", "examples"], message: "The library (lib.ts) exports components/ and config/ only: never this project's stack program or its catalog." },
    { target: "offline", from: ["scripts", "test", "bench", "examples"], message: "offline/ (the mock cloud) is shared by scripts/ and test/, so it imports neither." },
    { target: "scripts", from: ["test"], message: "scripts/ are user commands: they never import test/." },
  ];
  const configZones = Object.entries(CONFIG_FOLDER_IMPORTS).map(([folder, allowed]) => ({
    target: `config/${folder}`,
    from: [...Object.keys(CONFIG_FOLDER_IMPORTS).filter((other) => other !== folder && !allowed.includes(other)).map((other) => `config/${other}`), "config/catalog.ts"],
    message: `config/${folder}/ ${allowed.length === 0 ? "imports nothing else in config/" : `may import only ${allowed.map((other) => `config/${other}/`).join(", ")} in config/`} (see config/${folder}/README.md).`,
  }));
  const operatorCatalog = {
    target: "config/catalog.ts",
    from: Object.keys(CONFIG_FOLDER_IMPORTS).filter((folder) => folder !== "catalog").map((folder) => `config/${folder}`),
    message: "config/catalog.ts, the file operators edit, imports only config/catalog/ (defineCatalog and the types).",
  };
  return [...topLevel, ...configZones, operatorCatalog];
}
