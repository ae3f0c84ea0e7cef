import fs from 'node:fs';
import path from 'node:path';
import { KiteError } from '../../shared/errors';
import { checkPack, Manifest, Signature, zodIssues, type PackIssue } from '../../shared/pack';
import { extractPack } from './unzip';

/**
 * Every file the manifest lists is in the pack with its size and hash, and nothing else is.
 * `file` of each issue is the pack file concerned.
 */
export function fileIssues(manifest: Manifest, files: ReadonlyMap<string, { size: number; sha256: string }>): PackIssue[] {
  const issues: PackIssue[] = [];
  const listed = new Map(manifest.files.map((f) => [f.path, f]));
  for (const [name, actual] of files) {
    const expected = listed.get(name);
    if (!expected) issues.push({ file: name, pointer: '', message: 'is not listed in manifest.json' });
    else if (expected.size !== actual.size) issues.push({ file: name, pointer: '', message: `is ${actual.size} bytes; manifest.json says ${expected.size}` });
    else if (expected.sha256 !== actual.sha256) issues.push({ file: name, pointer: '', message: 'does not match its SHA-256 in manifest.json' });
  }
  for (const name of listed.keys()) if (!files.has(name)) issues.push({ file: name, pointer: '', message: 'is listed in manifest.json but missing from the pack' });
  return issues;
}

const MAX_LESSON_BYTES = 2 * 2 ** 20;

/** The lesson files the manifest names, parsed as JSON (schema checks are checkPack's). */
export function readLessonFiles(dir: string, manifest: Manifest): { lessons: Map<string, unknown>; issues: PackIssue[] } {
  const lessons = new Map<string, unknown>();
  const issues: PackIssue[] = [];
  for (const { file } of manifest.lessons) {
    const abs = path.join(dir, ...file.split('/'));
    if (!fs.existsSync(abs)) continue; // checkPack reports it
    if (fs.statSync(abs).size > MAX_LESSON_BYTES) {
      issues.push({ file, pointer: '', message: `is larger than ${MAX_LESSON_BYTES} bytes` });
      continue;
    }
    try {
      lessons.set(file, JSON.parse(fs.readFileSync(abs, 'utf8')));
    } catch (error) {
      issues.push({ file, pointer: '', message: `is not valid JSON (${(error as Error).message})` });
    }
  }
  return { lessons, issues };
}

export interface Inspection {
  issues: PackIssue[];
  manifest?: Manifest;
  manifestBytes?: Buffer;
  signature?: Signature;
}

/**
 * Check a .kpack completely and list every problem (for `kite pack validate`): unpacks into a
 * throwaway folder under tmpRoot, which is removed afterwards.
 */
export async function inspectKpack(file: string, tmpRoot: string): Promise<Inspection> {
  const dir = fs.mkdtempSync(path.join(tmpRoot, 'inspect-'));
  const name = path.basename(file);
  try {
    let extracted;
    try {
      extracted = await extractPack(file, dir);
    } catch (error) {
      if (!(error instanceof KiteError)) throw error;
      return { issues: [{ file: name, pointer: '', message: error.message }] };
    }
    let raw: unknown;
    try {
      raw = JSON.parse(extracted.manifestBytes.toString('utf8'));
    } catch (error) {
      return { issues: [{ file: 'manifest.json', pointer: '', message: `is not valid JSON (${(error as Error).message})` }] };
    }
    const parsed = Manifest.safeParse(raw);
    if (!parsed.success) return { issues: zodIssues('manifest.json', parsed.error) };
    const manifest = parsed.data;
    const issues = [...fileIssues(manifest, extracted.files)];
    const read = readLessonFiles(dir, manifest);
    issues.push(...read.issues, ...checkPack(manifest, read.lessons).issues);
    let signature: Signature | undefined;
    if (extracted.signatureBytes) {
      try {
        signature = Signature.parse(JSON.parse(extracted.signatureBytes.toString('utf8')));
      } catch {
        issues.push({ file: 'signature.json', pointer: '', message: 'is damaged' });
      }
    }
    return { issues, manifest, manifestBytes: extracted.manifestBytes, signature };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
