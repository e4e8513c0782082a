import './inspector.css';
import { dmirrorData, hexVpn, pteAt } from '../../model';
import { useApp, useAppApi } from '../../store/context';
import { selectKernel, selectPrevFrame, selectSelection } from '../../store/selectors';
import { hex } from '../shared/format';
import { Panel } from '../shared/Panel';
import { describePte, pteGlyph } from '../shared/pteGlyph';
import { PageDetails } from './PageDetails';
import { own } from '../../model';

/** The selected PTE, page frame or device in full. */
export function InspectorView() {
  const api = useAppApi();
  const state = useApp(selectKernel);
  const prev = useApp(selectPrevFrame)?.state;
  const sel = useApp(selectSelection);
  const clear = (
    <button
      type="button"
      className="small-btn"
      onClick={() => {
        api.getState().select(null);
      }}
      aria-disabled={sel === null}
    >
      Clear
    </button>
  );
  let body;
  if (!state || !sel) {
    body = <p className="muted">Select a PTE, a page frame or a device to inspect it.</p>;
  } else if (sel.kind === 'page') {
    body = <PageDetails pfn={sel.pfn} state={state} prev={prev} />;
  } else if (sel.kind === 'pte') {
    const pte = pteAt(state, sel.pid, sel.vpn);
    const g = pteGlyph(pte);
    body = (
      <>
        <div className="pte-details" data-testid="pte-details">
          <h3>
            PTE pid {sel.pid} @ {hexVpn(sel.vpn)}
          </h3>
          <p>
            <span
              className={`pte mini ${g.cls} s-${g.shape}${pte && pte.kind !== 'hwpoison' && pte.write ? ' w' : ''}`}
              aria-hidden="true"
            >
              <span className="glyph">{g.letter}</span>
            </span>{' '}
            {describePte(pte)}
            {pte?.kind === 'present' &&
              ` · ${pte.dirty ? 'dirty' : 'clean'} · ${pte.young ? 'young' : 'old'}`}
          </p>
        </div>
        {pte && <PageDetails pfn={pte.pfn} state={state} prev={prev} />}
      </>
    );
  } else {
    const d = own(state.devices, sel.device);
    const res = state.resources.find((r) => r.name === sel.device);
    body = d ? (
      <div data-testid="device-details">
        <h3>{d.id}</h3>
        <dl className="fields">
          <div>
            <dt>type</dt>
            <dd>MEMORY_DEVICE_{d.type.toUpperCase()}</dd>
          </div>
          <div>
            <dt>hmm_device</dt>
            <dd>hmm_device{d.minor}</dd>
          </div>
          <div>
            <dt>resource</dt>
            <dd>{res ? `${hex(res.start)}–${hex(res.end)} ${res.desc}` : '—'}</dd>
          </div>
          <div>
            <dt>free pages</dt>
            <dd>{dmirrorData(state, d.id)?.freePages ?? '—'}</dd>
          </div>
          <div>
            <dt>removed</dt>
            <dd>{d.removed ? 'yes' : 'no'}</dd>
          </div>
        </dl>
      </div>
    ) : (
      <p>{sel.device} does not exist at this step.</p>
    );
  }
  return (
    <Panel title="Inspector" name="inspector" tools={clear}>
      {body}
    </Panel>
  );
}
