/**
 * A minimal OTLP/HTTP receiver on loopback: it accepts POST /v1/traces (and /v1/logs, /v1/metrics),
 * answers 200 with an empty body as a collector does, and keeps what it received. The body stays
 * raw: OTLP/HTTP protobuf writes every string attribute as its UTF-8 bytes, so a test can look for
 * a model name in it without decoding the protobuf.
 */
import { createServer } from "node:http";
import type { IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedExport {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

export interface OtlpReceiver {
  /** e.g. `http://127.0.0.1:41234` */
  readonly origin: string;
  readonly received: readonly ReceivedExport[];
  close(): Promise<void>;
}

const HTTP_OK = 200;
const HTTP_NOT_FOUND = 404;

export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const received: ReceivedExport[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const path = request.url ?? "";
      if (request.method !== "POST" || !path.startsWith("/v1/")) {
        response.writeHead(HTTP_NOT_FOUND).end();
        return;
      }
      received.push({ path, headers: request.headers, body: Buffer.concat(chunks) });
      response.writeHead(HTTP_OK, { "content-type": request.headers["content-type"] ?? "application/x-protobuf" }).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
