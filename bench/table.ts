/**
 * How the benchmark prints: aligned tables and figures beside their targets, e.g.
 * `1.6× (target ≤ 2×) ✓`.
 *
 * @module
 */

/** A column: its title and which side its cells line up on. */
export interface Column {
  title: string;
  align?: "left" | "right";
}

/** The rows under a header line and a rule, columns two spaces apart. */
export function renderTable(columns: Column[], rows: string[][]): string {
  const width = (text: string) => [...text].length;
  const widths = columns.map((column, i) =>
    Math.max(width(column.title), ...rows.map((row) => width(row[i] ?? "")))
  );
  const line = (cells: string[]) =>
    columns.map((column, i) => {
      const cell = cells[i] ?? "";
      const pad = " ".repeat(widths[i] - width(cell));
      return column.align === "right" ? pad + cell : cell + pad;
    }).join("  ").trimEnd();
  return [line(columns.map((c) => c.title)), widths.map((w) => "─".repeat(w)).join("  "), ...rows.map(line)]
    .join("\n");
}

/** `figure (target ≤ limit) ✓` or `✗`: `figure` is the formatted value, `limit` the formatted target. */
export function atMost(value: number, limit: number, figure: string, limitText: string): string {
  return `${figure} (target ≤ ${limitText}) ${value <= limit ? "✓" : "✗"}`;
}

/** A ratio as `1.62×`. */
export function times(ratio: number): string {
  return `${ratio.toFixed(ratio < 10 ? 2 : 0)}×`;
}

/** Milliseconds as seconds, `0.42 s` or `123 s`. */
export function seconds(ms: number): string {
  const s = ms / 1000;
  return `${s.toFixed(s < 10 ? 2 : s < 100 ? 1 : 0)} s`;
}

/** Bytes as decimal megabytes, `242.1 MB`, or `200 MB` when whole. */
export function megabytes(bytes: number): string {
  const mb = bytes / 1e6;
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
}

/** A count with spaces between thousands, `100 000`. */
export function count(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+$)/g, " ");
}
