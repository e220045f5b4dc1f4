import { parseArgs } from 'node:util';
import { isKodbroError, toKodbroError } from '../errors.ts';

const USAGE = `Usage: npm run kodbro -- <command>

Commands:
  images build [--language <id>]                         build the runner images that are not up to date
  images tags                                            print the image tags this code judges with, one a line
  judge <package-dir> <solution-file> [--language <id>] [--json]
                                                         judge a solution against a Kodbro or Kattis package
  validate <package-dir>                                 check a package and the verdicts of its solutions
  import <kattis-package-dir> <out-dir>                  convert a Kattis package into a Kodbro package
  demo-invite                                            print a fresh candidate link for the demo assessment
                                                         (uses KODBRO_DATA_DIR and KODBRO_PUBLIC_URL or PORT)
  verify <file-or-url> [--key <file-or-url>]             check a shared result's signature: a downloaded file
                                                         against a public key, or a verification link against
                                                         its server's published key (exit 0 genuine, 1 does not
                                                         verify, 3 revoked)
`;

const log = (line: string) => process.stderr.write(`${line}\n`);

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      language: { type: 'string' },
      key: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, ...rest] = positionals;
  if (values.help || command === undefined || command === 'help') {
    process.stdout.write(USAGE);
    return command === undefined && !values.help ? 2 : 0;
  }
  switch (command) {
    case 'images': {
      if (rest.length !== 1 || (rest[0] !== 'tags' && rest[0] !== 'build')) return usageError('images takes one subcommand: build or tags');
      const { imagesBuild, imagesTags } = await import('./images.ts');
      if (rest[0] === 'tags') return imagesTags();
      return imagesBuild({ ...(values.language ? { language: values.language } : {}) }, log);
    }
    case 'judge': {
      if (rest.length !== 2) return usageError('judge takes <package-dir> <solution-file>');
      const args = { packageDir: rest[0] as string, solutionFile: rest[1] as string, language: values.language, json: values.json };
      // Docker starts the solution's box while the judge's modules (the heaviest) load.
      const { startEarly } = await import('./early-box.ts');
      const early = startEarly(args.solutionFile, args.language, log);
      try {
        const { judgeCommand } = await import('./judge.ts');
        return await judgeCommand(args, log, early);
      } finally {
        await early.boxes?.close();
        early.stop.dispose();
      }
    }
    case 'validate': {
      if (rest.length !== 1) return usageError('validate takes <package-dir>');
      const { validateCommand } = await import('./validate.ts');
      return validateCommand({ packageDir: rest[0] as string }, log);
    }
    case 'import': {
      if (rest.length !== 2) return usageError('import takes <kattis-package-dir> <out-dir>');
      const { importCommand } = await import('./import.ts');
      return importCommand({ kattisDir: rest[0] as string, outDir: rest[1] as string }, log);
    }
    case 'demo-invite': {
      if (rest.length !== 0) return usageError('demo-invite takes no arguments');
      const { demoInviteCommand } = await import('./demo-invite.ts');
      return demoInviteCommand(log);
    }
    case 'verify': {
      if (rest.length !== 1) return usageError('verify takes <file-or-url>');
      const { verifyCommand } = await import('./verify.ts');
      return verifyCommand({ source: rest[0] as string, ...(values.key ? { key: values.key } : {}) }, log);
    }
    default:
      return usageError(`unknown command ${command}`);
  }
}

function usageError(message: string): number {
  process.stderr.write(`kodbro: ${message}\n\n${USAGE}`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const failure = toKodbroError(error);
    if (isKodbroError(error) || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`kodbro: ${failure.message}\n`);
    } else {
      process.stderr.write(`kodbro: internal error: ${failure.message}\n${(error as Error).stack ?? ''}\n`);
    }
    process.exitCode = isKodbroError(error) ? 1 : (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') ? 2 : 70;
  },
);
