// Lint enforces the user's conventions: kebab-case file names, named exports only, imports ordered
// (node built-ins, packages, then local) with `import type` for type-only imports, and named
// constants instead of magic numbers.
import js from "@eslint/js";
import importX from "eslint-plugin-import-x";
import unicorn from "eslint-plugin-unicorn";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/", "bin/", ".venv/", ".cache/", "out/", "coverage/"] },
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
    files: ["index.ts", "components/**/*.ts", "config/**/*.ts", "scripts/**/*.ts", "offline/**/*.ts", "examples/**/*.ts"],
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
    // Tool configuration files must default-export by the tools' contract.
    files: ["eslint.config.mjs", "vitest.config.mts"],
    rules: { "import-x/no-default-export": "off" },
  },
);
