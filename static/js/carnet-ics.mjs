// An iCalendar file (RFC 5545) of the carnet's events from today on, made on the device.
// All-day events; UIDs built from the carnet's id and the event's id, so importing a
// newer file updates the same events instead of adding copies; a reminder the day before.

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

// `describe(event)` → {title, detail} in the page's language; `today` an ISO date; `rules` the rule set that
// made the plan, in words, added to each description.
export function calendar(carnet, describe, { today, now = new Date(), name, reminder, rules = "" }) {
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//bone-mets//carnet 1//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `X-WR-CALNAME:${escapeText(name)}`,
  ];
  for (const event of carnet.events) {
    if (event.date < today) continue;
    const { title, detail } = describe(event);
    const description = [detail, rules].filter(Boolean).join("\n");
    lines.push(
      "BEGIN:VEVENT",
      `UID:${event.id}.${carnet.id}@bone-mets-carnet`,
      `DTSTAMP:${stamp(now)}`,
      `SEQUENCE:${carnet.revision}`, // a replaced plan wins over the previous import
      `DTSTART;VALUE=DATE:${compact(event.date)}`,
      `DTEND;VALUE=DATE:${compact(nextDay(event.date))}`,
      `SUMMARY:${escapeText(title)}`,
      ...(description ? [`DESCRIPTION:${escapeText(description)}`] : []),
      "TRANSP:TRANSPARENT",
      "BEGIN:VALARM",
      "ACTION:DISPLAY",
      "TRIGGER:-PT15H", // 9 am the day before (all-day events start at midnight)
      `DESCRIPTION:${escapeText(`${reminder} ${title}`)}`,
      "END:VALARM",
      "END:VEVENT",
    );
  }
  lines.push("END:VCALENDAR");
  return lines.map(fold).join("\r\n") + "\r\n";
}
