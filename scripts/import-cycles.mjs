#!/usr/bin/env node
// No import cycles, type-only imports included (part of `npm run lint`). ESLint's import-x/no-cycle
// reports the cycles that run (load order, half-initialised modules) but skips `import type` edges by
// design; a cycle of types still ties two files into one unit, so this check follows every import,
// resolved as the compiler does (tsconfig.base.json: Bundler resolution, @contract/* paths).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CODE_DIRS = ['src', 'server', 'contract', 'e2e', 'bench', 'scripts'];
const CODE = /\.(ts|tsx|mts|js|mjs)$/;

/** The code files under `dirs` (relative to `base`), as absolute paths. */
export function codeFiles(base, dirs = CODE_DIRS) {
  return dirs.flatMap((dir) =>
    readdirSync(path.join(base, dir), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && CODE.test(entry.name))
      .map((entry) => path.join(entry.parentPath, entry.name)),
  );
}

/** Every strongly connected group of two or more files (or a file importing itself), paths relative to `base`. */
export function findImportCycles(base, files) {
  const parsed = ts.parseJsonConfigFileContent(
    ts.readConfigFile(path.join(root, 'tsconfig.base.json'), ts.sys.readFile).config,
    ts.sys,
    root,
  );
  const options = { ...parsed.options, allowJs: true };
  const known = new Set(files);
  const edges = new Map();
  for (const file of files) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets = new Set();
    for (const { fileName } of importedFiles) {
      const resolved = ts.resolveModuleName(fileName, file, options, ts.sys).resolvedModule?.resolvedFileName;
      if (resolved && known.has(path.resolve(resolved))) targets.add(path.resolve(resolved));
    }
    edges.set(file, [...targets]);
  }

  // Tarjan's strongly connected components, iterative (no recursion limit on long import chains).
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const cycles = [];
  let next = 0;
  for (const start of files) {
    if (index.has(start)) continue;
    const work = [{ file: start, i: 0 }];
    index.set(start, next);
    low.set(start, next++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      const targets = edges.get(frame.file);
      if (frame.i < targets.length) {
        const target = targets[frame.i++];
        if (!index.has(target)) {
          index.set(target, next);
          low.set(target, next++);
          stack.push(target);
          onStack.add(target);
          work.push({ file: target, i: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.file, Math.min(low.get(frame.file), index.get(target)));
        }
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1].file;
        low.set(parent, Math.min(low.get(parent), low.get(frame.file)));
      }
      if (low.get(frame.file) !== index.get(frame.file)) continue;
      const group = [];
      let member;
      do {
        member = stack.pop();
        onStack.delete(member);
        group.push(path.relative(base, member));
      } while (member !== frame.file);
      if (group.length > 1 || edges.get(frame.file).includes(frame.file)) cycles.push(group.sort());
    }
  }
  return cycles;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const cycles = findImportCycles(root, codeFiles(root));
  for (const group of cycles) console.error(`import cycle: ${group.join(' ↔ ')}`);
  if (cycles.length > 0) {
    console.error('Break it: move what the files share (often a type) into a file of its own that imports neither.');
    process.exit(1);
  }
}
