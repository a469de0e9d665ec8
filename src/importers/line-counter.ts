/**
 * Line numbers (from 1) for offsets asked in non-decreasing order, counting each newline once:
 * asking offset by offset from the start of a large file would be quadratic.
 */
export function lineCounter(text: string): (offset: number) => number {
  let line = 1;
  let counted = 0;
  return (offset) => {
    if (offset < counted) {
      line = 1;
      counted = 0;
    }
    for (let at = text.indexOf('\n', counted); at !== -1 && at < offset; at = text.indexOf('\n', at + 1)) line++;
    counted = offset;
    return line;
  };
}
