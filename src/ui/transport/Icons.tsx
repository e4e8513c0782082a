/** Transport icons as inline SVG (fonts differ between machines; paths do not). */
interface Props {
  readonly name: 'first' | 'back' | 'play' | 'pause' | 'forward' | 'last';
}

const PATHS: Record<Props['name'], string> = {
  first: 'M4 4h2v12H4zM16 4v12L7 10z',
  back: 'M14 4v12L5 10z',
  play: 'M6 4v12l10-6z',
  pause: 'M5 4h4v12H5zM11 4h4v12h-4z',
  forward: 'M6 4v12l9-6z',
  last: 'M14 4h2v12h-2zM4 4v12l9-6z',
};

export function Icon({ name }: Props) {
  return (
    <svg
      className="icon"
      viewBox="0 0 20 20"
      width="20"
      height="20"
      aria-hidden="true"
      focusable="false"
    >
      <path d={PATHS[name]} fill="currentColor" />
    </svg>
  );
}
