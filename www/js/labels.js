// Short labels built from the package's data and the message catalogue.
import { pick, t } from '../i18n.js';

/** A pack as a choice: "四川省攀枝花市（2018）", a draft marked as such. */
export function packLabel(p) {
  const vars = { jurisdiction: pick(p.jurisdiction), year: String(p.date ?? '').slice(0, 4) };
  return t(p.status === 'draftForComment' ? 'pack.optionDraft' : 'pack.option', vars);
}
