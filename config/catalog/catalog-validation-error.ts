/** One thing wrong with a catalog, written for the person who must fix it. */
export interface CatalogProblem {
  /** Where in the catalog, e.g. `aliases.claude-sonnet.deployments[1].apiBase`. */
  readonly path: string;
  /** What was found and why it is wrong. */
  readonly message: string;
  /** What to write instead, with an example of a valid value. */
  readonly fix: string;
}

/**
 * Thrown before anything is rendered or written when a catalog has problems. It carries every
 * problem at once, so one run shows the whole list instead of one error per attempt.
 */
export class CatalogValidationError extends Error {
  readonly problems: readonly CatalogProblem[];

  constructor(problems: readonly CatalogProblem[]) {
    super(formatProblems(problems));
    this.name = "CatalogValidationError";
    this.problems = problems;
  }
}

/** One problem per line: `path: message Fix: fix`. */
export function formatProblem(problem: CatalogProblem): string {
  return `${problem.path}: ${problem.message} Fix: ${problem.fix}`;
}

function formatProblems(problems: readonly CatalogProblem[]): string {
  const heading =
    problems.length === 1 ? "The model catalog has 1 problem:" : `The model catalog has ${problems.length} problems:`;
  return [heading, ...problems.map((problem) => `  - ${formatProblem(problem)}`)].join("\n");
}
