// `rvisor serve [--port N] [--host ADDR]`: the web page with the cached Debian images (fetched
// first if need be), until Ctrl-C.
import { ensureGuestImages } from '../node/images';
import { serveWeb } from '../node/web-server';
import { UserError } from '../machine/machine';
import type { RunOptions } from './args';

export async function serve(opts: RunOptions): Promise<number> {
  const img = await ensureGuestImages();
  const { url } = await serveWeb({ port: opts.port, host: opts.host, images: img }).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'EADDRINUSE' || e.code === 'EACCES' || e.code === 'EADDRNOTAVAIL') throw new UserError(`cannot listen on ${opts.host}:${opts.port} (${e.code}); pick another --port or --host`);
    throw e;
  });
  process.stdout.write(`rvisor: serving the web page and Debian's guest images at ${url} (Ctrl-C stops)\n`);
  await new Promise<void>((resolve) => process.once('SIGINT', resolve));
  return 0;
}
