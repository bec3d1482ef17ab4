/**
 * A fault proxy: a TCP relay on 127.0.0.1 in front of an emulator that does to single HTTP requests
 * what networks and gateways do: refuse or reset the connection, hang, answer an error itself, or let
 * the service do the work and lose or withhold its answer. It also plays a process dying: every
 * connection cut at once, as the OS closes a killed process's sockets.
 *
 * It reads only the request side (heads, and bodies by `Content-Length`, which is how every spojka
 * client sends them), so it knows which request of a keep-alive connection is which and never needs
 * to parse an answer: answers come in request order, one at a time.
 *
 * @module
 */

/** A request as the proxy sees its head. */
export interface ProxiedRequest {
  method: string;
  /** Path with query. */
  path: string;
}

/** What becomes of one request. */
export type Verdict =
  /** Forwarded; `onAnswer` runs when the answer starts to arrive, before it is relayed. */
  | { kind: "pass"; onAnswer?: () => void }
  /** The connection closes before anything is forwarded. */
  | { kind: "reset" }
  /** Reset, and new connections are refused for `ms` (the listener is closed). */
  | { kind: "refuse"; ms: number }
  /** Nothing is forwarded and nothing answered, until the client gives up. */
  | { kind: "hang" }
  /** Answered by the proxy, as a gateway would; the service never sees the request. */
  | { kind: "status"; status: number; retryAfter?: number }
  /** Forwarded; the connection closes as the answer starts: the service did the work, the client never learns. */
  | { kind: "lose"; onAnswer?: () => void }
  /** Forwarded; the answer is withheld until the client gives up. */
  | { kind: "withhold"; onAnswer?: () => void };

/** How the answer to a forwarded request is treated. */
interface Answer {
  mode: "relay" | "lose" | "withhold";
  onAnswer?: () => void;
}

/** Decides each request's fate; `undefined` forwards it. */
export type Rules = (request: ProxiedRequest) => Verdict | undefined;

const HEAD_END = new TextEncoder().encode("\r\n\r\n");
const REASONS: Record<number, string> = {
  408: "Request Timeout",
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

/** A running proxy. */
export class FaultProxy {
  /** `http://127.0.0.1:<port>`: what the client is configured with. */
  readonly url: string;
  /** Decides the fate of each request; replace it between runs. */
  rules: Rules = () => undefined;
  readonly #target: Deno.ConnectOptions;
  readonly #port: number;
  #listener: Deno.Listener | undefined;
  /** Settles when the proxy listens again after a refusal. */
  #listening: Promise<void> = Promise.resolve();
  #dead = false;
  #closed = false;
  /** Cuts each open client connection. */
  readonly #cuts = new Set<() => void>();
  /** Closes the connections to the service kept open for an answer after their client was cut. */
  readonly #upstreams = new Map<() => void, () => void>();
  readonly #tasks = new Set<Promise<void>>();

  /** Starts relaying to `target` (an emulator's base URL) on a free port. */
  constructor(target: string) {
    const { hostname, port } = new URL(target);
    this.#target = { hostname, port: Number(port) };
    const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
    this.#port = listener.addr.port;
    this.url = `http://127.0.0.1:${this.#port}`;
    this.#serve(listener);
  }

  /**
   * The client died: every open connection is cut, and until {@link revive} new ones are closed as
   * soon as they open, so nothing more of that run reaches the service.
   */
  sever(): void {
    this.#dead = true;
    for (const cut of [...this.#cuts]) cut();
  }

  /** Lets connections through again after {@link sever}, once the proxy listens again after a refusal. */
  async revive(): Promise<void> {
    this.#dead = false;
    await this.#listening;
  }

  /** Stops listening, cuts every connection and waits for the relays to end. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#listener?.close();
    this.sever();
    for (const close of [...this.#upstreams.values()]) close();
    await Promise.allSettled([...this.#tasks]);
  }

  #serve(listener: Deno.Listener): void {
    this.#listener = listener;
    this.#track(
      (async () => {
        for await (const conn of listener) {
          if (this.#dead) closeQuietly(conn);
          else this.#track(this.#relay(conn));
        }
      })().catch(() => {}),
    );
  }

  /** Closes the listener for `ms`, then listens on the same port again (retrying while it is taken). */
  #refuse(ms: number): void {
    if (this.#listener === undefined) return;
    this.#listener.close();
    this.#listener = undefined;
    this.#listening = (async () => {
      await sleep(ms);
      while (!this.#closed) {
        try {
          return this.#serve(Deno.listen({ hostname: "127.0.0.1", port: this.#port }));
        } catch (e) {
          if (!(e instanceof Deno.errors.AddrInUse)) throw e;
          await sleep(25);
        }
      }
    })();
    this.#track(this.#listening);
  }

  /** Keeps `task` for {@link close} to wait for; its failure is for those who await it. */
  #track(task: Promise<void>): void {
    this.#tasks.add(task);
    task.finally(() => this.#tasks.delete(task)).catch(() => {});
  }

  async #relay(client: Deno.Conn): Promise<void> {
    let upstream: Deno.Conn | undefined;
    /** Writes to the service, in order. */
    let sending = Promise.resolve();
    /** How the answer to the request forwarded last is treated. */
    let answer: Answer = { mode: "relay" };
    let buffer: Uint8Array = new Uint8Array(0);
    /** Body bytes of the current request still to come (to pass on, or to swallow for an answer of our own). */
    let body = 0;
    let swallow = false;
    let pendingStatus: Uint8Array | undefined;
    /** Hanging: what the client sends is read and dropped until it gives up. */
    let hung = false;

    /** A request was forwarded and its answer has not started yet. */
    let awaiting = false;
    let gone = false;
    const closeUpstream = () => {
      if (upstream) closeQuietly(upstream);
      this.#upstreams.delete(cut);
    };
    const cut = () => {
      this.#cuts.delete(cut);
      closeQuietly(client);
      if (gone) return;
      gone = true;
      if (!upstream || !awaiting) return closeUpstream();
      // The service keeps a request that reached it: it works on it and answers into the void, as
      // servers do for clients that died. One cut off mid-body is completed with spaces, so the
      // service refuses it as broken rather than fail on a body that never ends.
      const conn = upstream;
      const owed = swallow ? 0 : body;
      body = 0;
      if (owed > 0) {
        sending = sending.then(() => writeAll(conn, new Uint8Array(owed).fill(0x20))).catch(() => {});
      }
      this.#upstreams.set(cut, closeUpstream);
    };
    this.#cuts.add(cut);
    const send = async (bytes: Uint8Array) => {
      if (!upstream) {
        upstream = await Deno.connect(this.#target);
        this.#track(this.#pumpAnswers(upstream, client, () => answer, () => {
          awaiting = false;
          return gone;
        }, () => {
          cut();
          closeUpstream();
        }));
      }
      const conn = upstream;
      sending = sending.then(() => writeAll(conn, bytes));
      await sending;
    };

    try {
      for await (const chunk of client.readable) {
        if (hung) continue;
        buffer = concat(buffer, chunk);
        for (;;) {
          if (body > 0) {
            const take = Math.min(body, buffer.length);
            if (take === 0) break;
            const bytes = buffer.subarray(0, take);
            buffer = buffer.slice(take);
            body -= take;
            if (!swallow) await send(bytes);
            if (body > 0) break;
          }
          if (pendingStatus) {
            await writeAll(client, pendingStatus);
            return cut();
          }
          const headEnd = indexOf(buffer, HEAD_END);
          if (headEnd < 0) break;
          const head = buffer.subarray(0, headEnd + HEAD_END.length);
          buffer = buffer.slice(head.length);
          const text = new TextDecoder().decode(head);
          const [method = "", path = ""] = text.split("\r\n", 1)[0].split(" ");
          const verdict = this.rules({ method, path }) ?? { kind: "pass" };
          body = Number(/^content-length:\s*(\d+)\s*$/im.exec(text)?.[1] ?? 0);
          swallow = verdict.kind !== "pass" && verdict.kind !== "lose" && verdict.kind !== "withhold";
          if (verdict.kind === "reset") return cut();
          if (verdict.kind === "refuse") {
            this.#refuse(verdict.ms);
            return cut();
          }
          if (verdict.kind === "hang") {
            hung = true;
            break;
          }
          if (verdict.kind === "status") {
            pendingStatus = statusAnswer(verdict.status, verdict.retryAfter);
            continue;
          }
          answer = { mode: verdict.kind === "pass" ? "relay" : verdict.kind, onAnswer: verdict.onAnswer };
          awaiting = true;
          await send(head);
        }
      }
    } catch {
      // A connection cut on either side ends the relay.
    }
    cut();
  }

  /**
   * Relays the service's answers to the client, as the current request's verdict says. `started`
   * hears of each answer's start and says whether the client is gone (then the answer is dropped
   * and the connection to the service closed).
   */
  async #pumpAnswers(
    upstream: Deno.Conn,
    client: Deno.Conn,
    answer: () => Answer,
    started: () => boolean,
    end: () => void,
  ): Promise<void> {
    try {
      for await (const chunk of upstream.readable) {
        if (started()) break;
        const current = answer();
        const hook = current.onAnswer;
        current.onAnswer = undefined;
        hook?.();
        if (current.mode === "lose") break;
        if (current.mode === "withhold") continue;
        await writeAll(client, chunk);
      }
    } catch {
      // Cut on either side.
    }
    end();
  }
}

function statusAnswer(status: number, retryAfter: number | undefined): Uint8Array {
  const text = `${status} ${REASONS[status] ?? "Error"}`;
  const headers = [
    `HTTP/1.1 ${text}`,
    "content-type: text/plain; charset=utf-8",
    `content-length: ${new TextEncoder().encode(text).length}`,
    "connection: close",
    ...(retryAfter === undefined ? [] : [`retry-after: ${retryAfter}`]),
  ];
  return new TextEncoder().encode(`${headers.join("\r\n")}\r\n\r\n${text}`);
}

async function writeAll(conn: Deno.Conn, bytes: Uint8Array): Promise<void> {
  for (let written = 0; written < bytes.length;) written += await conn.write(bytes.subarray(written));
}

function closeQuietly(conn: Deno.Conn): void {
  try {
    conn.close();
  } catch {
    // Already closed.
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

function indexOf(haystack: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
