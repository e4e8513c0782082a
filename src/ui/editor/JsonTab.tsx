interface Props {
  readonly text: string;
  readonly onChange: (text: string) => void;
}

/** The scenario as JSON, edited directly; the drawer's status line shows the schema's verdict. */
export function JsonTab({ text, onChange }: Props) {
  return (
    <textarea
      className="editor-json"
      value={text}
      spellCheck={false}
      aria-label="Scenario JSON"
      aria-describedby="editor-status"
      data-testid="editor-json"
      onChange={(e) => {
        onChange(e.currentTarget.value);
      }}
    />
  );
}
