/**
 * The headless runner of scenario-contract.md §1:
 *
 *   sim run <file|-|builtin:<id>> [--states] [--era <id>]   one hmm-result/1 JSON document
 *   sim compare <file|-|builtin:<id>> --eras <a>,<b>         the steps that differ, as JSON
 *   sim list [--json]                                         the built-in library
 *
 * Exit 0 when the command did its work; 2 for an invalid scenario, bad usage or any internal
 * error, with one line `sim: <message>` on stderr. A command prints nothing itself: it returns its
 * output, a string or chunks made as they are written. Everything that can refuse the input
 * (reading, parsing, the schema, the work budget, the era) happens before the first chunk, so a
 * refusal never leaves half a document on stdout; `run` then computes each step as it is printed
 * (a 100,000-step trace is never held), so only an internal error of the model could cut a result
 * short, and it still exits 2. Modules are loaded inside the error boundary, so even a broken
 * build fails with one line.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { once } from 'node:events';
import type { Frame } from '../src/model';
import { jsonChunks, Later } from './jsonStream';
import { urlCommand } from './url';

/**
 * The largest input read, in bytes. The app stops at MAX_SCENARIO_BYTES (16 MiB); a script may
 * feed the CLI more: the default scenario's steps repeated 100,000 times (the step cap) with their
 * notes are ~40 MB in the editor's one-step-a-line format, ~44 MB pretty-printed. Reading stays
 * bounded (at most this + 1 bytes), and the work budget, not the size, judges what the steps ask.
 */
const MAX_BYTES = 64 * 1024 * 1024;

/**
 * Control characters from the input must not reach the terminal: ESC and BEL set a title or
 * colours, the C1 set (U+0080–U+009F, CSI U+009B) does the same on many terminals, and the bidi
 * overrides reorder what is read. Each is printed as its JSON escape (\u001b), which keeps a JSON
 * document's meaning, since such characters can only occur in its strings.
 */
const CONTROLS = /[\p{Cc}\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;
const escapeControls = (text: string, keep = ''): string =>
  text.replace(CONTROLS, (c) =>
    keep.includes(c) ? c : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
/** One line of a message: whitespace collapsed, controls escaped, bounded. */
const messageLine = (text: string): string =>
  escapeControls(text.replace(/\s+/g, ' ').trim()).slice(0, 500);

/** A failure the user can act on: printed as one line, exit 2. */
class CliError extends Error {}
class UsageError extends CliError {}

interface Command {
  /** One usage line, without the leading `sim `. */
  readonly usage: string;
  /** The output: one string, or chunks written as they come (a big result never is one string). */
  readonly run: (args: string[]) => Promise<string | Iterable<string>>;
}

const USAGE_HEAD = 'usage: npm run --silent sim -- <command>\n';
const usage = (): string =>
  USAGE_HEAD +
  Object.values(COMMANDS)
    .map((c) => `  sim ${c.usage}\n`)
    .join('');

function flags<T extends Record<string, { type: 'boolean' | 'string' }>>(
  args: string[],
  options: T,
) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    // Node's messages run on with advice about `--`; the first sentence is the useful part.
    const message = e instanceof Error ? e.message : String(e);
    throw new UsageError(message.split('. ')[0] ?? message);
  }
}

/** Reads at most MAX_BYTES + 1 bytes from a descriptor, so an endless input cannot exhaust memory. */
function readBounded(fd: number): string {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.alloc(64 * 1024);
    const n = readSync(fd, chunk, 0, chunk.length, null);
    if (n === 0) break;
    chunks.push(chunk.subarray(0, n));
    total += n;
    if (total > MAX_BYTES) throw new CliError(`input is larger than ${MAX_BYTES} bytes (64 MiB)`);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function readFileText(path: string): string {
  let fd: number | undefined;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new CliError(`cannot read "${path}": not a regular file`);
    if (st.size > MAX_BYTES)
      throw new CliError(`"${path}" is larger than ${MAX_BYTES} bytes (64 MiB)`);
    fd = openSync(path, 'r');
    return readBounded(fd);
  } catch (e) {
    if (e instanceof CliError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code;
    throw new CliError(`cannot read "${path}": ${why ?? 'read error'}`);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** `builtin:<id>`, `-` (stdin) or a file path → a validated scenario. */
async function loadScenario(source: string) {
  const { parseScenario } = await import('../src/scenarios');
  if (source.startsWith('builtin:')) {
    const { getBuiltin } = await import('../src/scenarios/library/all');
    const id = source.slice('builtin:'.length);
    const found = getBuiltin(id);
    if (!found) throw new CliError(`unknown built-in scenario "${id}" (see: sim list)`);
    return found;
  }
  const text = source === '-' ? readBounded(0) : readFileText(source);
  const parsed = parseScenario(text, { maxBytes: MAX_BYTES });
  if (!parsed.ok) throw new CliError(parsed.error);
  return parsed.scenario;
}

/** An era id the build knows, or a usage error naming the known ones. */
async function eraArg(value: string, flag: string) {
  const { ERAS } = await import('../src/model');
  const era = ERAS.find((e) => e === value);
  if (era === undefined)
    throw new UsageError(`${flag}: unknown era "${value}" (known: ${ERAS.join(', ')})`);
  return era;
}

const COMMANDS: Readonly<Record<string, Command>> = {
  run: {
    usage: 'run <scenario.json|-|builtin:<id>> [--states] [--era <id>]',
    run: async (args) => {
      const { values, positionals } = flags(args, {
        states: { type: 'boolean' },
        era: { type: 'string' },
      });
      const [source, ...extra] = positionals;
      if (source === undefined || extra.length > 0)
        throw new UsageError('run takes exactly one scenario');
      const loaded = await loadScenario(source);
      // --era overrides the file's era (scenario-contract.md §1).
      const scenario =
        values.era === undefined ? loaded : { ...loaded, era: await eraArg(values.era, '--era') };
      const { loadEra, resultSteps, runImmerUnfrozen, traceScenario, snapshotState } =
        await import('../src/model');
      await loadEra(scenario.era);
      runImmerUnfrozen();
      // toResultJson's document, streamed: each step runs when the printing reaches it and its
      // frame (state, events) is dropped once printed, so a 100,000-step run with --states holds
      // one frame and one snapshot, never the trace (issue 12).
      let last: Frame | null = null;
      const frames = (function* () {
        for (const f of traceScenario(scenario)) {
          last = f;
          yield f;
        }
      })();
      const result = {
        schema: 'hmm-result/1',
        era: scenario.era,
        steps: resultSteps(frames, { states: values.states === true }),
        final: new Later(() => {
          if (!last) throw new Error('a trace always has its boot frame');
          return snapshotState(last.state);
        }),
      };
      return (function* () {
        yield* jsonChunks(result);
        yield '\n';
      })();
    },
  },
  compare: {
    usage: 'compare <scenario.json|-|builtin:<id>> --eras <a>,<b>',
    run: async (args) => {
      const { values, positionals } = flags(args, { eras: { type: 'string' } });
      const [source, ...extra] = positionals;
      if (source === undefined || extra.length > 0)
        throw new UsageError('compare takes exactly one scenario');
      const ids = (values.eras ?? 'v4.14,v6.12').split(',').map((e) => e.trim());
      if (ids.length !== 2) throw new UsageError('--eras takes two eras, e.g. v4.14,v6.12');
      const a = await eraArg(ids[0] ?? '', '--eras');
      const b = await eraArg(ids[1] ?? '', '--eras');
      const scenario = await loadScenario(source);
      const { loadEra, loadEraComparison, runImmerUnfrozen } = await import('../src/model');
      const { compareEras } = await loadEraComparison();
      for (const era of [a, b]) await loadEra(era);
      runImmerUnfrozen();
      const comparison = compareEras(scenario, [a, b]);
      return (function* () {
        yield* jsonChunks(comparison);
        yield '\n';
      })();
    },
  },
  list: {
    usage: 'list [--json]',
    run: async (args) => {
      const { values, positionals } = flags(args, { json: { type: 'boolean' } });
      if (positionals.length > 0) throw new UsageError('list takes no arguments');
      const { builtinScenarios } = await import('../src/scenarios/library/all');
      const rows = builtinScenarios.map((s) => ({
        id: s.id,
        title: s.title,
        era: s.era,
        steps: s.steps.length,
      }));
      if (values.json === true) return `${JSON.stringify(rows, null, 2)}\n`;
      return rows.map((r) => `${r.id}\t${r.era}\t${r.steps} steps\t${r.title}\n`).join('');
    },
  },
  url: urlCommand({
    flags,
    loadScenario,
    fail: (m) => new CliError(m),
    usage: (m) => new UsageError(m),
  }),
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(usage());
    return 0;
  }
  const command = name !== undefined && Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    process.stderr.write(
      `sim: ${name === undefined ? 'no command' : `unknown command ${messageLine(JSON.stringify(name.slice(0, 40)))}`}\n`,
    );
    process.stderr.write(usage());
    return 2;
  }
  try {
    const out = await command.run(rest);
    let buffer = '';
    const flush = async () => {
      // Output keeps its newlines and tabs; every other control character is escaped (a chunk
      // never splits a JSON string, so escaping chunk by chunk is escaping the whole).
      const ok = process.stdout.write(escapeControls(buffer, '\n\t'));
      buffer = '';
      if (!ok) await once(process.stdout, 'drain');
    };
    for (const chunk of typeof out === 'string' ? [out] : out) {
      buffer += chunk;
      if (buffer.length >= 1 << 16) await flush();
    }
    await flush();
    return 0;
  } catch (e) {
    const line = messageLine(e instanceof Error ? e.message : String(e));
    process.stderr.write(`sim: ${e instanceof CliError ? line : `internal error: ${line}`}\n`);
    if (e instanceof UsageError) process.stderr.write(usage());
    return 2;
  }
}

// A reader that closes the pipe early (`sim run x | head`) is not an error of ours.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
});
process.on('uncaughtException', (e) => {
  process.stderr.write(`sim: internal error: ${messageLine(e.message)}\n`);
  process.exit(2);
});

process.exitCode = await main(process.argv.slice(2));
