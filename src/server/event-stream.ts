/**
 * Server-Sent Events for `GET /api/events`: every open tab gets every ChangeEvent the library (or the
 * data-folder watcher) reports. A comment line every few seconds keeps idle connections from being
 * dropped by the browser or a proxy and lets us notice tabs that went away.
 */
import type { ServerResponse } from 'node:http';
import type { ChangeEvent } from '../api/contract.ts';
import { BASE_SECURITY_HEADERS } from './content-security.ts';

const HEARTBEAT_MS = 15_000;
/** How soon EventSource reconnects after the server restarts or the connection drops. */
const RETRY_MS = 1_000;

export class EventStreamHub {
  private readonly clients = new Set<ServerResponse>();
  private readonly heartbeat: NodeJS.Timeout;

  constructor(heartbeatMs = HEARTBEAT_MS) {
    this.heartbeat = setInterval(() => this.write(': ping\n\n'), heartbeatMs);
    this.heartbeat.unref();
  }

  get size(): number {
    return this.clients.size;
  }

  /** Takes over the response: it stays open until the tab closes or the hub does. */
  open(response: ServerResponse): void {
    response.writeHead(200, {
      ...BASE_SECURITY_HEADERS,
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    response.write(`retry: ${RETRY_MS}\n: connected\n\n`);
    this.clients.add(response);
    const forget = () => this.clients.delete(response);
    response.on('close', forget);
    response.on('error', forget);
  }

  broadcast(event: ChangeEvent): void {
    // JSON.stringify never emits a raw newline, so one `data:` line carries the whole event.
    this.write(`data: ${JSON.stringify(event)}\n\n`);
  }

  private write(chunk: string): void {
    for (const client of this.clients) {
      if (client.writableEnded || client.destroyed) this.clients.delete(client);
      else client.write(chunk);
    }
  }

  close(): void {
    clearInterval(this.heartbeat);
    for (const client of this.clients) client.end();
    this.clients.clear();
  }
}
