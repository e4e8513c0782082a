/**
 * Transport shortcuts. Pure: which key means which command, and whether the focused element is
 * one where keys belong to the user's typing (inputs, selects, text areas, contenteditable).
 */

export type KeyCommand = 'toggle' | 'back' | 'forward' | 'first' | 'last';

/**
 * Where a key was pressed: the innermost element, inside any shadow root. A listener on the window
 * sees a key from inside a shadow root (the JSON editor's) as pressed on the shadow's host, a
 * plain div: Space then played the scenario instead of typing a space.
 */
export function keyTarget(e: Pick<Event, 'target' | 'composedPath'>): EventTarget | null {
  return e.composedPath()[0] ?? e.target;
}

/** Elements whose keys are the user's, not ours. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (target === null || typeof target !== 'object') return false;
  const el = target as Partial<HTMLElement>;
  const tag = typeof el.tagName === 'string' ? el.tagName.toUpperCase() : '';
  if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (el.isContentEditable === true) return true;
  // happy-dom and older engines may not compute isContentEditable; read the attribute too.
  const ce = typeof el.getAttribute === 'function' ? el.getAttribute('contenteditable') : null;
  return ce !== null && ce !== 'false';
}

/** Elements that act on Space themselves (a focused button is pressed by Space). */
function ownsSpace(target: EventTarget | null): boolean {
  if (target === null || typeof target !== 'object') return false;
  const el = target as Partial<HTMLElement>;
  const tag = typeof el.tagName === 'string' ? el.tagName.toUpperCase() : '';
  if (tag === 'BUTTON' || tag === 'A' || tag === 'SUMMARY') return true;
  const role = typeof el.getAttribute === 'function' ? el.getAttribute('role') : null;
  return role === 'button' || role === 'link' || role === 'checkbox' || role === 'switch';
}

export interface KeyLike {
  readonly key: string;
  readonly target: EventTarget | null;
  readonly altKey: boolean;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
}

/** The command a key press means, or null when it is not ours to handle. */
export function keyCommand(e: KeyLike): KeyCommand | null {
  if (e.altKey || e.ctrlKey || e.metaKey) return null;
  if (isTypingTarget(e.target)) return null;
  switch (e.key) {
    case ' ':
    case 'Spacebar':
      return ownsSpace(e.target) ? null : 'toggle';
    case 'ArrowLeft':
    case 'PageUp':
      return 'back';
    case 'ArrowRight':
    case 'PageDown':
      return 'forward';
    case 'Home':
      return 'first';
    case 'End':
      return 'last';
    default:
      return null;
  }
}
