import { expect } from 'vitest';
import { ImportFormatError, PapershelfError } from '../../src/model/errors.ts';

/** The PapershelfError `run` throws; fails the test when it throws nothing or something else. */
export function errorOf(run: () => unknown): PapershelfError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(PapershelfError);
    return error as PapershelfError;
  }
  throw new Error('expected an error, but nothing was thrown');
}

/** The ImportFormatError `run` throws: a whole file refused. */
export function rejectionOf(run: () => unknown): ImportFormatError {
  const error = errorOf(run);
  expect(error).toBeInstanceOf(ImportFormatError);
  return error as ImportFormatError;
}
