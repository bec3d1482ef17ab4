/**
 * An SMTP sink on 127.0.0.1 that speaks enough SMTP for a mail client: EHLO, STARTTLS, TLS from
 * the start, AUTH PLAIN and LOGIN, MAIL/RCPT/DATA, RSET, QUIT. It keeps every message it accepts,
 * with whether it came encrypted and who signed in, and decodes subject and text for assertions.
 *
 * Deno cannot turn an accepted connection into a TLS server connection, so STARTTLS is done by
 * piping the connection's bytes to a TLS listener of the sink's own, which continues the session.
 *
 * @module
 */

import { selfSignedCertificate } from "./cert.ts";

/** How the sink expects a client to protect the connection. */
export type SmtpSecurity = "starttls" | "tls" | "none";

/** Options for {@linkcode startSmtpSink}. */
export interface SmtpSinkOptions {
  security: SmtpSecurity;
  /** The one account that may sign in; without it, mail is taken without signing in. */
  account?: { user: string; password: string };
}

/** A message the sink accepted. */
export interface ReceivedMail {
  from: string;
  to: string[];
  /** The message as sent (headers and body). */
  raw: string;
  /** Came over TLS (from the start or after STARTTLS). */
  secure: boolean;
  /** The user that signed in, if any. */
  user?: string;
  /** Decoded `Subject`. */
  subject: string;
  /** Decoded text body. */
  text: string;
}

/** A running sink. */
export interface SmtpSink {
  host: string;
  port: number;
  /** The sink's certificate (PEM), for the client to trust (e.g. via `DENO_CERT`). */
  cert: string;
  mails: ReceivedMail[];
  /** How many times the wrong user or password was tried. */
  failedLogins: number;
  close(): Promise<void>;
}

/** Starts a sink; `close` it when done. */
export async function startSmtpSink(options: SmtpSinkOptions): Promise<SmtpSink> {
  const { cert, key } = await selfSignedCertificate();
  const tlsListener = Deno.listenTls({ hostname: "127.0.0.1", port: 0, cert, key });
  const listener = options.security === "tls" ? tlsListener : Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const conns = new Set<Deno.Conn>();
  const sink: SmtpSink = {
    host: "127.0.0.1",
    port: (listener.addr as Deno.NetAddr).port,
    cert,
    mails: [],
    failedLogins: 0,
    close: async () => {
      listener.close();
      if (listener !== tlsListener) tlsListener.close();
      for (const conn of conns) closeQuietly(conn);
      await Promise.allSettled(loops);
    },
  };
  const serve = async (from: Deno.Listener, greet: boolean, secure: boolean) => {
    for await (const conn of from) {
      conns.add(conn);
      session(conn, { greet, secure, options, sink, tlsPort: (tlsListener.addr as Deno.NetAddr).port })
        .catch(() => {}) // a client that hangs up mid-session is none of the test's business
        .finally(() => {
          conns.delete(conn);
          closeQuietly(conn);
        });
    }
  };
  const loops = [serve(listener, true, options.security === "tls")];
  // Sessions handed over by STARTTLS continue here: encrypted, and without a new greeting.
  if (options.security === "starttls") loops.push(serve(tlsListener, false, true));
  return sink;
}

interface SessionContext {
  greet: boolean;
  secure: boolean;
  options: SmtpSinkOptions;
  sink: SmtpSink;
  tlsPort: number;
}

async function session(conn: Deno.Conn, ctx: SessionContext): Promise<void> {
  const { options, sink, secure } = ctx;
  const encoder = new TextEncoder();
  const reply = (...lines: string[]) =>
    conn.write(
      encoder.encode(
        lines.map((line, i) => `${line.slice(0, 3)}${i < lines.length - 1 ? "-" : " "}${line.slice(4)}\r\n`)
          .join(""),
      ),
    );
  const reader = lines(conn);
  const canSignIn = secure || options.security === "none";
  let user: string | undefined;
  let envelope: { from?: string; to: string[] } = { to: [] };
  if (ctx.greet) await reply("220 sink.test ESMTP spojka test sink");
  for (let line = await reader.next(); line !== undefined; line = await reader.next()) {
    const [verb] = line.split(" ", 1);
    const argument = line.slice(verb.length + 1);
    switch (verb.toUpperCase()) {
      case "EHLO":
        await reply(
          "250 sink.test",
          ...(options.security === "starttls" && !secure ? ["250 STARTTLS"] : []),
          ...(canSignIn && options.account ? ["250 AUTH PLAIN LOGIN"] : []),
          "250 8BITMIME",
        );
        break;
      case "HELO":
        await reply("250 sink.test");
        break;
      case "STARTTLS":
        if (options.security !== "starttls" || secure) {
          await reply("502 5.5.1 STARTTLS not offered");
          break;
        }
        await reply("220 2.0.0 Ready to start TLS");
        reader.release();
        await handOver(conn, ctx.tlsPort);
        return;
      case "AUTH": {
        if (!canSignIn || !options.account) {
          await reply("538 5.7.11 Encryption required for requested authentication mechanism");
          break;
        }
        const credentials = await readCredentials(argument, reader, reply);
        if (credentials?.user === options.account.user && credentials.password === options.account.password) {
          user = credentials.user;
          await reply("235 2.7.0 Authentication successful");
        } else {
          sink.failedLogins++;
          await reply("535 5.7.8 Authentication credentials invalid");
        }
        break;
      }
      case "MAIL":
        if (options.account && !user) {
          await reply("530 5.7.0 Authentication required");
          break;
        }
        envelope = { from: address(argument), to: [] };
        await reply("250 2.1.0 OK");
        break;
      case "RCPT":
        envelope.to.push(address(argument));
        await reply("250 2.1.5 OK");
        break;
      case "DATA": {
        await reply("354 End data with <CR><LF>.<CR><LF>");
        const body: string[] = [];
        for (let data = await reader.next(); data !== undefined && data !== "."; data = await reader.next()) {
          body.push(data.startsWith(".") ? data.slice(1) : data);
        }
        const raw = body.join("\r\n");
        sink.mails.push({ from: envelope.from ?? "", to: envelope.to, raw, secure, user, ...decode(raw) });
        envelope = { to: [] };
        await reply("250 2.0.0 Queued");
        break;
      }
      case "RSET":
        envelope = { to: [] };
        await reply("250 2.0.0 OK");
        break;
      case "NOOP":
        await reply("250 2.0.0 OK");
        break;
      case "QUIT":
        await reply("221 2.0.0 Bye");
        return;
      default:
        await reply("500 5.5.2 Unknown command");
    }
  }
}

/** AUTH PLAIN (initial response or after 334) or AUTH LOGIN; `undefined` for another mechanism. */
async function readCredentials(
  argument: string,
  reader: LineReader,
  reply: (...lines: string[]) => Promise<number>,
): Promise<{ user: string; password: string } | undefined> {
  const [mechanism, initial] = argument.split(" ");
  const ask = async (prompt: string) => {
    await reply(`334 ${prompt}`);
    return (await reader.next()) ?? "";
  };
  const text = (base64: string) => new TextDecoder().decode(Uint8Array.fromBase64(base64));
  if (mechanism.toUpperCase() === "PLAIN") {
    const [, user, password] = text(initial ?? await ask("")).split("\0");
    return { user, password };
  }
  if (mechanism.toUpperCase() === "LOGIN") {
    const user = text(initial ?? await ask(btoa("Username:")));
    return { user, password: text(await ask(btoa("Password:"))) };
  }
  return undefined;
}

/** Pipes the connection to the sink's TLS listener, which continues the session encrypted. */
async function handOver(conn: Deno.Conn, tlsPort: number): Promise<void> {
  const inner = await Deno.connect({ hostname: "127.0.0.1", port: tlsPort });
  await Promise.allSettled([
    conn.readable.pipeTo(inner.writable),
    inner.readable.pipeTo(conn.writable),
  ]);
}

function address(argument: string): string {
  return /<([^>]*)>/.exec(argument)?.[1] ?? argument.replace(/^(FROM|TO):/i, "").trim();
}

interface LineReader {
  /** The next line without its CRLF; `undefined` when the client hung up. */
  next(): Promise<string | undefined>;
  /** Gives the connection back unread (for STARTTLS). */
  release(): void;
}

function lines(conn: Deno.Conn): LineReader {
  const reader = conn.readable.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  return {
    async next() {
      while (!buffer.includes("\r\n")) {
        const { value, done } = await reader.read();
        if (done) return undefined;
        buffer += decoder.decode(value, { stream: true });
      }
      const end = buffer.indexOf("\r\n");
      const line = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      return line;
    },
    release: () => reader.releaseLock(),
  };
}

/** The decoded subject and text of a single-part message (RFC 2047 words; quoted-printable, base64 or 7/8 bit). */
export function decode(raw: string): { subject: string; text: string } {
  const split = raw.indexOf("\r\n\r\n");
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, " ");
  const body = raw.slice(split + 4);
  const header = (name: string) => new RegExp(`^${name}:[ \\t]*(.*)$`, "im").exec(head)?.[1] ?? "";
  const subject = header("Subject").replace(/\?=\s+=\?/g, "?==?").replace(
    /=\?([^?]+)\?([BQ])\?([^?]*)\?=/gi,
    (_, _charset, encoding: string, word: string) =>
      encoding.toUpperCase() === "B"
        ? new TextDecoder().decode(Uint8Array.fromBase64(word))
        : quotedPrintable(word.replaceAll("_", " ")),
  );
  const encoding = header("Content-Transfer-Encoding").toLowerCase();
  const text = encoding === "quoted-printable"
    ? quotedPrintable(body.replace(/=\r\n/g, ""))
    : encoding === "base64"
    ? new TextDecoder().decode(Uint8Array.fromBase64(body.replace(/\s+/g, "")))
    : body;
  return { subject, text: text.replaceAll("\r\n", "\n") };
}

function quotedPrintable(text: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "=" && /^[0-9A-F]{2}$/i.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...new TextEncoder().encode(text[i]));
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}

function closeQuietly(conn: Deno.Conn): void {
  try {
    conn.close();
  } catch {
    // already closed
  }
}
