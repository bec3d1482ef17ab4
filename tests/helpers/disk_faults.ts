/**
 * Real disk faults for end-to-end tests (Linux): spojka runs in a mount namespace of its own
 * (util-linux `unshare`, which an unprivileged user may use too where the kernel allows user
 * namespaces), in which a folder or file is read-only, or the data folder lives on a small tmpfs
 * filled up to a few bytes. Nothing outside that one run sees the fault. What spojka left on the
 * full disk is copied back to the real folder when it ends, for the test to look at.
 *
 * @module
 */

import { type CliOptions, type CliResult, runCli } from "./cli.ts";

/** A fault for one run: a read-only folder or file, or a full disk under the data folder. */
export type DiskFault =
  | { readOnly: string }
  | { full: string; freeBytes: number };

/** Runs `spojka <args>` with `fault` in place. */
export function runCliWithFault(
  args: string[],
  fault: DiskFault,
  options: CliOptions = {},
): Promise<CliResult> {
  const prefix = "readOnly" in fault
    ? ["unshare", ...NAMESPACE, "sh", "-euc", READ_ONLY, "sh", fault.readOnly]
    : ["unshare", ...NAMESPACE, "sh", "-euc", FULL, "sh", fault.full, String(fault.freeBytes)];
  return runCli(args, { ...options, prefix });
}

/** Why these faults cannot be made here, or `null` when they can; tests skip with the reason. */
export const unavailable: Promise<string | null> = probe();

const NAMESPACE = ["--user", "--map-root-user", "--mount"];

/** `$1` read-only, then the command line after it. */
const READ_ONLY = `
p=$1; shift
mount --bind "$p" "$p"
mount -o remount,bind,ro "$p"
exec "$@"`;

/**
 * `$1` on a tmpfs with its content and `$2` bytes free, then the command line after it. The real
 * folder stays reachable through a bind mount, and gets the tmpfs's content back at the end.
 */
const FULL = `
dir=$1; free=$2; shift 2
real=$(mktemp -d)
mount --bind "$dir" "$real"
mount -t tmpfs -o size=32m tmpfs "$dir"
cp -a "$real/." "$dir/"
dd if=/dev/zero of="$dir/.filler" bs=64k 2>/dev/null || true
truncate -s "-$free" "$dir/.filler"
set +e
"$@"
code=$?
set -e
rm -f "$dir/.filler"
find "$real" -mindepth 1 -delete
cp -a "$dir/." "$real/"
umount "$real"
rmdir "$real"
exit $code`;

async function probe(): Promise<string | null> {
  if (Deno.build.os !== "linux") return "disk faults are made with Linux mount namespaces";
  const dir = await Deno.makeTempDir({ prefix: "spojka-probe-" });
  try {
    const { success, stderr } = await new Deno.Command("unshare", {
      args: [
        ...NAMESPACE,
        "sh",
        "-euc",
        'mount -t tmpfs -o size=64k tmpfs "$1"; ' + READ_ONLY,
        "sh",
        dir,
        "true",
      ],
      stdout: "null",
      stderr: "piped",
    }).output();
    return success ? null : `unshare cannot mount here: ${new TextDecoder().decode(stderr).trim()}`;
  } catch (e) {
    return `unshare cannot run here: ${(e as Error).message}`;
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}
