/**
 * Error messages as every door shows them: one line of at most 300 characters, written for people.
 * Input validation (zod) is described by the field a person typed ("tag: a tag cannot be empty"),
 * never by its place in the JSON ("tags.0: ..."). Zod is only a type import here.
 */
import type * as z from 'zod/mini';

export const MAX_ERROR_CHARS = 300;

/**
 * One line, at most MAX_ERROR_CHARS: line breaks and control characters become spaces, and a long
 * message (a 200 KB name quoted back, a parser dump) is cut with an ellipsis.
 */
export function errorLine(message: string, max = MAX_ERROR_CHARS): string {
  const flat = message.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').replace(/ {2,}/g, ' ').trim();
  const text = flat === '' ? 'unknown error' : flat;
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

type Issue = z.core.$ZodIssue;

/** The field a person knows: the last named key; `tags.0` is one `tag`. */
function fieldLabel(path: readonly PropertyKey[]): string {
  for (let i = path.length - 1; i >= 0; i--) {
    const key = path[i];
    if (typeof key !== 'string') continue;
    const inList = typeof path[i + 1] === 'number';
    return inList && key.endsWith('s') ? key.slice(0, -1) : key;
  }
  return '';
}

const TYPE_NAMES: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
};

/** zod's own wording starts like this; a schema's custom message never does. */
function isDefaultMessage(message: string): boolean {
  return /^(Invalid|Too small|Too big|Unrecognized)/.test(message);
}

function quoteList(values: readonly unknown[]): string {
  return values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ');
}

/** The value at `path` in what was given, or undefined when it is absent. */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function issueText(issue: Issue, input: unknown): string {
  if (!isDefaultMessage(issue.message)) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      // zod leaves the input out of its issues: look at what was given.
      if (valueAt(input, issue.path) === undefined) return 'is required';
      return `expected ${TYPE_NAMES[issue.expected] ?? issue.expected}`;
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? 'cannot be empty' : `must be at least ${issue.minimum} characters`;
      if (issue.origin === 'array' || issue.origin === 'set') return `give at least ${issue.minimum}`;
      return `must be at least ${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'string') return `cannot be longer than ${issue.maximum} characters`;
      if (issue.origin === 'array' || issue.origin === 'set') return `give at most ${issue.maximum}`;
      return `must be at most ${issue.maximum}`;
    case 'invalid_value':
      return `expected one of ${quoteList(issue.values)}`;
    case 'invalid_union': {
      const options = (issue as { options?: unknown[] }).options;
      return options ? `expected one of ${quoteList(options)}` : 'is not valid here';
    }
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length === 1 ? '' : 's'} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    default:
      return 'is not valid';
  }
}

/**
 * The first problem of a failed validation, as one line for a person: `tag: a tag cannot be empty`.
 * `input` (what was validated) tells a missing field from one of the wrong type.
 */
export function describeInputError(error: z.core.$ZodError, input?: unknown): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid input';
  const label = issue.code === 'unrecognized_keys' ? '' : fieldLabel(issue.path);
  const problem = issueText(issue, input);
  return errorLine(label === '' ? problem : `${label}: ${problem}`);
}
