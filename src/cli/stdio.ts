// What rvisor does when its own output goes away: a closed pipe (`rvisor run ... | head -1`)
// ends it quietly with 141, the status of a process killed by SIGPIPE, as `yes | head -1`
// leaves it; any other write error on stdout or stderr (a full disk, EIO) ends it with 74
// (EX_IOERR) and one line on stderr if stderr still works. Never Node's "Unhandled 'error'
// event" and its stack trace. Exit hooks (locks, temporary files) run as on any exit.
export const EXIT_SIGPIPE = 141;
export const EXIT_IOERR = 74;

let guarded = false;

// Ends the process for a write error on stdout or stderr.
function ended(stream: 'standard output' | 'standard error', e: NodeJS.ErrnoException): never {
  if (e.code === 'EPIPE') process.exit(EXIT_SIGPIPE);
  if (stream === 'standard output') {
    try { process.stderr.write(`rvisor: cannot write to standard output (${e.code ?? e.message}); stopping\n`); } catch { /* nowhere to say it */ }
  }
  process.exit(EXIT_IOERR);
}

export function guardStdio(): void {
  if (guarded) return;
  guarded = true;
  process.stdout.on('error', (e) => ended('standard output', e));
  process.stderr.on('error', (e) => ended('standard error', e));
}

// Exits with `code` once stdout and stderr have taken everything written to them (a write
// error found then decides the code instead).
export function exitAfterOutput(code: number): void {
  process.stdout.write('', (e) => {
    if (e) ended('standard output', e);
    process.stderr.write('', (e2) => {
      if (e2) ended('standard error', e2);
      process.exit(code);
    });
  });
}
