import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.join(__dirname, '../..');
const eslint = new ESLint({ cwd: root });

async function problems(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('the lint rules that keep the layers apart (they must be able to fail)', () => {
  it.each([
    ['src/core/packs/x.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    ['src/core/x.ts', "import { createServer } from '../server/server';\nexport const a = createServer;\n"],
    ['src/shared/x.ts', "import fs from 'node:fs';\nexport const a = fs;\n"],
    ['src/shared/x.ts', "import { useState } from 'react';\nexport const a = useState;\n"],
    ['src/renderer/src/x.ts', "import fs from 'node:fs';\nexport const a = fs;\n"],
    ['src/renderer/src/x.ts', "import { createCore } from '../../core';\nexport const a = createCore;\n"],
    ['src/server/x.ts', "import { BrowserWindow } from 'electron';\nexport const a = BrowserWindow;\n"],
    ['src/handlers/x.ts', "import { startServer } from '../server/server';\nexport const a = startServer;\n"],
  ])('%s may not: %s', async (file, code) => {
    expect((await problems(file, code)).join('\n')).toMatch(/no-restricted-imports/);
  });

  it('allows the imports the design allows', async () => {
    expect(await problems('src/core/x.ts', "import { KiteError } from '../shared/errors';\nexport const a = KiteError;\n")).toEqual([]);
    expect(await problems('src/renderer/src/x.ts', "import { plainText } from '../../shared/markup';\nexport const a = plainText;\n")).toEqual([]);
  });

  it('refuses HTML injection and file:// in source', async () => {
    expect((await problems('src/renderer/src/x.tsx', 'export const A = () => <div dangerouslySetInnerHTML={{ __html: "x" }} />;\n')).join()).toMatch(/never HTML/);
    expect((await problems('src/renderer/src/y.ts', 'export function f(el: HTMLElement) { el.innerHTML = "x"; }\n')).join()).toMatch(/never HTML/);
    expect((await problems('src/main/x.ts', "export const u = 'file:///tmp/x';\n")).join()).toMatch(/never file:/);
  });
});
