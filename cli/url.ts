/**
 * `sim url <scenario.json|-|builtin:<id>> [--step N]`: prints the share fragment that opens the app
 * on that scenario at step N (scenario-contract.md §1). Built-ins print the short
 * `#v=1&s=<id>&t=<N>` form; anything else carries the whole scenario (`#v=1&c=...`, or `#v=2&c=...` when
 * its notes are compressed against the library's text table, src/url/dictionary.ts).
 *
 * This module imports nothing at load time: cli/sim.ts registers it in its command table and the
 * codec is loaded inside sim's error boundary, like every other command.
 */
import type { Scenario } from '../src/scenarios';

export interface UrlCommandDeps {
  /** sim's own option parser (throws its usage error). */
  readonly flags: (
    args: string[],
    options: { step: { type: 'string' } },
  ) => { values: { step?: string | undefined }; positionals: string[] };
  /** sim's reader of `-`, a file or `builtin:<id>` (bounded, validated). */
  readonly loadScenario: (source: string) => Promise<Scenario>;
  /** A failure printed as one line, exit 2. */
  readonly fail: (message: string) => Error;
  /** The same, followed by the usage text. */
  readonly usage: (message: string) => Error;
}

const STEP = /^(0|[1-9][0-9]{0,6})$/;

export function urlCommand(deps: UrlCommandDeps) {
  return {
    usage: 'url <scenario.json|-|builtin:<id>> [--step N]',
    run: async (args: string[]): Promise<string> => {
      const { values, positionals } = deps.flags(args, { step: { type: 'string' } });
      const [source, ...extra] = positionals;
      if (source === undefined || extra.length > 0)
        throw deps.usage('url takes exactly one scenario');
      const stepText = values.step ?? '0';
      if (!STEP.test(stepText))
        throw deps.usage(
          `--step must be a whole number, got ${JSON.stringify(stepText.slice(0, 20))}`,
        );
      const step = Number.parseInt(stepText, 10);
      const { encodeFragment } = await import('../src/url');
      const builtin = source.startsWith('builtin:') ? source.slice('builtin:'.length) : null;
      // Loading a built-in checks that it exists and gives its length for the --step check.
      const scenario = await deps.loadScenario(source);
      if (step > scenario.steps.length)
        throw deps.fail(
          `--step ${step} is past the end of the scenario (${scenario.steps.length} steps)`,
        );
      const made = encodeFragment({
        source: builtin !== null ? { kind: 'builtin', id: builtin } : { kind: 'custom', scenario },
        step,
      });
      if (!made.ok) throw deps.fail(made.error);
      return `${made.fragment}\n`;
    },
  };
}
