/**
 * `@default` in the TSDoc of components/ and config/ means one thing: the arg is optional and the
 * code uses this literal value when it is left out (a number, a quoted string, true, false, {} or
 * []). What happens without a required arg, or without an optional one that has no default, is
 * said in prose; a constant's name would let the doc and the value drift apart unseen.
 * Folders are read recursively, so the check survives a move into subfolders. Where the value is
 * a rendered setting or a named constant (the catalog's routing, the proxy's port), the documented
 * literal is also compared with what the code does.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";
import { parse } from "yaml";

import { defineCatalog } from "../../config/catalog/define-catalog";
import { PROXY_PORT } from "../../config/litellm/network-ports";
import { renderLitellmConfig } from "../../config/render/render-litellm-config";
import { REPO_ROOT } from "../stack/stack-harness";

const FOLDERS = ["components", "config"];
/** A literal: a number, a double-quoted string, a boolean, an empty object or an empty array. */
const LITERAL = /^(-?\d+(\.\d+)?|"[^"]*"|true|false|\{\}|\[\])$/;
/** An optional property declaration: `readonly name?:` or `name?:`. */
const OPTIONAL_PROPERTY = /^\s*(readonly\s+)?\w+\?:/;

interface DefaultTag {
  readonly file: string;
  /** 0-based index of the tag's line. */
  readonly line: number;
  readonly where: string;
  readonly value: string;
  /** The first code line after the comment that holds the tag. */
  readonly declaration: string;
}

function sourceFiles(): string[] {
  return FOLDERS.flatMap((folder) =>
    readdirSync(path.join(REPO_ROOT, folder), { recursive: true, encoding: "utf8" })
      .filter((file) => file.endsWith(".ts"))
      .map((file) => path.join(folder, file)),
  );
}

function defaultTags(file: string): DefaultTag[] {
  const lines = readFileSync(path.join(REPO_ROOT, file), "utf8").split("\n");
  const tags: DefaultTag[] = [];
  lines.forEach((line, index) => {
    const match = /@default\s+(.*?)\s*(\*\/)?\s*$/.exec(line);
    if (match === null) {
      return;
    }
    const closing = lines.findIndex((candidate, at) => at >= index && candidate.includes("*/"));
    const declaration = lines.slice(closing + 1).find((candidate) => candidate.trim() !== "") ?? "";
    tags.push({ file, line: index, where: `${file}:${index + 1}`, value: match[1], declaration: declaration.trim() });
  });
  return tags;
}

const TAGS = sourceFiles().flatMap(defaultTags);

/** The documented defaults of the properties of the interface `name`, by property, wherever it lives. */
function documentedDefaults(name: string): Record<string, unknown> {
  for (const file of sourceFiles()) {
    const lines = readFileSync(path.join(REPO_ROOT, file), "utf8").split("\n");
    const start = lines.findIndex((line) => line.startsWith(`export interface ${name} `));
    if (start >= 0) {
      const end = lines.findIndex((line, index) => index > start && line.startsWith("}"));
      return Object.fromEntries(
        TAGS.filter((tag) => tag.file === file && tag.line > start && tag.line < end).map((tag) => [
          /(\w+)\?:/.exec(tag.declaration)?.[1],
          JSON.parse(tag.value) as unknown,
        ]),
      );
    }
  }
  throw new Error(`No interface ${name} in ${FOLDERS.join(", ")}`);
}

describe("@default tags in components/ and config/", () => {
  it("finds the tags it checks", () => {
    expect(TAGS.length).toBeGreaterThan(0);
  });

  it("gives each a literal value", () => {
    expect(TAGS.filter((tag) => !LITERAL.test(tag.value)).map((tag) => `${tag.where}: @default ${tag.value}`)).toEqual([]);
  });

  it("puts each on an optional property", () => {
    expect(TAGS.filter((tag) => !OPTIONAL_PROPERTY.test(tag.declaration)).map((tag) => `${tag.where}: ${tag.declaration}`)).toEqual([]);
  });

  it("states the routing defaults the renderer applies to a catalog without routing", () => {
    const catalog = defineCatalog({ aliases: { chat: { deployments: [{ provider: "openai", model: "gpt-4.1-mini", apiKeyEnv: "OPENAI_API_KEY" }] } } });
    const router = (parse(renderLitellmConfig(catalog, { stack: "dev" }).yaml) as Record<string, Record<string, unknown>>).router_settings;
    expect(documentedDefaults("RoutingSettings")).toEqual({
      strategy: router.routing_strategy,
      numRetries: router.num_retries,
      timeoutSeconds: router.timeout,
      allowedFails: router.allowed_fails,
      cooldownSeconds: router.cooldown_time,
      enablePreCallChecks: router.enable_pre_call_checks,
    });
  });

  it("states the port the proxy listens on", () => {
    expect(documentedDefaults("ProxyRuntimeOptions")).toMatchObject({ port: PROXY_PORT });
  });
});
