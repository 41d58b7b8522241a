import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { precompressFile } from './precompress-plugin';

const dir = mkdtempSync(path.join(os.tmpdir(), 'precompress-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('precompressFile', () => {
  it('writes .br and .gz copies that decode to the original', () => {
    const file = path.join(dir, 'app.js');
    const text = 'export const hello = "world";\n'.repeat(500);
    writeFileSync(file, text);
    expect(precompressFile(file)).toBe(2);
    expect(brotliDecompressSync(readFileSync(`${file}.br`)).toString()).toBe(text);
    expect(gunzipSync(readFileSync(`${file}.gz`)).toString()).toBe(text);
  });

  it('skips files too small to gain and files that do not compress', () => {
    const small = path.join(dir, 'tiny.js');
    writeFileSync(small, 'x');
    const random = path.join(dir, 'noise.wasm');
    writeFileSync(random, randomBytes(64 * 1024));
    expect(precompressFile(small)).toBe(0);
    expect(precompressFile(random)).toBe(0);
    expect(existsSync(`${random}.br`) || existsSync(`${random}.gz`)).toBe(false);
  });
});
