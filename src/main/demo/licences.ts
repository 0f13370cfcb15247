import type { Desk } from '../desk.js';
import kenya from '../../../resources/reference/kenya.json' with { type: 'json' };
import type { Random } from './random.js';
import { actorOf, anyOf, demoApplication, run } from './support.js';

export interface DemoLicences {
  issued: number;
  batches: number;
  batchesReceived: number;
  collected: number;
  byProxy: number;
  revoked: number;
}

/**
 * The licence story, through the officer's and the clerks' commands: licences for the paid
 * applications; batches to the centres with the most of them; the first centres' clerks confirm
 * arrival and hand some over (to the holder or a proxy); one licence still at the Board is revoked.
 */
export async function licenseDemo(desk: Desk, random: Random, refPrefix: string): Promise<DemoLicences> {
  const made: DemoLicences = { issued: 0, batches: 0, batchesReceived: 0, collected: 0, byProxy: 0, revoked: 0 };
  const db = desk.read;
  const paid = db
    .all(db.selectFrom('applications').select('id').where('state', '=', 'paid').where(demoApplication(refPrefix)).orderBy('application_ref'))
    .map((a) => a.id);
  const already = db.first(
    db.selectFrom('licences as l').innerJoin('applications as a', 'a.id', 'l.application_id').select('l.id').where(demoApplication(refPrefix)),
  );
  if (already) return made; // a second run changes nothing
  // A third of the paid applications wait for their licence, so `paid` shows too.
  const licensed = paid.slice(0, Math.floor((paid.length * 2) / 3));
  if (licensed.length === 0) return made;
  const officer = actorOf(desk, 'officer');
  const issued = await run(desk, 'licence.issue', { applicationIds: licensed }, officer);
  made.issued = issued.issued.length;

  const centres = db.all(
    db
      .selectFrom('licences as l')
      .innerJoin('centres as c', 'c.id', 'l.centre_id')
      .select(['c.id', 'c.code', (eb) => eb.fn.countAll<number>().as('n')])
      .where('l.state', '=', 'issued')
      .where('l.application_id', 'in', anyOf(licensed))
      .groupBy('c.id')
      .orderBy('n', 'desc')
      .orderBy('c.code')
      .limit(3),
  );
  // The last centre's licences stay issued, so every state shows; one of them is revoked.
  const toDispatch = centres.length > 1 ? centres.slice(0, -1) : centres;
  for (const [i, centre] of toDispatch.entries()) {
    const batch = await run(desk, 'batch.create', { centreId: centre.id }, officer);
    made.batches++;
    if (i === toDispatch.length - 1 && toDispatch.length > 1) continue; // one batch still on its way
    const clerk = actorOf(desk, `clerk.${centre.code.toLowerCase()}`);
    await run(desk, 'batch.receive', { batchId: batch.id }, clerk);
    made.batchesReceived++;
    const atCentre = db.all(db.selectFrom('licences').select('id').where('batch_id', '=', batch.id).orderBy('licence_no')).map((l) => l.id);
    for (const licenceId of atCentre.slice(0, Math.ceil(atCentre.length / 2))) {
      if (random.chance(0.3)) {
        const name = `${random.pick(kenya.first_names)} ${random.pick(kenya.last_names)}`;
        await run(
          desk,
          'licence.collect',
          {
            licenceId,
            collector: 'proxy',
            collectorName: name,
            collectorIdNo: String(random.int(20_000_000, 39_999_999)),
            note: "Signed authorisation letter from the holder, with a copy of the holder's ID",
          },
          clerk,
        );
        made.byProxy++;
      } else {
        await run(desk, 'licence.collect', { licenceId, collector: 'holder' }, clerk);
      }
      made.collected++;
    }
  }
  const stillIssued = db.first(
    db.selectFrom('licences').select('id').where('state', '=', 'issued').where('application_id', 'in', anyOf(licensed)).orderBy('licence_no').limit(1),
  )?.id;
  if (stillIssued) {
    await run(desk, 'licence.revoke', { licenceId: stillIssued, reason: 'Registration suspended by the Board after the licence was issued' }, officer);
    made.revoked++;
  }
  return made;
}
