/**
 * The first tab stop: jump straight to a panel (its scrolling body takes focus) instead of
 * tabbing through the toolbar, the timeline and a step's 30-100 source links. Hidden until
 * focused. Buttons, not #anchors: the address bar's fragment is the share link. They also say
 * the key that does the same from anywhere: F6 (Shift+F6 back), src/ui/panelKeys.ts.
 */
const TARGETS: readonly (readonly [string, string])[] = [
  ['map', 'Memory map'],
  ['kernel-path', 'This step'],
  ['page-tables', 'Page tables'],
  ['device', 'Device memory'],
  ['inspector', 'Inspector'],
];

export function SkipLinks() {
  return (
    <nav className="skip-links" aria-label="Skip to a panel">
      {TARGETS.map(([name, label]) => (
        <button
          key={name}
          type="button"
          onClick={() => {
            document
              .querySelector<HTMLElement>(`[data-testid="view-${name}"] .panel-body`)
              ?.focus();
          }}
        >
          Skip to {label}
        </button>
      ))}
      <p className="skip-keys" data-testid="panel-keys-help">
        Or press <kbd>F6</kbd> to move to the next panel, <kbd>Shift</kbd>+<kbd>F6</kbd> to go back.
      </p>
    </nav>
  );
}
