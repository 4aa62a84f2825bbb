import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FDT_MAGIC, FdtWriter, parseFdt, FdtError } from '../src/loader/fdt';
import {
  buildVirtDeviceTree,
  splitIsa,
  VIRT_CLINT,
  VIRT_PLIC,
  VIRT_RTC,
  VIRT_TEST,
  VIRT_UART,
  virtioSlot,
  type VirtDtConfig,
} from '../src/loader/devicetree';

// ---- an independent DTB reader, to check the blob byte by byte ----
interface Node {
  name: string;
  path: string;
  props: Map<string, Uint8Array>;
  children: Node[];
}
interface Header {
  magic: number;
  totalsize: number;
  offStruct: number;
  offStrings: number;
  offRsvmap: number;
  version: number;
  lastCompVersion: number;
  bootCpuid: number;
  sizeStrings: number;
  sizeStruct: number;
}

function readHeader(b: Uint8Array): Header {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const f = (i: number) => dv.getUint32(i * 4);
  return {
    magic: f(0),
    totalsize: f(1),
    offStruct: f(2),
    offStrings: f(3),
    offRsvmap: f(4),
    version: f(5),
    lastCompVersion: f(6),
    bootCpuid: f(7),
    sizeStrings: f(8),
    sizeStruct: f(9),
  };
}

function readDtb(b: Uint8Array): { header: Header; root: Node; reserved: Array<[bigint, bigint]> } {
  const h = readHeader(b);
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const cstr = (o: number, limit: number) => {
    let e = o;
    while (b[e] !== 0) {
      e++;
      if (e >= limit) throw new Error(`string at ${o} runs past ${limit}`);
    }
    return new TextDecoder().decode(b.subarray(o, e));
  };
  const reserved: Array<[bigint, bigint]> = [];
  for (let o = h.offRsvmap; ; o += 16) {
    const a = dv.getBigUint64(o);
    const s = dv.getBigUint64(o + 8);
    if (a === 0n && s === 0n) break;
    reserved.push([a, s]);
  }
  const stack: Node[] = [];
  let root: Node | undefined;
  let o = h.offStruct;
  const end = h.offStruct + h.sizeStruct;
  for (;;) {
    expect(o % 4).toBe(0);
    expect(o).toBeLessThan(end);
    const tok = dv.getUint32(o);
    o += 4;
    if (tok === 1) {
      const name = cstr(o, end);
      o = (o + name.length + 1 + 3) & ~3;
      const parent = stack[stack.length - 1];
      const node: Node = {
        name,
        path: parent ? `${parent.path === '/' ? '' : parent.path}/${name}` : '/',
        props: new Map(),
        children: [],
      };
      if (parent) {
        parent.children.push(node);
      } else {
        expect(root).toBeUndefined();
        root = node;
      }
      stack.push(node);
    } else if (tok === 2) {
      expect(stack.pop()).toBeDefined();
    } else if (tok === 3) {
      const len = dv.getUint32(o);
      const nameoff = dv.getUint32(o + 4);
      expect(nameoff).toBeLessThan(h.sizeStrings);
      const name = cstr(h.offStrings + nameoff, h.offStrings + h.sizeStrings);
      const node = stack[stack.length - 1];
      expect(node.children).toHaveLength(0); // properties before subnodes
      expect(node.props.has(name)).toBe(false);
      node.props.set(name, b.slice(o + 8, o + 8 + len));
      o = (o + 8 + len + 3) & ~3;
    } else if (tok === 4) {
      // NOP
    } else if (tok === 9) {
      expect(stack).toHaveLength(0);
      expect(o).toBe(end);
      break;
    } else {
      throw new Error(`bad token ${tok} at ${o - 4}`);
    }
  }
  return { header: h, root: root!, reserved };
}

const find = (root: Node, path: string): Node | undefined => {
  let n: Node | undefined = root;
  for (const part of path.split('/').filter(Boolean)) n = n?.children.find((c) => c.name === part);
  return n;
};
const get = (root: Node, path: string): Node => {
  const n = find(root, path);
  if (!n) throw new Error(`no node ${path}`);
  return n;
};
const cells = (v: Uint8Array | undefined) => {
  if (!v) throw new Error('missing property');
  expect(v.length % 4).toBe(0);
  const dv = new DataView(v.buffer, v.byteOffset, v.byteLength);
  return Array.from({ length: v.length / 4 }, (_, i) => dv.getUint32(i * 4));
};
const strs = (v: Uint8Array | undefined) => {
  if (!v) throw new Error('missing property');
  expect(v[v.length - 1]).toBe(0);
  return new TextDecoder().decode(v.subarray(0, v.length - 1)).split('\0');
};
const str = (v: Uint8Array | undefined) => {
  const l = strs(v);
  expect(l).toHaveLength(1);
  return l[0];
};

// ---- dtc ----
const DTC = '/usr/bin/dtc';
const haveDtc = existsSync(DTC) || spawnSync('dtc', ['--version']).status === 0;
/** Decompiles with dtc; fails the test on any warning other than the stylistic ones QEMU's own blob also gets. */
function dtc(dtb: Uint8Array): string {
  const r = spawnSync('dtc', ['-I', 'dtb', '-O', 'dts', '-W', 'no-interrupt_provider', '-'], { input: dtb, encoding: 'utf8' });
  expect(r.error).toBeUndefined();
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return r.stdout;
}
/** The text of one node in dtc's output (up to the closing brace at its own indentation). */
function dtsNode(dts: string, name: string): string {
  const m = new RegExp(`^(\\t*)${name.replace(/[@,.]/g, '\\$&')} \\{$`, 'm').exec(dts);
  if (!m) throw new Error(`no node ${name} in\n${dts}`);
  const close = dts.indexOf(`\n${m[1]}};`, m.index);
  return dts.slice(m.index, close);
}

const fullConfig = (harts: number, extra: Partial<VirtDtConfig> = {}): VirtDtConfig => ({
  memBase: 0x8000_0000,
  memSize: 256 << 20,
  harts,
  timebaseHz: 10_000_000,
  isa: 'rv64imac_zicsr_zifencei_zicntr',
  isaExtensions: ['i', 'm', 'a', 'c', 'zicsr', 'zifencei', 'zicntr'],
  mmuType: 'riscv,sv48',
  devices: {
    uart: VIRT_UART,
    clint: VIRT_CLINT,
    plic: VIRT_PLIC,
    test: VIRT_TEST,
    rtc: VIRT_RTC,
    virtio: [virtioSlot(0), virtioSlot(1)],
  },
  ...extra,
});

describe('FdtWriter', () => {
  it('writes a valid v17 header, aligned blocks and deduplicated strings', () => {
    const w = new FdtWriter();
    w.reserve(0x8000_0000n, 0x20_0000);
    w.begin('');
    w.propU32('#address-cells', 2);
    w.propString('compatible', 'x');
    w.begin('a');
    w.propString('compatible', 'y');
    w.propU64('big', 0x1_2345_6789n);
    w.propEmpty('flag');
    w.propBytes('odd', new Uint8Array([1, 2, 3]));
    w.propStrings('list', ['p', 'qq', '']);
    w.end();
    w.begin('b');
    w.propString('compatible', 'z');
    w.end();
    w.end();
    const dtb = w.finish(3);
    const { header: h, root, reserved } = readDtb(dtb);
    expect(h.magic).toBe(0xd00dfeed);
    expect(h.magic).toBe(FDT_MAGIC);
    expect(h.totalsize).toBe(dtb.length);
    expect(h.version).toBe(17);
    expect(h.lastCompVersion).toBe(16);
    expect(h.bootCpuid).toBe(3);
    expect(h.offRsvmap).toBe(40);
    expect(h.offRsvmap % 8).toBe(0);
    expect(h.offStruct % 4).toBe(0);
    expect(h.offStruct).toBeGreaterThanOrEqual(h.offRsvmap + 16 * 2);
    expect(h.offStrings).toBe(h.offStruct + h.sizeStruct);
    expect(h.offStrings + h.sizeStrings).toBeLessThanOrEqual(h.totalsize);
    expect(reserved).toEqual([[0x8000_0000n, 0x20_0000n]]);
    // each name once
    const strings = new TextDecoder().decode(dtb.subarray(h.offStrings, h.offStrings + h.sizeStrings)).split('\0');
    expect(strings.slice(0, -1)).toEqual(['#address-cells', 'compatible', 'big', 'flag', 'odd', 'list']);
    const a = get(root, '/a');
    expect(cells(a.props.get('big'))).toEqual([1, 0x2345_6789]);
    expect(a.props.get('flag')!.length).toBe(0);
    expect(Array.from(a.props.get('odd')!)).toEqual([1, 2, 3]);
    expect(strs(a.props.get('list'))).toEqual(['p', 'qq', '']);
    expect(str(get(root, '/b').props.get('compatible'))).toBe('z');
    if (haveDtc) {
      const dts = dtc(dtb);
      expect(dts).toContain('/memreserve/\t0x0000000080000000 0x0000000000200000;');
      expect(dts).toContain('big = <0x01 0x23456789>;');
      expect(dts).toContain('odd = [01 02 03];');
    }
  });

  it('allocates phandles, by label on first use', () => {
    const w = new FdtWriter();
    expect(w.phandle('plic')).toBe(1);
    expect(w.allocPhandle()).toBe(2);
    expect(w.phandle('intc')).toBe(3);
    expect(w.phandle('plic')).toBe(1);
  });

  it('rejects misuse', () => {
    const w = new FdtWriter();
    expect(() => w.propU32('x', 1)).toThrow(/outside any node/);
    expect(() => w.begin('x')).toThrow(/first node must be the root/);
    expect(() => w.finish()).toThrow(/no root node/);
    w.begin('');
    expect(() => w.propU32('bad', -1)).toThrow(/not a 32-bit unsigned integer/);
    expect(() => w.propU32('bad', 2 ** 32)).toThrow(/not a 32-bit unsigned integer/);
    expect(() => w.propU32('bad', 1.5)).toThrow(/not a 32-bit unsigned integer/);
    expect(() => w.propU64('bad', -1n)).toThrow(/not a 64-bit unsigned integer/);
    expect(() => w.propU64('bad', 2n ** 64n)).toThrow(/not a 64-bit unsigned integer/);
    expect(() => w.propString('bad', 'a\0b')).toThrow(/NUL/);
    expect(() => w.begin('a/b')).toThrow(/bad node name/);
    expect(() => w.begin('')).toThrow(/bad node name/);
    w.propU32('x', 1);
    expect(() => w.propU32('x', 2)).toThrow(/duplicate property "x"/);
    w.begin('child');
    expect(() => w.finish()).toThrow(/still open/);
    w.end();
    expect(() => w.propU32('y', 1)).toThrow(/after a child node/);
    w.end();
    expect(() => w.end()).toThrow(/without an open node/);
    expect(() => w.begin('again')).toThrow(/already closed/);
    expect(readDtb(w.finish()).root.children.map((c) => c.name)).toEqual(['child']);
  });
});

describe('splitIsa', () => {
  it('splits single-letter and multi-letter extensions', () => {
    expect(splitIsa('rv64imac_zicsr_zifencei_zicntr')).toEqual({
      base: 'rv64i',
      extensions: ['i', 'm', 'a', 'c', 'zicsr', 'zifencei', 'zicntr'],
    });
    expect(splitIsa('rv64gc_sstc')).toEqual({
      base: 'rv64i',
      extensions: ['i', 'm', 'a', 'f', 'd', 'zicsr', 'zifencei', 'c', 'sstc'],
    });
    expect(splitIsa('RV32I2p1M_Zicsr2p0').extensions).toEqual(['i', 'm', 'zicsr']);
    expect(() => splitIsa('x86')).toThrow(/does not start with rv32\/rv64/);
  });
});

describe('buildVirtDeviceTree', () => {
  for (const harts of [1, 4]) {
    it(`describes a QEMU-virt-like machine with ${harts} hart(s)`, () => {
      const dtb = buildVirtDeviceTree(
        fullConfig(harts, { bootargs: 'console=ttyS0 earlycon panic=-1', initrd: { start: 0x8820_0000, end: 0x8830_9b29 } }),
      );
      const { header: h, root } = readDtb(dtb);
      expect(h.magic).toBe(0xd00dfeed);
      expect(h.version).toBe(17);
      expect(h.lastCompVersion).toBe(16);
      expect(h.totalsize).toBe(dtb.length);
      expect(h.bootCpuid).toBe(0);

      // strings block: each property name exactly once
      const names = new TextDecoder().decode(dtb.subarray(h.offStrings, h.offStrings + h.sizeStrings - 1)).split('\0');
      expect(new Set(names).size).toBe(names.length);
      expect(names.filter((n) => n === 'compatible')).toHaveLength(1);

      expect(cells(root.props.get('#address-cells'))).toEqual([2]);
      expect(cells(root.props.get('#size-cells'))).toEqual([2]);
      expect(str(root.props.get('compatible'))).toBe('riscv-virtio');

      const mem = get(root, '/memory@80000000');
      expect(str(mem.props.get('device_type'))).toBe('memory');
      expect(cells(mem.props.get('reg'))).toEqual([0, 0x8000_0000, 0, 0x1000_0000]);

      const cpus = get(root, '/cpus');
      expect(cells(cpus.props.get('timebase-frequency'))).toEqual([10_000_000]);
      expect(cells(cpus.props.get('#address-cells'))).toEqual([1]);
      expect(cells(cpus.props.get('#size-cells'))).toEqual([0]);
      const cpuNodes = cpus.children.filter((c) => c.name.startsWith('cpu@'));
      expect(cpuNodes.map((c) => c.name)).toEqual([...Array(harts).keys()].map((i) => `cpu@${i}`));
      const intcPh: number[] = [];
      for (const [i, c] of cpuNodes.entries()) {
        expect(str(c.props.get('device_type'))).toBe('cpu');
        expect(cells(c.props.get('reg'))).toEqual([i]);
        expect(str(c.props.get('status'))).toBe('okay');
        expect(str(c.props.get('compatible'))).toBe('riscv');
        expect(str(c.props.get('riscv,isa'))).toBe('rv64imac_zicsr_zifencei_zicntr');
        expect(str(c.props.get('riscv,isa-base'))).toBe('rv64i');
        expect(strs(c.props.get('riscv,isa-extensions'))).toEqual(['i', 'm', 'a', 'c', 'zicsr', 'zifencei', 'zicntr']);
        expect(str(c.props.get('mmu-type'))).toBe('riscv,sv48');
        const intc = get(c, 'interrupt-controller');
        expect(cells(intc.props.get('#interrupt-cells'))).toEqual([1]);
        expect(intc.props.get('interrupt-controller')!.length).toBe(0);
        expect(str(intc.props.get('compatible'))).toBe('riscv,cpu-intc');
        intcPh.push(cells(intc.props.get('phandle'))[0]);
      }
      // phandles are unique
      const all: number[] = [];
      const walk = (n: Node) => {
        if (n.props.has('phandle')) all.push(cells(n.props.get('phandle'))[0]);
        n.children.forEach(walk);
      };
      walk(root);
      expect(new Set(all).size).toBe(all.length);
      expect(all.every((p) => p > 0 && p !== 0xffffffff)).toBe(true);
      expect(get(root, '/cpus/cpu-map/cluster0').children).toHaveLength(harts);

      const soc = get(root, '/soc');
      expect(strs(soc.props.get('compatible'))).toEqual(['simple-bus']);
      expect(soc.props.get('ranges')!.length).toBe(0);
      const clint = get(soc, 'clint@2000000');
      expect(strs(clint.props.get('compatible'))).toEqual(['sifive,clint0', 'riscv,clint0']);
      expect(cells(clint.props.get('reg'))).toEqual([0, 0x200_0000, 0, 0x1_0000]);
      expect(cells(clint.props.get('interrupts-extended'))).toEqual(intcPh.flatMap((p) => [p, 3, p, 7]));
      const plic = get(soc, 'plic@c000000');
      expect(strs(plic.props.get('compatible'))).toEqual(['sifive,plic-1.0.0', 'riscv,plic0']);
      expect(cells(plic.props.get('riscv,ndev'))).toEqual([96]);
      expect(cells(plic.props.get('reg'))).toEqual([0, 0xc00_0000, 0, 0x60_0000]);
      expect(cells(plic.props.get('interrupts-extended'))).toEqual(intcPh.flatMap((p) => [p, 11, p, 9]));
      expect(cells(plic.props.get('#address-cells'))).toEqual([0]);
      expect(cells(plic.props.get('#interrupt-cells'))).toEqual([1]);
      const plicPh = cells(plic.props.get('phandle'))[0];
      const uart = get(soc, 'serial@10000000');
      expect(str(uart.props.get('compatible'))).toBe('ns16550a');
      expect(cells(uart.props.get('clock-frequency'))).toEqual([3_686_400]);
      expect(cells(uart.props.get('interrupts'))).toEqual([10]);
      expect(cells(uart.props.get('interrupt-parent'))).toEqual([plicPh]);
      const rtc = get(soc, 'rtc@101000');
      expect(str(rtc.props.get('compatible'))).toBe('google,goldfish-rtc');
      expect(cells(rtc.props.get('interrupts'))).toEqual([11]);
      const test = get(soc, 'test@100000');
      expect(strs(test.props.get('compatible'))).toEqual(['sifive,test1', 'sifive,test0', 'syscon']);
      const testPh = cells(test.props.get('phandle'))[0];
      for (const [n, v] of [
        ['poweroff', 0x5555],
        ['reboot', 0x7777],
      ] as const) {
        const node = get(root, `/${n}`);
        expect(str(node.props.get('compatible'))).toBe(`syscon-${n}`);
        expect(cells(node.props.get('regmap'))).toEqual([testPh]);
        expect(cells(node.props.get('offset'))).toEqual([0]);
        expect(cells(node.props.get('value'))).toEqual([v]);
      }
      expect(soc.children.filter((c) => c.name.startsWith('virtio_mmio@')).map((c) => [c.name, cells(c.props.get('interrupts'))[0]])).toEqual([
        ['virtio_mmio@10001000', 1],
        ['virtio_mmio@10002000', 2],
      ]);

      const chosen = get(root, '/chosen');
      expect(str(chosen.props.get('stdout-path'))).toBe('/soc/serial@10000000');
      expect(str(chosen.props.get('bootargs'))).toBe('console=ttyS0 earlycon panic=-1');
      expect(cells(chosen.props.get('linux,initrd-start'))).toEqual([0x8820_0000]);
      expect(cells(chosen.props.get('linux,initrd-end'))).toEqual([0x8830_9b29]);

      if (haveDtc) {
        const dts = dtc(dtb);
        expect(dts).toMatch(/^\/dts-v1\/;/);
        expect(dtsNode(dts, 'memory@80000000')).toContain('reg = <0x00 0x80000000 0x00 0x10000000>;');
        expect(dtsNode(dts, 'cpus')).toContain('timebase-frequency = <0x989680>;');
        expect(dts.match(/^\t\tcpu@[0-9a-f]+ \{$/gm)).toHaveLength(harts);
        expect(dts.match(/compatible = "riscv,cpu-intc";/g)).toHaveLength(harts);
        const chosenDts = dtsNode(dts, 'chosen');
        expect(chosenDts).toContain('bootargs = "console=ttyS0 earlycon panic=-1";');
        expect(chosenDts).toContain('linux,initrd-start = <0x88200000>;');
        expect(chosenDts).toContain('linux,initrd-end = <0x88309b29>;');
        expect(chosenDts).toContain('stdout-path = "/soc/serial@10000000";');
        expect(dtsNode(dts, 'plic@c000000')).toContain('compatible = "sifive,plic-1.0.0\\0riscv,plic0";');
        expect(dtsNode(dts, 'test@100000')).toContain('compatible = "sifive,test1\\0sifive,test0\\0syscon";');
        expect(dtsNode(dts, 'poweroff')).toContain('value = <0x5555>;');
        expect(dtsNode(dts, 'reboot')).toContain('value = <0x7777>;');
        expect(dtsNode(dts, 'cpu@0')).toContain('riscv,isa-extensions = "i\\0m\\0a\\0c\\0zicsr\\0zifencei\\0zicntr";');
        // dtc reads its own output back to the same source (numeric phandles in a source file are not references, hence -W)
        const again = spawnSync('dtc', ['-I', 'dts', '-O', 'dts', '-W', 'no-interrupt_provider', '-W', 'no-interrupts_extended_property', '-'], { input: dts, encoding: 'utf8' });
        expect(again.status).toBe(0);
        expect(again.stderr).toBe('');
        expect(again.stdout).toBe(dts);
      }
    });
  }

  it('leaves out what is not configured and derives the ISA lists', () => {
    const dtb = buildVirtDeviceTree({
      memBase: 0x8000_0000n,
      memSize: 8n << 30n,
      harts: 2,
      timebaseHz: 1_000_000,
      isa: 'rv64gc',
      mmuType: null,
      devices: { uart: { base: 0x1000_0000, size: 0x100, irq: 10, clockHz: 1_843_200 }, clint: VIRT_CLINT },
    });
    const { root } = readDtb(dtb);
    expect(root.children.map((c) => c.name)).toEqual(['chosen', 'memory@80000000', 'cpus', 'soc']);
    expect(cells(get(root, '/memory@80000000').props.get('reg'))).toEqual([0, 0x8000_0000, 2, 0]);
    const chosen = get(root, '/chosen');
    expect([...chosen.props.keys()]).toEqual(['stdout-path']);
    const cpu1 = get(root, '/cpus/cpu@1');
    expect(cpu1.props.has('mmu-type')).toBe(false);
    expect(strs(cpu1.props.get('riscv,isa-extensions'))).toEqual(['i', 'm', 'a', 'f', 'd', 'zicsr', 'zifencei', 'c']);
    const soc = get(root, '/soc');
    expect(soc.children.map((c) => c.name)).toEqual(['serial@10000000', 'clint@2000000']);
    // no PLIC: the UART is polled, so no interrupts property
    expect([...get(soc, 'serial@10000000').props.keys()]).toEqual(['clock-frequency', 'reg', 'compatible']);
    if (haveDtc) dtc(dtb);
  });

  it('writes 64-bit initrd addresses as two cells, rng-seed, reservations and the boot hart', () => {
    const seed = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]);
    const dtb = buildVirtDeviceTree(
      fullConfig(2, {
        memBase: 0x1_0000_0000,
        initrd: { start: 0x1_0000_0000n, end: 0x1_0010_0000n },
        rngSeed: seed,
        reserved: [{ address: 0x8000_0000, size: 0x4_0000 }],
        bootHart: 1,
        bootargs: '',
      }),
    );
    const { header, root, reserved } = readDtb(dtb);
    expect(header.bootCpuid).toBe(1);
    expect(reserved).toEqual([[0x8000_0000n, 0x4_0000n]]);
    expect(find(root, '/memory@100000000')).toBeDefined();
    const chosen = get(root, '/chosen');
    expect(cells(chosen.props.get('linux,initrd-start'))).toEqual([1, 0]);
    expect(cells(chosen.props.get('linux,initrd-end'))).toEqual([1, 0x10_0000]);
    expect(Array.from(chosen.props.get('rng-seed')!)).toEqual(Array.from(seed));
    expect(str(chosen.props.get('bootargs'))).toBe('');
    if (haveDtc) dtc(dtb);
  });

  it('rejects impossible configurations', () => {
    expect(() => buildVirtDeviceTree(fullConfig(0))).toThrow(/hart count 0 is out of range/);
    expect(() => buildVirtDeviceTree(fullConfig(1, { initrd: { start: 10, end: 5 } }))).toThrow(/initrd end 0x5 is below its start 0xa/);
    const noPlic = fullConfig(1);
    delete noPlic.devices.plic;
    expect(() => buildVirtDeviceTree(noPlic)).toThrow(/virtio_mmio@10001000 needs interrupt 1, but no PLIC is configured/);
    const badIrq = fullConfig(1);
    badIrq.devices.virtio = [{ base: 0x1000_1000, size: 0x1000, irq: 200 }];
    expect(() => buildVirtDeviceTree(badIrq)).toThrow(/interrupt 200 is out of range \(1…96\)/);
    expect(() => virtioSlot(8)).toThrow(/slot 8 does not exist/);
  });

  // Differential check against the machine it imitates: QEMU's own device tree.
  const haveQemu = spawnSync('qemu-system-riscv64', ['--version']).status === 0;
  it.skipIf(!haveQemu || !haveDtc)('matches QEMU 7.2 virt node for node (apart from what rvisor leaves out)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rvisor-dtb-'));
    try {
      for (const harts of [1, 4]) {
        const file = join(dir, `virt${harts}.dtb`);
        const run = spawnSync(
          'qemu-system-riscv64',
          ['-machine', `virt,dumpdtb=${file}`, '-nographic', '-m', '256M', '-smp', String(harts)],
          { encoding: 'utf8', timeout: 30_000 },
        );
        expect(run.status, run.stderr).toBe(0);
        const qemu = readDtb(new Uint8Array(readFileSync(file))).root;
        const isa = str(get(qemu, '/cpus/cpu@0').props.get('riscv,isa'));
        const ours = readDtb(
          buildVirtDeviceTree(
            fullConfig(harts, { isa, devices: { ...fullConfig(1).devices, virtio: [7, 6, 5, 4, 3, 2, 1, 0].map(virtioSlot) } }),
          ),
        ).root;
        // phandle values differ: compare what they point at
        const flatten = (root: Node) => {
          const byPh = new Map<number, string>();
          const nodes = new Map<string, Node>();
          const walk = (n: Node) => {
            nodes.set(n.path, n);
            if (n.props.has('phandle')) byPh.set(cells(n.props.get('phandle'))[0], n.path);
            n.children.forEach(walk);
          };
          walk(root);
          const out = new Map<string, Map<string, unknown>>();
          for (const [path, n] of nodes) {
            const props = new Map<string, unknown>();
            for (const [k, v] of n.props) {
              if (k === 'phandle') continue;
              if (['interrupt-parent', 'regmap', 'cpu'].includes(k)) props.set(k, byPh.get(cells(v)[0]));
              else if (k === 'interrupts-extended') props.set(k, cells(v).map((c, i) => (i % 2 ? c : byPh.get(c))));
              else props.set(k, Array.from(v));
            }
            out.set(path, props);
          }
          return out;
        };
        const q = flatten(qemu);
        const o = flatten(ours);
        const leftOut = /^\/(pmu|fw-cfg@|flash@|platform-bus@|soc\/pci@)/;
        for (const path of q.keys()) if (!leftOut.test(path)) expect(o.has(path), `rvisor lacks ${path}`).toBe(true);
        for (const [path, props] of o) {
          const qp = q.get(path);
          expect(qp, `QEMU has no ${path}`).toBeDefined();
          for (const [k, v] of props) {
            if (k === 'riscv,isa-base' || k === 'riscv,isa-extensions') continue; // newer binding, QEMU 7.2 lacks it
            expect(v, `${path} ${k}`).toEqual(qp!.get(k));
          }
          for (const k of qp!.keys()) if (k !== 'rng-seed' && k !== 'phandle') expect(props.has(k), `${path} lacks ${k}`).toBe(true);
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// `--dtb FILE` is checked before a kernel sees it: every part of a broken blob is named.
describe('parseFdt', () => {
  const good = () => buildVirtDeviceTree(fullConfig(2, { bootargs: 'console=ttyS0' }));
  const u32 = (b: Uint8Array, off: number) => new DataView(b.buffer, b.byteOffset).getUint32(off);
  const set = (b: Uint8Array, off: number, v: number) => { new DataView(b.buffer, b.byteOffset).setUint32(off, v); return b; };
  const header = (b: Uint8Array, field: number, v: number) => set(b, field * 4, v);

  it('reads what FdtWriter writes (and what dtc writes) back as the same tree', () => {
    const root = parseFdt(good());
    expect(root.name).toBe('');
    expect(root.children.map((c) => c.name)).toEqual(expect.arrayContaining(['chosen', 'cpus', 'memory@80000000', 'soc']));
    const chosen = root.children.find((c) => c.name === 'chosen')!;
    expect(new TextDecoder().decode(chosen.props.get('bootargs'))).toBe('console=ttyS0\0');
    const cpus = root.children.find((c) => c.name === 'cpus')!;
    expect(cpus.children.filter((c) => c.name.startsWith('cpu@'))).toHaveLength(2);
    // A blob dtc wrote (from the decompiled tree): the same nodes.
    const dts = spawnSync('dtc', ['-I', 'dtb', '-O', 'dts'], { input: good() });
    const dtb = spawnSync('dtc', ['-I', 'dts', '-O', 'dtb'], { input: dts.stdout });
    if (dtb.error) throw new Error(`dtc did not run (${dtb.error.message}); run node scripts/ensure-tools.mjs`);
    expect(parseFdt(new Uint8Array(dtb.stdout)).children.map((c) => c.name)).toEqual(root.children.map((c) => c.name));
  });

  it('names what is wrong with a broken blob', () => {
    const bad = (b: Uint8Array, re: RegExp) => {
      expect(() => parseFdt(b, 'x.dtb')).toThrow(FdtError);
      expect(() => parseFdt(b, 'x.dtb')).toThrow(re);
    };
    bad(new Uint8Array(0), /^x\.dtb: empty file/);
    bad(new Uint8Array(39), /39 bytes, shorter than a device tree header/);
    bad(new TextEncoder().encode('/dts-v1/; / { model = "text, not a blob"; };\n'), /bad magic 0x2f647473/);
    bad(header(good(), 5, 15), /format version 15/);
    bad(header(good(), 6, 18), /compatible with 18/);
    const g = good();
    bad(g.subarray(0, g.length - 8), /totalsize \d+ but the file has \d+ bytes; it is truncated/);
    bad(header(good(), 1, 20), /totalsize 20 is smaller than the header/);
    bad(header(good(), 4, 44), /memory reservation block at 44 is not 8-byte aligned/);
    bad(header(good(), 2, 0x7fff_fff0), /structure block .* lies outside the blob/);
    bad(header(good(), 9, 0x10_0000), /structure block .* lies outside the blob/);
    bad(header(good(), 8, 0x10_0000), /strings block .* lies outside the blob/);
    // The reservation list runs into the end of the blob without its zero entry.
    const rsv = good();
    rsv.fill(0xff, u32(rsv, 16), u32(rsv, 1 * 4));
    bad(rsv, /(no terminating entry|outside the blob|unknown token|root)/);
    const s = (b: Uint8Array) => u32(b, 8); // off_dt_struct
    bad((() => { const b = good(); return set(b, s(b), 0x77); })(), /unknown token 0x77 at \d+/);
    bad((() => { const b = good(); return set(b, s(b), 3); })(), /property at \d+ outside any node|runs past/);
    bad((() => { const b = good(); return set(b, s(b), 2); })(), /FDT_END_NODE at \d+ closes no node/);
    bad((() => { const b = good(); return set(b, s(b) + 4, 0x6162_6300); })(), /root node is named "abc"/);
    // The last token (FDT_END) turned into FDT_END_NODE / FDT_NOP: the walk runs off the block.
    bad((() => { const b = good(); return set(b, s(b) + u32(b, 36) - 4, 2); })(), /closes no node|ends without FDT_END/);
    bad((() => { const b = good(); return set(b, s(b) + u32(b, 36) - 4, 4); })(), /ends without FDT_END/);
    // The root's last FDT_END_NODE turned into a NOP: a node still open at FDT_END.
    bad((() => { const b = good(); return set(b, s(b) + u32(b, 36) - 8, 4); })(), /FDT_END at \d+ with 1 node\(s\) still open/);
    // A property whose name offset lies past the strings block, and one whose length runs past the block.
    const firstProp = (b: Uint8Array) => { let p = s(b) + 8; while (u32(b, p) !== 3) p += 4; return p; };
    bad((() => { const b = good(); return set(b, firstProp(b) + 8, 0xffff); })(), /names string 65535, outside the strings block/);
    bad((() => { const b = good(); return set(b, firstProp(b) + 4, 0xffff_fff0); })(), /runs past the structure block/);
  });
});
