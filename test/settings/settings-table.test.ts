/**
 * The README's table of stack settings (section "Stack settings") cannot drift from the code: it
 * lists exactly the settings the schema accepts (SETTING_KEYS), and its stack columns say what each
 * committed Pulumi.<stack>.yaml sets.
 *
 * The table's convention: one column per committed stack, between `setting` and `meaning`. A cell
 * is `–` when the stack file does not set the setting (its default, given in the meaning column,
 * applies), or else the value exactly as the file holds it (text may be in backticks; a list or an
 * object as JSON), optionally followed by a note in parentheses. A row may group settings
 * (`` `cpu` / `memory` ``), its cells then hold their values in the same order with the same
 * separator (` / ` or `, `).
 */
import { readFileSync } from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { SETTING_KEYS } from "../../config/settings/stack-settings";
import { availableStacks } from "../../offline/run-stack-offline";
import { projectName, REPO_ROOT, stackConfig } from "../stack/stack-harness";

const SECTION = "## Stack settings";
const UNSET = "–";
const GROUP_SEPARATORS = [" / ", ", "];

interface TableRow {
  readonly setting: string;
  /** By stack: the cell's value with backticks and a trailing note removed. */
  readonly cells: Readonly<Record<string, string>>;
}

/** The `| ... |` lines of the first table in the section. */
function tableLines(readme: string): string[] {
  const start = readme.indexOf(`\n${SECTION}\n`);
  if (start < 0) {
    throw new Error(`README.md has no "${SECTION}" section`);
  }
  const lines = readme.slice(start + 1).split("\n").slice(1);
  const first = lines.findIndex((line) => line.startsWith("|"));
  const after = lines.findIndex((line, index) => index > first && !line.startsWith("|"));
  return lines.slice(first, after < 0 ? undefined : after);
}

function columns(line: string): string[] {
  const cells = line.split("|").map((cell) => cell.trim());
  return cells.slice(1, -1);
}

function cellValue(cell: string): string {
  return cell
    .replace(/\s*\([^()]*\)$/, "")
    .replace(/^`(.*)`$/, "$1")
    .trim();
}

function parseTable(): { header: string[]; rows: TableRow[] } {
  const [headerLine, , ...rowLines] = tableLines(readFileSync(path.join(REPO_ROOT, "README.md"), "utf8"));
  const header = columns(headerLine);
  const stacks = header.slice(1, -1);
  const rows = rowLines.flatMap((line) => {
    const row = columns(line);
    if (row.length !== header.length) {
      throw new Error(`README settings table: ${row.length} cells instead of ${header.length} in: ${line}`);
    }
    const separator = GROUP_SEPARATORS.find((candidate) => row[0].includes(candidate));
    const settings = separator === undefined ? [row[0]] : row[0].split(separator);
    return settings.map((setting, index) => ({
      setting: cellValue(setting),
      cells: Object.fromEntries(
        stacks.map((stack, column) => {
          const cell = row[column + 1];
          const values = separator === undefined || cell === UNSET ? [cell] : cell.split(separator);
          if (values.length !== settings.length && values.length !== 1) {
            throw new Error(`README settings table: ${settings.length} settings but ${values.length} ${stack} values in: ${line}`);
          }
          return [stack, cellValue(values[values.length === 1 ? 0 : index])];
        }),
      ),
    }));
  });
  return { header, rows };
}

const { header, rows } = parseTable();
const listed = rows.map((row) => row.setting);

describe("README: the table of stack settings", () => {
  it("has a column per committed stack between setting and meaning", () => {
    expect(header).toEqual(["setting", ...availableStacks(), "meaning"]);
  });

  it("lists every setting the schema accepts", () => {
    expect(SETTING_KEYS.filter((key) => !listed.includes(key))).toEqual([]);
  });

  it("lists no setting the schema refuses, and each once", () => {
    expect(listed.filter((setting) => !(SETTING_KEYS as readonly string[]).includes(setting))).toEqual([]);
    expect(listed.filter((setting, index) => listed.indexOf(setting) !== index)).toEqual([]);
  });

  it.each(availableStacks())("gives the values Pulumi.%s.yaml sets, and – where it sets none", (stack) => {
    const config = stackConfig(stack);
    const expected = rows.map((row) => [row.setting, config[`${projectName()}:${row.setting}`] ?? UNSET]);
    expect(rows.map((row) => [row.setting, row.cells[stack]])).toEqual(expected);
  });
});
