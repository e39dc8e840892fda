// iCalendar files (RFC 5545) of the injection record's events, made on the device.
// All-day events; UIDs built from the record's id and the event's id, so importing a
// newer file updates the same events instead of adding copies. Two alarms per event,
// because some calendars keep only one: the evening before and the morning of the day.
// A replaced plan that drops events gets a second file that cancels them (same UIDs).

const encoder = new TextEncoder();

// TEXT values: backslash, semicolon, comma and newlines are escaped (§3.3.11).
const escapeText = (text) => String(text).replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r?\n/g, "\\n");

// Lines longer than 75 octets are folded: CRLF then one space (§3.1), never inside a
// UTF-8 character.
export function fold(line) {
  const parts = [];
  let current = "";
  let size = 0;
  for (const char of line) {
    const bytes = encoder.encode(char).length;
    const limit = parts.length ? 74 : 75; // continuation lines start with the space
    if (size + bytes > limit) {
      parts.push(current);
      current = "";
      size = 0;
    }
    current += char;
    size += bytes;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

const compact = (iso) => iso.replaceAll("-", "");

function nextDay(iso) {
  const [y, m, d] = iso.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

function stamp(now) {
  return now.toISOString().replace(/[-:]/g, "").replace(/\.\d+/, "");
}

// Alarms relative to the all-day event's start (midnight, the calendar's own time zone).
const ALARMS = { dayBefore: "-PT6H", dayOf: "PT8H" }; // 18:00 the day before, 08:00 the day itself

const uid = (carnet, event) => `${event.id}.${carnet.id}@bone-mets-carnet`;

function file(method, name, events) {
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//bone-mets//carnet 1//EN",
    "CALSCALE:GREGORIAN",
    `METHOD:${method}`,
    `X-WR-CALNAME:${escapeText(name)}`,
    ...events.flat(),
    "END:VCALENDAR",
  ];
  return lines.map(fold).join("\r\n") + "\r\n";
}

const alarm = (trigger, text) => ["BEGIN:VALARM", "ACTION:DISPLAY", `TRIGGER:${trigger}`,
  `DESCRIPTION:${escapeText(text)}`, "END:VALARM"];

// `describe(event)` → {title, detail} in the page's language; `bring(event)` → what to bring that day ("" for
// nothing); `today` an ISO date; `reminders` {dayBefore, dayOf} the alarms' lead words ("Tomorrow:", "Today:");
// `rules` the rule set that made the plan, in words, added to each description.
export function calendar(carnet, describe, { today, now = new Date(), name, reminders, bring = () => "", rules = "" }) {
  const events = carnet.events.filter((event) => event.date >= today).map((event) => {
    const { title, detail } = describe(event);
    const description = [detail, bring(event), rules].filter(Boolean).join("\n");
    return [
      "BEGIN:VEVENT",
      `UID:${uid(carnet, event)}`,
      `DTSTAMP:${stamp(now)}`,
      `SEQUENCE:${carnet.revision}`, // a replaced plan wins over the previous import
      `DTSTART;VALUE=DATE:${compact(event.date)}`,
      `DTEND;VALUE=DATE:${compact(nextDay(event.date))}`,
      `SUMMARY:${escapeText(title)}`,
      ...(description ? [`DESCRIPTION:${escapeText(description)}`] : []),
      "TRANSP:TRANSPARENT",
      ...alarm(ALARMS.dayBefore, `${reminders.dayBefore} ${title}`),
      ...alarm(ALARMS.dayOf, `${reminders.dayOf} ${title}`),
      "END:VEVENT",
    ];
  });
  return file("PUBLISH", name, events);
}

// Events of `previous` that `next` no longer has (a date that only moved keeps its UID and is updated by the
// new calendar file instead).
export function dropped(previous, next) {
  const kept = new Set(next.events.map((event) => event.id));
  return previous.events.filter((event) => !kept.has(event.id));
}

// The file that removes `events` (dropped by a replaced plan) from the calendar they were imported into:
// METHOD:CANCEL, the same UIDs, a newer SEQUENCE, STATUS:CANCELLED.
export function cancellation(carnet, events, { now = new Date(), name, describe }) {
  return file("CANCEL", name, events.map((event) => [
    "BEGIN:VEVENT",
    `UID:${uid(carnet, event)}`,
    `DTSTAMP:${stamp(now)}`,
    `SEQUENCE:${carnet.revision}`,
    `DTSTART;VALUE=DATE:${compact(event.date)}`,
    `DTEND;VALUE=DATE:${compact(nextDay(event.date))}`,
    `SUMMARY:${escapeText(describe(event).title)}`,
    "STATUS:CANCELLED",
    "END:VEVENT",
  ]));
}
