/**
 * What the smoke command reads before it checks anything: its command line, the stack outputs and
 * the master key from Secrets Manager (through the real SDK client with its HTTP handler replaced,
 * so the request that would go to AWS is the one asserted on). Plus the virtual-key clean-up, with
 * a scripted gateway: the DB-less LiteLLM of the other test file cannot create keys at all.
 */
import { Readable } from "node:stream";

import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { describe, expect, it } from "vitest";

import { runSmokeCommand } from "../../scripts/smoke";
import { catalogStackName, parseSmokeArguments, SmokeUsageError } from "../../scripts/smoke/smoke-arguments";
import { runSmokeChecks, smokeExitCode } from "../../scripts/smoke/smoke-checks";
import type { SmokeFetch } from "../../scripts/smoke/smoke-checks";
import { MasterKeyUnavailableError, readMasterKey } from "../../scripts/smoke/smoke-master-key";
import type { SecretsManagerSender } from "../../scripts/smoke/smoke-master-key";
import { parseStackOutputs, regionFromSecretArn } from "../../scripts/smoke/smoke-stack-outputs";

const SECRET_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:litellm-secrets-master-key-AbCdEf";

describe("smoke command line", () => {
  it("accepts every documented flag", () => {
    expect(
      parseSmokeArguments(["--stack", "dev", "--outputs-file", "o.json", "--url", "https://llm.example.com", "--master-key-env", "KEY", "--completions", "--admin"]),
    ).toEqual({
      kind: "run",
      arguments: { stack: "dev", outputsFile: "o.json", url: "https://llm.example.com", masterKeyEnv: "KEY", completions: true, admin: true },
    });
    expect(parseSmokeArguments(["--help"])).toEqual({ kind: "help" });
  });

  it.each([
    [[], /--stack is required/],
    [["--stack", "dev", "--verbose"], /Unknown option '--verbose'.*Example: npm run smoke -- --stack dev/],
    [["--stack", "dev", "--url", "llm.example.com"], /--url must be an http\(s\) URL.*found "llm.example.com"/],
    [["--stack", "dev", "--master-key-env", "sk-abc"], /takes the NAME of an environment variable/],
  ])("rejects %j with a message that says what to write", (argv, message) => {
    expect(() => parseSmokeArguments(argv)).toThrow(SmokeUsageError);
    expect(() => parseSmokeArguments(argv)).toThrow(message);
  });

  it("exits 2 on a usage error and on a key variable that is not set, before any request", async () => {
    const requested: string[] = [];
    const fetch: SmokeFetch = (url) => {
      requested.push(url);
      return Promise.reject(new Error("no request expected"));
    };
    const errors: string[] = [];
    const io = { env: {}, print: () => undefined, printError: (line: string) => errors.push(line), fetch };

    expect(await runSmokeCommand(["--url", "http://127.0.0.1:1"], io)).toBe(2);
    expect(await runSmokeCommand(["--stack", "dev", "--url", "http://127.0.0.1:1", "--master-key-env", "UNSET_KEY"], io)).toBe(2);
    expect(errors.join("\n")).toContain("--master-key-env UNSET_KEY: that environment variable is not set or empty");
    expect(requested).toEqual([]);
  });

  it("uses the last segment of a Pulumi Cloud stack name for the catalog", () => {
    expect(catalogStackName("acme/litellm-gateway/prod")).toBe("prod");
    expect(catalogStackName("acme/dev")).toBe("dev");
    expect(catalogStackName("dev")).toBe("dev");
  });
});

describe("stack outputs", () => {
  it("keeps url, masterKeySecretArn and models and ignores the other outputs", () => {
    expect(parseStackOutputs({ url: "http://lb", masterKeySecretArn: SECRET_ARN, models: ["a"], clusterName: "c" }, "test")).toEqual({
      url: "http://lb",
      masterKeySecretArn: SECRET_ARN,
      models: ["a"],
    });
  });

  it("names the output that is wrong and the source it came from", () => {
    expect(() => parseStackOutputs({ masterKeySecretArn: "litellm-master-key" }, "outputs.json")).toThrow(/outputs\.json.*masterKeySecretArn/);
    expect(() => parseStackOutputs(["not", "an", "object"], "outputs.json")).toThrow(SmokeUsageError);
  });

  it("takes the Secrets Manager region from the ARN", () => {
    expect(regionFromSecretArn(SECRET_ARN)).toBe("eu-west-1");
    expect(() => regionFromSecretArn("arn:aws:secretsmanager::123:secret:x")).toThrow(/has no region/);
  });
});

describe("master key from Secrets Manager", () => {
  /** A real SDK client whose HTTP handler answers locally and records what would have been sent. */
  function clientAnswering(body: Record<string, unknown>, status = 200) {
    const sent: { hostname: string; target: string | undefined; body: unknown }[] = [];
    const client = new SecretsManagerClient({
      region: regionFromSecretArn(SECRET_ARN),
      credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
      maxAttempts: 1,
      requestHandler: {
        handle: (request: { hostname: string; headers: Record<string, string>; body: string | Uint8Array }) => {
          const text = typeof request.body === "string" ? request.body : new TextDecoder().decode(request.body);
          sent.push({ hostname: request.hostname, target: request.headers["x-amz-target"], body: JSON.parse(text) as unknown });
          return Promise.resolve({
            response: {
              statusCode: status,
              headers: { "content-type": "application/x-amz-json-1.1" },
              body: Readable.from([Buffer.from(JSON.stringify(body))]),
            },
          });
        },
      } as never,
    });
    return { client, sent };
  }

  it("sends GetSecretValue for the stack's masterKeySecretArn and returns the SecretString", async () => {
    const { client, sent } = clientAnswering({ ARN: SECRET_ARN, SecretString: "sk-from-secrets-manager" });

    await expect(readMasterKey(SECRET_ARN, client)).resolves.toBe("sk-from-secrets-manager");
    expect(sent).toEqual([
      { hostname: "secretsmanager.eu-west-1.amazonaws.com", target: "secretsmanager.GetSecretValue", body: { SecretId: SECRET_ARN } },
    ]);
  });

  it("fails with the ARN and the fix when the secret has no string value", async () => {
    const { client } = clientAnswering({ ARN: SECRET_ARN });

    const failure = readMasterKey(SECRET_ARN, client);
    await expect(failure).rejects.toThrow(MasterKeyUnavailableError);
    await expect(failure).rejects.toThrow(`The secret ${SECRET_ARN} has no string value`);
  });

  it("turns an AWS error into a message naming the permission and --master-key-env", async () => {
    const { client } = clientAnswering({ __type: "AccessDeniedException", message: "not authorized to perform secretsmanager:GetSecretValue" }, 400);

    await expect(readMasterKey(SECRET_ARN, client)).rejects.toThrow(/AccessDeniedException.*secretsmanager:GetSecretValue.*--master-key-env/);
  });

  it("exits 2 through the command when the secret is empty, without calling the gateway", async () => {
    const sender: SecretsManagerSender = { send: () => Promise.resolve({ SecretString: "" }) } as unknown as SecretsManagerSender;
    const errors: string[] = [];
    const fetch: SmokeFetch = () => Promise.reject(new Error("no request expected"));

    const code = await runSmokeCommand(["--stack", "dev"], {
      env: {},
      print: () => undefined,
      printError: (line) => errors.push(line),
      readStackOutputs: () => ({ url: "http://127.0.0.1:1", masterKeySecretArn: SECRET_ARN }),
      secretsClient: sender,
      fetch,
    });

    expect(code).toBe(2);
    expect(errors[0]).toContain("has no string value");
  });
});

describe("health checks (scripted gateway)", () => {
  it("fails readiness on a 503 and liveness on a refused connection, and says what came back", async () => {
    const fetch: SmokeFetch = (url) => {
      const path = new URL(url).pathname;
      if (path === "/health/liveliness") {
        return Promise.reject(new TypeError("fetch failed", { cause: new Error("connect ECONNREFUSED 10.0.0.1:80") }));
      }
      if (path === "/health/readiness") {
        return Promise.resolve(Response.json({ status: "unhealthy", db: "Not connected" }, { status: 503 }));
      }
      return Promise.resolve(Response.json({ data: [{ id: "a" }] }));
    };

    const results = await runSmokeChecks({ baseUrl: "http://gw", masterKey: "sk-master", expectedAliases: ["a"], fetch });

    expect(results[0]).toEqual({ name: "liveness", status: "fail", detail: "GET /health/liveliness failed: fetch failed (connect ECONNREFUSED 10.0.0.1:80)" });
    expect(results[1]).toMatchObject({ name: "readiness", status: "fail" });
    expect(results[1]?.detail).toContain("answered 503, expected 200");
    expect(smokeExitCode(results)).toBe(1);
  });
});

describe("virtual key clean-up (scripted gateway)", () => {
  const MASTER_KEY = "sk-master";
  const VIRTUAL_KEY = "sk-virtual";

  /** Answers like LiteLLM with a database, except where `override` says otherwise. */
  function scriptedGateway(override: (path: string, key: string | undefined, body: Record<string, unknown>) => Response | undefined) {
    const calls: string[] = [];
    const fetch: SmokeFetch = (url, init) => {
      const path = new URL(url).pathname;
      const key = (init?.headers as Record<string, string> | undefined)?.authorization?.replace("Bearer ", "");
      const body = typeof init?.body === "string" ? (JSON.parse(init.body) as Record<string, unknown>) : {};
      calls.push(`${init?.method ?? "GET"} ${path}${key === VIRTUAL_KEY ? " (virtual key)" : ""}`);
      const answer = override(path, key, body);
      if (answer !== undefined) {
        return Promise.resolve(answer);
      }
      const json = (value: unknown, status = 200) => Promise.resolve(Response.json(value, { status }));
      switch (path) {
        case "/v1/models":
          return json({ data: (key === VIRTUAL_KEY ? ["a"] : ["a", "b"]).map((id) => ({ id })) });
        case "/key/generate":
          return json({ key: VIRTUAL_KEY });
        case "/v1/chat/completions":
          return key === VIRTUAL_KEY && body.model !== "a" ? json({ error: { message: "key not allowed" } }, 401) : json({ choices: [{}] });
        default:
          return json({});
      }
    };
    return { fetch, calls };
  }

  it("passes every virtual-key check against a gateway that enforces the key's alias", async () => {
    const { fetch } = scriptedGateway(() => undefined);

    const results = await runSmokeChecks({ baseUrl: "https://gw", masterKey: MASTER_KEY, expectedAliases: ["a", "b"], adminPlane: true, fetch });

    expect(results.filter((result) => result.name.startsWith("virtual key")).map(({ name, status }) => [name, status])).toEqual([
      ["virtual key: create", "pass"],
      ["virtual key: sees only its alias", "pass"],
      ["virtual key: refused another alias", "pass"],
      ["virtual key: delete", "pass"],
    ]);
    expect(smokeExitCode(results)).toBe(0);
  });

  it("fails when the key is NOT refused another alias, and still deletes the key", async () => {
    const { fetch, calls } = scriptedGateway((path) => (path === "/v1/chat/completions" ? Response.json({ choices: [{}] }) : undefined));

    const results = await runSmokeChecks({ baseUrl: "https://gw", masterKey: MASTER_KEY, expectedAliases: ["a", "b"], adminPlane: true, fetch });

    expect(results.find((result) => result.name === "virtual key: refused another alias")).toMatchObject({ status: "fail" });
    expect(calls.at(-1)).toBe("POST /key/delete");
    expect(smokeExitCode(results)).toBe(1);
  });

  it("deletes the key even when a request made with it fails to connect", async () => {
    const { fetch, calls } = scriptedGateway((path, key) => {
      if (key === VIRTUAL_KEY) {
        throw new Error("connection reset");
      }
      return path === "/key/delete" ? Response.json({ deleted_keys: [VIRTUAL_KEY] }) : undefined;
    });

    const results = await runSmokeChecks({ baseUrl: "https://gw", masterKey: MASTER_KEY, expectedAliases: ["a", "b"], adminPlane: true, fetch });

    expect(results.find((result) => result.name === "virtual key: sees only its alias")?.detail).toContain("connection reset");
    expect(results.at(-1)).toMatchObject({ name: "virtual key: delete", status: "pass" });
    expect(calls.at(-1)).toBe("POST /key/delete");
  });

  it("limits the key to one served alias for a short time", async () => {
    let generateBody: Record<string, unknown> = {};
    const { fetch } = scriptedGateway((path, _key, body) => {
      if (path === "/key/generate") {
        generateBody = body;
      }
      return undefined;
    });

    await runSmokeChecks({ baseUrl: "https://gw/", masterKey: MASTER_KEY, expectedAliases: ["b", "a"], adminPlane: true, fetch });

    expect(generateBody).toMatchObject({ models: ["a"], duration: "10m" });
  });
});
