/**
 * A fake LLM provider on loopback that speaks the three wire formats the catalog renders to:
 * OpenAI chat completions (`.../chat/completions`, plain and SSE streaming), Anthropic messages
 * (`.../v1/messages`) and Azure OpenAI (`/openai/deployments/{deployment}/chat/completions`).
 *
 * Each provider model id can be given a behaviour (fail with a 500, a 429, a context-window or a
 * content-policy error, or answer slowly), and every request is logged (model id, path, headers
 * without secrets) so tests can count what LiteLLM actually sent.
 *
 * The error bodies are the ones LiteLLM 1.108.7 classifies for OpenAI-style providers
 * (litellm/litellm_core_utils/exception_mapping_utils.py, `_map_openai_exception`):
 * - ContextWindowExceededError: the error text contains "this model's maximum context length is"
 *   (`ExceptionCheckers.is_error_str_context_window_exceeded`);
 * - ContentPolicyViolationError: the text contains "Invalid prompt" and "violating our usage
 *   policy" (OpenAI's wording for a flagged chat prompt). The check for "invalid_request_error" plus
 *   "content_policy_violation" never fires with the openai SDK LiteLLM installs (3.x): its exception
 *   text holds only the body's `message`, not its `type` or `code`. So a refusal signalled by the
 *   code alone is a plain 400 to LiteLLM ("content-policy-code-only" shows it);
 * - RateLimitError: status 429 (a bare "429" or "rate limit" in the text also counts, so no other
 *   error body here may contain either).
 */
import { createHash } from "node:crypto";
import { createServer } from "node:http";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type FakeBehaviour =
  | { readonly kind: "ok" }
  /** HTTP 500 with an OpenAI-style server error body. */
  | { readonly kind: "server-error" }
  /** HTTP 429 with a `Retry-After` header. */
  | { readonly kind: "rate-limit"; readonly retryAfterSeconds: number }
  /** HTTP 400 that LiteLLM maps to ContextWindowExceededError. */
  | { readonly kind: "context-window" }
  /** HTTP 400 that LiteLLM maps to ContentPolicyViolationError. */
  | { readonly kind: "content-policy" }
  /** HTTP 400 with `code: "content_policy_violation"` and a message LiteLLM does not recognise. */
  | { readonly kind: "content-policy-code-only" }
  /** Answers normally, but only after `delayMs` (to go past a deployment's timeout). */
  | { readonly kind: "slow"; readonly delayMs: number }
  /**
   * HTTP 401 whose message quotes the whole credential it refused: the worst a provider may do,
   * for tests that check nothing downstream prints a key.
   */
  | { readonly kind: "invalid-key-echoed" };

export type WireFormat = "openai" | "anthropic" | "azure";

export interface ReceivedRequest {
  readonly format: WireFormat;
  readonly method: string;
  /** Path and query string, e.g. `/openai/deployments/gpt4o-east/chat/completions?api-version=2024-10-21`. */
  readonly path: string;
  /** The provider model id: the body's `model`, or the Azure deployment from the path. */
  readonly model: string;
  readonly stream: boolean;
  /** Request headers with credentials replaced by `"<redacted>"`. */
  readonly headers: Readonly<Record<string, string>>;
  /**
   * First 12 hex characters of SHA-256 of the credential LiteLLM sent (Authorization bearer,
   * `api-key` or `x-api-key`), so a test can check which key arrived without the log holding it.
   */
  readonly credentialSha256?: string;
  /** The status the fake answered with. */
  readonly status: number;
  readonly receivedAt: number;
}

export interface FakeProvider {
  /** e.g. `http://127.0.0.1:41234` (no trailing slash). */
  readonly origin: string;
  readonly requests: readonly ReceivedRequest[];
  setBehaviour(model: string, behaviour: FakeBehaviour): void;
  clearLog(): void;
  /** Requests for one provider model id. */
  requestsFor(model: string): ReceivedRequest[];
  close(): Promise<void>;
}

/** The text every successful completion carries, so tests can see it came from the fake. */
export const FAKE_REPLY_TEXT = "Hello from the fake provider.";

/** Headers whose values are credentials and never go into the log. */
const SECRET_HEADERS = new Set(["authorization", "api-key", "x-api-key", "proxy-authorization", "cookie"]);

const HTTP_OK = 200;
const HTTP_BAD_REQUEST = 400;
const HTTP_UNAUTHORIZED = 401;
const HTTP_NOT_FOUND = 404;
const HTTP_TOO_MANY_REQUESTS = 429;
const HTTP_INTERNAL_SERVER_ERROR = 500;

/** Enough of the digest to tell keys apart, too little to be a key. */
const CREDENTIAL_FINGERPRINT_HEX_CHARS = 12;

/** Fixed usage numbers: the proxy's spend tracking needs some, their values do not matter. */
const PROMPT_TOKENS = 11;
const COMPLETION_TOKENS = 7;

const AZURE_PATH = /^\/openai\/deployments\/([^/]+)\/chat\/completions$/;

export function credentialFingerprint(credential: string): string {
  return createHash("sha256").update(credential).digest("hex").slice(0, CREDENTIAL_FINGERPRINT_HEX_CHARS);
}

export async function startFakeProvider(): Promise<FakeProvider> {
  const behaviours = new Map<string, FakeBehaviour>();
  const requests: ReceivedRequest[] = [];

  const server = createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => {
      response.writeHead(HTTP_INTERNAL_SERVER_ERROR, { "content-type": "text/plain" });
      response.end(`fake provider crashed: ${String(error)}`);
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? "/", "http://fake");
    const rawBody = await readBody(request);
    const body = parseJson(rawBody);
    const route = classify(url.pathname, body);
    if (route === undefined) {
      sendJson(response, HTTP_NOT_FOUND, { error: { message: `fake provider: no route for ${url.pathname}` } });
      return;
    }
    const behaviour = behaviours.get(route.model) ?? { kind: "ok" };
    const stream = body?.stream === true;
    const status = statusFor(behaviour);
    requests.push({
      format: route.format,
      method: request.method ?? "GET",
      path: `${url.pathname}${url.search}`,
      model: route.model,
      stream,
      headers: redactHeaders(request),
      credentialSha256: credentialOf(request),
      status,
      receivedAt: Date.now(),
    });

    switch (behaviour.kind) {
      case "server-error":
        sendError(response, route.format, HTTP_INTERNAL_SERVER_ERROR, "server_error", "The server had an error while processing your request.");
        return;
      case "rate-limit":
        response.setHeader("retry-after", String(behaviour.retryAfterSeconds));
        sendError(response, route.format, HTTP_TOO_MANY_REQUESTS, "requests", "Rate limit reached for requests. Please try again later.", "rate_limit_exceeded");
        return;
      case "context-window":
        sendError(
          response,
          route.format,
          HTTP_BAD_REQUEST,
          "invalid_request_error",
          "This model's maximum context length is 8192 tokens. However, your messages resulted in 9000 tokens. Please reduce the length of the messages.",
          "context_length_exceeded",
        );
        return;
      case "content-policy":
        sendError(
          response,
          route.format,
          HTTP_BAD_REQUEST,
          "invalid_request_error",
          "Invalid prompt: your prompt was flagged as potentially violating our usage policy. Please try again with a different prompt.",
          "invalid_prompt",
        );
        return;
      case "content-policy-code-only":
        sendError(
          response,
          route.format,
          HTTP_BAD_REQUEST,
          "invalid_request_error",
          "Your request was rejected as a result of our safety system.",
          "content_policy_violation",
        );
        return;
      case "invalid-key-echoed":
        sendError(response, route.format, HTTP_UNAUTHORIZED, "invalid_request_error", `Incorrect API key provided: ${presentedCredential(request) ?? "(none)"}.`, "invalid_api_key");
        return;
      case "slow":
        await delay(behaviour.delayMs);
        if (response.destroyed) {
          return;
        }
        break;
      case "ok":
        break;
    }
    if (route.format === "anthropic") {
      answerAnthropic(response, route.model, stream);
    } else {
      answerOpenAi(response, route.model, stream);
    }
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    setBehaviour: (model, behaviour) => behaviours.set(model, behaviour),
    clearLog: () => requests.splice(0, requests.length),
    requestsFor: (model) => requests.filter((received) => received.model === model),
    close: () => closeServer(server),
  };
}

function classify(
  pathname: string,
  body: Record<string, unknown> | undefined,
): { format: WireFormat; model: string } | undefined {
  const azure = AZURE_PATH.exec(pathname);
  if (azure) {
    return { format: "azure", model: decodeURIComponent(azure[1]) };
  }
  const model = typeof body?.model === "string" ? body.model : "<none>";
  if (pathname.endsWith("/chat/completions")) {
    return { format: "openai", model };
  }
  if (pathname.endsWith("/messages")) {
    return { format: "anthropic", model };
  }
  return undefined;
}

function statusFor(behaviour: FakeBehaviour): number {
  switch (behaviour.kind) {
    case "server-error":
      return HTTP_INTERNAL_SERVER_ERROR;
    case "rate-limit":
      return HTTP_TOO_MANY_REQUESTS;
    case "context-window":
    case "content-policy":
    case "content-policy-code-only":
      return HTTP_BAD_REQUEST;
    case "ok":
    case "slow":
      return HTTP_OK;
    case "invalid-key-echoed":
      return HTTP_UNAUTHORIZED;
  }
}

function sendError(
  response: ServerResponse,
  format: WireFormat,
  status: number,
  type: string,
  message: string,
  code: string | null = null,
): void {
  if (format === "anthropic") {
    // Anthropic's error envelope; LiteLLM maps it by status code.
    sendJson(response, status, { type: "error", error: { type, message } });
    return;
  }
  sendJson(response, status, { error: { message, type, param: null, code } });
}

function answerOpenAi(response: ServerResponse, model: string, stream: boolean): void {
  const id = `chatcmpl-fake-${Date.now()}`;
  const created = Math.floor(Date.now() / 1000);
  if (!stream) {
    sendJson(response, HTTP_OK, {
      id,
      object: "chat.completion",
      created,
      model,
      choices: [{ index: 0, message: { role: "assistant", content: FAKE_REPLY_TEXT }, finish_reason: "stop" }],
      usage: { prompt_tokens: PROMPT_TOKENS, completion_tokens: COMPLETION_TOKENS, total_tokens: PROMPT_TOKENS + COMPLETION_TOKENS },
    });
    return;
  }
  response.writeHead(HTTP_OK, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  const chunk = (delta: Record<string, unknown>, finishReason: string | null, usage?: Record<string, number>) =>
    `data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model, choices: [{ index: 0, delta, finish_reason: finishReason }], ...(usage ? { usage } : {}) })}\n\n`;
  response.write(chunk({ role: "assistant", content: "" }, null));
  // One chunk per word, so the client sees more than one content delta.
  for (const word of FAKE_REPLY_TEXT.split(/(?<= )/)) {
    response.write(chunk({ content: word }, null));
  }
  response.write(
    chunk({}, "stop", { prompt_tokens: PROMPT_TOKENS, completion_tokens: COMPLETION_TOKENS, total_tokens: PROMPT_TOKENS + COMPLETION_TOKENS }),
  );
  response.end("data: [DONE]\n\n");
}

function answerAnthropic(response: ServerResponse, model: string, stream: boolean): void {
  const id = `msg_fake_${Date.now()}`;
  if (!stream) {
    sendJson(response, HTTP_OK, {
      id,
      type: "message",
      role: "assistant",
      model,
      content: [{ type: "text", text: FAKE_REPLY_TEXT }],
      stop_reason: "end_turn",
      stop_sequence: null,
      usage: { input_tokens: PROMPT_TOKENS, output_tokens: COMPLETION_TOKENS },
    });
    return;
  }
  response.writeHead(HTTP_OK, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  const event = (name: string, data: Record<string, unknown>) => response.write(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`);
  event("message_start", {
    type: "message_start",
    message: { id, type: "message", role: "assistant", model, content: [], stop_reason: null, usage: { input_tokens: PROMPT_TOKENS, output_tokens: 1 } },
  });
  event("content_block_start", { type: "content_block_start", index: 0, content_block: { type: "text", text: "" } });
  for (const word of FAKE_REPLY_TEXT.split(/(?<= )/)) {
    event("content_block_delta", { type: "content_block_delta", index: 0, delta: { type: "text_delta", text: word } });
  }
  event("content_block_stop", { type: "content_block_stop", index: 0 });
  event("message_delta", { type: "message_delta", delta: { stop_reason: "end_turn", stop_sequence: null }, usage: { output_tokens: COMPLETION_TOKENS } });
  event("message_stop", { type: "message_stop" });
  response.end();
}

function redactHeaders(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) {
      continue;
    }
    headers[name] = SECRET_HEADERS.has(name) ? "<redacted>" : Array.isArray(value) ? value.join(", ") : value;
  }
  return headers;
}

function credentialOf(request: IncomingMessage): string | undefined {
  const bearer = request.headers.authorization?.replace(/^Bearer\s+/i, "");
  const credential = bearer ?? headerValue(request, "api-key") ?? headerValue(request, "x-api-key");
  return credential === undefined ? undefined : credentialFingerprint(credential);
}

/** The credential exactly as received (only the `invalid-key-echoed` behaviour ever sends it back). */
function presentedCredential(request: IncomingMessage): string | undefined {
  return request.headers.authorization?.replace(/^Bearer\s+/i, "") ?? headerValue(request, "api-key") ?? headerValue(request, "x-api-key");
}

function headerValue(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  response.end(text);
}

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === "object" && parsed !== null ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
}
