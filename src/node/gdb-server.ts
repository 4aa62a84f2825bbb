// Node adapter: the gdb stub (src/debug/gdb-stub.ts) on a TCP port, one debugger at a time.
// Loopback only unless a host is named (`--gdb tcp:HOST:PORT`): the stub reads and writes all
// of the guest.
import { createServer, type Server, type Socket } from 'node:net';
import { UserError, type Machine } from '../machine/machine';
import { GdbStub } from '../debug/gdb-stub';
import { MachineTarget } from '../debug/target';

export interface GdbListenOptions { host: string; port: number }

export class GdbServer {
  private readonly server: Server;
  private client: Socket | null = null;
  private stub: GdbStub | null = null;
  private readonly target: MachineTarget;
  private ended: number | null = null;
  port = 0;

  private constructor(machine: Machine, private readonly log: (msg: string) => void) {
    this.target = new MachineTarget(machine);
    this.server = createServer((sock) => this.accept(sock));
  }

  /** Listens on host:port (port 0: any free port; `port` says which). */
  static async listen(machine: Machine, opts: GdbListenOptions, log: (msg: string) => void): Promise<GdbServer> {
    const s = new GdbServer(machine, log);
    await new Promise<void>((resolve, reject) => {
      s.server.once('error', reject);
      s.server.listen(opts.port, opts.host, () => { s.server.off('error', reject); resolve(); });
    });
    const addr = s.server.address();
    s.port = typeof addr === 'object' && addr ? addr.port : opts.port;
    s.server.unref(); // the guest's run decides when the process ends, not the listener
    return s;
  }

  private accept(sock: Socket): void {
    if (this.client || this.ended !== null) { sock.destroy(); return; }
    this.client = sock;
    sock.setNoDelay(true);
    const stub = new GdbStub(this.target, (b) => sock.write(b), (kill) => {
      if (kill) this.log('gdb killed the guest');
      sock.end();
    });
    this.stub = stub;
    stub.connected();
    this.log('gdb connected');
    sock.on('data', (d) => stub.receive(d));
    sock.on('error', () => {});
    sock.on('close', () => {
      if (this.stub === stub) { stub.disconnected(); this.stub = null; }
      this.client = null;
    });
  }

  /** The guest's run ended: tell a waiting gdb it exited, then close. Resolves once sent. */
  async finish(exitCode: number): Promise<void> {
    this.ended = exitCode;
    const sock = this.client;
    this.stub?.targetExited(exitCode);
    this.stub = null;
    this.server.close();
    if (sock) await new Promise<void>((resolve) => sock.end(resolve));
  }
}

/**
 * The CLI's `--gdb` / `-s` / `-S`: listens (a failure is the user's: a port in use), says where
 * on stderr, and with `wait` holds the machine before its first instruction until gdb continues.
 */
export async function startGdbServer(machine: Machine, opts: GdbListenOptions, wait: boolean): Promise<GdbServer> {
  const log = (msg: string) => process.stderr.write(`rvisor: ${msg}\n`);
  let server: GdbServer;
  try {
    server = await GdbServer.listen(machine, opts, log);
  } catch (e) {
    throw new UserError(`--gdb: cannot listen on ${opts.host}:${opts.port} (${(e as Error).message}); pick another port`);
  }
  if (wait) machine.pause();
  log(`gdb: listening on ${opts.host}:${server.port}${wait ? ', waiting for gdb to continue' : ''} (target remote ${opts.host === '127.0.0.1' ? '' : opts.host}:${server.port})`);
  return server;
}
