import type { Plugin } from 'vite';

/**
 * Preload lists without what is already loaded. Vite gives each dynamic import a list of the
 * chunks to preload with it (__vite__mapDeps in the importing chunk), and those lists named the
 * chunks the importer itself imports statically (the model, React, the parser): loaded before
 * the importer ran, so a preload of them fetches nothing. Each built-in scenario's loader listed
 * them, in the initial chunk (e2e/bundle.spec.ts counts its bytes).
 */
export function preloadWhatIsMissing(): {
  readonly plugin: Plugin;
  readonly resolveDependencies: (
    filename: string,
    deps: string[],
    context: { hostId: string; hostType: 'html' | 'js' },
  ) => string[];
} {
  /** Each chunk's static imports, recorded before the lists are written. */
  const imports = new Map<string, readonly string[]>();
  const loadedWith = (host: string): Set<string> => {
    const seen = new Set<string>();
    const visit = (file: string): void => {
      for (const dep of imports.get(file) ?? []) {
        if (seen.has(dep)) continue;
        seen.add(dep);
        visit(dep);
      }
    };
    visit(host);
    return seen;
  };
  return {
    plugin: {
      name: 'hmm:static-imports',
      apply: 'build',
      // Before Vite's own generateBundle, which writes the lists through resolveDependencies.
      enforce: 'pre',
      generateBundle(_options, bundle) {
        for (const out of Object.values(bundle))
          if (out.type === 'chunk') imports.set(out.fileName, out.imports);
      },
    },
    resolveDependencies(filename, deps, { hostId, hostType }) {
      if (hostType !== 'js') return deps;
      const loaded = loadedWith(hostId);
      const missing = deps.filter((d) => !loaded.has(d));
      // The imported chunk alone: import() fetches it; a preload of it adds nothing.
      return missing.length === 1 && missing[0] === filename ? [] : missing;
    },
  };
}
