/**
 * Entering and leaving presenter mode. Full screen is asked for in the click that enters (the
 * Fullscreen API needs that user gesture); where it is refused or missing (an iframe without
 * allow="fullscreen", some kiosks) the mode still works inside the window, and F11 does the rest.
 */
import { modes, setModes } from '../modes';
import { notify } from '../notices/notices';

export function enterPresenter(): void {
  setModes({ presenting: true, popover: null });
  const root = document.documentElement;
  if (document.fullscreenElement !== null) return;
  if (typeof root.requestFullscreen !== 'function' || !document.fullscreenEnabled) {
    notify(
      'info',
      'present',
      'Full screen is not available here: press F11 for it. Escape leaves.',
    );
    return;
  }
  root.requestFullscreen({ navigationUI: 'hide' }).catch(() => {
    if (modes.getState().presenting)
      notify('info', 'present', 'Full screen was refused: press F11 for it. Escape leaves.');
  });
}

export function leavePresenter(): void {
  setModes({ presenting: false });
  if (document.fullscreenElement !== null) {
    document.exitFullscreen().catch(() => {
      // Already leaving (the user pressed Escape): nothing to undo.
    });
  }
}
