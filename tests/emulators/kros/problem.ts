/**
 * Error bodies of the KROS emulator. KROS does not document its error schema (reference §A5); the
 * API is ASP.NET Core, so the emulator answers with RFC 7807 problem details, its default.
 *
 * @module
 */

/** A problem-details response with the given status and title plus any extra members. */
export function problem(
  status: number,
  title: string,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Response {
  return Response.json(
    { type: "about:blank", title, status, ...extra },
    { status, headers: { "Content-Type": "application/problem+json; charset=utf-8", ...headers } },
  );
}
