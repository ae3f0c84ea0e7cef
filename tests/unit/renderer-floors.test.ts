import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The renderer's floors (issue 13): app/ is the top (it imports the features), features/ sit on the
// floors, and the floors (lib/, components/, api/, i18n/) import no feature and not app/. Feature
// folders may lean on each other, and no file imports itself back round a cycle, except the intended
// one: the interactive video step plays activities, and the activities' registry holds the video.

const ROOT = path.resolve(__dirname, '../../src/renderer/src');
const FLOORS = ['lib', 'components', 'api', 'i18n'];
const ALLOWED_FILE_CYCLE = ['features/player/activities/InteractiveVideo.tsx', 'features/player/activities/registry.tsx'];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry.name) ? [full] : [];
  });
}

/** The file an import names (./x → x.ts, x.tsx or x/index.ts[x]). */
function resolveImport(from: string, spec: string): string {
  const base = path.resolve(path.dirname(from), spec);
  const found = [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), path.join(base, 'index.tsx')].find((c) => fs.existsSync(c) && fs.statSync(c).isFile());
  return path.relative(ROOT, found ?? base);
}

/** The renderer-relative files a file imports (only relative imports inside src/renderer/src). */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:import|export)\s[^'"]*?from\s+'(\.[^']+)'|import\(\s*'(\.[^']+)'\s*\)|^import\s+'(\.[^']+)'/gm)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
  return specs.map((spec) => resolveImport(file, spec)).filter((rel) => !rel.startsWith('..'));
}

const top = (rel: string) => rel.split(path.sep)[0] ?? '';

const files = sourceFiles(ROOT).map((file) => ({ rel: path.relative(ROOT, file), imports: importsOf(file) }));

describe('the renderer imports one way', () => {
  it('has files to check (the walk found the renderer)', () => {
    expect(files.length).toBeGreaterThan(100);
  });

  it('the floors import no feature and not app/', () => {
    const upward = files
      .filter((f) => FLOORS.includes(top(f.rel)))
      .flatMap((f) => f.imports.filter((target) => ['features', 'app'].includes(top(target))).map((target) => `${f.rel} → ${target}`));
    expect(upward).toEqual([]);
  });

  it('features do not import app/ (the top of the tree)', () => {
    const upward = files.filter((f) => top(f.rel) === 'features').flatMap((f) => f.imports.filter((target) => top(target) === 'app').map((target) => `${f.rel} → ${target}`));
    expect(upward).toEqual([]);
  });

  it('no file imports itself back round a cycle, but the intended one', () => {
    const edges = new Map(files.map((f) => [f.rel, f.imports]));
    const reaches = (from: string, to: string, seen = new Set<string>()): boolean => {
      if (from === to) return true;
      seen.add(from);
      return (edges.get(from) ?? []).some((next) => !seen.has(next) && reaches(next, to, seen));
    };
    const inCycles = files.filter((f) => f.imports.some((target) => reaches(target, f.rel))).map((f) => f.rel.split(path.sep).join('/'));
    expect(inCycles.sort()).toEqual([...ALLOWED_FILE_CYCLE].sort());
  });
});
