import { describe, expect, it } from 'vitest';
import { KiteError } from '../../src/shared/errors';
import { describeFinding, errorLines, message, MESSAGES } from '../../src/shared/messages';
import { parseLanguage, systemLanguage } from '../../src/cli/lang';
import { finding } from '../../src/core/system/finding';

const zh = (key: string, params?: Record<string, unknown>) => message('zh-CN', key, params as Record<string, string>);
const en = (key: string, params?: Record<string, unknown>) => message('en', key, params as Record<string, string>);

describe('the shared message catalogue', () => {
  it('says a damaged pack description wholly in Chinese, the English schema problem on a details line', () => {
    const error = new KiteError('pack_bad_manifest', 'manifest.json#/version: must be a version like 1.2.0.', { details: { message: 'manifest.json#/version: must be a version like 1.2.0' } });
    const [sentence, details, ...rest] = errorLines(zh, error).split('\n');
    expect(sentence?.replace('manifest.json', '')).not.toMatch(/[A-Za-z]/);
    expect(details).toBe('技术细节：manifest.json#/version: must be a version like 1.2.0.');
    expect(rest).toEqual([]);
    expect(errorLines(en, error)).toBe("The lesson pack's description file (manifest.json) is damaged. The pack was not installed; ask whoever made it for a new copy.\nDetails: manifest.json#/version: must be a version like 1.2.0.");
    // No technical detail behind a wrong PIN: one line, unless asked for (the command line always shows it).
    expect(errorLines(zh, new KiteError('pin_wrong', 'Wrong PIN.'))).toBe('密码不对。');
    expect(errorLines(zh, new KiteError('pin_wrong', 'Wrong PIN.'), true)).toBe('密码不对。\n技术细节：Wrong PIN.');
  });

  it('has no English sentence in the Chinese catalogue and no Chinese in the English one (file names and commands aside)', () => {
    const strings = (node: unknown): string[] => (typeof node === 'string' ? [node] : Object.values(node as object).flatMap(strings));
    for (const text of strings(MESSAGES['zh-CN'].errors)) expect(text.replace(/manifest\.json|\{\{\w+\}\}|U 盘|\.kpack|\.kbundle|Windows|kite join|kite county school add|county\.publicKey|--code/g, ''), text).not.toMatch(/[A-Za-z]{4,}/);
    for (const text of strings(MESSAGES.en.errors)) expect(text, text).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('words a doctor finding in Chinese from its code, the English fact on a details line', () => {
    const check = finding('database', 'fail', 'db_unreadable', {}, 'file is not a database');
    expect(check).toMatchObject({ code: 'db_unreadable', title: 'Database cannot be read', detail: 'file is not a database. Restore the newest backup from backups/ (see the backup guide).' });
    expect(describeFinding(zh, 'zh-CN', check)).toEqual({ title: '无法读取数据库', detail: '请从 backups/ 恢复最新的备份（见备份说明）。', details: 'file is not a database' });
    expect(describeFinding(en, 'en', check)).toEqual({ title: check.title, detail: check.detail });
    // A detail whose facts are unknown is left out rather than shown with a placeholder.
    expect(finding('config', 'ok', 'config_none').detail).toBeUndefined();
  });
});

describe("the command line's language", () => {
  it('follows LC_ALL, then LC_MESSAGES, then LANG on Linux, and Intl elsewhere', () => {
    expect(systemLanguage({ LANG: 'zh_CN.UTF-8' }, 'linux')).toBe('zh-CN');
    expect(systemLanguage({ LANG: 'zh_TW.UTF-8' }, 'linux')).toBe('zh-CN');
    expect(systemLanguage({ LC_ALL: 'en_US.UTF-8', LANG: 'zh_CN.UTF-8' }, 'linux')).toBe('en');
    expect(systemLanguage({ LC_MESSAGES: 'zh_CN.UTF-8', LANG: 'C' }, 'linux')).toBe('zh-CN');
    expect(systemLanguage({ LC_ALL: '', LANG: 'zh_CN.UTF-8' }, 'linux')).toBe('zh-CN');
    expect(systemLanguage({ LANG: 'C.UTF-8' }, 'linux')).toBe('en');
    expect(systemLanguage({}, 'linux')).toBe('en');
    const intl = Intl.DateTimeFormat().resolvedOptions().locale.startsWith('zh') ? 'zh-CN' : 'en';
    expect(systemLanguage({}, 'win32')).toBe(intl);
    expect(parseLanguage('ZH-cn')).toBe('zh-CN');
    expect(parseLanguage('en')).toBe('en');
    expect(parseLanguage('fr')).toBeUndefined();
  });
});
