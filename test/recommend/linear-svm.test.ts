import { describe, expect, it } from 'vitest';
import { buildMatrix, score } from '../../src/recommend/feature-matrix.ts';
import { trainSvm } from '../../src/recommend/linear-svm.ts';
import { featuresOfPapers } from '../../src/recommend/segment-features.ts';

const texts = [
  ...Array.from({ length: 4 }, (_, i) => `sparse attention kernels for long context ${i} memory`),
  ...Array.from({ length: 200 }, (_, i) => `protein folding structure prediction ${i % 7} memory`),
  ...Array.from({ length: 40 }, (_, i) => `sparse attention kernels for long context ${i % 5} memory again`),
];
const matrix = buildMatrix([{ features: featuresOfPapers('seg', { bytes: 0, crc: null }, texts.map((title, i) => ({ id: `p${i}`, title, abstract: '' }))), masked: new Set() }]);

describe('linear SVM (dual coordinate descent)', () => {
  it('separates 4 positives from 240 papers despite the imbalance: the papers like them score above all others', () => {
    const labels = new Int8Array(matrix.ids.length).fill(-1);
    for (let r = 0; r < 4; r++) labels[r] = 1;
    const model = trainSvm(matrix, labels);
    const scores = matrix.ids.map((_, r) => score(matrix, r, model.weights));
    const like = scores.slice(204);
    const unlike = scores.slice(4, 204);
    expect(Math.min(...like)).toBeGreaterThan(Math.max(...unlike));
    // Class weighting: the positives are on the positive side although they are 1 in 61.
    expect(scores.slice(0, 4).every((value) => value > 0)).toBe(true);
    expect(model.alphas.size).toBeGreaterThan(0);
  });

  it('warm-started from the previous model, reaches the same ranking', () => {
    const labels = new Int8Array(matrix.ids.length).fill(-1);
    for (let r = 0; r < 4; r++) labels[r] = 1;
    const first = trainSvm(matrix, labels);
    labels[204] = 1;
    const cold = trainSvm(matrix, labels);
    const warm = trainSvm(matrix, labels, { warm: first.alphas });
    const order = (weights: Float64Array) => matrix.ids.map((_, r) => r).sort((a, b) => score(matrix, b, weights) - score(matrix, a, weights) || a - b).slice(0, 40);
    expect(order(warm.weights)).toEqual(order(cold.weights));
    expect(warm.passes).toBeLessThanOrEqual(cold.passes);
  });

  it('trained on a sample of the negatives (beyond its cap), still ranks the papers like the positives first, and keeps the negatives it must', () => {
    const labels = new Int8Array(matrix.ids.length).fill(-1);
    for (let r = 0; r < 4; r++) labels[r] = 1;
    const kept = 5;
    const model = trainSvm(matrix, labels, { maxNegatives: 30, keep: (row) => row === kept });
    const scores = matrix.ids.map((_, r) => score(matrix, r, model.weights));
    expect(Math.min(...scores.slice(204))).toBeGreaterThan(Math.max(...scores.slice(4, 204)));
    const trainedOn = [...model.alphas.keys()].filter((id) => Number(id.slice(1)) >= 4);
    expect(trainedOn.length).toBeLessThan(60);
    expect(model.alphas.has(`p${kept}`)).toBe(true);
  });
});
