/**
 * How an application talks to the gateway: the official OpenAI SDK, pointed at the proxy, with a
 * LiteLLM key instead of an OpenAI key. The model name is typed with `GatewayModel`, so asking
 * for a model the gateway does not serve fails to compile.
 *
 *   GATEWAY_URL=https://gateway.example.com GATEWAY_API_KEY=sk-... npx tsx examples/chat-client.ts
 */
import OpenAI from "openai";

import type { GatewayModel } from "../config/catalog";

/** Served on every stack, so the example works against dev and prod alike. */
const EXAMPLE_MODEL: GatewayModel = "gpt-4.1-mini";

function requiredEnv(name: string, example: string): string {
  const value = process.env[name];
  if (value === undefined || value === "") {
    throw new Error(`Set ${name}, e.g. ${name}=${example}`);
  }
  return value;
}

/** An OpenAI client whose requests go to the gateway; the gateway routes them to a provider. */
export function createGatewayClient(): OpenAI {
  return new OpenAI({
    // LiteLLM serves the OpenAI API at its root and under /v1.
    baseURL: `${requiredEnv("GATEWAY_URL", "https://gateway.example.com").replace(/\/+$/, "")}/v1`,
    apiKey: requiredEnv("GATEWAY_API_KEY", "sk-<a LiteLLM virtual key>"),
  });
}

/** One chat turn against one of the gateway's models. */
export async function ask(client: OpenAI, model: GatewayModel, question: string): Promise<string> {
  const completion = await client.chat.completions.create({
    model,
    messages: [{ role: "user", content: question }],
  });
  return completion.choices[0]?.message.content ?? "";
}

if (require.main === module) {
  ask(createGatewayClient(), EXAMPLE_MODEL, "In one sentence, what does an LLM gateway do?").then(
    (answer) => console.log(answer),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
