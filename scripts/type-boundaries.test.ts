/**
 * The compiler enforces the boundaries between the contract, the SPA and the server: a throwaway
 * project tree whose tsconfigs extend the real ones (contract/, src/, server/) gets files that
 * cross a boundary, and a real `tsc -b` must reject exactly those. So a change to the real configs
 * that lets Node or the DOM into the contract, server code into the SPA or SPA code into the
 * server fails here.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Inside the repository (.cache is ignored), so `types` such as vite/client resolve from node_modules. */
let dir: string;
/** Error codes by fixture file, from tsc's `file(line,col): error TSxxxx` lines. */
const errors = new Map<string, string[]>();
/** Errors tsc reports without a file (a broken config, say). */
const unplaced: string[] = [];

const json = (value: unknown) => JSON.stringify(value, null, 2);

/** A project that extends the real one at `real`, over the fixture's own files and outputs. */
function projectConfig(name: string, real: string, references: string[] = []) {
  return json({
    extends: path.join(root, real),
    compilerOptions: {
      tsBuildInfoFile: path.join(dir, '.out', `${name}.tsbuildinfo`),
      ...(name === 'contract' ? { outDir: path.join(dir, '.out', name) } : {}),
      paths: { '@contract/*': [path.join(dir, 'contract', '*')] },
    },
    include: ['**/*.ts'],
    exclude: [],
    references: references.map((p) => ({ path: p })),
  });
}

const FILES: Record<string, string> = {
  'tsconfig.json': json({ files: [], references: [{ path: './contract' }, { path: './src' }, { path: './server' }] }),
  'contract/ok.ts': 'export const answer: number = [1, 2].at(-1) ?? 0;\n',
  'contract/uses-node.ts': "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n",
  'contract/uses-buffer.ts': "export const bytes = Buffer.from('x');\n",
  'contract/uses-dom.ts': 'export const here = window.location.href;\n',
  'server/x.ts': "import { answer } from '@contract/ok';\nexport const fromServer = answer;\n",
  'server/imports-spa.ts': "import { shown } from '../src/ok';\nexport const leaked = shown;\n",
  'src/ok.ts': "import { answer } from '@contract/ok';\nexport const shown: string = `${answer} ${document.title}`;\n",
  'src/imports-server.ts': "import { fromServer } from '../server/x';\nexport const leaked = fromServer;\n",
};

beforeAll(async () => {
  await mkdir(path.join(root, '.cache'), { recursive: true });
  dir = await mkdtemp(path.join(root, '.cache', 'type-boundaries-'));
  const files = {
    ...FILES,
    'contract/tsconfig.json': projectConfig('contract', 'contract/tsconfig.json'),
    'src/tsconfig.json': projectConfig('src', 'src/tsconfig.json', ['../contract']),
    'server/tsconfig.json': projectConfig('server', 'server/tsconfig.json', ['../contract']),
  };
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), text);
  }
  const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const out = await run(process.execPath, [tsc, '-b', path.join(dir, 'tsconfig.json'), '--pretty', 'false'], { cwd: dir }).then(
    (r) => r.stdout,
    (err: { stdout?: string }) => err.stdout ?? '',
  );
  for (const line of out.split('\n').filter((l) => l.includes('error TS'))) {
    const m = /^(.+?)\(\d+,\d+\): error (TS\d+)/.exec(line);
    if (!m) {
      unplaced.push(line);
      continue;
    }
    const file = path.relative(dir, path.resolve(dir, m[1]!));
    errors.set(file, [...(errors.get(file) ?? []), m[2]!]);
  }
}, 120_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('tsc -b with the real project configs', () => {
  it('accepts a contract file on plain ES, and SPA and server files importing it through @contract/*', () => {
    expect(unplaced).toEqual([]);
    expect(errors.get('contract/ok.ts')).toBeUndefined();
    expect(errors.get('src/ok.ts')).toBeUndefined();
    expect(errors.get('server/x.ts')).toBeUndefined();
  });

  it('rejects Node in the contract: a node: import and the Buffer global', () => {
    expect(errors.get('contract/uses-node.ts')).toEqual(['TS2307']); // Cannot find module 'node:fs'
    expect(errors.get('contract/uses-buffer.ts')?.[0]).toMatch(/^TS(2580|2591)$/); // Cannot find name 'Buffer'
  });

  it('rejects the DOM in the contract', () => {
    expect(errors.get('contract/uses-dom.ts')?.[0]).toMatch(/^TS(2304|2584)$/); // Cannot find name 'window'
  });

  it('rejects a server/ import in an SPA (non-test) file', () => {
    expect(errors.get('src/imports-server.ts')).toEqual(['TS6307']); // not listed within the file list of project
  });

  it('rejects a src/ import in a server (non-test) file', () => {
    expect(errors.get('server/imports-spa.ts')).toEqual(['TS6307']);
  });

  it('reports nothing else', () => {
    const expected = [
      'contract/uses-node.ts',
      'contract/uses-buffer.ts',
      'contract/uses-dom.ts',
      'src/imports-server.ts',
      'server/imports-spa.ts',
    ];
    expect([...errors.keys()].sort()).toEqual(expected.sort());
    expect(unplaced).toEqual([]);
  });
});
