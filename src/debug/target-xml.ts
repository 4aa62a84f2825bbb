// The target description gdb reads with qXfer:features:read:target.xml: RISC-V with the
// feature names gdb's riscv-tdep.c looks for (org.gnu.gdb.riscv.cpu, .fpu, .csr, .virtual) and
// gdb's register numbers (x 0-31, pc 32, f 33-64, CSR n at 65 + n, priv at 65 + 4096).
import type { RegisterInfo } from './target';

const FEATURES: [RegisterInfo['feature'], string][] = [
  ['cpu', 'org.gnu.gdb.riscv.cpu'],
  ['fpu', 'org.gnu.gdb.riscv.fpu'],
  ['csr', 'org.gnu.gdb.riscv.csr'],
  ['virtual', 'org.gnu.gdb.riscv.virtual'],
];

export function targetXml(regs: readonly RegisterInfo[]): string {
  const out = ['<?xml version="1.0"?>', '<!DOCTYPE target SYSTEM "gdb-target.dtd">', '<target version="1.0">',
    '<architecture>riscv:rv64</architecture>'];
  for (const [feature, name] of FEATURES) {
    out.push(`<feature name="${name}">`);
    if (feature === 'fpu') {
      // f registers hold a double or a NaN-boxed single, as gdb's own 64bit-fpu.xml shows them
      out.push('<union id="riscv_double"><field name="float" type="ieee_single"/><field name="double" type="ieee_double"/></union>');
    }
    for (const r of regs.filter((x) => x.feature === feature)) {
      const type = r.type ? ` type="${r.type}"` : '';
      const group = r.group ? ` group="${r.group}"` : feature === 'csr' ? ' group="csr"' : '';
      out.push(`<reg name="${r.name}" bitsize="${r.bits}" regnum="${r.regnum}"${type}${group}/>`);
    }
    out.push('</feature>');
  }
  out.push('</target>');
  return out.join('\n');
}
