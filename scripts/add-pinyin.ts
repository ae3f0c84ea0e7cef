// `npx tsx scripts/add-pinyin.ts <lesson.json|manifest.json>… [--dry-run]`: proposes pinyin
// markup for every zh-CN string that has Chinese outside {汉字|pīn yīn} (teacher notes excepted:
// they are for adults) and writes the file back. Review the diff by hand afterwards: the machine
// gets most polyphones right from context, not all. Hand-written markup is never changed.
import fs from 'node:fs';
import { unmarkedChinese } from './lib/lesson-content';
import { addPinyin } from './lib/pinyin-markup';

/** Rewrites the zh-CN strings of a lesson or manifest, returning how many it changed. */
function markJson(value: unknown, underZh = false, changes: { before: string; after: string }[] = [], top = true): { value: unknown; changes: typeof changes } {
  const mark = (text: string) => {
    if (!unmarkedChinese(text).length) return text;
    const after = addPinyin(text);
    changes.push({ before: text, after });
    return after;
  };
  if (typeof value === 'string') return { value: underZh ? mark(value) : value, changes };
  if (Array.isArray(value)) return { value: value.map((v) => markJson(v, underZh, changes, false).value), changes };
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      out[key] = top && key === 'teacher' ? v : markJson(v, underZh || key === 'zh-CN', changes, false).value;
    }
    return { value: out, changes };
  }
  return { value, changes };
}

function main() {
  const args = process.argv.slice(2);
  const dryRun = args.includes('--dry-run');
  const files = args.filter((a) => !a.startsWith('--'));
  if (files.length === 0) {
    process.stderr.write('Usage: npx tsx scripts/add-pinyin.ts <lesson.json|manifest.json>… [--dry-run]\n');
    process.exit(2);
  }
  for (const file of files) {
    let json: unknown;
    try {
      json = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (error) {
      process.stderr.write(`${file}: cannot read it as JSON (${error instanceof Error ? error.message : String(error)})\n`);
      process.exit(1);
    }
    const { value, changes } = markJson(json);
    for (const c of changes) process.stdout.write(`  ${c.before}\n→ ${c.after}\n`);
    if (!dryRun && changes.length) fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
    process.stdout.write(`${file}: ${changes.length} string(s) ${dryRun ? 'would be ' : ''}marked${changes.length ? '; now review the readings by hand' : ''}\n`);
  }
}

main();
