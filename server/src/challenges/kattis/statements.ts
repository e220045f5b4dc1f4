import path from 'node:path';
import { isDirectory, listDir, naturalCompare, readPackageFile, type ReadBudget } from '../files.ts';
import { localeSchema } from '../manifest.ts';
import type { PackageFile } from '../model.ts';
import { statementParsers, type ConversionIssue, type StatementParsers } from '../../statements/index.ts';
import { PROBLEM_FILE, type ProblemYaml } from './problem-yaml.ts';
import { invalid } from './shared.ts';

/** Statements: `problem.<locale>.md` kept as Markdown, `problem.<locale>.tex` converted; the title per locale. */

export interface KattisStatement {
  markdown: string;
  fromLatex: boolean;
  /** What the LaTeX conversion could not do faithfully. */
  issues: ConversionIssue[];
  /** The plain-text name a LaTeX statement gives (`%% plainproblemname:` or `\problemname{}`). */
  texTitle?: string;
}

const STATEMENT_FILE = /^problem(?:\.([A-Za-z0-9-]+))?\.(tex|md|pdf)$/;

/** `statement/` (2023-07) or `problem_statement/` (legacy); Markdown preferred over LaTeX per locale. */
export async function readStatements(root: string, budget: ReadBudget): Promise<{ statements: Record<string, KattisStatement>; files: PackageFile[] }> {
  const folder = (await isDirectory(path.join(root, 'statement'), root)) ? 'statement' : 'problem_statement';
  const dir = path.join(root, folder);
  const { files: names } = await listDir(dir, root);

  const sources = new Map<string, { name: string; type: string }>();
  const others: string[] = [];
  for (const name of names) {
    const match = STATEMENT_FILE.exec(name);
    if (!match) {
      others.push(name);
      continue;
    }
    const type = match[2] as string;
    if (type === 'pdf') continue; // A PDF cannot become Markdown; a .tex or .md beside it can.
    const locale = localeSchema.safeParse(match[1] ?? 'en');
    if (!locale.success) throw invalid(`${folder}/${name}: the language is not a BCP 47 tag`);
    const previous = sources.get(locale.data);
    if (!previous || type === 'md') sources.set(locale.data, { name, type });
  }
  if (sources.size === 0) {
    throw invalid(`The package has no statement (${folder}/problem.<language>.tex or .md); PDF statements are not supported`);
  }

  const files: PackageFile[] = [];
  for (const name of others) files.push({ path: name, content: await readPackageFile(path.join(dir, name), budget, root) });

  const statements: Record<string, KattisStatement> = {};
  for (const [locale, source] of [...sources].sort(([a], [b]) => naturalCompare(a, b))) {
    const text = (await readPackageFile(path.join(dir, source.name), budget, root)).toString('utf8');
    statements[locale] = source.type === 'md' ? { markdown: text, fromLatex: false, issues: [] } : fromLatex(await statementParsers(), text, others);
  }
  return { statements, files };
}

function fromLatex({ latexToMarkdown }: StatementParsers, tex: string, fileNames: string[]): KattisStatement {
  const converted = latexToMarkdown(tex, fileNames);
  return { markdown: converted.markdown, fromLatex: true, issues: converted.issues, ...(converted.title ? { texTitle: converted.title } : {}) };
}

/**
 * Markdown is kept as it is; a LaTeX statement opens with its title as Kodbro
 * statements do, taken from problem.yaml when `\problemname{}` gave none.
 */
export async function statementMarkdown(statements: Record<string, KattisStatement>, titles: Record<string, string>): Promise<Record<string, string>> {
  // Only a LaTeX statement has a heading to write, and so needs the parsers.
  const { markdownText } = Object.values(statements).some((s) => s.fromLatex) ? await statementParsers() : { markdownText: (text: string) => text };
  return Object.fromEntries(
    Object.entries(statements).map(([locale, s]) => {
      const needsHeading = s.fromLatex && s.texTitle === undefined;
      return [locale, needsHeading ? `# ${markdownText(titles[locale] ?? '')}\n\n${s.markdown}` : s.markdown];
    }),
  );
}

/** One title per statement locale: problem.yaml's name, else the LaTeX name, else the folder's name. */
export function titlesFor(problem: ProblemYaml, statements: Record<string, KattisStatement>, folderName: string): Record<string, string> {
  const names: Record<string, string> = typeof problem.name === 'string' ? { en: problem.name } : { ...(problem.name ?? {}) };
  for (const locale of Object.keys(names)) {
    if (!localeSchema.safeParse(locale).success) throw invalid(`${PROBLEM_FILE}: name language ${JSON.stringify(locale)} is not a BCP 47 tag`);
  }
  const anyName = names.en ?? Object.values(names)[0];
  const titles: Record<string, string> = {};
  for (const [locale, statement] of Object.entries(statements)) {
    titles[locale] = (names[locale] ?? statement.texTitle ?? anyName ?? folderName).trim().slice(0, 200) || folderName;
  }
  return titles;
}
