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
    // An allow-list: packages that are fine elsewhere are refused where they do not belong.
    ['src/shared/x.ts', "import MP4Box from 'mp4box';\nexport const a = MP4Box;\n"],
    ['src/shared/x.ts', "import { pinyin } from 'pinyin-pro';\nexport const a = pinyin;\n"],
    ['src/renderer/src/x.ts', "import yauzl from 'yauzl';\nexport const a = yauzl;\n"],
    ['src/core/x.ts', "import * as THREE from 'three';\nexport const a = THREE;\n"],
    ['src/core/x.ts', "export { create } from 'zustand';\n"],
    ['src/preload/x.ts', "import Database from 'better-sqlite3';\nexport const a = Database;\n"],
    ['src/renderer/src/x.ts', "export const load = () => import('../../core/index');\n"],
  ])('%s may not: %s', async (file, code) => {
    expect((await problems(file, code)).join('\n')).toMatch(/kite\/layer-imports: src\/\w+ may not import/);
  });

  it('refuses a package nobody has classed yet, in any layer', async () => {
    for (const file of ['src/core/x.ts', 'src/renderer/src/x.ts']) {
      expect((await problems(file, "import leftPad from 'left-pad';\nexport const a = leftPad;\n")).join()).toMatch(/'left-pad' is not classed: add it to PACKAGE_KINDS/);
    }
  });

  it('allows the imports the design allows', async () => {
    expect(await problems('src/core/x.ts', "import { KiteError } from '../shared/errors';\nexport const a = KiteError;\n")).toEqual([]);
    expect(await problems('src/renderer/src/x.ts', "import { plainText } from '../../shared/markup';\nexport const a = plainText;\n")).toEqual([]);
    expect(await problems('src/shared/x.ts', "import { z } from 'zod';\nexport const a = z;\n")).toEqual([]);
    expect(await problems('src/core/x.ts', "import fs from 'node:fs';\nimport yauzl from 'yauzl';\nexport const a = [fs, yauzl];\n")).toEqual([]);
    expect(await problems('src/renderer/src/x.ts', "import { pinyin } from 'pinyin-pro';\nimport * as THREE from 'three';\nexport const a = [pinyin, THREE];\n")).toEqual([]);
    expect(await problems('src/main/x.ts', "import { app } from 'electron';\nimport { createCore } from '../core';\nexport const a = [app, createCore];\n")).toEqual([]);
  });

  it('refuses HTML injection and file:// in source', async () => {
    expect((await problems('src/renderer/src/x.tsx', 'export const A = () => <div dangerouslySetInnerHTML={{ __html: "x" }} />;\n')).join()).toMatch(/never HTML/);
    expect((await problems('src/renderer/src/y.ts', 'export function f(el: HTMLElement) { el.innerHTML = "x"; }\n')).join()).toMatch(/never HTML/);
    expect((await problems('src/main/x.ts', "export const u = 'file:///tmp/x';\n")).join()).toMatch(/never file:/);
  });
});
