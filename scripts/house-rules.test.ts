/**
 * The house rules bite: ESLint with the real eslint.config.js rejects each kind of import across a
 * zone, a value import that would pull zod into the SPA bundle, and a name that is not kebab-case,
 * on snippets linted as if they sat at the given paths (nothing is written under src/); and the
 * cycle check finds a cycle made of type-only imports, which import-x/no-cycle skips.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';
import { findImportCycles } from './import-cycles.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const eslint = new ESLint({ cwd: root });

/** The rule ids ESLint reports for `code` linted as the file `filePath` (from the repository root). */
async function ruleIds(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? `fatal: ${m.message}`);
}

const ZONE = 'import-x/no-restricted-paths';
const SPA_IMPORTS = '@typescript-eslint/no-restricted-imports';

describe('import zones', () => {
  it('let a feature use src/lib, the contract enums and types, and its own files', async () => {
    const code = [
      "import { formatDateTime } from '../../lib/format';",
      "import { DECISIONS } from '@contract/api/enums';",
      "import type { CaseDetail } from '@contract/api';",
      "import { caseQuery } from './api';",
      'export const used = [formatDateTime, DECISIONS, caseQuery];',
      'export type Detail = CaseDetail;',
    ].join('\n');
    expect(await ruleIds('src/features/review/zone-probe.ts', code)).toEqual([]);
  });

  it('stop a feature importing another feature or the app', async () => {
    expect(await ruleIds('src/features/auth/zone-probe.ts', "export { caseQuery } from '../review/api';")).toEqual([ZONE]);
    expect(
      await ruleIds('src/features/review/zone-probe.ts', "export { createQueryClient } from '../../app/query-client';"),
    ).toEqual([ZONE]);
  });

  it('stop src/lib importing a feature or the app', async () => {
    expect(await ruleIds('src/lib/zone-probe.ts', "export { dashboardQuery } from '../features/dashboard/api';")).toEqual([ZONE]);
    expect(await ruleIds('src/lib/zone-probe.ts', "export { createQueryClient } from '../app/query-client';")).toEqual([ZONE]);
  });

  it('stop the SPA importing the server, except in tests', async () => {
    const code = "export { loadConfig } from '../../../server/config';";
    expect(await ruleIds('src/features/review/zone-probe.ts', code)).toEqual([ZONE]);
    expect(await ruleIds('src/features/review/zone-probe.test.ts', code)).toEqual([]);
  });

  it('stop the server importing the SPA, and the contract importing either', async () => {
    expect(await ruleIds('server/zone-probe.ts', "export { fetchJson } from '../src/lib/http';")).toEqual([ZONE]);
    expect(await ruleIds('contract/zone-probe.ts', "export { loadConfig } from '../server/config.js';")).toEqual([ZONE]);
    expect(await ruleIds('contract/zone-probe.ts', "export { formatBytes } from '../src/lib/format';")).toEqual([ZONE]);
  });

  it('stop value imports that would bring zod into the SPA bundle', async () => {
    const code = [
      "import { caseDetailSchema } from '@contract/api';",
      "import { mediaLimitsSchema } from '@contract/media/limits';",
      "import { z } from 'zod';",
      'export const used = [caseDetailSchema, mediaLimitsSchema, z];',
    ].join('\n');
    expect(await ruleIds('src/features/review/zone-probe.ts', code)).toEqual([SPA_IMPORTS, SPA_IMPORTS, SPA_IMPORTS]);
  });
});

describe('names', () => {
  it('want kebab-case files and folders (dotted suffixes allowed)', async () => {
    expect(await ruleIds('src/features/review/case-probe.test-helpers.ts', 'export const a = 1;')).toEqual([]);
    expect(await ruleIds('src/features/review/CaseProbe.tsx', 'export const a = 1;')).toEqual([
      'check-file/filename-naming-convention',
    ]);
    expect(await ruleIds('server/case_probe.ts', 'export const a = 1;')).toEqual(['check-file/filename-naming-convention']);
    expect(await ruleIds('src/lib/probeDir/x.ts', 'export const a = 1;')).toEqual(['check-file/folder-naming-convention']);
    expect(await ruleIds('src/ProbeStyles.css', '')).toEqual(['check-file/filename-naming-convention']);
  });
});

describe('import cycles', () => {
  let dir = '';
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('are found through type-only imports, and only where the imports go round', async () => {
    await mkdir(path.join(root, '.cache'), { recursive: true });
    dir = await mkdtemp(path.join(root, '.cache', 'import-cycles-'));
    const files: Record<string, string> = {
      'client.ts':
        "import { prepare } from './prepare';\nexport type Db = { query(sql: string): void };\nexport const open = prepare;\n",
      'prepare.ts': "import type { Db } from './client';\nexport const prepare = (db: Db) => db.query('');\n",
      'leaf.ts': "import type { Db } from './client';\nexport type Handle = Db;\n",
    };
    for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
    const cycles = findImportCycles(
      dir,
      Object.keys(files).map((name) => path.join(dir, name)),
    );
    expect(cycles).toEqual([['client.ts', 'prepare.ts']]);
  });
});
