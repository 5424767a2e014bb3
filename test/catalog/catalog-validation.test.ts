import { describe, expect, it } from "vitest";

import { catalog as projectCatalog } from "../../config/catalog";
import { CatalogValidationError } from "../../config/catalog/catalog-validation-error";
import type { CatalogProblem } from "../../config/catalog/catalog-validation-error";
import { defineCatalog } from "../../config/catalog/define-catalog";
import { validateCatalog } from "../../config/catalog/validate-catalog";
import { renderLitellmConfig } from "../../config/render/render-litellm-config";

// Catalogs here are plain objects, as JavaScript callers or generated code would pass them: the
// runtime checks must hold without the compiler's help.
const openai = (extra: Record<string, unknown> = {}) => ({ provider: "openai", model: "gpt-4.1-mini", apiKeyEnv: "OPENAI_API_KEY", ...extra });
const anthropic = (extra: Record<string, unknown> = {}) => ({ provider: "anthropic", model: "claude-haiku-4-5", apiKeyEnv: "ANTHROPIC_API_KEY", ...extra });

function catalogWith(aliases: Record<string, unknown>, rest: Record<string, unknown> = {}): unknown {
  return { aliases, ...rest };
}

/** The problems at exactly `path`. */
function problemsAt(catalog: unknown, path: string, stack?: string): CatalogProblem[] {
  const problems = validateCatalog(catalog, stack === undefined ? {} : { stack });
  return problems.filter((problem) => problem.path === path);
}

function expectOneProblem(catalog: unknown, path: string, message: RegExp, fix: RegExp, stack?: string): void {
  const found = problemsAt(catalog, path, stack);
  expect(found, JSON.stringify(validateCatalog(catalog, stack === undefined ? {} : { stack }), null, 2)).toHaveLength(1);
  expect(found[0].message).toMatch(message);
  expect(found[0].fix).toMatch(fix);
}

describe("a valid catalog", () => {
  it("the project catalog has no problem on dev or prod", () => {
    expect(validateCatalog(projectCatalog, { stack: "dev" })).toEqual([]);
    expect(validateCatalog(projectCatalog, { stack: "prod" })).toEqual([]);
  });

  it("accepts every provider family, including loopback api_base values used by end-to-end tests", () => {
    const catalog = catalogWith({
      openai: { deployments: [openai({ apiBase: "http://127.0.0.1:4010" })] },
      anthropic: { deployments: [anthropic({ apiBase: "http://127.0.0.1:4010" })] },
      azure: { deployments: [{ provider: "azure", deployment: "gpt-4o", apiBase: "http://127.0.0.1:4010", apiVersion: "2024-10-21", apiKeyEnv: "AZURE_API_KEY" }] },
      bedrock: { deployments: [{ provider: "bedrock", model: "us.anthropic.claude-sonnet-4-5-20250929-v1:0", region: "us-east-1" }] },
      vertex: { deployments: [{ provider: "vertex_ai", model: "gemini-2.5-pro", project: "my-project-123", location: "us-central1", credentialsEnv: "VERTEX_CREDENTIALS" }] },
      gemini: { deployments: [{ provider: "gemini", model: "gemini-2.5-flash", apiKeyEnv: "GEMINI_API_KEY" }] },
      mistral: { deployments: [{ provider: "mistral", model: "mistral-large-latest", apiKeyEnv: "MISTRAL_API_KEY" }] },
      groq: { deployments: [{ provider: "groq", model: "llama-3.3-70b-versatile", apiKeyEnv: "GROQ_API_KEY" }] },
      vllm: { deployments: [{ provider: "openai-compatible", model: "mistralai/Mistral-7B-Instruct-v0.3", apiBase: "http://127.0.0.1:8000/v1" }] },
    });
    expect(validateCatalog(catalog, { stack: "e2e" })).toEqual([]);
  });
});

describe("references between aliases", () => {
  it("a fallback to an alias that does not exist is reported with the defined aliases", () => {
    const catalog = catalogWith({ chat: { deployments: [openai()], fallbacks: ["chta"] } });
    expectOneProblem(catalog, "aliases.chat.fallbacks[0]", /no alias named "chta"/, /name a defined alias \(chat\)/);
  });

  it("a fallback to an alias not served on the stack is reported for that stack only", () => {
    const catalog = catalogWith({
      chat: { deployments: [openai()], contextWindowFallbacks: ["big"] },
      big: { deployments: [anthropic()], stacks: ["prod"] },
    });
    expectOneProblem(catalog, "aliases.chat.contextWindowFallbacks[0]", /"big" is not served on stack "dev"/, /add "dev" to aliases\.big\.stacks/, "dev");
    expect(validateCatalog(catalog, { stack: "prod" })).toEqual([]);
  });

  it("a default fallback naming an unknown alias is reported", () => {
    const catalog = catalogWith({ chat: { deployments: [openai()] } }, { defaultFallbacks: ["nope"] });
    expectOneProblem(catalog, "defaultFallbacks[0]", /no alias named "nope"/, /name a defined alias/);
  });

  it("an alias falling back to itself is reported", () => {
    const catalog = catalogWith({ chat: { deployments: [openai()], contentPolicyFallbacks: ["chat"] } });
    expectOneProblem(catalog, "aliases.chat.contentPolicyFallbacks[0]", /falls back to itself/, /name a different alias/);
  });

  it("a fallback cycle is reported once, naming every alias in it", () => {
    const catalog = catalogWith({
      a: { deployments: [openai()], fallbacks: ["b"] },
      b: { deployments: [anthropic()], fallbacks: ["c"] },
      c: { deployments: [openai({ model: "gpt-4.1" })], fallbacks: ["a"] },
    });
    const cycles = validateCatalog(catalog).filter((problem) => /cycle/.test(problem.message));
    expect(cycles).toHaveLength(1);
    expect(cycles[0].path).toBe("aliases.a.fallbacks");
    expect(cycles[0].message).toContain("a -> b -> c -> a");
    expect(cycles[0].fix).toMatch(/remove one link/);
  });

  it("fallbacks of different kinds do not form a cycle together", () => {
    const catalog = catalogWith({
      a: { deployments: [openai()], fallbacks: ["b"] },
      b: { deployments: [anthropic()], contextWindowFallbacks: ["a"] },
    });
    expect(validateCatalog(catalog)).toEqual([]);
  });
});

describe("aliases and deployments", () => {
  it("two deployments with the same route and api_base in one alias are reported", () => {
    const catalog = catalogWith({ chat: { deployments: [openai(), anthropic(), openai({ rpm: 100 })] } });
    expectOneProblem(catalog, "aliases.chat.deployments[2]", /duplicates deployments\[0\]/, /set weight on deployments\[0\]/);
  });

  it("the same model in two Bedrock regions is not a duplicate", () => {
    const bedrock = (region: string) => ({ provider: "bedrock", model: "amazon.nova-lite-v1:0", region });
    expect(validateCatalog(catalogWith({ chat: { deployments: [bedrock("us-east-1"), bedrock("us-west-2")] } }))).toEqual([]);
  });

  it("aliases that differ only by case are reported", () => {
    const catalog = catalogWith({ Chat: { deployments: [openai()] }, chat: { deployments: [anthropic()] } });
    expectOneProblem(catalog, "aliases.chat", /"chat" and "Chat" differ only by case/, /rename one/);
  });

  it("an alias without deployments is reported", () => {
    expectOneProblem(catalogWith({ chat: { deployments: [] } }), "aliases.chat.deployments", /at least one deployment/, /provider: "openai"/);
  });

  it.each([
    ["azure without apiVersion", { provider: "azure", deployment: "gpt-4o", apiBase: "https://x.openai.azure.com", apiKeyEnv: "AZURE_API_KEY" }, "apiVersion", /azure deployments require "apiVersion"/, /apiVersion: "2024-10-21"/],
    ["bedrock without region", { provider: "bedrock", model: "amazon.nova-lite-v1:0" }, "region", /bedrock deployments require "region"/, /region: "us-east-1"/],
    ["vertex without credentials", { provider: "vertex_ai", model: "gemini-2.5-pro", project: "p", location: "us-central1" }, "credentialsEnv", /require "credentialsEnv"/, /VERTEX_CREDENTIALS_JSON/],
    ["openai-compatible without apiBase", { provider: "openai-compatible", model: "llama3" }, "apiBase", /require "apiBase"/, /http:\/\/vllm\.internal:8000\/v1/],
    ["openai without a key name", { provider: "openai", model: "gpt-4.1" }, "apiKeyEnv", /require "apiKeyEnv"/, /OPENAI_API_KEY/],
  ])("a provider missing its required field is reported (%s)", (_name, deployment, field, message, fix) => {
    expectOneProblem(catalogWith({ chat: { deployments: [deployment] } }), `aliases.chat.deployments[0].${field}`, message, fix);
  });

  it("an unknown provider is reported with the supported ones", () => {
    expectOneProblem(
      catalogWith({ chat: { deployments: [{ provider: "openrouter", model: "x", apiKeyEnv: "K" }] } }),
      "aliases.chat.deployments[0].provider",
      /"openrouter" is not a supported provider/,
      /openai, azure, anthropic, bedrock, vertex_ai, gemini, mistral, groq, openai-compatible/,
    );
  });

  it("a model that already carries the provider prefix is reported, since the renderer adds it", () => {
    expectOneProblem(catalogWith({ chat: { deployments: [openai({ model: "openai/gpt-4.1" })] } }), "aliases.chat.deployments[0].model", /already starts with "openai\/"/, /write "gpt-4\.1"/);
  });

  it("a setting that belongs to another provider is reported instead of being forwarded", () => {
    expectOneProblem(catalogWith({ chat: { deployments: [openai({ region: "us-east-1" })] } }), "aliases.chat.deployments[0].region", /not a setting of openai deployments/, /apiKeyEnv/);
  });

  it.each([
    ["rpm", 0],
    ["tpm", -5],
    ["weight", 1.5],
    ["order", "1"],
    ["timeoutSeconds", 0],
    ["maxInputTokens", Number.NaN],
  ])("a non-positive or non-integer %s is reported", (field, value) => {
    expectOneProblem(catalogWith({ chat: { deployments: [openai({ [field]: value })] } }, { routing: { enablePreCallChecks: true } }), `aliases.chat.deployments[0].${field}`, /is not (a whole number|a number) greater than 0/, /write e\.g\. \d+/);
  });

  it.each([
    ["ftp://models.internal/v1", /not an http or https URL/],
    ["vllm.internal:8000", /not an http or https URL/],
    ["not a url", /is not a URL/],
    ["https://user:pass@vllm.internal/v1", /carries credentials/],
  ])("an api_base that is not a plain http(s) URL is reported (%s)", (apiBase, message) => {
    expectOneProblem(catalogWith({ chat: { deployments: [openai({ apiBase })] } }), "aliases.chat.deployments[0].apiBase", message, /http\(s\) base URL/);
  });

  it("an empty stacks list is reported", () => {
    expectOneProblem(catalogWith({ chat: { deployments: [openai()], stacks: [] } }), "aliases.chat.stacks", /non-empty list/, /\["prod"\]/);
  });
});

describe("secret names and secret values", () => {
  it.each(["openai_api_key", "OPENAI API KEY", "1PASSWORD", ""])("%j is not accepted as an environment variable name", (name) => {
    expectOneProblem(catalogWith({ chat: { deployments: [openai({ apiKeyEnv: name })] } }), "aliases.chat.deployments[0].apiKeyEnv", /not a valid environment variable name/, /e\.g\. "OPENAI_API_KEY"/);
  });

  it.each(["LITELLM_MASTER_KEY", "DATABASE_URL", "AWS_SECRET_ACCESS_KEY"])("the gateway's own variable %s cannot be a provider key", (name) => {
    expectOneProblem(catalogWith({ chat: { deployments: [openai({ apiKeyEnv: name })] } }), "aliases.chat.deployments[0].apiKeyEnv", /is reserved: it is (set by the gateway's task itself|in the (LITELLM|AWS)_\* namespace)/, /choose a name of your own/);
  });

  it.each([
    ["an OpenAI key", "apiKeyEnv", "sk-proj-4f9a8b7c6d5e4f3a2b1c", /sk-/],
    ["an Anthropic key", "model", "sk-ant-api03-abcdefghijklmnop", /sk-/],
    ["an AWS access key id", "apiKeyEnv", "AKIAIOSFODNN7EXAMPLE", /AWS access key/],
    ["a Google API key", "model", "AIzaSyA1b2C3d4E5f6G7h8I9j0KlMnOpQrStUv", /Google API key/],
    ["a Groq key", "model", "gsk_8d7f6e5d4c3b2a1f0e9d", /Groq/],
    ["an Azure key (32 hex digits)", "model", "3f2a9c81d74b4e6fa0b5c2d19e8f7a6b", /long random string/],
    ["a key in an api_base query string", "apiBase", "https://api.example.com/v1?key=Zx8Qm2Lp9Vt4Rk7Wn3Yb6Hc1Jd5Fg0Se", /long random string/],
    ["a PEM private key", "model", "-----BEGIN PRIVATE KEY-----\nMIIEv...", /PEM/],
    ["a service-account JSON", "model", '{"type": "service_account", "project_id": "p"}', /JSON credential/],
  ])("%s anywhere in the catalog is refused", (_name, field, value, kind) => {
    const found = problemsAt(catalogWith({ chat: { deployments: [openai({ [field]: value })] } }), `aliases.chat.deployments[0].${field}`).filter((problem) => /must never hold a credential/.test(problem.message));
    expect(found).toHaveLength(1);
    expect(found[0].message).toMatch(kind);
    expect(found[0].fix).toMatch(/write only its NAME/);
  });

  it.each(["m-sk-a-a-", "risk-model", "desk-assistant-v2"])("a name that merely contains sk- (%s) is not mistaken for a key", (alias) => {
    expect(validateCatalog(catalogWith({ [alias]: { deployments: [openai()] } }))).toEqual([]);
  });

  it("a key pasted into an apiKey field is refused with a pointer to apiKeyEnv", () => {
    const found = problemsAt(catalogWith({ chat: { deployments: [openai({ apiKey: "hunter2" })] } }), "aliases.chat.deployments[0].apiKey");
    expect(found).toHaveLength(1);
    expect(found[0].message).toMatch(/never holds key values/);
    expect(found[0].fix).toMatch(/apiKeyEnv: "OPENAI_API_KEY"/);
  });

  it("ordinary model ids, project ids and URLs are not mistaken for keys", () => {
    const catalog = catalogWith({
      a: { deployments: [{ provider: "bedrock", model: "arn:aws:bedrock:us-east-1:123456789012:provisioned-model/abc123def456", region: "us-east-1" }] },
      b: { deployments: [{ provider: "openai-compatible", model: "mistralai/Mixtral-8x22B-Instruct-v0.1", apiBase: "https://inference-prod-eu-west-1.internal.example.com/v1" }] },
      c: { deployments: [{ provider: "vertex_ai", model: "gemini-2.5-flash-preview-09-2025", project: "acme-ml-platform-prod-4815", location: "europe-west4", credentialsEnv: "VERTEX_SERVICE_ACCOUNT_JSON_PRODUCTION" }] },
    });
    expect(validateCatalog(catalog)).toEqual([]);
  });
});

describe("routing settings", () => {
  it("usage-based routing reports each served deployment without rpm or tpm", () => {
    const catalog = catalogWith({ chat: { deployments: [openai({ tpm: 100_000 }), anthropic()] } }, { routing: { strategy: "usage-based-routing-v2" } });
    expectOneProblem(catalog, "aliases.chat.deployments[1]", /routes by each deployment's rpm\/tpm limits/, /rpm: 500, tpm: 200000/);
    expect(problemsAt(catalog, "aliases.chat.deployments[0]")).toEqual([]);
  });

  it("order without pre-call checks is reported", () => {
    const catalog = catalogWith({ chat: { deployments: [openai({ order: 1 }), anthropic({ order: 2 })] } });
    expectOneProblem(catalog, "aliases.chat.deployments[0].order", /enablePreCallChecks is not true/, /enablePreCallChecks: true/);
    expect(validateCatalog({ ...(catalog as object), routing: { enablePreCallChecks: true } })).toEqual([]);
  });

  it("a routing strategy LiteLLM does not have is reported with the six it has", () => {
    expectOneProblem(
      catalogWith({ chat: { deployments: [openai()] } }, { routing: { strategy: "round-robin" } }),
      "routing.strategy",
      /"round-robin" is not one of LiteLLM's routing strategies/,
      /simple-shuffle, least-busy, usage-based-routing, usage-based-routing-v2, latency-based-routing, cost-based-routing/,
    );
  });

  it("negative retries and a zero timeout are reported", () => {
    const catalog = catalogWith({ chat: { deployments: [openai()] } }, { routing: { numRetries: -1, timeoutSeconds: 0, cooldownSeconds: -3 } });
    expect(problemsAt(catalog, "routing.numRetries")[0].message).toMatch(/not a whole number of 0 or more/);
    expect(problemsAt(catalog, "routing.timeoutSeconds")[0].message).toMatch(/not a number greater than 0/);
    expect(problemsAt(catalog, "routing.cooldownSeconds")[0].message).toMatch(/not a number greater than 0/);
  });

  it("a timeout longer than the load balancer's deregistration delay is reported, where the catalog sets it", () => {
    expectOneProblem(catalogWith({ chat: { deployments: [openai()] } }, { routing: { timeoutSeconds: 601 } }), "routing.timeoutSeconds", /601 s is longer than the longest request the gateway allows \(600 s/, /at most 600/);
    for (const option of ["timeoutSeconds", "streamTimeoutSeconds"]) {
      expectOneProblem(catalogWith({ chat: { deployments: [openai({ [option]: 900 })] } }), `aliases.chat.deployments[0].${option}`, /900 s is longer than/, /REQUEST_TIMEOUT_SECONDS/);
    }
    expect(validateCatalog(catalogWith({ chat: { deployments: [openai({ timeoutSeconds: 600, streamTimeoutSeconds: 600 })] } }, { routing: { timeoutSeconds: 600 } }))).toEqual([]);
  });

  it("a misspelt routing key is reported instead of being silently ignored", () => {
    expectOneProblem(catalogWith({ chat: { deployments: [openai()] } }, { routing: { num_retries: 3 } }), "routing.num_retries", /not a catalog setting/, /numRetries/);
  });
});

describe("empty catalogs", () => {
  it("a catalog without aliases is reported", () => {
    expectOneProblem(catalogWith({}), "aliases", /defines no aliases/, /add at least one alias/);
  });

  it("a catalog serving nothing on the stack is reported for that stack", () => {
    const catalog = catalogWith({ chat: { deployments: [openai()], stacks: ["prod"] } });
    expectOneProblem(catalog, "aliases", /no alias is served on stack "dev"/, /add "dev" to the stacks list/, "dev");
  });

  it("something that is not a catalog is reported", () => {
    expect(validateCatalog(undefined)[0]).toMatchObject({ path: "catalog" });
    expect(validateCatalog({ models: [] })[0]).toMatchObject({ path: "aliases" });
  });
});

describe("reporting", () => {
  const broken = catalogWith(
    {
      chat: { deployments: [openai({ apiKeyEnv: "openai-key", rpm: 0 })], fallbacks: ["missing"] },
      Chat: { deployments: [{ provider: "azure", deployment: "gpt-4o", apiBase: "ftp://x", apiKeyEnv: "AZURE_API_KEY" }] },
    },
    { routing: { strategy: "fastest" } },
  );

  it("every problem is reported at once, each with its path and fix, one per line in the message", () => {
    const problems = validateCatalog(broken);
    expect(problems.map((problem) => problem.path).sort()).toEqual(
      [
        "aliases.Chat.deployments[0].apiBase",
        "aliases.Chat.deployments[0].apiVersion",
        "aliases.Chat",
        "aliases.chat.deployments[0].apiKeyEnv",
        "aliases.chat.deployments[0].rpm",
        "aliases.chat.fallbacks[0]",
        "routing.strategy",
      ].sort(),
    );
    const error = new CatalogValidationError(problems);
    const lines = error.message.split("\n");
    expect(lines[0]).toBe("The model catalog has 7 problems:");
    expect(lines.slice(1)).toHaveLength(problems.length);
    for (const [index, problem] of problems.entries()) {
      expect(lines[index + 1]).toBe(`  - ${problem.path}: ${problem.message} Fix: ${problem.fix}`);
    }
  });

  it("defineCatalog throws the whole list for a catalog built at run time", () => {
    const build = () => defineCatalog(broken as Parameters<typeof defineCatalog>[0]);
    expect(build).toThrow(CatalogValidationError);
    try {
      build();
    } catch (error) {
      expect((error as CatalogValidationError).problems).toHaveLength(7);
    }
  });

  it("renderLitellmConfig refuses an invalid catalog before producing anything", () => {
    const catalog = catalogWith({ chat: { deployments: [openai()], stacks: ["prod"] } });
    expect(() => renderLitellmConfig(catalog as never, { stack: "dev" })).toThrow(/no alias is served on stack "dev"/);
  });
});
