// Mirror of webapp/clinical/messages.py.

export const MSGID_SET = new Set();
/** Marks a msgid, like messages.N_; every msgid is declared at module level so MSGIDS lists them all. */
export function N_(s) {
  MSGID_SET.add(s);
  return s;
}

/** messages.msg: a msgid and its raw parameters. */
export function msg(msgid, params = {}) { return { msgid, params: { ...params } }; }
/** messages.Note / info / warning. */
export function info(message, ...sources) { return { message, sources, severity: "info" }; }
export function warning(message, ...sources) { return { message, sources, severity: "warning" }; }
export function notesSources(notes) { return notes.flatMap((note) => note.sources); }
