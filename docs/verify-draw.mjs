// Verifies an event's pre-queue draw from public data only (docs/fairness.md). Node 20+, nothing to install.
//
//   node verify-draw.mjs <base-url> <eventId> [your userId]
//
// Prints every place as "<place> <hashed id>"; with your user id, also your own place.
// Exits 1 if any check fails, 2 on wrong usage, 3 if the draw has not happened yet.
import { createHash } from 'node:crypto';

const [base, eventId, userId] = process.argv.slice(2);
if (!base || !eventId) {
  console.error('usage: node verify-draw.mjs <base-url> <eventId> [your userId]');
  process.exit(2);
}

const sha256 = (text) => createHash('sha256').update(text, 'utf8').digest('hex');
const fail = (why, code = 1) => {
  console.error(`NOT VERIFIED: ${why}`);
  process.exit(code);
};
const get = async (path) => {
  const response = await fetch(new URL(path, base));
  if (!response.ok) fail(`GET ${path} answered ${response.status}`);
  return response.json();
};

// 1. The commitment: the revealed secret is the one whose SHA-256 was published from creation.
const eventPath = `/api/events/${encodeURIComponent(eventId)}`;
const event = await get(eventPath);
const report = await get(`${eventPath}/fairness`);
if (report.seedSha256 !== event.fairness.seedSha256) fail('the event and its fairness report publish different commitments');
if (report.state !== 'drawn') fail(`nothing to verify yet: the draw is ${report.state}`, 3);
if (sha256(report.seed) !== report.seedSha256) fail('the revealed secret is not the committed one');
if (event.fairness.seed !== undefined && event.fairness.seed !== report.seed) fail('the event and its fairness report reveal different secrets');

// 2. The registrant list: SHA-256(eventId ":" userId) each, ascending, a part at a time.
const { registrants } = report;
const ids = [...registrants.ids];
for (let part = 1; part < registrants.parts; part += 1) {
  const page = await get(`${eventPath}/fairness?part=${part}`);
  if (page.registrants?.sha256 !== registrants.sha256) fail(`part ${part} belongs to another list`);
  ids.push(...page.registrants.ids);
}
if (ids.length !== registrants.count) fail(`${ids.length} registrants read, ${registrants.count} announced`);
if (ids.some((id, i) => i > 0 && ids[i - 1] >= id)) fail('the list is not ascending, or repeats an id');
const listSha256 = sha256(ids.join('\n'));
if (listSha256 !== registrants.sha256) fail('the list does not match its published SHA-256');

// 3. The draw seed mixes the secret with the list; each rank is SHA-256(drawSeed ":" id), ascending.
const drawSeed = sha256(`${report.seed}:${listSha256}`);
if (drawSeed !== report.drawSeed) fail('the published draw seed is not SHA-256(secret ":" list SHA-256)');
const order = ids
  .map((id) => [sha256(`${drawSeed}:${id}`), id])
  .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : 1))
  .map(([, id]) => id);

console.log(`# ${eventId}: commitment ok, ${ids.length} registrants, list ${listSha256}, draw seed ${drawSeed}`);
order.forEach((id, i) => console.log(`${i + 1} ${id}`));
if (userId) {
  const mine = sha256(`${eventId}:${userId}`);
  const place = order.indexOf(mine) + 1;
  console.log(place > 0 ? `# you are ${mine}: place ${place} of ${order.length}` : `# you (${mine}) are not in the list`);
}
