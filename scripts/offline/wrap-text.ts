/**
 * Wrapping for the plan's text, so it reads in a 100-column terminal: prose breaks at spaces with a
 * hanging indent, and a shell command breaks only where the shell lets it (outside quotes) with a
 * trailing backslash, so it still runs when copied. A single token longer than the line (an ARN, a
 * quoted command substitution) is never broken: it overflows on a line of its own.
 */

/** The widest line the plan prints, counting the indentation. */
export const WRAP_COLUMNS = 100;
/** Continuation lines start this much further in than the line they continue. */
const HANGING_INDENT = "  ";
const SHELL_CONTINUATION = " \\";

function leadingSpaces(line: string): string {
  return /^ */.exec(line)?.[0] ?? "";
}

/** Fills lines greedily with `words`; `suffix` ends every line but the last. */
function fill(words: readonly string[], firstIndent: string, nextIndent: string, width: number, suffix = ""): string[] {
  const lines: string[] = [];
  let current = "";
  for (const word of words) {
    const indent = lines.length === 0 ? firstIndent : nextIndent;
    if (current !== "" && indent.length + current.length + 1 + word.length + suffix.length > width) {
      lines.push(`${indent}${current}`);
      current = word;
    } else {
      current = current === "" ? word : `${current} ${word}`;
    }
  }
  lines.push(`${lines.length === 0 ? firstIndent : nextIndent}${current}`);
  return lines.map((line, index) => (index < lines.length - 1 ? `${line}${suffix}` : line));
}

/**
 * One line of prose as lines of at most `width` columns, continuations indented two more than
 * the line (or `continuationIndent`, e.g. the column of a table's last cell).
 */
export function wrapLine(line: string, width = WRAP_COLUMNS, continuationIndent?: string): string[] {
  if (line.length <= width) {
    return [line];
  }
  const indent = leadingSpaces(line);
  const words = line.slice(indent.length).split(" ").filter((word) => word !== "");
  // Runs of spaces inside the line (table columns) are kept up to the first break.
  const columnar = /\S {2,}\S/.test(line.slice(indent.length));
  if (columnar) {
    const breakAt = line.lastIndexOf(" ", width);
    const head = breakAt > indent.length ? line.slice(0, breakAt) : line;
    const rest = breakAt > indent.length ? line.slice(breakAt + 1) : "";
    const next = continuationIndent ?? `${indent}${HANGING_INDENT}`;
    return rest === "" ? [head] : [head, ...fill(rest.split(" ").filter((word) => word !== ""), next, next, width)];
  }
  return fill(words, indent, continuationIndent ?? `${indent}${HANGING_INDENT}`, width);
}

/** The command's words as the shell splits them: a quoted string (with any `$(...)` in it) is one word. */
function shellWords(command: string): string[] {
  const words: string[] = [];
  let current = "";
  let quote: "'" | '"' | undefined;
  for (const character of command) {
    if (quote === undefined && character === " ") {
      if (current !== "") {
        words.push(current);
      }
      current = "";
      continue;
    }
    if (quote === undefined && (character === "'" || character === '"')) {
      quote = character;
    } else if (character === quote) {
      quote = undefined;
    }
    current += character;
  }
  if (current !== "") {
    words.push(current);
  }
  return words;
}

/** A shell command at `indent`, broken outside quotes with ` \` continuations. */
export function wrapCommand(command: string, indent: string, width = WRAP_COLUMNS): string[] {
  const line = `${indent}${command}`;
  return line.length <= width ? [line] : fill(shellWords(command), indent, `${indent}${HANGING_INDENT}`, width, SHELL_CONTINUATION);
}

/** Commands run one after the other (`a && b`), one per line group, each wrapped. */
export function wrapCommandChain(commands: readonly string[], indent: string, width = WRAP_COLUMNS): string[] {
  return commands.flatMap((command, index) => {
    const lines = wrapCommand(command, indent, width - (index < commands.length - 1 ? " &&".length : 0));
    return index < commands.length - 1 ? [...lines.slice(0, -1), `${lines.at(-1) ?? ""} &&`] : lines;
  });
}
