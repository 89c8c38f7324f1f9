import { existsSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// The size bars of the lifecycle issue: small functions and small files where the behaviour lives.
const MAX_FUNCTION_LINES = 60;
const MAX_FILE_LINES = 250;
const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', 'core', 'origin', 'edge'], { encoding: 'utf8' })
  .split('\n')
  .filter((file) => file.endsWith('.ts') && existsSync(file) && !/\.test\.ts$|\.contract\.ts$|test-support\/|runtime-tests\/|sample-media\//.test(file));

function longFunctions(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const start = source.getLineAndCharacterOfPosition(node.getStart()).line;
      const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      // A factory returning an object of methods is measured by its own lines, not its methods'.
      const nested = countNestedLines(node, source);
      if (end - start + 1 - nested > MAX_FUNCTION_LINES) found.push(`${file}:${start + 1} (${end - start + 1 - nested} lines)`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function countNestedLines(fn: ts.Node, source: ts.SourceFile): number {
  let lines = 0;
  const visit = (node: ts.Node) => {
    if (node !== fn && ts.isFunctionLike(node)) {
      lines += source.getLineAndCharacterOfPosition(node.getEnd()).line - source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
      return;
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(fn, visit);
  return lines;
}

describe('code size in core, origin and edge', () => {
  it(`has no function over ${MAX_FUNCTION_LINES} lines of its own`, () => {
    expect(files.length).toBeGreaterThan(50);
    expect(files.flatMap(longFunctions)).toEqual([]);
  });

  it(`has no non-test file over ${MAX_FILE_LINES} lines`, () => {
    const long = files.filter((file) => readFileSync(file, 'utf8').split('\n').length > MAX_FILE_LINES);
    expect(long).toEqual([]);
  });
});
