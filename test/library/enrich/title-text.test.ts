import { describe, expect, it } from 'vitest';
import { stripTex, titleMatchText } from '../../../src/library/enrich/title-text.ts';

describe('titleMatchText', () => {
  it('folds case, punctuation, dashes, quotes and whitespace', () => {
    const listing = 'GeoRef: Referring Expressions in Geometry — Task “Formulation”';
    expect(titleMatchText(listing)).toBe('georef referring expressions in geometry task formulation');
    expect(titleMatchText('GeoRef -- Referring\n  Expressions in Geometry --- Task ``Formulation\'\'')).toBe(titleMatchText(listing));
    expect(titleMatchText("Sample, Don’t Search")).toBe(titleMatchText("Sample, Don't Search"));
  });

  it('reads TeX accents, letters, commands, braces and math as the text they show', () => {
    expect(titleMatchText('G\\"odel, Escher, Bach')).toBe('godel escher bach');
    expect(titleMatchText('G\\"{o}del and Sch{\\"o}nberg')).toBe(titleMatchText('Gödel and Schönberg'));
    expect(titleMatchText('{\\O}stergaard and {\\o}re')).toBe('ostergaard and ore');
    expect(titleMatchText('Øre, Łódź, Straße')).toBe(titleMatchText('{\\O}re, {\\L}\\\'od\\\'z, Stra{\\ss}e'));
    expect(titleMatchText('Fran\\c{c}ois and \\v{S}koda')).toBe('francois and skoda');
    expect(titleMatchText('$\\texttt{ToolRL}$: Reward is All Tool Learning Needs')).toBe(titleMatchText('ToolRL: Reward is All Tool Learning Needs'));
    expect(titleMatchText('\\emph{Attention} Is All You Need')).toBe('attention is all you need');
    expect(titleMatchText('Q\\&A over $k$-NN Graphs')).toBe(titleMatchText('Q&A over k-NN Graphs'));
  });

  it('folds Unicode compatibility forms and accents', () => {
    expect(titleMatchText('ﬁne-tuning ＬＬＭｓ')).toBe('fine tuning llms');
    expect(titleMatchText('Café Crème')).toBe('cafe creme');
    expect(titleMatchText('Cafe\u0301 Cre\u0300me')).toBe('cafe creme');
  });

  it('keeps every word and number: different wording stays different', () => {
    expect(titleMatchText('RewardBench 2: Advancing Reward Model Evaluation')).not.toBe(titleMatchText('RewardBench: Advancing Reward Model Evaluation'));
    expect(titleMatchText('ToolRL v2: Reward is All Tool Learning Needs')).not.toBe(titleMatchText('ToolRL: Reward is All Tool Learning Needs'));
    expect(titleMatchText('Language Models can Solve Computer Tasks')).not.toBe(titleMatchText('Language Models can Solve Computer Task'));
  });

  it('takes linear time on hostile markup', () => {
    const hostile = `${'\\'.repeat(50_000)}${'{'.repeat(50_000)}${'\\"'.repeat(50_000)}`;
    const started = performance.now();
    stripTex(hostile);
    titleMatchText(hostile);
    const ms = performance.now() - started;
    console.log(`titleMatchText on 250k characters of markup: ${ms.toFixed(1)} ms`);
    expect(ms).toBeLessThan(5000);
  });
});
