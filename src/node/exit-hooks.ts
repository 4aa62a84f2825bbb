// Work that must be undone however the process ends: lock entries beside disk images (image-lock.ts)
// and temporary output files (output-file.ts). Hooks run on a normal exit, on process.exit(), on
// an uncaught error, and on SIGINT, SIGTERM and SIGHUP, after which the signal is raised again
// so the parent sees the process end by it (a shell reports 128 + the signal's number). Only
// SIGKILL (and a power cut) leave traces; image-lock.ts recognises those as stale.
const hooks = new Set<() => void>();
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
let installed = false;

function runHooks(): void {
  const all = [...hooks].reverse();
  hooks.clear();
  for (const fn of all) {
    try { fn(); } catch { /* the others still run */ }
  }
}

function onSignal(sig: NodeJS.Signals): void {
  // A program that embeds rvisor and handles this signal itself decides what happens; the hooks
  // then run when it exits.
  if (process.listenerCount(sig) > 1) return;
  runHooks();
  // A terminal left in raw mode would stay unusable after the process is gone.
  if (process.stdin.isTTY) { try { process.stdin.setRawMode(false); } catch { /* not ours */ } }
  for (const s of SIGNALS) process.removeListener(s, onSignal);
  process.kill(process.pid, sig);
}

/**
 * Takes the signals over now. Call it before making what a hook will undo: a signal that
 * comes while the process has no listener ends it at once, but with one it is handled when
 * the running code has returned, so the hook registered meanwhile still runs.
 */
export function catchExit(): void {
  if (installed) return;
  installed = true;
  process.on('exit', runHooks);
  for (const s of SIGNALS) process.on(s, onSignal);
}

/** Runs `fn` once when the process ends; the returned function unregisters it (work done). */
export function onExit(fn: () => void): () => void {
  catchExit();
  hooks.add(fn);
  return () => { hooks.delete(fn); };
}
