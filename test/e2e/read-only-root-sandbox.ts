/**
 * A command prefix (for startLitellm's commandPrefix) that runs the rest like the ECS container's
 * filesystem: in a private mount namespace the root filesystem is remounted read-only, and only the
 * given paths get an empty, writable tmpfs (the task's empty bind-mount volumes). /proc, /dev and
 * /dev/shm stay the separate mounts they are in a container too. Nothing outside the namespace
 * changes.
 *
 * Needs util-linux's `unshare` (Debian's util-linux, always installed) and either root or
 * unprivileged user namespaces. Exec chain: unshare -> sh -> env -> LiteLLM, each replacing the
 * previous process, so the process the launcher signals is LiteLLM itself.
 */
import { execFileSync } from "node:child_process";

import { REPO_ROOT } from "./e2e-prerequisites";

/**
 * The script run inside the namespace: `$1` is the repository (kept visible), then the writable
 * paths, `--`, then the command. A tmpfs hides whatever is below its path, and a checkout under
 * /tmp (CI's fresh clone) holds the venv and the config: so the repository is held at /mnt before
 * the tmpfs mounts and bound back read-only after them, where it was. TMPDIR is dropped because the
 * image does not set it: Python's tempfile must pick /tmp, as it does in the container.
 */
const SANDBOX_SCRIPT = [
  "set -eu",
  // Mounts made here must never propagate back to the host's namespace.
  "mount --make-rprivate /",
  'keep="$1"; shift',
  'mount --bind "$keep" /mnt',
  "mount -o remount,bind,ro /",
  'while [ "$1" != "--" ]; do mount -t tmpfs -o mode=1777,nosuid,nodev tmpfs "$1"; shift; done',
  "shift",
  // Re-created inside a tmpfs when one hid it; already there otherwise.
  'mkdir -p "$keep"',
  'mount --bind /mnt "$keep"',
  'mount -o remount,bind,ro "$keep"',
  "umount /mnt",
  'exec env -u TMPDIR "$@"',
].join("\n");

/** `unshare --mount` as root; in a user namespace mapped to root otherwise. */
function unshareCommand(): string[] {
  return process.getuid?.() === 0 ? ["unshare", "--mount", "--"] : ["unshare", "--user", "--map-root-user", "--mount", "--"];
}

/** The prefix: everything after it runs with a read-only root and `writablePaths` writable. */
export function readOnlyRootPrefix(writablePaths: readonly string[]): string[] {
  return [...unshareCommand(), "sh", "-c", SANDBOX_SCRIPT, "read-only-root", REPO_ROOT, ...writablePaths, "--"];
}

/**
 * Whether `path` can be created inside the sandbox with `writablePaths` writable: the sandbox's own
 * check, so a test fails loudly if the machine cannot build it (no `unshare`, no namespaces).
 */
export function canWriteInSandbox(writablePaths: readonly string[], path: string): boolean {
  const [command, ...args] = [...readOnlyRootPrefix(writablePaths), "sh", "-c", 'touch "$0" && rm -f "$0"', path];
  try {
    execFileSync(command, args, { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}
