import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore, type Core } from '../../core';
import { buildPack, readPackFolder, signKpack } from '../../core/packs/build';
import { narrationOverlay } from '../../core/packs/narration-build';
import { generateKeyPair, verifyManifest } from '../../core/packs/signing';
import { BUILTIN_KEY } from '../../core/packs/trust';
import { inspectKpack } from '../../core/packs/verify';
import { formatIssue, type PackIssue } from '../../shared/pack';
import { CliError, DATA_OPTION, dataDirFrom, parse, type Command } from '../command';

const USAGE = [
  'kite pack validate <file.kpack|folder> [--data DIR]',
  '       kite pack build <folder> -o <file.kpack> [--sign <key.pem>] [--recordings [--data DIR]]',
  '                                             (--recordings: add the teacher\'s own narration recorded on this PC for this pack version)',
  '       kite pack keygen -o <name>            (writes <name>.pem, keep it secret, and <name>.pub)',
  '       kite pack sign <file.kpack> --key <key.pem> [-o <signed.kpack>]',
  '       kite pack install <file.kpack> [--data DIR] [--trust-unsigned] [--downgrade]',
  '       kite pack list [--data DIR]',
  '       kite pack trust add <key.pub> --name "Publisher" [--data DIR] | trust list | trust remove <keyId>',
].join('\n');

const out = (line: string) => process.stdout.write(line + '\n');

/** Lesson packs for authors and IT staff: check, build, sign, install, list, trust. */
export const pack: Command = {
  usage: USAGE,
  async run(argv) {
    const [sub, ...rest] = argv;
    switch (sub) {
      case 'validate':
        return validate(rest);
      case 'build':
        return build(rest);
      case 'keygen':
        return keygen(rest);
      case 'sign':
        return sign(rest);
      case 'install':
        return install(rest);
      case 'list':
        return list(rest);
      case 'trust':
        return trust(rest);
      default:
        throw new CliError(sub ? `unknown pack command "${sub}".\nusage: ${USAGE}` : `usage: ${USAGE}`);
    }
  },
};

function one(positionals: string[], what: string): string {
  if (positionals.length !== 1) throw new CliError(`give exactly one ${what}.\nusage: ${USAGE}`);
  return positionals[0] as string;
}

function printIssues(issues: PackIssue[]): void {
  for (const issue of issues) process.stderr.write(formatIssue(issue) + '\n');
}

async function validate(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, DATA_OPTION, USAGE);
  const target = path.resolve(one(positionals, 'pack file or folder'));
  if (!fs.existsSync(target)) throw new CliError(`there is no file or folder ${target}.`);
  if (fs.statSync(target).isDirectory()) {
    const folder = await readPackFolder(target);
    if (folder.issues.length > 0) {
      printIssues(folder.issues);
      process.stderr.write(`${folder.issues.length} problem(s) in ${target}\n`);
      return 1;
    }
    out(`${target}: valid pack folder`);
    return 0;
  }
  const inspection = await inspectKpack(target, os.tmpdir());
  if (inspection.issues.length > 0) {
    printIssues(inspection.issues);
    process.stderr.write(`${inspection.issues.length} problem(s) in ${target}\n`);
    return 1;
  }
  const { manifest, manifestBytes, signature } = inspection;
  let signed = 'unsigned';
  if (signature && manifestBytes) {
    const key = values.data ? withCore(values.data, (core) => core.packs.trust.get(signature.keyId)) : signature.keyId === BUILTIN_KEY.keyId ? BUILTIN_KEY : undefined;
    if (!key) signed = `signed by key ${signature.keyId} (not in the trust store${values.data ? '' : '; add --data DIR to check against a PC\'s keys'})`;
    else if (verifyManifest(manifestBytes, signature, key)) signed = `signed by ${key.name} (${key.keyId}), signature good`;
    else {
      process.stderr.write(`signature.json: the signature by ${key.name} (${key.keyId}) does not match manifest.json\n`);
      return 1;
    }
  }
  out(`${target}: valid pack ${manifest?.id} ${manifest?.version}, ${manifest?.lessons.length} lesson(s), ${signed}`);
  return 0;
}

async function build(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { ...DATA_OPTION, output: { type: 'string', short: 'o' }, sign: { type: 'string' }, recordings: { type: 'boolean' } }, USAGE);
  const dir = path.resolve(one(positionals, 'pack folder'));
  if (!values.output) throw new CliError(`say where to write the pack with -o <file.kpack>.\nusage: ${USAGE}`);
  if (values.data && !values.recordings) throw new CliError(`--data is only used with --recordings.\nusage: ${USAGE}`);
  const privateKeyPem = values.sign ? readKey(values.sign) : undefined;
  if (!values.recordings) {
    const built = await buildPack(dir, path.resolve(values.output), { privateKeyPem });
    out(`built ${built.file}: ${built.manifest.id} ${built.manifest.version}, ${built.manifest.lessons.length} lesson(s), ${built.bytes} bytes${built.signed ? ', signed' : ''}`);
    return 0;
  }
  if (!fs.existsSync(path.join(dir, 'manifest.json'))) throw new CliError(`${dir} has no manifest.json: give a pack folder.`);
  const core = createCore({ dataDir: dataDirFrom(values.data) });
  try {
    const overlay = narrationOverlay(dir, core.narration, fs.mkdtempSync(path.join(core.layout.tmp, 'narration-')));
    const built = await buildPack(dir, path.resolve(values.output), { privateKeyPem, overlay: overlay.files });
    out(`built ${built.file}: ${built.manifest.id} ${built.manifest.version}, ${built.manifest.lessons.length} lesson(s), ${overlay.added} teacher recording(s), ${built.bytes} bytes${built.signed ? ', signed' : ''}`);
    if (overlay.skipped.length > 0) process.stderr.write(`left out (no such lesson or step in ${dir}): ${overlay.skipped.join(', ')}\n`);
    if (overlay.added === 0) process.stderr.write(`no teacher recordings for ${built.manifest.id} ${built.manifest.version} in ${core.layout.root}\n`);
  } finally {
    core.close();
  }
  return 0;
}

function readKey(file: string): string {
  try {
    return fs.readFileSync(path.resolve(file), 'utf8');
  } catch {
    throw new CliError(`cannot read the key file ${file}.`);
  }
}

function keygen(argv: string[]): number {
  const { values } = parse(argv, { output: { type: 'string', short: 'o' } }, USAGE);
  if (!values.output) throw new CliError(`say where to write the keys with -o <name>.\nusage: ${USAGE}`);
  const base = path.resolve(values.output);
  if (fs.existsSync(`${base}.pem`)) throw new CliError(`${base}.pem already exists; not overwriting a key.`);
  const { privateKeyPem, publicKey } = generateKeyPair();
  fs.writeFileSync(`${base}.pem`, privateKeyPem, { mode: 0o600, flag: 'wx' });
  fs.writeFileSync(`${base}.pub`, publicKey.publicKey + '\n');
  out(`key ${publicKey.keyId}: private key ${base}.pem (keep it secret), public key ${base}.pub (give it to IT staff: kite pack trust add ${path.basename(base)}.pub --name "…")`);
  return 0;
}

async function sign(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { key: { type: 'string' }, output: { type: 'string', short: 'o' } }, USAGE);
  const file = path.resolve(one(positionals, 'pack file'));
  if (!values.key) throw new CliError(`give the private key with --key <key.pem>.\nusage: ${USAGE}`);
  if (fs.statSync(file, { throwIfNoEntry: false })?.isDirectory()) {
    throw new CliError(`${file} is a folder. Sign a built pack file, or build and sign in one step: kite pack build <folder> -o <file.kpack> --sign <key.pem>`);
  }
  const inspection = await inspectKpack(file, os.tmpdir());
  if (inspection.issues.length > 0 || !inspection.manifestBytes) {
    printIssues(inspection.issues);
    throw new CliError('the pack has problems; fix them before signing.');
  }
  const target = path.resolve(values.output ?? file);
  const signature = await signKpack(file, inspection.manifestBytes, readKey(values.key), target);
  out(`signed ${target} with key ${signature.keyId}`);
  return 0;
}

function withCore<T>(data: string | undefined, work: (core: Core) => T): T {
  const core = createCore({ dataDir: dataDirFrom(data), echoLogs: false });
  try {
    return work(core);
  } finally {
    core.close();
  }
}

async function install(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { ...DATA_OPTION, 'trust-unsigned': { type: 'boolean' }, downgrade: { type: 'boolean' } }, USAGE);
  const file = path.resolve(one(positionals, 'pack file'));
  const core = createCore({ dataDir: dataDirFrom(values.data) });
  try {
    const preview = await core.packs.stage(file);
    try {
      if (preview.needsConfirmation && !values['trust-unsigned']) {
        throw new CliError(`${preview.signature === 'unsigned' ? 'the pack is not signed' : `the pack is signed by an unknown key (${preview.publisher?.keyId})`}; add --trust-unsigned to install it anyway, or add the publisher's key with "kite pack trust add".`);
      }
      const installed = core.packs.commit(preview.stagingId, { trustConfirmed: values['trust-unsigned'], confirmDowngrade: values.downgrade });
      const from = preview.upgrade ? ` (${preview.upgrade.kind} from ${preview.upgrade.fromVersion})` : '';
      out(`installed ${installed.id} ${installed.version}${from}: ${installed.lessons.length} lesson(s), ${installed.signature}, in ${core.layout.packs}`);
    } finally {
      core.packs.discard(preview.stagingId);
    }
  } finally {
    core.close();
  }
  return 0;
}

function list(argv: string[]): number {
  const { values } = parse(argv, DATA_OPTION, USAGE);
  const packs = withCore(values.data, (core) => core.packs.list());
  if (packs.length === 0) {
    out('no lesson packs installed');
    return 0;
  }
  for (const p of packs) {
    out(`${p.id}  ${p.version}  ${p.signature}  ${p.lessons.length} lesson(s)  ${p.title['zh-CN'] ?? ''} / ${p.title.en ?? ''}`);
  }
  return 0;
}

function trust(argv: string[]): number {
  const [action, ...rest] = argv;
  const { values, positionals } = parse(rest, { ...DATA_OPTION, name: { type: 'string' } }, USAGE);
  return withCore(values.data, (core) => {
    if (action === 'list') {
      for (const key of core.packs.trust.list()) out(`${key.keyId}  ${key.name}${key.builtin ? '  (built in)' : ''}`);
      return 0;
    }
    if (action === 'add') {
      if (!values.name) throw new CliError('give the publisher\'s name with --name "…".');
      const key = core.packs.trust.add(values.name, readKey(one(positionals, 'public key file')));
      out(`trusted ${key.name} (${key.keyId})`);
      return 0;
    }
    if (action === 'remove') {
      core.packs.trust.remove(one(positionals, 'key id'));
      out('removed');
      return 0;
    }
    throw new CliError(`usage: ${USAGE}`);
  });
}
