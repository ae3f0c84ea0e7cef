import { MachineConfigShape, type MachineConfig, type MachineConfigKey } from '../../shared/config';

/** Example values: every one passes the schema (a test checks), so the example is a working file. */
export const EXAMPLE_CONFIG: Required<MachineConfig> = {
  dataDir: 'D:\\KiteData',
  schoolName: '青山村小学',
  classroomName: '网络教室 1',
  language: 'zh-CN',
  pinyinDefault: true,
  kiosk: true,
  idleTimeoutMinutes: 5,
  teacherPinHash: 'scrypt$16384$8$1$REPLACE+with+kite+config+hash+pin$REPLACE+with+kite+config+hash+pin',
  trustedPublisherKeys: [{ name: 'County education bureau', publicKey: 'MCowBQYDK2VwAyEAREPLACEwithTHEpublisherKEY0=' }],
  packsFolder: 'D:\\KitePacks',
  role: 'standalone',
  lanMode: false,
  lanPort: 5317,
  county: { url: 'https://county.example:5443', certFingerprint: `${'AB:'.repeat(31)}CD`, sendClassNames: false },
};

/** The example's folders in this PC's own form: drive letters on Windows, absolute paths elsewhere. */
export function exampleConfig(platform: NodeJS.Platform = process.platform): Required<MachineConfig> {
  return platform === 'win32' ? EXAMPLE_CONFIG : { ...EXAMPLE_CONFIG, dataDir: '/var/lib/kite-classroom', packsFolder: '/media/kite-packs' };
}

/**
 * `kite config example`: JSONC (JSON with // comments), which the app reads as it is. One comment
 * per key from the schema's own description, so the example cannot drift from the code.
 */
export function configExample(platform: NodeJS.Platform = process.platform): string {
  const example = exampleConfig(platform);
  const keys = Object.keys(MachineConfigShape) as MachineConfigKey[];
  const lines = [
    '// Kite Classroom machine configuration (JSONC: JSON with // comments; the app accepts them).',
    '// Save as C:\\ProgramData\\Kite Classroom\\config.json (Windows) or /etc/kite-classroom/config.json (Linux).',
    '// Every key is optional: delete the ones you do not need. Check the file with "kite config validate FILE".',
    '{',
  ];
  keys.forEach((key, index) => {
    lines.push(`  // ${MachineConfigShape[key].description ?? key}`);
    const value = JSON.stringify(example[key], null, 2).replace(/\n/g, '\n  ');
    const entry = `${JSON.stringify(key)}: ${value}${index < keys.length - 1 ? ',' : ''}`;
    // A placeholder PIN hash would lock the teacher out, so that key stays commented out.
    lines.push(key === 'teacherPinHash' ? `  // ${entry}` : `  ${entry}`);
  });
  lines.push('}');
  return lines.join('\n') + '\n';
}
