// The JIT's worker thread (src/node/jit-thread.ts): translates the pages it is sent and compiles
// their modules. It decodes instructions with its own instance of the core (decodeWord is a pure
// function of the instruction's bits); nothing else of the core runs here.
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import * as ABI from '../../assembly/abi';
import { translateJob, JIT_TABLE_BASE, type JobInput, type ThreadResult } from '../jit/jit';

const { core, port, done } = workerData as { core: WebAssembly.Module; port: MessagePort; done: Int32Array };
const table = new WebAssembly.Table({ initial: JIT_TABLE_BASE + ABI.DECODE_SLOTS, element: 'anyfunc' });
const instance = new WebAssembly.Instance(core, { env: { now: () => 0, table, jitCompile: () => 0 } });
const decodeWord = instance.exports.decodeWord as (insn: number) => bigint;

parentPort!.on('message', ({ id, job }: { id: number; job: JobInput }) => {
  const t0 = performance.now();
  const r: ThreadResult = { id, info: null, bytes: null, module: null, error: null, ms: 0 };
  try {
    const out = translateJob(job, decodeWord);
    if (out) {
      r.info = out.info;
      r.bytes = out.bytes;
      try { r.module = new WebAssembly.Module(out.bytes); } catch (e) { r.error = `a region does not validate: ${(e as Error).message}`; }
    }
  } catch (e) { // a translator bug: the page stays interpreted, and --stats says so
    r.error = (e as Error).message;
  }
  r.ms = performance.now() - t0;
  port.postMessage(r, r.bytes ? [r.bytes.buffer] : []);
  Atomics.add(done, 0, 1);
});

