import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import {
  createProfileCatalog,
  type Locale,
  type ProfileIssue,
  parseProfileDocument,
  ruleProfileJsonSchemas,
  summarizeProfile,
} from '@jiceng/domain';

/** Where the CLI writes; tests pass their own. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

const USAGE = `jiceng — grassroots governance toolkit 基层治理工具包

Usage:
  jiceng profile [--file county.yaml] [--id county_id] [--at YYYY-MM-DD] [--lang zh|en]
      Validate a county rule profile and print its summary (default: the reference county).
  jiceng profile --json-schema
      Print the JSON Schema of profile documents, for editors.
  jiceng help
`;

/**
 * Runs one CLI command and returns the process exit code. Bad input prints a clear message
 * (and every profile issue with its path and line) and returns 1; it never throws.
 */
export async function runCli(argv: readonly string[], io: CliIo, today: string): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'profile':
      return profileCommand(rest, io, today);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      io.out(USAGE);
      return 0;
    default:
      io.err(`未知命令 unknown command: ${command}\n\n${USAGE}`);
      return 2;
  }
}

async function profileCommand(args: readonly string[], io: CliIo, today: string): Promise<number> {
  let values: { file?: string; id?: string; at?: string; lang?: string; 'json-schema'?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        file: { type: 'string' },
        id: { type: 'string' },
        at: { type: 'string' },
        lang: { type: 'string' },
        'json-schema': { type: 'boolean' },
      },
      strict: true,
    }));
  } catch (error) {
    io.err(`参数错误 bad arguments: ${(error as Error).message}`);
    return 2;
  }
  if (values['json-schema']) {
    io.out(JSON.stringify(ruleProfileJsonSchemas().document, null, 2));
    return 0;
  }
  const locale: Locale = values.lang === 'en' ? 'en' : 'zh';
  if (values.lang !== undefined && values.lang !== 'zh' && values.lang !== 'en') {
    io.err(`--lang must be zh or en, got "${values.lang}"`);
    return 2;
  }
  const documents = [];
  if (values.file !== undefined) {
    let text: string;
    try {
      text = await readFile(values.file, 'utf8');
    } catch (error) {
      io.err(`无法读取文件 cannot read ${values.file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
      return 1;
    }
    const parsed = parseProfileDocument(text, { fileName: values.file });
    if (!parsed.ok) return reportIssues(parsed.issues, io, locale);
    documents.push(parsed.value);
  }
  const catalog = createProfileCatalog(documents);
  if (!catalog.ok) return reportIssues(catalog.issues, io, locale);
  const id = values.id ?? documents[0]?.document.id ?? 'reference';
  const profile = catalog.value.profileAt(id, values.at ?? today);
  if (!profile.ok) return reportIssues(profile.issues, io, locale);
  for (const line of summarizeProfile(profile.value, locale)) io.out(line);
  return 0;
}

function reportIssues(issues: readonly ProfileIssue[], io: CliIo, locale: Locale): number {
  io.err(
    locale === 'zh'
      ? `规则配置有 ${issues.length} 处问题：`
      : `The rule profile has ${issues.length} problem(s):`,
  );
  for (const i of issues) {
    const where = i.path.length > 0 ? ` ${i.path.join('.')}` : '';
    io.err(`  ${i.code}${where}: ${i.message[locale]}`);
  }
  return 1;
}
