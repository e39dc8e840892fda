// The copied summary as a note for the record. The day and the link that reopens the calculation are added
// at copy time: they differ between the server's page and the mirror's, which must render the same DOM.
import { formatDate } from "./format.mjs";

/** The device's calendar date, YYYY-MM-DD (not UTC: the day the clinician sees). */
export function deviceToday(now = new Date()) {
  return [now.getFullYear(), now.getMonth() + 1, now.getDate()].map((n, i) => String(n).padStart(i ? 2 : 4, "0")).join("-");
}

const oneLine = (element) => element.innerText.replace(/\s+/g, " ").trim();

/**
 * The text to copy from `element`: its text alone, or — for a result summary (data-note-date) — the day of
 * the calculation, the summary (result, inputs, sources, rule set) and the link, one per line.
 */
export function noteText(element, locale, href, today = deviceToday()) {
  const { noteDate, noteLink } = element.dataset;
  if (!noteDate) return oneLine(element);
  return [noteDate.replace("%(date)s", formatDate(today, locale, "long")), oneLine(element),
    noteLink.replace("%(url)s", href)].join("\n");
}
