/**
 * The README's add-a-model steps, read from README.md itself so a test that follows them breaks
 * when the README drifts: the alias snippet of step 1 and the npm commands of the later steps.
 */
import { readFileSync } from "node:fs";
import path from "node:path";

const SECTION_START = "To add or change a model:";
/** The next paragraph after the numbered steps ends the section. */
const SECTION_END = "Client code can import the aliases";
const TS_BLOCK = /```ts\n([\s\S]*?)```/;
const NPM_COMMAND = /`(npm run [^`]+)`/g;
const ALIAS_KEY = /^"([^"]+)":\s*\{/;

export interface AddAModelSteps {
  /** The alias the snippet adds, e.g. `mistral-small`. */
  readonly alias: string;
  /** The snippet as it goes inside `aliases: { ... }`, without the README's list indentation. */
  readonly snippet: string;
  /** The `npm run ...` commands of the steps, in order. */
  readonly commands: string[];
}

function dedent(block: string): string {
  const lines = block.split("\n").filter((line, index, all) => index < all.length - 1 || line.trim() !== "");
  const indent = Math.min(...lines.filter((line) => line.trim() !== "").map((line) => /^ */.exec(line)?.[0].length ?? 0));
  return lines.map((line) => line.slice(indent)).join("\n");
}

/** Reads the add-a-model steps from `<root>/README.md`; throws naming what it could not find. */
export function readAddAModelSteps(root: string): AddAModelSteps {
  const readme = readFileSync(path.join(root, "README.md"), "utf8");
  const start = readme.indexOf(SECTION_START);
  const end = readme.indexOf(SECTION_END, start);
  if (start === -1 || end === -1) {
    throw new Error(`README.md: no add-a-model section between "${SECTION_START}" and "${SECTION_END}"`);
  }
  const section = readme.slice(start, end);
  const block = TS_BLOCK.exec(section)?.[1];
  if (block === undefined) {
    throw new Error("README.md: the add-a-model steps show no ```ts snippet of the alias to add");
  }
  const snippet = dedent(block);
  const alias = ALIAS_KEY.exec(snippet)?.[1];
  if (alias === undefined) {
    throw new Error(`README.md: the add-a-model snippet does not start with a quoted alias: ${snippet.split("\n")[0]}`);
  }
  return { alias, snippet, commands: [...section.matchAll(NPM_COMMAND)].map((match) => match[1]) };
}

/** config/catalog.ts with `snippet` added as the first entry of `aliases: {`, as the README says. */
export function addAliasToCatalog(catalogSource: string, snippet: string): string {
  const opening = /^( *)aliases: \{\n/m.exec(catalogSource);
  if (opening === null) {
    throw new Error("config/catalog.ts: no `aliases: {` line to add the README's alias to");
  }
  const indent = `${opening[1]}  `;
  const indented = snippet.split("\n").map((line) => (line === "" ? line : indent + line)).join("\n");
  const at = opening.index + opening[0].length;
  return `${catalogSource.slice(0, at)}${indented}\n${catalogSource.slice(at)}`;
}
