/**
 * A throwaway copy of the repository as a contributor's clone would be: the files git tracks (as
 * they are in the working tree), with node_modules and .venv linked rather than copied, so a test
 * can edit the copy and run its npm scripts without touching the real tree.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/** Installed, not tracked: shared with the copy through a link. */
const LINKED_DIRECTORIES = ["node_modules", ".venv"];

/** Copies every tracked file of `root` into a new temporary directory and returns that directory. */
export function copyRepository(root: string, prefix: string): string {
  const copy = mkdtempSync(path.join(tmpdir(), prefix));
  const tracked = execFileSync("git", ["ls-files", "-z"], { cwd: root, encoding: "utf8" }).split("\0").filter(Boolean);
  for (const file of tracked) {
    const source = path.join(root, file);
    // A tracked file deleted in the working tree is not part of what the contributor has.
    if (!existsSync(source)) {
      continue;
    }
    const target = path.join(copy, file);
    mkdirSync(path.dirname(target), { recursive: true });
    copyFileSync(source, target);
  }
  for (const directory of LINKED_DIRECTORIES) {
    const source = path.join(root, directory);
    if (existsSync(source)) {
      symlinkSync(source, path.join(copy, directory));
    }
  }
  return copy;
}
