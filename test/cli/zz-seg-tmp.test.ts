import { it } from 'vitest';
import { Library } from '/work/main/src/library/library.ts';
import { parseHfDailyItems } from '/work/main/src/importers/hf-json.ts';
import { hfDay } from '/work/main/test/library/fetch-harness.ts';
import { mkdtempSync } from 'node:fs';
it('segments', async () => {
  for (const n of [1, 31, 200]) {
    const dir = mkdtempSync('/tmp/x/seg-');
    const lib = await Library.open(dir);
    const per = Math.floor(6000 / n);
    const t0 = performance.now();
    for (let i = 0; i < n; i++) {
      const items = hfDay(`2026-${String(1 + Math.floor(i / 28) % 12).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`, per).map((it: any, k: number) => ({ ...it, paper: { ...it.paper, id: `26${String(i).padStart(2,'0').slice(-2)}.${String(i * 1000 + k).padStart(5, '0').slice(-5)}` } }));
      await lib.importParsed(parseHfDailyItems(items), 'hf-daily');
    }
    const t1 = performance.now();
    const again = await Library.open(dir);
    const t2 = performance.now();
    again.search('reward model', { limit: 20 });
    const t3 = performance.now();
    console.log(`${n} segments x ${per}: import ${(t1 - t0).toFixed(0)} ms, open ${(t2 - t1).toFixed(0)} ms, search ${(t3 - t2).toFixed(0)} ms, papers ${again.stats().papers}`);
  }
}, 600000);
