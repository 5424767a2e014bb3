/**
 * vitest global setup: a loopback server that makes every stack run the test files ask for, each
 * distinct run once, on a pool of warm worker processes (stack-run-worker.ts), one per core.
 *
 * Most test files look at the same plain dev and prod runs, and a fresh process spends most of a
 * run loading @pulumi/aws and awsx; sharing both is what keeps `npm test` within its time. Test
 * files reach the server through stack-run-client.ts, which finds its address with vitest's
 * inject. A run is keyed by the request (stack, extra config, stack file and that file's bytes)
 * and a digest of every source the program reads, so an edit in watch mode makes a new run.
 */
import { spawn } from "node:child_process";
import type { ChildProcessWithoutNullStreams } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { availableParallelism } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";

import type { TestProject } from "vitest/node";

import { RESPONSE_PREFIX } from "./stack-run-protocol";
import type { StackRunRequest, WorkerAnswer } from "./stack-run-protocol";

const REPO_ROOT = path.resolve(__dirname, "..", "..");
const TSX = path.join(REPO_ROOT, "node_modules", ".bin", "tsx");
const WORKER = path.join(__dirname, "stack-run-worker.ts");
/** Everything the program reads: its sources, the project file and the locked dependencies. */
const SOURCE_DIRS = ["components", "config", "offline"] as const;
const SOURCE_FILES = ["index.ts", "Pulumi.yaml", "package-lock.json", "tsconfig.json"] as const;
const SOURCE_EXTENSIONS = new Set([".ts", ".json", ".yaml", ".yml"]);
const LOOPBACK = "127.0.0.1";
const HTTP_OK = 200;
const HTTP_UNPROCESSABLE = 422;
const HTTP_BAD_REQUEST = 400;

declare module "vitest" {
  export interface ProvidedContext {
    /** http://127.0.0.1:<port>/ of the stack-run server. */
    stackRunServer: string;
  }
}

function filesUnder(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true })
    .flatMap((entry) => {
      const full = path.join(directory, entry.name);
      if (entry.isDirectory()) return filesUnder(full);
      return SOURCE_EXTENSIONS.has(path.extname(entry.name)) ? [full] : [];
    })
    .sort();
}

function runKey(request: StackRunRequest): string {
  const hash = createHash("sha256");
  const stackFile = request.stackFile ?? path.join(REPO_ROOT, `Pulumi.${request.stack}.yaml`);
  const extraConfig = Object.entries(request.extraConfig ?? {}).sort(([a], [b]) => a.localeCompare(b));
  hash.update(JSON.stringify({ stack: request.stack, extraConfig, stackFile: request.stackFile ?? null }));
  hash.update(existsSync(stackFile) ? readFileSync(stackFile) : "<no stack file>");
  const sources = [...SOURCE_DIRS.flatMap((dir) => filesUnder(path.join(REPO_ROOT, dir))), ...SOURCE_FILES.map((file) => path.join(REPO_ROOT, file))];
  for (const file of sources) {
    hash.update(path.relative(REPO_ROOT, file)).update("\0").update(readFileSync(file)).update("\0");
  }
  return hash.digest("hex");
}

/** One warm process; runs one request at a time. */
class Worker {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly pending = new Map<number, (answer: WorkerAnswer) => void>();
  private stderr = "";
  private nextId = 0;
  /** The process has exited or is about to: it answers nothing more. */
  exited = false;

  constructor() {
    this.child = spawn(TSX, [WORKER], { cwd: REPO_ROOT });
    createInterface({ input: this.child.stdout }).on("line", (line) => {
      if (!line.startsWith(RESPONSE_PREFIX)) return;
      const answer = JSON.parse(line.slice(RESPONSE_PREFIX.length)) as WorkerAnswer;
      // A refused run ends the worker (stack-run-worker.ts): it takes no more requests, even
      // before its exit arrives, so the pool replaces it instead of handing it the next one.
      if (answer.error !== undefined) this.exited = true;
      this.pending.get(answer.id)?.(answer);
      this.pending.delete(answer.id);
    });
    this.child.stderr.on("data", (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.child.on("exit", (code) => {
      this.exited = true;
      for (const [id, resolve] of this.pending) {
        resolve({ id, error: `the stack-run worker exited ${code}: ${this.stderr.trim()}` });
      }
      this.pending.clear();
    });
  }

  run(request: StackRunRequest): Promise<WorkerAnswer> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.child.stdin.write(`${JSON.stringify({ ...request, id })}\n`);
    });
  }

  stop(): void {
    this.child.kill();
  }
}

/** Workers started on first use, at most one per core; requests wait for an idle one. */
class WorkerPool {
  private readonly idle: Worker[] = [];
  private readonly all = new Set<Worker>();
  private readonly waiting: ((worker: Worker) => void)[] = [];

  constructor(private readonly size: number) {}

  private acquire(): Promise<Worker> {
    const worker = this.idle.pop();
    if (worker !== undefined) return Promise.resolve(worker);
    if (this.all.size < this.size) {
      const started = new Worker();
      this.all.add(started);
      return Promise.resolve(started);
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(worker: Worker): void {
    // A worker whose run failed has exited: its slot goes to a fresh process.
    let next = worker;
    if (worker.exited) {
      this.all.delete(worker);
      if (this.waiting.length === 0) return;
      next = new Worker();
      this.all.add(next);
    }
    const waiter = this.waiting.shift();
    if (waiter === undefined) this.idle.push(next);
    else waiter(next);
  }

  async run(request: StackRunRequest): Promise<WorkerAnswer> {
    const worker = await this.acquire();
    try {
      return await worker.run(request);
    } finally {
      this.release(worker);
    }
  }

  stop(): void {
    for (const worker of this.all) worker.stop();
  }
}

export async function setup(project: TestProject): Promise<() => Promise<void>> {
  const pool = new WorkerPool(availableParallelism());
  const runs = new Map<string, Promise<WorkerAnswer>>();
  const server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString()));
    request.on("end", () => {
      let stackRequest: StackRunRequest;
      try {
        stackRequest = JSON.parse(body) as StackRunRequest;
      } catch {
        response.writeHead(HTTP_BAD_REQUEST).end("not JSON");
        return;
      }
      const key = runKey(stackRequest);
      let run = runs.get(key);
      if (run === undefined) {
        run = pool.run(stackRequest);
        runs.set(key, run);
      }
      void run.then((answer) => {
        response.writeHead(answer.error === undefined ? HTTP_OK : HTTP_UNPROCESSABLE, { "content-type": "application/json" });
        response.end(JSON.stringify(answer));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, LOOPBACK, resolve));
  const { port } = server.address() as AddressInfo;
  project.provide("stackRunServer", `http://${LOOPBACK}:${port}/`);
  return async () => {
    pool.stop();
    await new Promise((resolve) => server.close(resolve));
  };
}
