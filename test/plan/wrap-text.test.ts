/**
 * The plan's wrapping: prose keeps every word and fits the width; a wrapped shell command still
 * runs, and prints the same, when copied into a shell (checked with sh itself).
 */
import { execFileSync } from "node:child_process";

import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { wrapCommand, wrapCommandChain, wrapLine } from "../../scripts/offline/wrap-text";

const WIDTH = 40;

describe("wrapLine", () => {
  it("keeps a short line as it is", () => {
    expect(wrapLine("  short line", WIDTH)).toEqual(["  short line"]);
  });

  it("fits the width, keeps every word in order, and indents continuations two further", () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-z0-9:/.-]{1,12}$/), { minLength: 1, maxLength: 30 }), fc.nat({ max: 6 }), (words, depth) => {
        const indent = " ".repeat(depth);
        const lines = wrapLine(`${indent}${words.join(" ")}`, WIDTH);
        expect(lines.every((line) => line.length <= WIDTH)).toBe(true);
        expect(lines.join(" ").split(" ").filter((word) => word !== "")).toEqual(words);
        expect(lines.slice(1).every((line) => line.startsWith(`${indent}  `))).toBe(true);
      }),
    );
  });

  it("leaves a token longer than the width whole, on a line of its own", () => {
    const arn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/x/0123456789abcdef";
    expect(wrapLine(`  protects: ${arn}`, WIDTH)).toEqual(["  protects:", `    ${arn}`]);
  });

  it("wraps a table row's last cell under itself", () => {
    const lines = wrapLine("  waf  Web ACL   11.60   $5 + 6 rule(s) x $1 + 1M requests x $0.6", WIDTH, " ".repeat(25));
    expect(lines[0]).toBe("  waf  Web ACL   11.60   $5 + 6 rule(s)");
    expect(lines.slice(1).every((line) => /^ {25}\S/.test(line))).toBe(true);
  });
});

describe("wrapCommand", () => {
  const command = `printf '%s|' "two  spaces" 'single  quoted' "$(echo sub stitution)" plain words that go on and on`;

  it("breaks only outside quotes, with a backslash, and fits the width where a word allows", () => {
    const lines = wrapCommand(command, "    ", WIDTH);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.slice(0, -1).every((line) => line.endsWith(" \\"))).toBe(true);
    expect(lines.every((line) => line.length <= WIDTH)).toBe(true);
    for (const quoted of ['"two  spaces"', "'single  quoted'", '"$(echo sub stitution)"']) {
      expect(lines.some((line) => line.includes(quoted))).toBe(true);
    }
  });

  it("runs in sh exactly as the unwrapped command does", () => {
    const sh = (script: string) => execFileSync("sh", ["-c", script], { encoding: "utf8" });
    expect(sh(wrapCommand(command, "    ", WIDTH).join("\n"))).toBe(sh(command));
    expect(sh(wrapCommandChain([command, "echo second"], "  ", WIDTH).join("\n"))).toBe(sh(`${command} && echo second`));
  });
});
