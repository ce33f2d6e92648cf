/**
 * `npm run instructor -- <command>`: instructor accounts for workshops, in the product database
 * (MLSEC_DATA_DIR, the same one `npm start` uses).
 *
 *   create --email <address> --name <display name> [--password-stdin]
 *   list
 *   reset-password --email <address> [--password-stdin]
 *
 * Passwords never come from the command line (it ends up in shell history and `ps`): they are
 * typed at a prompt that does not echo (twice, to catch typos), or read from the first line of
 * standard input with --password-stdin (for scripts: `printf '%s\n' "$PW" | npm run instructor -- …`).
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { openDatabase, type SqlClient } from '../db/index.ts';
import { InstructorError, InstructorStore } from '../workshops/instructor-store.ts';
import { minimumPasswordLength, passwordProblem } from '../workshops/password.ts';

const USAGE = `Usage: npm run instructor -- <command>

  create --email <address> --name <display name> [--password-stdin]
                         add an instructor (the first one is created this way)
  list                   the instructors, with when they were added
  reset-password --email <address> [--password-stdin]
                         set a new password and sign the instructor out everywhere

Passwords have at least ${minimumPasswordLength} characters. They are asked for at a prompt that does not echo,
or read from the first line of standard input with --password-stdin; never pass one as an argument.
The database is the one in MLSEC_DATA_DIR (default .mlsec/ in the project), as for npm start.`;

class UsageError extends Error {}

async function readLine(): Promise<string> {
  const rl = createInterface({ input: process.stdin, terminal: false });
  for await (const line of rl) {
    rl.close();
    return line.replace(/\r$/, '');
  }
  return '';
}

/** Reads a line from the terminal without echoing it. */
function promptHidden(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stdout.write(question);
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    let value = '';
    const done = (error?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stdout.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return done();
        if (ch === '\u0003') return done(new UsageError('Cancelled.'));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else if (ch >= ' ') value += ch;
      }
    };
    stdin.on('data', onData);
  });
}

async function newPassword(fromStdin: boolean): Promise<string> {
  if (fromStdin) return readLine();
  if (!process.stdin.isTTY) throw new UsageError('Standard input is not a terminal, so the password cannot be typed at a prompt. Pipe it in with --password-stdin.');
  const first = await promptHidden('New password: ');
  const problem = passwordProblem(first);
  if (problem) throw new InstructorError(problem);
  const second = await promptHidden('Repeat the password: ');
  if (first !== second) throw new UsageError('The two passwords differ; nothing was changed. Run the command again.');
  return first;
}

async function run(argv: string[], db: () => Promise<SqlClient>): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  const { values } = parseArgs({
    args: rest,
    options: { email: { type: 'string' }, name: { type: 'string' }, 'password-stdin': { type: 'boolean' }, password: { type: 'string' } },
    strict: true,
    allowPositionals: false,
  });
  if (values.password !== undefined) throw new UsageError('Passwords are never taken from the command line (shell history and process lists would keep them). Omit --password: you will be prompted, or use --password-stdin.');
  switch (command) {
    case 'create': {
      if (!values.email || !values.name) throw new UsageError('create needs --email and --name.');
      const store = new InstructorStore(await db());
      if (await store.byEmail(values.email)) throw new InstructorError(`An instructor with the email ${values.email.trim().toLowerCase()} already exists. Use reset-password to change their password.`);
      const password = await newPassword(values['password-stdin'] ?? false);
      const instructor = await store.create({ email: values.email, displayName: values.name, password });
      console.log(`Instructor ${instructor.displayName} <${instructor.email}> created. Sign in at /instructor.`);
      return 0;
    }
    case 'list': {
      const list = await new InstructorStore(await db()).list();
      if (list.length === 0) console.log('No instructors yet. Create the first with: npm run instructor -- create --email you@example.com --name "Your Name"');
      for (const i of list) console.log(`${i.email}\t${i.displayName}\tadded ${i.createdAt}`);
      return 0;
    }
    case 'reset-password': {
      if (!values.email) throw new UsageError('reset-password needs --email.');
      const store = new InstructorStore(await db());
      if (!(await store.byEmail(values.email))) throw new InstructorError(`There is no instructor with the email ${values.email.trim().toLowerCase()}. See them with: npm run instructor -- list`);
      const instructor = await store.resetPassword(values.email, await newPassword(values['password-stdin'] ?? false));
      console.log(`The password of ${instructor.email} was changed; their open sessions were signed out.`);
      return 0;
    }
    default:
      throw new UsageError(`Unknown command "${command}".`);
  }
}

async function main(): Promise<void> {
  let client: SqlClient | undefined;
  let code: number;
  try {
    code = await run(process.argv.slice(2), async () => (client ??= await openDatabase()));
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      console.error(`${(error as Error).message}\n\n${USAGE}`);
      code = 2;
    } else if (error instanceof InstructorError) {
      console.error(error.message);
      code = 1;
    } else {
      console.error(`instructor: ${(error as Error).message}`);
      code = 1;
    }
  }
  await client?.close();
  process.exitCode = code;
}

await main();
