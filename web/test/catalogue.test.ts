import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { errorCodes } from '../../core/index.js';
import { en } from '../src/i18n/messages/en.js';
import { ko } from '../src/i18n/messages/ko.js';

type Entry = { key: string; value: unknown };

function entries(dict: object, prefix = ''): Entry[] {
  return Object.entries(dict).flatMap(([key, value]) =>
    value && typeof value === 'object' ? entries(value as object, `${prefix}${key}.`) : [{ key: `${prefix}${key}`, value }],
  );
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((match) => match[1]).sort();

describe('the catalogue of messages', () => {
  const english = new Map(entries(en).map((entry) => [entry.key, entry.value]));
  const korean = new Map(entries(ko).map((entry) => [entry.key, entry.value]));

  it('has every key in both languages, and nothing in one only', () => {
    expect([...korean.keys()].filter((key) => !english.has(key))).toEqual([]);
    expect([...english.keys()].filter((key) => !korean.has(key))).toEqual([]);
    expect(english.size).toBeGreaterThan(150);
  });

  it('fills the same placeholders in both languages and leaves no message empty', () => {
    for (const [key, value] of english) {
      const other = korean.get(key);
      expect(typeof other, key).toBe(typeof value);
      if (typeof value === 'string') {
        expect(value.trim(), key).not.toBe('');
        expect((other as string).trim(), key).not.toBe('');
        expect(placeholders(other as string), key).toEqual(placeholders(value));
      }
    }
  });

  it('says something in Korean, not English left untranslated', () => {
    const untranslated = [...english].filter(
      ([key, value]) => typeof value === 'string' && value === korean.get(key) && /[a-z]{3}/i.test(value.replace(/\{\{\s*\w+\s*\}\}/g, '')),
    );
    expect(untranslated.map(([key]) => key)).toEqual([]);
    const hangul = [...korean.values()].filter((value) => typeof value === 'string' && /[\uac00-\ud7a3]/.test(value));
    expect(hangul.length / korean.size).toBeGreaterThan(0.9);
  });

  it('has a human sentence for every code the API can refuse with, in both languages', () => {
    for (const code of [...Object.keys(errorCodes), 'network_error', 'unexpected_response']) {
      expect(english.get(`errors.${code}`), code).toEqual(expect.any(String));
      expect(korean.get(`errors.${code}`), code).toEqual(expect.any(String));
    }
  });
});

/** Attributes whose string is read by people (or screen readers), so it must come from the catalogue. */
const SPOKEN_ATTRIBUTES = new Set(['aria-label', 'aria-description', 'title', 'placeholder', 'alt', 'label', 'fallback', 'confirmLabel', 'cancelLabel', 'retryLabel', 'what', 'loading', 'hint']);
const LETTER = /\p{L}/u;

function literalTextIn(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const where = (node: ts.Node) => `${relative(process.cwd(), file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && LETTER.test(node.text)) found.push(`${where(node)} text "${node.text.trim()}"`);
    if (ts.isJsxAttribute(node) && SPOKEN_ATTRIBUTES.has(node.name.getText()) && node.initializer && ts.isStringLiteral(node.initializer) && LETTER.test(node.initializer.text)) {
      found.push(`${where(node)} ${node.name.getText()}="${node.initializer.text}"`);
    }
    if (ts.isJsxExpression(node) && node.expression && (ts.isStringLiteral(node.expression) || ts.isNoSubstitutionTemplateLiteral(node.expression)) && LETTER.test(node.expression.text)) {
      found.push(`${where(node)} {"${node.expression.text}"}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function tsxFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? tsxFiles(join(dir, entry.name)) : entry.name.endsWith('.tsx') ? [join(dir, entry.name)] : [],
  );
}

describe('components', () => {
  const files = tsxFiles(join(import.meta.dirname, '../src'));

  it('show no sentence that is not in the catalogue', () => {
    expect(files.length).toBeGreaterThan(20);
    expect(files.flatMap(literalTextIn)).toEqual([]);
  });

  it('are checked by a scan that does find literal text', () => {
    const sample = join(import.meta.dirname, 'fixtures', 'literal-text.tsx.txt');
    const found = literalTextIn(sample);
    expect(found).toHaveLength(4);
  });
});
